"""R-ME (Pasal 26–28): the M&E dashboard and the monthly evaluation report PDF."""

from __future__ import annotations

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from smart.audit.models import AuditEvent
from smart.audit.services import audit_record
from smart.monitoring.figures import usage_by_month
from smart.monitoring.period import Month, this_month
from smart.monitoring.tests.scenery import fill_gaps, make_campaign
from smart.operations.models import Job, OperationRun
from tests.personas import make_employee

pytestmark = pytest.mark.django_db
DASHBOARD = reverse("monitoring:dashboard")
PDF = reverse("monitoring:evaluation_pdf")


def _runs():
    now = timezone.now()
    OperationRun.objects.create(job=Job.BACKUP, started_at=now - datetime.timedelta(hours=2),
                                finished_at=now - datetime.timedelta(hours=2), ok=True,
                                archive="smart-a.tar.gz.gpg")
    OperationRun.objects.create(job=Job.BACKUP, started_at=now, finished_at=now, ok=False,
                                summary="disk penuh")
    OperationRun.objects.create(job=Job.RESTORE_DRILL, started_at=now, finished_at=now,
                                ok=True)


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_dashboard_shows_the_month(client, cast, november):
    """R-ME: completeness per OPD, the deadlines of November per stage, the last
    backup (and the failed attempt after it) and the drill."""
    fill_gaps(cast)
    _runs()
    client.force_login(cast.system_manager)
    response = client.get(DASHBOARD, {"bulan": "2026-11"})
    assert response.status_code == 200
    figures = response.context["figures"]
    assert figures.deadlines_total.stages["forward"].within == 3
    assert figures.maintenance.failures_recent == 1
    assert figures.maintenance.last_good_backup.archive == "smart-a.tar.gz.gpg"
    body = response.content.decode()
    assert "disk penuh" in body and "monitoring-charts" in body
    names = {line.name for line in figures.completeness.lines}
    assert {"Dinas Kesehatan", "Dinas Pendidikan, Pemuda dan Olahraga"} <= names


def test_the_dashboard_query_count_does_not_grow_with_the_employees(client, cast, november):
    fill_gaps(cast)
    make_campaign(cast)
    client.force_login(cast.system_manager)
    client.get(DASHBOARD)
    with CaptureQueriesContext(connection) as before:
        client.get(DASHBOARD, {"bulan": "2026-11"})
    for n in range(15):
        make_employee("DISDIK.01", name=f"GURU {n}")
    with CaptureQueriesContext(connection) as after:
        client.get(DASHBOARD, {"bulan": "2026-11"})
    assert len(after) == len(before)
    assert len(before) <= 26, [q["sql"][:60] for q in before.captured_queries]


def test_usage_counts_audit_events_per_month(cast):
    """Pasal 26: sign-ins and report exports of this month are counted in its column."""
    for _ in range(3):
        audit_record(actor=cast.admin_a, action="accounts.signin.success", target=cast.admin_a)
    audit_record(actor=cast.admin_a, action="reports.export", target_label="reports.duk")
    audit_record(actor=cast.admin_a, action="accounts.signin.failure")  # not a use
    month = this_month()
    usage = usage_by_month(month, months=3)
    assert usage.months == [month.back(2), month.back(1), month]
    assert usage.series["accounts.signin.success"] == [0, 0, 3]
    assert usage.of(month)["reports.export"] == 1


@pytest.mark.skipif(connection.vendor == "postgresql",
                    reason="the PostgreSQL trigger refuses to move an audit event in time")
def test_usage_months_are_jakarta_months(cast):
    """An event at 23.30 WIB on 30 November (16.30 UTC) counts for November, one at
    00.30 WIB on 1 December (17.30 UTC on 30 November) for December."""
    for _ in range(2):
        audit_record(actor=cast.admin_a, action="accounts.signin.success", target=cast.admin_a)
    first, second = AuditEvent.objects.order_by("seq")
    AuditEvent.objects.filter(pk=first.pk).update(
        at=timezone.make_aware(datetime.datetime(2026, 11, 30, 23, 30)))
    AuditEvent.objects.filter(pk=second.pk).update(
        at=timezone.make_aware(datetime.datetime(2026, 12, 1, 0, 30)))
    usage = usage_by_month(Month(2026, 12), months=2)
    assert usage.series["accounts.signin.success"] == [1, 1]


def test_the_monthly_report_pdf_holds_the_figures(client, cast, november):
    """Pasal 26(2): the PDF opens, has the kop surat, the month, the figures with
    their commentary and the signature block; its export is audited."""
    fill_gaps(cast)
    make_campaign(cast, start=datetime.date(2026, 11, 2), deadline=datetime.date(2027, 2, 1))
    _runs()
    client.force_login(cast.system_manager)
    response = client.get(PDF, {"bulan": "2026-11"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(_pdf_text(response.content).split())
    for expected in ("PEMERINTAH KABUPATEN KUANTAN SINGINGI",
                     "LAPORAN HASIL MONITORING DAN EVALUASI SMART", "November 2026",
                     "Dinas Kesehatan",
                     "Dari 5 usulan dengan tenggat penerusan oleh Admin OPD pada bulan ini, 3 "
                     "diteruskan tepat waktu dan 2 melewati 10 hari kerja (ketepatan waktu 60,0%)",
                     "ketepatan waktu 20,0%", "Perekaman 2026",
                     "Percobaan cadangan terakhir gagal", "Uji pemulihan terakhir berhasil",
                     "Teluk Kuantan", "NIP"):
        assert expected in text, expected
    assert AuditEvent.objects.filter(action="reports.export",
                                     target_label="monitoring.evaluation").exists()


def test_the_monthly_report_says_when_there_was_nothing(client, cast):
    client.force_login(cast.system_manager)
    text = " ".join(_pdf_text(client.get(PDF, {"bulan": "2026-10"}).content).split())
    assert "Tidak ada usulan dengan tenggat penerusan oleh Admin OPD pada bulan ini." in text
    assert "Belum ada cadangan data (backup) yang berhasil" in text


def test_the_hr_manager_of_one_agency_sees_that_agency_only(client, cast, november):
    client.force_login(cast.hr_manager_b)
    response = client.get(DASHBOARD, {"bulan": "2026-11"})
    names = {line.name for line in response.context["figures"].completeness.lines}
    assert names == {"Dinas Pendidikan, Pemuda dan Olahraga"}
    text = _pdf_text(client.get(PDF, {"bulan": "2026-11"}).content)
    assert "Dinas Kesehatan" not in text and "Dinas Pendidikan, Pemuda" in text


def test_the_queue_tile_reads_the_jobs_and_the_schedule(client, cast):
    """R-ME "job queue health": a stalled job, a failed scheduled run and a silent
    worker are on the dashboard."""
    from smart.jobs.models import Job as BackgroundJob
    from smart.jobs.models import JobStatus, WorkerBeat
    from smart.operations.models import ScheduledRun

    now = timezone.now()
    BackgroundJob.objects.create(handler="smart.x.y", title="Impor", owner=cast.system_manager,
                                 status=JobStatus.RUNNING,
                                 heartbeat_at=now - datetime.timedelta(hours=1))
    BackgroundJob.objects.create(handler="smart.x.y", title="Antre", status=JobStatus.QUEUED)
    ScheduledRun.objects.create(schedule="backup", due_at=now, started_at=now,
                                finished_at=now, ok=False, summary="gagal")
    WorkerBeat.objects.create(name="host:1", last_seen=now - datetime.timedelta(hours=2))
    client.force_login(cast.system_manager)
    queue = client.get(DASHBOARD).context["figures"].queue
    assert (queue.waiting, queue.running, queue.stalled) == (1, 1, 1)
    assert queue.schedule_failures_recent == 1
    assert not queue.worker_alive and not queue.healthy
    WorkerBeat.objects.update(last_seen=now)
    assert client.get(DASHBOARD).context["figures"].queue.worker_alive


def test_the_backup_tile_uses_the_health_endpoints_age_limit(settings):
    """/sehat/ and the dashboard read one setting: a backup 30 hours old is fine
    for both with a 48-hour limit and late for both with the default 26."""
    from smart.monitoring.figures import maintenance_status

    now = timezone.now()
    OperationRun.objects.create(job=Job.BACKUP, started_at=now - datetime.timedelta(hours=30),
                                finished_at=now - datetime.timedelta(hours=30), ok=True)
    settings.SMART_BACKUP_MAX_AGE_HOURS = 48
    assert maintenance_status().backup_ok is True
    settings.SMART_BACKUP_MAX_AGE_HOURS = 26
    assert maintenance_status().backup_ok is False


def test_the_dashboards_and_the_public_page_agree_on_completeness(client, cast, november):
    """One definition of a complete record: the leadership dashboard, the M&E
    figures and the public page show the same share and count for the same
    employees (they once showed 95 %, 77.1 % and "0 complete")."""
    from smart.monitoring.figures import monitoring_scope, month_figures
    from smart.reports.dashboard import executive_dashboard

    fill_gaps(cast)
    board = executive_dashboard(cast.leader).completeness.progress
    figures = month_figures(this_month(), monitoring_scope(cast.system_manager),
                            cast.system_manager).completeness.total
    public = client.get(reverse("monitoring:public")).context["figures"].completeness.total
    assert board.employees == figures.employees == public.employees > 0
    assert board.percent == figures.percent == public.percent < 100
    assert board.complete == figures.complete == public.complete
    client.force_login(cast.leader)
    page = client.get(reverse("reports:dashboard")).content.decode()
    assert f"{board.complete} dari {board.employees} pegawai lengkap" in page


def test_the_lowest_agencies_are_listed_lowest_first_under_their_heading(client, cast):
    """The heading "15 OPD with the lowest completeness" sits over those 15,
    lowest first; every OPD by name is in a list of its own (it once sat over
    all 44 by name)."""
    import re

    from smart.monitoring.figures import LOWEST_UNITS

    fill_gaps(cast)
    client.force_login(cast.system_manager)
    page = client.get(DASHBOARD)
    completeness = page.context["figures"].completeness
    lowest = page.context["lowest"]
    shares = [line.percent for line in lowest]
    assert shares == sorted(shares) and len(lowest) == min(
        LOWEST_UNITS, len([line for line in completeness.lines if line.employees]))
    assert min(line.percent for line in completeness.lines if line.employees) == shares[0]
    body = page.content.decode()
    table = body[body.index('id="completeness-lowest"'):body.index('id="completeness-all"')]
    names = re.findall(r"<tr><td>([^<]+)</td>", table)
    assert names == [line.name for line in lowest]
    assert len(lowest) > 1 and names != sorted(names)  # not by name
