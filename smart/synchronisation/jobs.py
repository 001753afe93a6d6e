"""The comparison of a big export as a background job (``smart.jobs``)."""

from __future__ import annotations

from django.urls import reverse

from smart.jobs.runner import JobFailure
from smart.synchronisation.models import SyncRun
from smart.synchronisation.services import sync_run_compare


def compare_export(job, run) -> dict:
    """Compare the export kept for ``job.params["run"]``; a re-run or a resumed
    job starts the comparison afresh (its differences are rebuilt, never doubled)."""
    sync_run = SyncRun.objects.select_related("scope_unit", "uploaded_by").get(
        pk=job.params["run"])
    result = sync_run_compare(sync_run=sync_run, run=run)
    if result["status"] == "failed":
        raise JobFailure(result["error"])
    return {**result, "next_url": reverse("synchronisation:run_detail", args=[sync_run.pk])}
