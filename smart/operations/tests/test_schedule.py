"""Periodic jobs in Jakarta time that catch up after downtime (issue 8 item 1,
stack.md §4: huey alone does not run what it missed, huey #751)."""

import datetime
import zoneinfo

import pytest

from smart.operations.models import ScheduledRun
from smart.operations.schedule import Schedule, ScheduleError, run_due_schedules, schedules
from smart.operations.tests import scheduled

pytestmark = pytest.mark.django_db
WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
DAILY = Schedule("uji-harian", "01:15", "smart.operations.tests.scheduled.record_call")
WEEKLY = Schedule("uji-mingguan", "sun 03:30", "smart.operations.tests.scheduled.record_call")


def at(*args):
    return datetime.datetime(*args, tzinfo=WIB)


@pytest.fixture(autouse=True)
def no_calls():
    scheduled.CALLS.clear()


def test_the_occasion_is_in_jakarta_time():
    # 01:15 WIB is 18:15 UTC of the day before.
    assert DAILY.last_due(at(2026, 12, 4, 1, 20)) == at(2026, 12, 4, 1, 15)
    assert DAILY.last_due(at(2026, 12, 4, 1, 10)) == at(2026, 12, 3, 1, 15)
    utc = datetime.datetime(2026, 12, 3, 18, 16, tzinfo=datetime.UTC)
    assert DAILY.last_due(utc) == at(2026, 12, 4, 1, 15)
    # 2026-12-06 is a Sunday.
    assert WEEKLY.last_due(at(2026, 12, 6, 4, 0)) == at(2026, 12, 6, 3, 30)
    assert WEEKLY.last_due(at(2026, 12, 6, 3, 0)) == at(2026, 11, 29, 3, 30)
    assert WEEKLY.last_due(at(2026, 12, 9, 12, 0)) == at(2026, 12, 6, 3, 30)


def test_each_occasion_runs_once_however_often_the_worker_wakes():
    first = run_due_schedules(at(2026, 12, 4, 1, 20), only=[DAILY])
    again = run_due_schedules(at(2026, 12, 4, 1, 25), only=[DAILY])
    assert (len(first), len(again), scheduled.CALLS) == (1, 0, ["ran"])
    run = ScheduledRun.objects.get()
    assert run.ok is True and run.summary == "berhasil" and run.finished_at is not None
    run_due_schedules(at(2026, 12, 5, 1, 16), only=[DAILY])
    assert scheduled.CALLS == ["ran", "ran"]


def test_after_downtime_the_missed_occasion_runs_once_at_the_first_wake_up():
    run_due_schedules(at(2026, 12, 4, 1, 20), only=[DAILY])
    # The server was off from Friday night to Monday 08:00.
    served = run_due_schedules(at(2026, 12, 7, 8, 0), only=[DAILY])
    assert [run.due_at for run in served] == [at(2026, 12, 7, 1, 15)]
    assert scheduled.CALLS == ["ran", "ran"]  # not once per missed day


def test_a_failure_is_recorded_and_the_next_occasion_tries_again():
    failing = Schedule("uji-gagal", "01:15", "smart.operations.tests.scheduled.fail")
    [run] = run_due_schedules(at(2026, 12, 4, 2, 0), only=[failing])
    assert run.ok is False and "disk penuh" in run.summary
    assert run_due_schedules(at(2026, 12, 4, 2, 5), only=[failing]) == []
    assert len(run_due_schedules(at(2026, 12, 5, 2, 0), only=[failing])) == 1


def test_a_claim_left_by_a_killed_worker_is_taken_over_after_two_hours():
    ScheduledRun.objects.create(schedule=DAILY.name, due_at=at(2026, 12, 4, 1, 15),
                                started_at=at(2026, 12, 4, 1, 16))
    assert run_due_schedules(at(2026, 12, 4, 2, 0), only=[DAILY]) == []  # maybe still running
    [run] = run_due_schedules(at(2026, 12, 4, 3, 30), only=[DAILY])
    assert run.ok is True and ScheduledRun.objects.count() == 1
    assert scheduled.CALLS == ["ran"]


def test_the_configured_schedules_name_real_jobs(settings):
    from django.utils.module_loading import import_string

    configured = {s.name: s for s in schedules()}
    assert {"backup", "archive-check", "restore-drill", "deadline-reminders",
            "campaign-reminders", "upload-sweep"} <= set(configured)
    assert configured["campaign-reminders"].when == "07:00"  # with the deadline reminders
    for schedule in configured.values():
        assert callable(import_string(schedule.handler))
        schedule.last_due(at(2026, 12, 4, 12, 0))  # parses
    settings.SMART_SCHEDULES = {**settings.SMART_SCHEDULES, "backup": ("", "x.y")}
    assert "backup" not in {s.name for s in schedules()}  # empty = switched off


def test_a_malformed_schedule_is_explained():
    with pytest.raises(ScheduleError, match="tidak dikenal"):
        Schedule("x", "25:00", "smart.operations.tests.scheduled.record_call").last_due(
            at(2026, 12, 4, 1, 0))


def test_the_reminders_run_from_the_schedule():
    from smart.operations.jobs import scheduled_reminders

    assert scheduled_reminders().endswith("pengingat tenggat usulan dikirim.")


def test_the_nightly_audit_check_tells_the_system_manager(cast):
    """security.md L6: a broken chain found at night reaches the Pengelola SMART."""
    from smart.audit.models import AuditEvent
    from smart.audit.services import audit_record
    from smart.audit.tests.tampering import trigger_disabled
    from smart.notifications.models import Notification
    from smart.operations.jobs import AuditChainBroken, scheduled_audit_check

    events = [audit_record(actor=None, action="test.thing.touch") for _ in range(3)]
    assert scheduled_audit_check().startswith("Rantai audit utuh")
    with trigger_disabled():
        AuditEvent.objects.filter(pk=events[1].pk).update(target_label="diubah")
    with pytest.raises(AuditChainBroken):
        scheduled_audit_check()
    assert Notification.objects.filter(user=cast.system_manager,
                                       message__contains="Rantai audit putus").exists()


def test_the_cron_fallback_command_serves_each_occasion_once(settings, capsys):
    """Issue 8 item 1 (cron fallback, docs/operations.md): ``run_schedules`` runs what
    is due with the worker's rules: a second call in the same period runs nothing,
    and a failing job makes the command exit non-zero for cron's mail."""
    from django.core.management import call_command

    settings.SMART_SCHEDULES = {
        "uji-cron": ("00:00", "smart.operations.tests.scheduled.record_call")}
    call_command("run_schedules")
    call_command("run_schedules")
    assert scheduled.CALLS == ["ran"]
    out = capsys.readouterr().out
    assert "uji-cron" in out and "berhasil" in out and "Tidak ada pekerjaan" in out
    settings.SMART_SCHEDULES = {"uji-gagal": ("00:00", "smart.operations.tests.scheduled.fail")}
    with pytest.raises(SystemExit):
        call_command("run_schedules")
    assert "GAGAL" in capsys.readouterr().out
