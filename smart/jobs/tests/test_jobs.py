"""Background jobs (issue 6 item 5, issue 7 item 7): progress, cancel, a killed
worker that leaves a resumable job, the result file only for its owner."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from huey.storage import SqliteStorage

from smart.audit.models import AuditEvent
from smart.jobs.models import Job, JobStatus
from smart.jobs.services import (
    JobError,
    job_cancel,
    job_resume,
    job_start,
    jobs_mark_stalled,
    worker_last_seen,
    worker_seen,
)

pytestmark = pytest.mark.django_db
H = "smart.jobs.tests.handlers."


def _start(owner, handler, capture, **params):
    with capture(execute=True):
        job = job_start(handler=H + handler, owner=owner, title="Uji", params=params)
    job.refresh_from_db()
    return job


def test_a_job_runs_after_commit_and_records_progress_and_result(cast,
                                                               django_capture_on_commit_callbacks):
    job = _start(cast.verifier, "count_to", django_capture_on_commit_callbacks, n=5)
    assert job.status == JobStatus.SUCCEEDED
    assert (job.done, job.total, job.percent) == (5, 5, 100)
    assert job.result == {"seen": [0, 1, 2, 3, 4], "attempts": 1}
    assert job.message == "5 dari 5"
    assert job.finished_at is not None
    assert AuditEvent.objects.filter(action="jobs.job.start", target_id=str(job.pk)).exists()


def test_nothing_is_queued_when_the_starting_transaction_rolls_back(
        cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        job_start(handler=H + "count_to", owner=cast.verifier, title="Uji", params={"n": 1})
    assert len(callbacks) == 1  # enqueued only by the commit, never before it


def test_a_refusal_fails_the_job_with_the_users_message(cast, django_capture_on_commit_callbacks):
    job = _start(cast.verifier, "refuse", django_capture_on_commit_callbacks)
    assert job.status == JobStatus.FAILED
    assert job.error == "Berkas tidak dapat dibaca: kolom NIP tidak ada."
    assert job.may_resume


def test_a_bug_fails_the_job_and_the_next_job_still_runs(cast,
                                                         django_capture_on_commit_callbacks):
    broken = _start(cast.verifier, "crash", django_capture_on_commit_callbacks)
    assert broken.status == JobStatus.FAILED
    assert "ZeroDivisionError" in broken.error and "Traceback" not in broken.error
    after = _start(cast.verifier, "count_to", django_capture_on_commit_callbacks, n=2)
    assert after.status == JobStatus.SUCCEEDED


def test_cancel_of_a_queued_job_means_it_never_runs(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        job = job_start(handler=H + "count_to", owner=cast.verifier, title="Uji",
                        params={"n": 3})
    job_cancel(job, actor=cast.verifier)
    for callback in callbacks:
        callback()  # the worker picks it up after all
    job.refresh_from_db()
    assert job.status == JobStatus.CANCELLED
    assert job.done == 0 and job.result == {}
    with pytest.raises(JobError):
        job_cancel(job, actor=cast.verifier)


def test_cancel_of_a_running_job_stops_it_at_its_next_step(cast,
                                                          django_capture_on_commit_callbacks):
    job = _start(cast.verifier, "cancel_midway", django_capture_on_commit_callbacks)
    assert job.status == JobStatus.CANCELLED
    assert job.done == 4  # the step in which cancel was asked, not one more
    assert job.result == {}


def test_a_killed_worker_leaves_an_interrupted_job_that_resumes_from_its_checkpoint(
        cast, django_capture_on_commit_callbacks, settings):
    with pytest.raises(SystemExit), django_capture_on_commit_callbacks(execute=True):
        job_start(handler=H + "count_to", owner=cast.verifier, title="Uji",
                  params={"n": 6, "stop_at": 4})
    job = Job.objects.get()
    assert job.status == JobStatus.RUNNING and job.state["next"] == 4
    assert jobs_mark_stalled() == 0  # still within the stall limit
    later = timezone.now() + timedelta(seconds=settings.SMART_JOB_STALL_SECONDS + 1)
    assert jobs_mark_stalled(later) == 1
    job.refresh_from_db()
    assert job.status == JobStatus.INTERRUPTED and job.may_resume
    with django_capture_on_commit_callbacks(execute=True):
        job_resume(job, actor=cast.verifier)
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    assert job.result == {"seen": [0, 1, 2, 3, 4, 5], "attempts": 2}  # each step once


def test_the_real_queue_carries_the_job_to_a_worker(cast, tmp_path,
                                                    django_capture_on_commit_callbacks):
    """Through huey's SQLite queue file, as ``run_huey`` would, not immediate mode."""
    from huey.contrib.djhuey import HUEY

    saved = HUEY.immediate, HUEY.storage
    # (Not the ``immediate`` setter: it would open the configured queue, not this file.)
    HUEY._immediate = False
    HUEY.storage = SqliteStorage("smart-test", filename=str(tmp_path / "queue.sqlite3"))
    try:
        with django_capture_on_commit_callbacks(execute=True):
            job = job_start(handler=H + "count_to", owner=cast.verifier, title="Uji",
                            params={"n": 3})
        job.refresh_from_db()
        assert job.status == JobStatus.QUEUED  # waiting: no worker has run yet
        assert HUEY.pending_count() == 1
        task = HUEY.dequeue()
        HUEY._immediate = True  # keep the test's database connection open
        HUEY.execute(task)
    finally:
        HUEY._immediate, HUEY.storage = saved
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED and job.result["seen"] == [0, 1, 2]


def test_an_unknown_handler_fails_without_importing_anything(cast,
                                                             django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = job_start(handler="os.system", owner=cast.verifier, title="Uji")
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.error == "Jenis tugas tidak dikenal."


def test_worker_signs_of_life():
    assert worker_last_seen() is None
    worker_seen()
    assert timezone.now() - worker_last_seen() < timedelta(seconds=5)


def test_the_pages_show_the_owner_the_progress_and_the_file(client, cast,
                                                            django_capture_on_commit_callbacks):
    job = _start(cast.verifier, "write_report", django_capture_on_commit_callbacks)
    client.force_login(cast.verifier)
    page = client.get(reverse("jobs:detail", args=[job.pk]))
    assert page.status_code == 200
    assert reverse("jobs:file", args=[job.pk]).encode() in page.content
    assert "hx-trigger" not in page.content.decode()  # finished: no more polling
    download = client.get(reverse("jobs:file", args=[job.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"PK\x03\x04 fake xlsx bytes"
    assert "laporan-duk.xlsx" in download["Content-Disposition"]
    assert job.title in client.get(reverse("jobs:list")).content.decode()


def test_a_running_job_is_polled_and_htmx_gets_the_fragment(client, cast):
    job = Job.objects.create(handler=H + "count_to", owner=cast.verifier, title="Uji",
                             status=JobStatus.RUNNING, done=3, total=12)
    client.force_login(cast.verifier)
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in page and 'value="25"' in page
    fragment = client.get(reverse("jobs:detail", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert b"<html" not in fragment.content and b'id="job-progress"' in fragment.content
    Job.objects.filter(pk=job.pk).update(status=JobStatus.SUCCEEDED)
    done = client.get(reverse("jobs:detail", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert done["HX-Refresh"] == "true"


@pytest.mark.parametrize("name", ["jobs:detail", "jobs:file", "jobs:cancel", "jobs:resume"])
def test_someone_elses_job_is_not_there(client, cast, name,
                                        django_capture_on_commit_callbacks):
    job = _start(cast.verifier, "write_report", django_capture_on_commit_callbacks)
    Job.objects.filter(pk=job.pk).update(status=JobStatus.FAILED)  # resumable, if it were theirs
    client.force_login(cast.system_manager)
    url = reverse(name, args=[job.pk])
    response = client.post(url) if name in ("jobs:cancel", "jobs:resume") else client.get(url)
    assert response.status_code == 404
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED


def test_cancel_and_resume_through_the_pages(client, cast, django_capture_on_commit_callbacks):
    job = Job.objects.create(handler=H + "count_to", owner=cast.verifier, title="Uji",
                             params={"n": 2}, status=JobStatus.INTERRUPTED)
    client.force_login(cast.verifier)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("jobs:resume", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    response = client.post(reverse("jobs:cancel", args=[job.pk]), follow=True)
    assert "sudah selesai" in response.content.decode()


def test_a_job_of_unknown_length_shows_rows_read_never_0_of_0(
        client, cast, django_capture_on_commit_callbacks):
    """User test: an import preview's job page said "0 dari 0 (100%)"."""
    job = _start(cast.verifier, "read_unknown_length", django_capture_on_commit_callbacks, n=4)
    assert (job.status, job.done, job.total) == (JobStatus.SUCCEEDED, 4, None)
    client.force_login(cast.verifier)
    text = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "4 diproses" in text and "0 dari 0" not in text
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, done=2)
    text = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "2 diproses sejauh ini" in text and "%)" not in text
