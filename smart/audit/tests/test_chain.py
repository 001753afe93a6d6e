"""R-CONF-1: the audit chain detects any edit or deletion."""

import pytest

from smart.audit.models import AuditEvent
from smart.audit.services import audit_record, audit_verify_chain

pytestmark = pytest.mark.django_db


def _three_events():
    for i in range(3):
        audit_record(actor=None, action="test.thing.touch", target_label=f"item {i}",
                     data={"i": i})


def test_an_untouched_chain_verifies():
    _three_events()
    assert AuditEvent.objects.count() == 3
    assert audit_verify_chain() is None


def test_an_edited_event_breaks_the_chain_at_that_event():
    _three_events()
    AuditEvent.objects.filter(seq=2).update(target_label="something else")
    assert audit_verify_chain() == 2


def test_a_deleted_event_breaks_the_chain():
    _three_events()
    AuditEvent.objects.filter(seq=2).delete()
    assert audit_verify_chain() == 3
