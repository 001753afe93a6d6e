"""The work lists: each role's queue, scoped and ordered by deadline."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from smart.access.models import Role
from smart.access.policies import role_scope
from smart.changes.models import ChangeRequest, Stage

VERIFIER_STAGES = (Stage.VERIFICATION, Stage.CLARIFICATION, Stage.VERIFIED, Stage.SYNCHRONISED)


def _not_party(user) -> Q:
    """Requests the user neither proposed nor is the subject of (defect 9)."""
    return ~Q(proposer=user) & ~Q(employee__user=user)


def _in_role_scope(user, role: str) -> Q | None:
    """Requests about employees in the units this role of the user covers."""
    scope = role_scope(user, role)
    if scope.everything:
        return Q()
    if not scope.unit_paths:
        return None
    condition = Q(pk__in=[])
    for path in scope.unit_paths:
        condition |= Q(employee__unit__path__startswith=path)
    return condition


def inbox_for(user):
    """Submitted requests waiting for this unit admin: their units only, and
    none about a record kind their field classes hide (``without_hidden_kinds``)."""
    in_scope = _in_role_scope(user, Role.UNIT_ADMIN)
    if in_scope is None:
        return ChangeRequest.objects.none()
    return (ChangeRequest.objects.filter(in_scope, stage=Stage.SUBMITTED)
            .filter(_not_party(user)).without_hidden_kinds(user)
            .order_by("forward_deadline", "submitted_at"))


def verification_queue(user):
    """Requests at the verifier's stages within their scope, oldest deadline first.

    Verifiers see every record kind (their D-3 row is locked), so the kind rule
    leaves this queue whole; it is applied all the same, as on every list."""
    in_scope = _in_role_scope(user, Role.VERIFIER)
    if in_scope is None:
        return ChangeRequest.objects.none()
    return (ChangeRequest.objects.filter(in_scope, stage__in=VERIFIER_STAGES)
            .filter(_not_party(user)).without_hidden_kinds(user)
            .order_by("close_deadline", "submitted_at"))


def overdue(user, today=None):
    """Open requests past the forward deadline (still at the unit admin) or past
    the closing deadline (anywhere in the process), within the user's scope.

    Every one of them, hidden record kinds included: the deadline figures count
    requests, whatever they are about (decision 157); a page that lists them
    leaves out those ``without_hidden_kinds`` hides."""
    today = today or timezone.localdate()
    return (ChangeRequest.objects.visible_to(user).open()
            .filter(Q(stage=Stage.SUBMITTED, forward_deadline__lt=today)
                    | Q(close_deadline__lt=today))
            .order_by("close_deadline"))
