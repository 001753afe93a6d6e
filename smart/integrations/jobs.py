"""The import's background jobs (``smart.jobs`` handlers): thin, they call
``imports.preview_import`` / ``imports.apply_import`` with the job's run."""

from __future__ import annotations

from django.urls import reverse

from smart.integrations.imports import apply_import, preview_import
from smart.integrations.models import ImportBatch


def _batch(job) -> ImportBatch:
    return ImportBatch.objects.select_related("owner").get(pk=job.params["batch"])


def import_preview_job(job, run) -> dict:
    batch = _batch(job)
    result = preview_import(batch, run)
    return {**result, "next_url": reverse("integrations:import_detail", args=[batch.pk])}


def import_apply_job(job, run) -> dict:
    """Resumes from the job's checkpoint when the job is run again."""
    batch = _batch(job)
    result = apply_import(batch, run, state=job.state)
    return {**result, "next_url": reverse("integrations:import_detail", args=[batch.pk])}
