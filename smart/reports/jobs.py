"""Large report files in the background (issue 7 §7): the handler the job
queue (``smart.jobs``) runs, and the view's way of starting it.

The view passes the release gate first (the request is the user's), then
starts the job with the page's parameters and the release that opened it;
the handler builds the same file as the request would (``reports.exports``),
records the release's use and the report's use, and tells the owner that the
file is ready (the bell).
"""

from __future__ import annotations

from django.urls import reverse

from smart.notifications.services import notify
from smart.releases.marking import release_note
from smart.releases.models import DataRelease
from smart.releases.services import release_use_record
from smart.reports.exports import as_query, duk_file, nominatif_file
from smart.reports.services import report_export_record

HANDLER = "smart.reports.jobs.export_job"


def export_job(job, run) -> dict:
    """Build the file of ``job.params`` for ``job.owner``; the result names it."""
    params = job.params
    user = job.owner
    release = (DataRelease.objects.get(pk=params["release"]) if params.get("release")
               else None)
    note = release_note(release, user, job.created_at) if release else ""
    query = as_query(params["query"])
    if params["report"] == "reports.duk":
        made = duk_file(run, user=user, query=query, fmt=params["format"], note=note,
                        label=params["label"])
    else:
        made = nominatif_file(run, user=user, query=query, fmt=params["format"], note=note)
    run.write_file(made.filename, made.content)
    if release is not None:
        release_use_record(release=release, actor=user, content=made.content,
                           filename=made.filename, rows=made.rows)
    report_export_record(actor=user, code=params["report"], params=params["query"],
                         rows=made.rows, filename=made.filename,
                         data_label=params.get("label", ""))
    url = reverse("jobs:detail", args=[job.id])
    notify(users=[user], message=f"Berkas {made.filename} ({made.rows} baris) siap diunduh.",
           url=url)
    return {"file": made.filename, "rows": made.rows}


def jobs_available() -> bool:
    try:
        import smart.jobs.services  # noqa: F401
    except ImportError:
        return False
    return True


def export_job_start(*, user, report: str, fmt: str, query: dict, label: str,
                     release: DataRelease | None, title: str):
    """Queue the file; None when the job queue is not installed (the caller then
    makes the file during the request)."""
    if not jobs_available():
        return None
    from smart.jobs.services import job_start

    return job_start(handler=HANDLER, owner=user, title=title, params={
        "report": report, "format": fmt, "query": query, "label": label,
        "release": release.pk if release else None})
