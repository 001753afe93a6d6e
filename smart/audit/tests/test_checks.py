"""Checkpoints and anchors of the audit chain (R-CONF-1, security.md L6): the
viewer checks only what is new, the nightly check everything, and anchors kept
outside the database show a chain rewritten by someone holding the key."""

import json

import pytest

from smart.audit.checks import (
    audit_anchor_write,
    audit_anchors_break,
    audit_chain_check,
    last_full_check,
)
from smart.audit.models import AuditEvent
from smart.audit.services import _digest, _payload, audit_first_break, audit_record
from smart.audit.tests.tampering import trigger_disabled

pytestmark = pytest.mark.django_db


def _events(n, start=0):
    return [audit_record(actor=None, action="test.thing.touch", data={"i": start + i})
            for i in range(n)]


def test_a_check_records_how_far_the_chain_holds_and_anchors_its_end(settings):
    events = _events(3)
    check = audit_chain_check(full=True)
    assert check.ok and check.through_seq == events[-1].seq
    assert check.through_hash == events[-1].hash
    assert last_full_check() == check
    anchors = [json.loads(line) for line in
               settings.SMART_AUDIT_ANCHOR_FILE.read_text().splitlines()]
    assert [(a["seq"], a["hash"]) for a in anchors] == [(events[-1].seq, events[-1].hash)]
    assert audit_anchor_write() is False  # nothing new: no second line


def test_the_incremental_check_walks_only_new_events_and_catches_an_edit_in_them():
    _events(3)
    audit_chain_check(full=True)
    new = _events(2, start=3)
    with trigger_disabled():
        AuditEvent.objects.filter(pk=new[0].pk).update(target_label="diubah")
    check = audit_chain_check(full=False)
    assert not check.ok and check.broken_seq == new[0].seq and check.reason == "content"


def test_an_edit_behind_the_checkpoint_is_left_to_the_full_check():
    old = _events(3)
    audit_chain_check(full=True)
    _events(1, start=3)
    with trigger_disabled():
        AuditEvent.objects.filter(pk=old[1].pk).update(target_label="diubah")
    assert audit_chain_check(full=False).ok  # the viewer's quick check
    full = audit_chain_check(full=True)
    assert not full.ok and full.broken_seq == old[1].seq


def test_a_checkpoint_event_that_changed_breaks_the_incremental_check():
    events = _events(3)
    audit_chain_check(full=True)
    with trigger_disabled():
        AuditEvent.objects.filter(pk=events[-1].pk).update(hash="0" * 64)
    check = audit_chain_check(full=False)
    assert not check.ok and check.broken_seq == events[-1].seq


def test_a_chain_rewritten_with_the_key_is_caught_by_the_anchors():
    """An insider with the database and the key rewrites event 2 and re-chains
    everything after it: the HMAC walk passes, the anchor does not."""
    events = _events(3)
    audit_chain_check(full=True)
    with trigger_disabled():
        prev = events[0].hash
        for event in AuditEvent.objects.filter(seq__gte=events[1].seq).order_by("seq"):
            if event.pk == events[1].pk:
                event.data = {"i": "dipalsukan"}
            event.prev_hash = prev
            event.hash = _digest(prev, _payload(event))
            AuditEvent.objects.filter(pk=event.pk).update(data=event.data,
                                                          prev_hash=event.prev_hash,
                                                          hash=event.hash)
            prev = event.hash
    assert audit_first_break() is None  # the chain itself looks whole
    assert audit_anchors_break().seq == events[-1].seq
    check = audit_chain_check(full=True)
    assert not check.ok and check.reason == "anchor"


def test_a_truncated_chain_is_caught_by_the_anchors():
    events = _events(3)
    audit_chain_check(full=True)
    with trigger_disabled():
        AuditEvent.objects.filter(pk=events[-1].pk).delete()
    check = audit_chain_check(full=True)
    assert not check.ok and check.reason == "missing" and check.broken_seq == events[-1].seq


def test_a_torn_anchor_line_is_ignored(settings):
    _events(2)
    audit_chain_check(full=True)
    with settings.SMART_AUDIT_ANCHOR_FILE.open("a") as file:
        file.write('{"seq": 9')  # the machine stopped mid-write
    assert audit_anchors_break() is None
