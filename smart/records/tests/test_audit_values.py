"""R-CONF-1: writes of record entries and of the employee record keep the old
and new values in the audit event (before/after); every export is on record."""

import datetime

import pytest
from django.urls import reverse

from smart.audit.models import AuditEvent
from smart.people.services import employee_update
from smart.records.models import RankHistory
from smart.records.registry import kind_for
from smart.records.services import record_delete, record_save
from smart.references.models import Golongan
from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db


def _rank(cast):
    return record_save(kind=kind_for("pangkat"), employee=cast.colleague_a, actor=cast.verifier,
                       reason="SK baru", values={
                           "golongan": Golongan.objects.get(code="32"),
                           "tmt": datetime.date(2014, 4, 1), "sk_number": "823/BKPP/2014/1",
                           "sk_date": datetime.date(2014, 3, 1)})


def test_a_new_entry_records_its_values_as_after(cast):
    entry = _rank(cast)
    event = AuditEvent.objects.get(action="records.pangkat.create")
    assert event.before is None
    assert event.after["tmt"] == "2014-04-01" and event.after["sk_number"] == "823/BKPP/2014/1"
    assert event.target_id == str(entry.pk)


def test_a_correction_records_only_the_changed_values_before_and_after(cast):
    entry = _rank(cast)
    record_save(kind=kind_for("pangkat"), employee=cast.colleague_a, actor=cast.verifier,
                reason="salah ketik", entry=entry, values={"sk_number": "823/BKPP/2014/2"})
    event = AuditEvent.objects.get(action="records.pangkat.update")
    assert (event.before, event.after) == ({"sk_number": "823/BKPP/2014/1"},
                                           {"sk_number": "823/BKPP/2014/2"})
    assert event.data == {"reason": "salah ketik"}


def test_a_deletion_records_what_the_entry_was(cast):
    entry = _rank(cast)
    record_delete(kind=kind_for("pangkat"), entry=entry, actor=cast.verifier, reason="ganda")
    event = AuditEvent.objects.get(action="records.pangkat.delete")
    assert event.before["sk_number"] == "823/BKPP/2014/1" and event.after is None
    assert not RankHistory.objects.filter(pk=entry.pk).exists()


def test_an_employee_correction_records_before_and_after(cast):
    employee = cast.colleague_a
    old_place = employee.birth_place
    employee_update(employee=employee, values={"birth_place": "TELUK KUANTAN"},
                    actor=cast.verifier, reason="akta kelahiran")
    event = AuditEvent.objects.get(action="people.employee.update")
    assert (event.before, event.after) == ({"birth_place": old_place},
                                           {"birth_place": "TELUK KUANTAN"})


def test_downloading_ones_own_data_is_on_record(client, cast):
    client.login(username=cast.employee.username, password=PASSWORD)
    assert client.get(reverse("records:my_data_download")).status_code == 200
    event = AuditEvent.objects.get(action="records.personal_data.export")
    assert event.actor == cast.employee and event.target_id == str(cast.employee_record.pk)
