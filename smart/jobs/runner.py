"""Running one job: the worker's side of ``smart.jobs``.

``execute_job`` is what the queue calls (``tasks.run_job``). It never runs
inside a transaction of its own around the handler: a handler that works in
chunks commits each chunk together with its checkpoint (``run.save_state``),
so a killed worker leaves whole chunks only and a resumed job goes on from
the last checkpoint.
"""

from __future__ import annotations

import logging
import os
import re
import socket
import time
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from smart.jobs.models import FINISHED, Job, JobStatus

log = logging.getLogger(__name__)

# Progress is written at most this often (seconds), and always at the end.
PROGRESS_INTERVAL = 0.5
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


class JobCancelled(Exception):
    """The owner pressed "cancel"; raised from ``JobRun.progress``."""


class JobFailure(Exception):
    """A handler's way to end the job with a message for the user (Indonesian)."""


def job_directory(job: Job) -> Path:
    return Path(settings.SMART_JOB_DIR) / str(job.pk)


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:100]


class JobRun:
    """What a handler gets to report progress, keep a checkpoint and leave a file."""

    def __init__(self, job: Job) -> None:
        self.job = job
        self._last_write = 0.0

    def progress(self, done: int, total: int | None = None, message: str = "") -> None:
        """Record how far the job is; raises ``JobCancelled`` once cancel was asked."""
        job = self.job
        job.done = max(0, int(done))
        if total is not None:
            job.total = max(0, int(total))
        if message:
            job.message = message[:300]
        now = time.monotonic()
        if now - self._last_write < PROGRESS_INTERVAL and job.done != job.total:
            return
        self._last_write = now
        job.heartbeat_at = timezone.now()
        Job.objects.filter(pk=job.pk).update(done=job.done, total=job.total,
                                             message=job.message,
                                             heartbeat_at=job.heartbeat_at)
        if Job.objects.filter(pk=job.pk, cancel_requested=True).exists():
            raise JobCancelled

    def save_state(self, state: dict) -> None:
        """Keep the checkpoint; call it inside the transaction of the chunk it marks."""
        self.job.state = state
        self.job.heartbeat_at = timezone.now()
        Job.objects.filter(pk=self.job.pk).update(state=state, heartbeat_at=self.job.heartbeat_at)

    def write_file(self, name: str, data: bytes) -> Path:
        """The job's downloadable result (only its owner may fetch it)."""
        safe = _SAFE_NAME.sub("-", name).strip(".-") or "hasil"
        folder = job_directory(self.job)
        folder.mkdir(parents=True, exist_ok=True)
        temporary = folder / f".{safe}.part"
        temporary.write_bytes(data)
        os.replace(temporary, folder / safe)
        self.job.result_file = safe
        Job.objects.filter(pk=self.job.pk).update(result_file=safe)
        return folder / safe


def _claim(job_id) -> Job | None:
    """Mark the job running, or ``None`` when there is nothing to run."""
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.status in FINISHED:
            return None  # a duplicate delivery, or a job finished meanwhile
        now = timezone.now()
        if job.cancel_requested:
            job.status, job.finished_at = JobStatus.CANCELLED, now
            job.save(update_fields=["status", "finished_at"])
            return None
        job.status = JobStatus.RUNNING
        job.started_at = job.started_at or now
        job.heartbeat_at = now
        job.attempts += 1
        job.worker = worker_name()
        job.error = ""
        job.save(update_fields=["status", "started_at", "heartbeat_at", "attempts", "worker",
                                "error"])
        return job


def _end(job: Job, status: str, **fields) -> None:
    fields.update(status=status, finished_at=timezone.now(), heartbeat_at=timezone.now())
    Job.objects.filter(pk=job.pk).update(**fields)
    for name, value in fields.items():
        setattr(job, name, value)


def execute_job(job_id) -> Job | None:
    """Run the job's handler once and record how it ended."""
    job = _claim(job_id)
    if job is None:
        return None
    if not job.handler.startswith("smart."):
        _end(job, JobStatus.FAILED, error="Jenis tugas tidak dikenal.")
        return job
    run = JobRun(job)
    try:
        handler = import_string(job.handler)
        result = handler(job, run) or {}
    except JobCancelled:
        _end(job, JobStatus.CANCELLED, message="Dibatalkan atas permintaan pengguna.")
    except JobFailure as failure:
        _end(job, JobStatus.FAILED, error=str(failure)[:2000])
    except Exception as error:  # the job fails, the worker lives on
        log.exception("job %s (%s) failed", job.pk, job.handler)
        _end(job, JobStatus.FAILED,
             error=f"Tugas berhenti karena kesalahan sistem ({type(error).__name__}). "
                   "Data yang sudah tersimpan tetap utuh; tugas dapat dijalankan lagi.")
    else:
        done = job.total or job.done
        _end(job, JobStatus.SUCCEEDED, result=result, done=done)
    return job
