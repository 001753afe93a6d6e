"""Large report files in the background (issue 7 §7): the handler the job
queue (``smart.jobs``) runs, and the view's way of starting it.

The view passes the release gate first (the request is the user's), then
starts the job with the page's parameters and the release that opened it;
the handler builds the same file as the request would (``reports.exports``),
records the release's use and the report's use, and tells the owner that the
file is ready (the bell).
"""

from __future__ import annotations

from django.http import Http404
from django.urls import reverse

from smart.jobs.runner import JobFailure
from smart.jobs.services import job_start
from smart.notifications.services import notify
from smart.releases.marking import release_note
from smart.releases.models import DataRelease
from smart.releases.services import ReleaseRefused, release_use_record
from smart.reports.exports import (
    DUE_FILES,
    RECAP_FILES,
    StaleParameters,
    as_query,
    due_file,
    duk_file,
    duk_parameters,
    nominatif_file,
    recap_file,
    statistics_file,
)
from smart.reports.services import report_export_record

HANDLER = "smart.reports.jobs.export_job"


def export_job(job, run) -> dict:
    """Build the file of ``job.params`` for ``job.owner``; the result names it.

    The owner's scope and release are read again when the job runs: a role
    withdrawn or a release expired since the click ends the job with a message."""
    params = job.params
    user = job.owner
    release = (DataRelease.objects.filter(pk=params["release"]).first()
               if params.get("release") else None)
    if params.get("release") and (release is None or not release.is_usable):
        raise JobFailure("Persetujuan rilis data untuk berkas ini tidak berlaku lagi.")
    note = release_note(release, user, job.created_at) if release else ""
    query = as_query(params["query"])
    try:
        made = _build(run, user, params["report"], query, params["format"], note,
                      params.get("label", ""))
    except Http404:
        raise JobFailure("Anda tidak lagi mempunyai peran untuk membuka laporan ini.") from None
    except StaleParameters:
        raise JobFailure("Parameter laporan tidak valid lagi.") from None
    run.write_file(made.filename, made.content)
    if release is not None:
        try:
            release_use_record(release=release, actor=user, content=made.content,
                               filename=made.filename, rows=made.rows)
        except ReleaseRefused as refused:
            raise JobFailure(str(refused)) from None
    report_export_record(actor=user, code=params["report"], params=params["query"],
                         rows=made.rows, filename=made.filename,
                         data_label=params.get("label", ""))
    notify(users=[user], url=reverse("jobs:detail", args=[job.id]),
           message=f"Berkas {made.filename} ({made.rows} baris) siap diunduh.")
    return {"file": made.filename, "rows": made.rows}


def _build(run, user, report: str, query, fmt: str, note: str, label: str):
    """The file of one report code ("reports.kgb"), as the view would make it."""
    key = report.removeprefix("reports.")
    common = {"user": user, "query": query, "fmt": fmt, "note": note}
    if report == "reports.duk":
        if duk_parameters(user, query) is None:
            raise JobFailure("Parameter DUK tidak valid lagi.")
        return duk_file(run, label=label, **common)
    if report == "reports.nominatif":
        return nominatif_file(run, label=label, **common)
    if key in DUE_FILES:
        return due_file(run, key=key, label=label, **common)
    if key in RECAP_FILES:
        return recap_file(run, key=key, label=label, **common)
    if report == "reports.statistics":
        return statistics_file(run, label=label, **common)
    raise JobFailure(f"Laporan {report} tidak dikenal.")


def export_job_start(*, user, report: str, fmt: str, query: dict, label: str,
                     release: DataRelease | None, title: str):
    """Queue the file with the page's parameters and the release that opened it."""
    return job_start(handler=HANDLER, owner=user, title=title, params={
        "report": report, "format": fmt, "query": query, "label": label,
        "release": release.pk if release else None})
