"""The import's background jobs (``smart.jobs`` handlers): thin, they call
``imports.preview_import`` / ``imports.apply_import`` with the job's run.
A cancel leaves the batch "cancelled" (saying what was written), from where
the preview can run again."""

from __future__ import annotations

from django.urls import reverse

from smart.integrations.imports import apply_import, preview_import
from smart.integrations.models import ImportBatch
from smart.integrations.services import import_cancelled
from smart.jobs.runner import JobCancelled


def _batch(job) -> ImportBatch:
    return ImportBatch.objects.select_related("owner").get(pk=job.params["batch"])


def import_preview_job(job, run) -> dict:
    batch = _batch(job)
    try:
        result = preview_import(batch, run)
    except JobCancelled:
        import_cancelled(batch=batch, job=job)
        raise
    return {**result, "next_url": reverse("integrations:import_detail", args=[batch.pk])}


def import_apply_job(job, run) -> dict:
    """Resumes from the job's checkpoint when the job is run again."""
    batch = _batch(job)
    try:
        result = apply_import(batch, run, state=job.state)
    except JobCancelled:
        import_cancelled(batch=batch, job=job)  # job.state: the last committed chunk
        raise
    return {**result, "next_url": reverse("integrations:import_detail", args=[batch.pk])}
