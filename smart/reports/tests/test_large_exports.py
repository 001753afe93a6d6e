"""Issue 7 §7: files of more than SMART_LARGE_EXPORT_ROWS rows are made in the
background; the writing is a plain function taking ``run`` (the job's progress
reporter), so it is the same code during the request and in the job."""

from __future__ import annotations

import pytest
from django.urls import reverse

from smart.jobs.models import Job
from smart.notifications.models import Notification
from smart.releases.policies import Export
from smart.releases.services import release_move, release_request
from smart.reports import exports
from smart.reports.exports import as_query, counted, nominatif_file
from smart.reports.tests.xlsx import read_xlsx
from tests.personas import make_employee

pytestmark = pytest.mark.django_db


class Recorder:
    """What the job queue's ``run`` is told, kept for the assertions."""

    def __init__(self):
        self.calls = []

    def progress(self, done, total, message=""):
        self.calls.append((done, total))


def test_counted_reports_progress_every_250_rows_and_at_the_end():
    run = Recorder()
    assert list(counted(range(600), 600, run)) == list(range(600))
    assert run.calls == [(250, 600), (500, 600), (600, 600)]


def test_the_nominatif_file_is_written_with_progress_for_the_users_scope(cast):
    make_employee("DINKES.PKM05", name="SATU")
    make_employee("DISDIK.KORWIL03.SD1", name="DI LUAR")
    run = Recorder()
    made = nominatif_file(run, user=cast.admin_a, query=as_query({"columns": ["name"]}),
                          fmt="xlsx", note="")
    names = set(read_xlsx(made.content)["cells"].values())
    assert "SATU" in names and "DI LUAR" not in names
    assert run.calls[-1] == (made.rows, made.rows) and made.filename.endswith(".xlsx")


def test_above_the_threshold_the_file_is_a_background_job(client, cast, settings,
                                                          django_capture_on_commit_callbacks):
    settings.SMART_LARGE_EXPORT_ROWS = 1
    make_employee("DINKES.PKM05", name="SATU")
    client.force_login(cast.admin_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("reports:nominatif_xlsx"), {"columns": ["name"]})
    job = Job.objects.get(owner=cast.admin_a)
    assert response.status_code == 302 and response.url == reverse("jobs:detail", args=[job.id])
    job.refresh_from_db()
    assert job.status == "succeeded" and job.result["rows"] == job.total
    assert Notification.objects.filter(user=cast.admin_a, url__contains=str(job.id)).exists()


def test_a_large_file_under_a_release_carries_its_line_and_records_its_use(
        client, cast, settings, django_capture_on_commit_callbacks):
    """R-CONF-2: the job's file is marked like the request's would be, and the
    release keeps the use; an expired release ends the job with a message."""
    from smart.releases.models import DataReleaseUse

    settings.SMART_LARGE_EXPORT_ROWS = 1
    settings.SMART_RELEASE_ROW_THRESHOLD = 1
    for n in range(3):
        make_employee("DINKES.PKM05", name=f"ORANG {n}")
    client.force_login(cast.admin_a)
    params = {"columns": ["name"]}
    assert client.get(reverse("reports:nominatif_csv"), params).status_code == 403
    count = len(list(exports.nominatif_parts(cast.admin_a, exports.as_query(params))[1]))
    release = release_request(requester=cast.admin_a, purpose="Rekap bulanan", export=Export(
        code="reports.nominatif", label="Daftar nominatif", rows=count, specific=False,
        params={"columns": ["name"]}))
    release_move(release=release, move_name="approve", actor=cast.system_manager, note="ok")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("reports:nominatif_csv"), params)
    job = Job.objects.get(owner=cast.admin_a)
    job.refresh_from_db()
    assert response.status_code == 302 and job.status == "succeeded", job.error
    content = client.get(reverse("jobs:file", args=[job.id])).getvalue().decode("utf-8-sig")
    assert content.startswith("Dirilis untuk") and f"#{release.pk}" in content.splitlines()[0]
    assert DataReleaseUse.objects.filter(release=release, filename=job.result["file"]).exists()


def _run_job(client, url, params, django_capture_on_commit_callbacks, owner):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(url, params)
    job = Job.objects.get(owner=owner)
    assert response.status_code == 302 and response.url == reverse("jobs:detail", args=[job.id])
    job.refresh_from_db()
    assert job.status == "succeeded", job.error
    return job


def test_a_duk_above_the_threshold_is_a_background_job_with_the_same_file(
        client, cast, settings, django_capture_on_commit_callbacks):
    """The ``_duk_file`` branch over the limit: the job writes the DUK of the
    page's parameters, records its use and tells the owner."""
    from smart.reports.models import ReportUse, UseKind

    settings.SMART_LARGE_EXPORT_ROWS = 1
    make_employee("DINKES.PKM05", name="SATU")
    make_employee("DINKES.PKM05", name="DUA")
    client.force_login(cast.admin_a)
    job = _run_job(client, reverse("reports:duk_xlsx"), {"on": "2026-01-01"},
                   django_capture_on_commit_callbacks, cast.admin_a)
    assert job.params["report"] == "reports.duk" and job.result["rows"] >= 3
    assert job.result["file"].startswith("DUK-kabupaten-20260101")
    content = b"".join(client.get(reverse("jobs:file", args=[job.id])).streaming_content)
    names = set(read_xlsx(content)["cells"].values())
    assert {"SATU", "DUA"} <= names
    use = ReportUse.objects.get(kind=UseKind.FILE)
    assert use.report == "reports.duk" and use.rows == job.result["rows"]
    assert Notification.objects.filter(user=cast.admin_a, url__contains=str(job.id)).exists()


@pytest.mark.parametrize(("name", "params", "code"), [
    ("reports:retirement_xlsx", {}, "reports.retirement"),
    ("reports:kgb_pdf", {"start": "2026-01-01", "end": "2026-12-31"}, "reports.kgb"),
    ("reports:promotion_xlsx", {"on": "2026-09-15"}, "reports.promotion"),
    ("reports:statistics_xlsx", {}, "reports.statistics"),
    ("reports:statistics_pdf", {}, "reports.statistics"),
    ("reports:leave_xlsx", {"start": "2026-01-01", "end": "2026-12-31"}, "reports.leave"),
    ("reports:leave_pdf", {}, "reports.leave"),
])
def test_due_lists_and_recaps_above_the_threshold_are_background_jobs(
        client, cast, settings, django_capture_on_commit_callbacks, name, params, code):
    """The same route as the DUK's and the nominatif's (-1: even an empty list
    is above it, so the job's path is taken whatever the cast holds)."""
    from smart.reports.models import ReportUse, UseKind

    settings.SMART_LARGE_EXPORT_ROWS = -1
    client.force_login(cast.verifier)
    job = _run_job(client, reverse(name), params, django_capture_on_commit_callbacks,
                   cast.verifier)
    assert job.params["report"] == code
    assert job.result["file"].endswith(name.rsplit("_", 1)[1])
    assert ReportUse.objects.get(kind=UseKind.FILE).report == code
    if "start" in params:
        assert job.params["query"]["start"] == [params["start"]]


def test_the_background_threshold_is_2000_rows_unless_configured():
    from django.conf import settings as configured

    from smart.reports.exports import large_export_rows

    assert configured.SMART_LARGE_EXPORT_ROWS == 2000 == large_export_rows()
