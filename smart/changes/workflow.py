"""The stages of pemutakhiran, declared once as data (Perbup 35/2020 Pasal 1
no. 13–17, Pasal 14, Pasal 21). Any move not listed here is refused.

A request keeps the route it started on (``ChangeRequest.route``), so changing
the rules later never breaks requests already in flight (defect 11).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from smart.access.models import Role
from smart.access.policies import has_role, role_scope
from smart.changes.models import ChangeRequest, Stage

PROPOSER, UNIT_ADMIN, VERIFIER = "proposer", "unit_admin", "verifier"


@dataclass(frozen=True)
class Move:
    name: str
    sources: frozenset[str]
    target: str
    actor: str  # who may make it: PROPOSER, UNIT_ADMIN or VERIFIER
    label: object
    needs_note: bool = False
    style: str = "outline-secondary"


PERBUP_35_2020 = {move.name: move for move in (
    Move("submit", frozenset({Stage.DRAFT, Stage.RETURNED}), Stage.SUBMITTED, PROPOSER,
         _("Submit to the unit admin"), style="success"),
    Move("withdraw", frozenset({Stage.DRAFT, Stage.SUBMITTED, Stage.RETURNED,
                                Stage.CLARIFICATION}), Stage.WITHDRAWN, PROPOSER,
         _("Withdraw"), needs_note=True, style="outline-danger"),
    Move("forward", frozenset({Stage.SUBMITTED}), Stage.VERIFICATION, UNIT_ADMIN,
         _("Forward to the verifier"), style="success"),
    Move("return", frozenset({Stage.SUBMITTED}), Stage.RETURNED, UNIT_ADMIN,
         _("Return as incomplete"), needs_note=True, style="outline-warning"),
    Move("ask", frozenset({Stage.VERIFICATION}), Stage.CLARIFICATION, VERIFIER,
         _("Ask for clarification"), needs_note=True, style="outline-warning"),
    Move("answer", frozenset({Stage.CLARIFICATION}), Stage.VERIFICATION, PROPOSER,
         _("Send the answer"), needs_note=True, style="success"),
    Move("verify", frozenset({Stage.VERIFICATION}), Stage.VERIFIED, VERIFIER,
         _("Document checked: verified"), style="success"),
    Move("synchronise", frozenset({Stage.VERIFIED}), Stage.SYNCHRONISED, VERIFIER,
         _("Compared with SIASN: synchronised"), style="success"),
    Move("validate", frozenset({Stage.SYNCHRONISED}), Stage.VALIDATED, VERIFIER,
         _("Validate and apply"), style="success"),
    Move("reject", frozenset({Stage.VERIFICATION, Stage.CLARIFICATION, Stage.VERIFIED,
                              Stage.SYNCHRONISED}), Stage.REJECTED, VERIFIER,
         _("Reject"), needs_note=True, style="outline-danger"),
)}

# An officer's proposal on the employee's behalf (initial recording by the unit
# admin or BKPP, Pasal 20(1); a verifier's proposal from a synchronisation
# difference): the officer has done the unit's completeness check, so it is
# sent straight to verification; everything after that is the Perbup route,
# and the officer, being its proposer, can take no verifier step on it.
OFFICER_ROUTE = "usulan-petugas"
USULAN_PETUGAS = {
    "send": Move("send", frozenset({Stage.DRAFT}), Stage.VERIFICATION, PROPOSER,
                 _("Send to the verifier"), style="success"),
    **{name: move for name, move in PERBUP_35_2020.items()
       if name not in ("submit", "forward", "return")},
}

# A verifier's direct correction is born validated: it has no moves at all.
ROUTES = {"perbup-35-2020": PERBUP_35_2020, "koreksi-langsung": {},
          OFFICER_ROUTE: USULAN_PETUGAS}
# The move that sends a new request on its way, per route.
FIRST_MOVE = {"perbup-35-2020": "submit", OFFICER_ROUTE: "send"}


def moves_of(request: ChangeRequest) -> dict[str, Move]:
    return ROUTES[request.route]


def is_party(request: ChangeRequest, user) -> bool:
    """The proposer, or the employee the request is about (defect 9)."""
    return request.proposer_id == user.pk or (
        request.employee.user_id is not None and request.employee.user_id == user.pk)


def covers(user, role: str, request: ChangeRequest) -> bool:
    """Whether the user holds ``role`` with a scope that holds the employee's unit
    (other roles of the user never widen it)."""
    if not has_role(user, role):
        return False
    scope = role_scope(user, role)
    path = request.employee.unit.path
    return scope.everything or any(path.startswith(p) for p in scope.unit_paths)


def unit_admin_covers(user, request: ChangeRequest) -> bool:
    """An Administrator OPD whose scope holds the employee's unit."""
    return covers(user, Role.UNIT_ADMIN, request)


def may_make(move: Move, request: ChangeRequest, user) -> bool:
    """Whether this user may make this move on this request, now."""
    if request.stage not in move.sources:
        return False
    if move.actor == PROPOSER:
        return request.proposer_id == user.pk
    # Nobody acts on a request they proposed or that concerns themselves,
    # at any stage, through any interface.
    if is_party(request, user):
        return False
    if move.actor == UNIT_ADMIN:
        return unit_admin_covers(user, request)
    # Verifiers work regency-wide by the regulation; an assignment limited to
    # a unit is honoured all the same.
    return covers(user, Role.VERIFIER, request)


def allowed_moves(request: ChangeRequest, user) -> list[Move]:
    return [move for move in moves_of(request).values() if may_make(move, request, user)]
