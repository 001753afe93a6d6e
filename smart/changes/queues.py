"""The work lists: each role's queue, scoped and ordered by deadline."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from smart.access.models import Role, RoleAssignment
from smart.changes.models import ChangeRequest, Stage

VERIFIER_STAGES = (Stage.VERIFICATION, Stage.CLARIFICATION, Stage.VERIFIED, Stage.SYNCHRONISED)


def _not_party(user) -> Q:
    """Requests the user neither proposed nor is the subject of (defect 9)."""
    return ~Q(proposer=user) & ~Q(employee__user=user)


def inbox_for(user):
    """Submitted requests waiting for this unit admin: their units only."""
    paths = list(RoleAssignment.objects.in_force()
                 .filter(user=user, role=Role.UNIT_ADMIN)
                 .values_list("unit__path", flat=True))
    if not paths:
        return ChangeRequest.objects.none()
    if None in paths:
        in_scope = Q()
    else:
        in_scope = Q(pk__in=[])
        for path in paths:
            in_scope |= Q(employee__unit__path__startswith=path)
    return (ChangeRequest.objects.filter(in_scope, stage=Stage.SUBMITTED)
            .filter(_not_party(user)).order_by("forward_deadline", "submitted_at"))


def verification_queue(user):
    """Requests at the verifier's stages, oldest deadline first."""
    return (ChangeRequest.objects.filter(stage__in=VERIFIER_STAGES)
            .filter(_not_party(user)).order_by("close_deadline", "submitted_at"))


def overdue(user, today=None):
    """Open requests past the forward deadline (still at the unit admin) or past
    the closing deadline (anywhere in the process), within the user's scope."""
    today = today or timezone.localdate()
    return (ChangeRequest.objects.visible_to(user).open()
            .filter(Q(stage=Stage.SUBMITTED, forward_deadline__lt=today)
                    | Q(close_deadline__lt=today))
            .order_by("close_deadline"))
