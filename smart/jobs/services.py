"""Starting, cancelling and resuming background jobs (the owner's side).

A job is started inside the caller's transaction and put on the queue when that
transaction commits, so the worker never looks for a job that is not there.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.http import Http404
from django.utils import timezone

from smart.audit.services import audit_record
from smart.jobs.models import Job, JobStatus, WorkerBeat
from smart.jobs.runner import worker_name


class JobError(ValueError):
    """A move that is not possible now; the message is for the user."""


def _enqueue(job: Job) -> None:
    from smart.jobs.tasks import run_job  # the queue's module imports these services

    job_id = str(job.pk)
    transaction.on_commit(lambda: run_job.enqueue(job_id))


def job_start(*, handler: str, owner, title: str, params: dict | None = None) -> Job:
    """Record the job and queue it; the page ``jobs:detail`` follows its progress."""
    with transaction.atomic():
        job = Job.objects.create(handler=handler, owner=owner, title=title[:200],
                                 params=params or {})
        audit_record(actor=owner, action="jobs.job.start", target=job, target_label=job.title,
                     data={"handler": handler})
        _enqueue(job)
    return job


def job_cancel(job: Job, *, actor) -> Job:
    """A queued job ends now; a running one stops at its next progress report."""
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job.pk)
        if not job.may_cancel:
            raise JobError("Tugas ini sudah selesai atau sedang dibatalkan.")
        job.cancel_requested = True
        fields = ["cancel_requested"]
        if job.status == JobStatus.QUEUED:
            job.status, job.finished_at = JobStatus.CANCELLED, timezone.now()
            fields += ["status", "finished_at"]
        job.save(update_fields=fields)
        audit_record(actor=actor, action="jobs.job.cancel", target=job, target_label=job.title)
    return job


def job_resume(job: Job, *, actor) -> Job:
    """Queue an interrupted or failed job again; it goes on from its checkpoint."""
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job.pk)
        if not job.may_resume:
            raise JobError("Hanya tugas yang terhenti atau gagal yang dapat dilanjutkan.")
        job.status, job.cancel_requested, job.error, job.finished_at = (
            JobStatus.QUEUED, False, "", None)
        job.save(update_fields=["status", "cancel_requested", "error", "finished_at"])
        audit_record(actor=actor, action="jobs.job.resume", target=job, target_label=job.title,
                     data={"checkpoint": bool(job.state), "attempts": job.attempts})
        _enqueue(job)
    return job


def jobs_mark_stalled(now=None) -> int:
    """Running jobs without a sign of life (a killed worker) become "interrupted"."""
    return Job.objects.stalled(now).update(status=JobStatus.INTERRUPTED,
                                           message="Pekerja latar belakang berhenti; "
                                                   "tugas dapat dilanjutkan.")


def worker_seen(now=None) -> None:
    now = now or timezone.now()
    WorkerBeat.objects.update_or_create(name=worker_name(), defaults={"last_seen": now})
    WorkerBeat.objects.filter(last_seen__lt=now - timedelta(days=1)).delete()


def worker_last_seen():
    """When any worker last showed life, or ``None``."""
    beat = WorkerBeat.objects.order_by("-last_seen").first()
    return beat.last_seen if beat else None


def get_job_for_user_or_404(user, job_id) -> Job:
    job = Job.objects.visible_to(user).filter(pk=job_id).first()
    if job is None:
        raise Http404
    return job
