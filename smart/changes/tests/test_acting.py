"""Defect 12 / Pasal 33: a Plt/Plh acts on the queue "on behalf of" the
official for the dates of the warrant, is told as they would be, and the
delegation stops by itself the day after it ends."""

import datetime

import pytest
from django.utils import timezone

from smart.access.models import Delegation, Role
from smart.changes.models import ChangeRequest
from smart.changes.queues import inbox_for
from smart.changes.services import MoveRefused, request_move
from smart.changes.tests.test_workflow import _propose_rank
from smart.notifications.models import Notification
from tests.personas import make_user

pytestmark = pytest.mark.django_db


def _delegate(cast, days_from=-1, days_to=5):
    acting = make_user("plh_dinkes", employee_unit="DINKES.03")
    today = timezone.localdate()
    Delegation.objects.create(
        holder=cast.admin_a, acting=acting, kind=Delegation.Kind.PLH,
        valid_from=today + datetime.timedelta(days=days_from),
        valid_to=today + datetime.timedelta(days=days_to), decree="SPRIN/01/2026")
    return acting


def test_the_acting_official_works_the_inbox_on_behalf_of_the_holder(cast):
    acting = _delegate(cast)
    request = _propose_rank(cast)
    assert Notification.objects.filter(user=acting).exists()
    assert inbox_for(acting).filter(pk=request.pk).exists()
    request = request_move(request=request, move_name="forward", actor=acting)
    event = request.events.get(move="forward")
    assert event.actor == acting and event.on_behalf_of_label == str(cast.admin_a)


def test_the_holders_own_moves_are_not_marked(cast):
    _delegate(cast)
    request = request_move(request=_propose_rank(cast), move_name="forward",
                           actor=cast.admin_a)
    assert request.events.get(move="forward").on_behalf_of_label == ""


def test_a_lapsed_delegation_gives_nothing(cast):
    acting = _delegate(cast, days_from=-10, days_to=-1)
    request = _propose_rank(cast)
    assert not inbox_for(acting).exists()
    with pytest.raises(MoveRefused):
        request_move(request=request, move_name="forward", actor=acting)
    assert ChangeRequest.objects.get(pk=request.pk).stage == "submitted"


def test_the_employee_role_is_never_delegated(cast):
    from smart.access.policies import _delegated, roles_of

    acting = _delegate(cast)
    assert Role.UNIT_ADMIN in roles_of(acting)
    delegated = {role for role, _path, _holder in _delegated(acting)}
    assert delegated == {Role.UNIT_ADMIN}  # the holder also has the employee role


def test_the_audit_event_names_whom_the_acting_official_acted_for(cast):
    """R-CONF-1: acting-for is its own, hashed column of the audit event."""
    from smart.audit.models import AuditEvent
    from smart.audit.services import audit_verify_chain

    acting = _delegate(cast)
    request_move(request=_propose_rank(cast), move_name="forward", actor=acting)
    event = AuditEvent.objects.get(action="changes.request.forward")
    assert event.actor == acting and event.acting_for == str(cast.admin_a)
    assert "on_behalf_of" not in event.data
    assert audit_verify_chain() is None
