"""R-CONF-1: the system manager's audit viewer — filters, paging, chain status."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from smart.audit.models import AuditEvent
from smart.audit.services import audit_record
from smart.audit.tests.tampering import trigger_disabled
from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db

URL = reverse("portal:audit_log")


@pytest.fixture
def manager(client, cast):
    assert client.login(username=cast.system_manager.username, password=PASSWORD)
    return client


def seqs(response):
    return [event.seq for event, _ in response.context["rows"]]


def test_the_log_lists_events_newest_first_with_the_chain_whole(manager, cast):
    first = audit_record(actor=cast.verifier, action="records.pangkat.update",
                         target_label="198001 Pangkat", before={"tmt": "2020-01-01"},
                         after={"tmt": "2021-01-01"}, acting_for="Kepala BKPP")
    response = manager.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Rantai audit utuh." in page
    assert seqs(response)[-1] < first.seq or first.seq in seqs(response)
    assert seqs(response) == sorted(seqs(response), reverse=True)
    assert "Kepala BKPP" in page and "2021-01-01" in page


def test_filters_by_action_prefix_actor_and_target(manager, cast):
    audit_record(actor=cast.verifier, action="records.pangkat.update", target_label="199001 A")
    audit_record(actor=cast.admin_a, action="records.jabatan.create", target_label="199002 B")
    audit_record(actor=cast.admin_a, action="changes.request.submit", target_label="199002 C")
    by_action = manager.get(URL, {"action": "records."})
    assert {e.action for e, _ in by_action.context["rows"]} == {
        "records.pangkat.update", "records.jabatan.create"}
    by_actor = manager.get(URL, {"actor": cast.admin_a.username})
    assert {e.action for e, _ in by_actor.context["rows"]} == {
        "records.jabatan.create", "changes.request.submit"}
    by_target = manager.get(URL, {"target": "199002", "action": "records."})
    assert [e.target_label for e, _ in by_target.context["rows"]] == ["199002 B"]


def test_the_date_range_is_in_local_days_both_included(manager):
    old = audit_record(actor=None, action="test.thing.old")
    with trigger_disabled():
        AuditEvent.objects.filter(pk=old.pk).update(
            at=datetime.datetime(2026, 1, 9, 17, 30, tzinfo=datetime.UTC))  # 10 Jan 00:30 WIB
    day = manager.get(URL, {"since": "2026-01-10", "until": "2026-01-10"})
    assert [e.action for e, _ in day.context["rows"]] == ["test.thing.old"]
    assert manager.get(URL, {"since": "2026-01-11"}).context["rows"][0][0].action != \
        "test.thing.old"
    reversed_range = manager.get(URL, {"since": "2026-01-11", "until": "2026-01-10"})
    assert reversed_range.context["rows"] == []


def test_a_broken_chain_is_shown_with_the_first_broken_event(manager):
    audit_record(actor=None, action="test.thing.touch")
    event = audit_record(actor=None, action="test.thing.touch")
    audit_record(actor=None, action="test.thing.touch")
    with trigger_disabled():
        AuditEvent.objects.filter(pk=event.pk).update(target_label="diubah")
    page = manager.get(URL).content.decode()
    assert f"Rantai audit putus pada kejadian #{event.seq}" in page


def test_the_log_pages_by_fifty(manager):
    for _ in range(60):
        audit_record(actor=None, action="test.thing.touch")
    first = manager.get(URL, {"action": "test."})
    second = manager.get(URL, {"action": "test.", "page": 2})
    assert len(first.context["rows"]) == 50 and len(second.context["rows"]) == 10
    assert "action=test." in first.content.decode()


def test_reading_the_log_is_itself_on_record(manager, cast):
    manager.get(URL, {"action": "records."})
    event = AuditEvent.objects.filter(action="audit.event.list").latest("seq")
    assert event.actor == cast.system_manager
    assert event.data == {"filters": {"action": "records."}, "page": 1}
    assert timezone.now() - event.at < datetime.timedelta(minutes=1)


def test_actions_and_data_are_readable_with_the_code_kept_small(manager, cast):
    """User test: the viewer showed raw codes and JSON ({"rows": …})."""
    audit_record(actor=cast.verifier, action="reports.export", target_label="DUK",
                 data={"rows": 12, "format": "xlsx", "params": {"unit": [3]}})
    audit_record(actor=cast.verifier, action="test.unknown.code")
    page = manager.get(URL).content.decode()
    assert "Berkas laporan diunduh" in page and "reports.export" in page
    assert "rows:</span> 12" in page and "format:</span> xlsx" in page
    assert '{"rows"' not in page and "{&quot;" not in page
    assert "test.unknown.code" in page
