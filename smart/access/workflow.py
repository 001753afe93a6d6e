"""Access authorisation (Perbup 35/2020 Pasal 11b), its moves declared once as data.

A Pengelola Kepegawaian proposes a role for a user in a unit of their scope,
the Pengelola SMART approves (or rejects, with a reason), and only then may the
Super Administrator grant it. Any move not listed here is refused, and nobody
acts on a request they proposed or that is about themselves.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from smart.access.models import AccessRequest, AccessStage, Role
from smart.access.policies import has_role, role_scope

PROPOSER = "proposer"
ACTORS = (PROPOSER, Role.SYSTEM_MANAGER, Role.SUPER_ADMIN)

# Roles a Pengelola Kepegawaian may propose, always within a unit of their scope.
HR_PROPOSABLE = (Role.UNIT_ADMIN, Role.HR_MANAGER, Role.EMPLOYEE)
# Roles only the Pengelola SMART proposes (Pasal 9d); they may be regency-wide.
REGENCY_ROLES = (Role.VERIFIER, Role.DIVISION_ADMIN, Role.LEADERSHIP)
# The Pengelola SMART and the Super Administrator are appointed by decree of the
# head of BKPP, outside this workflow.


@dataclass(frozen=True)
class Move:
    name: str
    sources: frozenset[str]
    target: str
    actor: str  # PROPOSER, Role.SYSTEM_MANAGER or Role.SUPER_ADMIN
    label: object
    needs_note: bool = False
    style: str = "outline-secondary"


MOVES = {move.name: move for move in (
    Move("approve", frozenset({AccessStage.PROPOSED}), AccessStage.APPROVED,
         Role.SYSTEM_MANAGER, _("Approve"), style="success"),
    Move("reject", frozenset({AccessStage.PROPOSED, AccessStage.APPROVED}), AccessStage.REJECTED,
         Role.SYSTEM_MANAGER, _("Reject"), needs_note=True, style="outline-danger"),
    Move("grant", frozenset({AccessStage.APPROVED}), AccessStage.GRANTED,
         Role.SUPER_ADMIN, _("Grant access"), style="success"),
    Move("withdraw", frozenset({AccessStage.PROPOSED, AccessStage.APPROVED}),
         AccessStage.WITHDRAWN, PROPOSER, _("Withdraw"), needs_note=True,
         style="outline-danger"),
)}


def proposable_roles(user) -> list[str]:
    """The roles this user may propose for others."""
    roles: list[str] = []
    if has_role(user, Role.SYSTEM_MANAGER):
        roles += [*HR_PROPOSABLE, *REGENCY_ROLES]
    elif has_role(user, Role.HR_MANAGER):
        roles += list(HR_PROPOSABLE)
    return roles


def may_propose_in(user, role: str, unit) -> bool:
    """Whether the user may propose ``role`` with this scope (``unit`` None: the
    whole regency). An HR manager proposes only unit-scoped roles in their scope."""
    if role not in proposable_roles(user):
        return False
    if has_role(user, Role.SYSTEM_MANAGER):
        return unit is not None or role in REGENCY_ROLES
    if unit is None:
        return False
    scope = role_scope(user, Role.HR_MANAGER)
    return scope.everything or any(unit.path.startswith(p) for p in scope.unit_paths)


def may_propose_system(user, unit) -> bool:
    """Whether the user may propose access for another system (an API key) with
    this scope: the Pengelola SMART anywhere (``unit`` None: the whole regency),
    a Pengelola Kepegawaian for a unit of their scope."""
    if has_role(user, Role.SYSTEM_MANAGER):
        return True
    if unit is None or not has_role(user, Role.HR_MANAGER):
        return False
    scope = role_scope(user, Role.HR_MANAGER)
    return scope.everything or any(unit.path.startswith(p) for p in scope.unit_paths)


def may_issue_key(request: AccessRequest, user) -> bool:
    """The Super Administrator issues the API key of an approved system request
    (the grant of such a request), unless they proposed it."""
    return (request.is_for_system and request.stage == AccessStage.APPROVED
            and not is_party(request, user) and has_role(user, Role.SUPER_ADMIN))


def is_party(request: AccessRequest, user) -> bool:
    """The proposer, or the user the request is about."""
    return user.pk in (request.proposer_id, request.user_id)


def may_make(move: Move, request: AccessRequest, user) -> bool:
    """Whether this user may make this move on this request, now."""
    if request.stage not in move.sources:
        return False
    if move.name == "grant" and request.is_for_system:
        return False  # granted by issuing its API key (may_issue_key)
    if move.actor == PROPOSER:
        return request.proposer_id == user.pk
    if is_party(request, user):
        return False
    return has_role(user, move.actor)


def allowed_moves(request: AccessRequest, user) -> list[Move]:
    return [move for move in MOVES.values() if may_make(move, request, user)]


def may_revoke(user, assignment) -> bool:
    """The Pengelola SMART or the Super Administrator revokes others' access."""
    return (assignment.user_id != user.pk
            and has_role(user, Role.SYSTEM_MANAGER, Role.SUPER_ADMIN))


def requests_visible_to(user):
    """The requests a user may read: the managers of the workflow see all; an HR
    manager those they proposed or within their scope; anyone those about them."""
    qs = AccessRequest.objects.all()
    if has_role(user, Role.SYSTEM_MANAGER, Role.SUPER_ADMIN):
        return qs
    condition = Q(proposer=user) | Q(user=user)
    if has_role(user, Role.HR_MANAGER):
        scope = role_scope(user, Role.HR_MANAGER)
        if scope.everything:
            return qs
        for path in scope.unit_paths:
            condition |= Q(unit__path__startswith=path)
    return qs.filter(condition)


def awaiting(user):
    """The open requests whose next move is this user's."""
    condition = Q(pk__in=[])
    if has_role(user, Role.SYSTEM_MANAGER):
        condition |= Q(stage=AccessStage.PROPOSED)
    if has_role(user, Role.SUPER_ADMIN):
        condition |= Q(stage=AccessStage.APPROVED)
    return (AccessRequest.objects.filter(condition)
            .exclude(proposer=user).exclude(user=user))
