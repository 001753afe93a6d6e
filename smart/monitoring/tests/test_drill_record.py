"""A restore drill run at the DRC is recorded where the M&E dashboard and the
monthly report read the last drill (``manage.py restore_drill_record``)."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import CommandError, call_command

from smart.audit.models import AuditEvent
from smart.monitoring.figures import maintenance_status
from smart.notifications.models import Notification
from smart.operations.models import Job, OperationRun

pytestmark = pytest.mark.django_db


def test_a_drill_at_the_drc_is_the_dashboards_last_drill(cast):
    call_command("restore_drill_record", "--ok", "--at", "2026-11-29T04:40",
                 "--archive", "smart-20261128T190000.000000Z.tar.gz.gpg", "--seconds", "1260",
                 "--note", "restore_drill --from-dr di DRC: semua pemeriksaan lulus",
                 "--by", cast.system_manager.username)
    status = maintenance_status()
    drill = status.last_drill
    assert status.drill_ok is True
    assert drill.finished_at == datetime.datetime(2026, 11, 28, 21, 40, tzinfo=datetime.UTC)
    assert drill.duration_seconds == 1260 and drill.details["source"] == "drc-record"
    assert AuditEvent.objects.filter(actor=cast.system_manager,
                                     target_id=str(drill.pk)).exists()

    call_command("restore_drill_record", "--failed", "--at", "2026-11-30T04:40",
                 "--note", "kunci privat di DRC tidak cocok")
    assert maintenance_status().drill_ok is False
    assert Notification.objects.filter(user=cast.system_manager,
                                       message__contains="GAGAL").exists()


@pytest.mark.parametrize("arguments, message", [
    (["--ok", "--at", "kemarin", "--note", "x"], "tidak dapat dibaca"),
    (["--ok", "--at", "2999-01-01T00:00", "--note", "x"], "masa depan"),
    (["--ok", "--at", "2026-11-29T04:40", "--note", " "], "kosong"),
    (["--ok", "--at", "2026-11-29T04:40", "--note", "x", "--by", "siapa"], "tidak ditemukan"),
])
def test_a_record_that_does_not_make_sense_is_refused(arguments, message):
    with pytest.raises(CommandError, match=message):
        call_command("restore_drill_record", *arguments)
    assert not OperationRun.objects.filter(job=Job.RESTORE_DRILL).exists()
