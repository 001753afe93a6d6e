"""Issue 7 §7: files of more than LARGE_EXPORT_ROWS rows are made in the
background; the writing is a plain function taking ``run`` (the job's progress
reporter), so it is the same code during the request and in the job."""

from __future__ import annotations

import pytest
from django.urls import reverse

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


def test_above_the_threshold_without_the_queue_the_file_is_still_made(client, cast,
                                                                      monkeypatch):
    """Until smart.jobs is installed the large file is made during the request."""
    monkeypatch.setattr("smart.reports.views.LARGE_EXPORT_ROWS", 1)
    monkeypatch.setattr("smart.reports.jobs.jobs_available", lambda: False)
    make_employee("DINKES.PKM05", name="SATU")
    client.force_login(cast.admin_a)
    response = client.get(reverse("reports:nominatif_csv"))
    assert response.status_code == 200 and "SATU" in response.content.decode("utf-8-sig")


def test_above_the_threshold_the_file_is_a_background_job(client, cast, monkeypatch,
                                                          django_capture_on_commit_callbacks):
    pytest.importorskip("smart.jobs.services")
    from smart.jobs.models import Job
    from smart.notifications.models import Notification

    monkeypatch.setattr("smart.reports.views.LARGE_EXPORT_ROWS", 1)
    make_employee("DINKES.PKM05", name="SATU")
    client.force_login(cast.admin_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("reports:nominatif_xlsx"), {"columns": ["name"]})
    job = Job.objects.get(owner=cast.admin_a)
    assert response.status_code == 302 and response.url == reverse("jobs:detail", args=[job.id])
    job.refresh_from_db()
    assert job.status == "succeeded" and job.result["rows"] == job.total
    assert Notification.objects.filter(user=cast.admin_a, url__contains=str(job.id)).exists()
    assert exports.LARGE_EXPORT_ROWS == 2000
