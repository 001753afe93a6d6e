"""Data-release requests, their moves declared once as data.

The requester asks, the Pengelola SMART approves or rejects (with a reason),
and the requester may withdraw a request not yet decided. Any move not listed
here is refused, and the requester never decides on their own request (R-ROLE-1, security.md Z8/Z9).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from smart.access.models import Role
from smart.access.policies import has_role
from smart.releases.models import DataRelease, ReleaseStage

REQUESTER = "requester"
APPROVER = Role.SYSTEM_MANAGER
OPEN_STAGES = (ReleaseStage.REQUESTED, ReleaseStage.APPROVED)


@dataclass(frozen=True)
class Move:
    name: str
    sources: frozenset[str]
    target: str
    actor: str  # REQUESTER or APPROVER
    label: object
    needs_note: bool = False
    style: str = "outline-secondary"


MOVES = {move.name: move for move in (
    Move("approve", frozenset({ReleaseStage.REQUESTED}), ReleaseStage.APPROVED, APPROVER,
         _("Approve the release"), style="success"),
    # Rejecting an approved release ends it before its validity runs out.
    Move("reject", frozenset(OPEN_STAGES), ReleaseStage.REJECTED, APPROVER, _("Reject"),
         needs_note=True, style="outline-danger"),
    # Only while it waits: once approved, the Pengelola SMART decides (reject ends it).
    Move("withdraw", frozenset({ReleaseStage.REQUESTED}), ReleaseStage.WITHDRAWN, REQUESTER,
         _("Withdraw"), style="outline-danger"),
)}


def may_make(move: Move, release: DataRelease, user) -> bool:
    """Whether this user may make this move on this release, now."""
    if release.stage not in move.sources:
        return False
    if move.actor == REQUESTER:
        return release.requester_id == user.pk
    if release.requester_id == user.pk:
        return False
    return has_role(user, move.actor)


def allowed_moves(release: DataRelease, user) -> list[Move]:
    return [move for move in MOVES.values() if may_make(move, release, user)]


def releases_visible_to(user):
    """The Pengelola SMART reads every release; anyone else their own."""
    if has_role(user, APPROVER):
        return DataRelease.objects.all()
    return DataRelease.objects.filter(requester=user)


def awaiting(user):
    """Requests waiting for this user's decision (never their own)."""
    if not has_role(user, APPROVER):
        return DataRelease.objects.none()
    return DataRelease.objects.filter(stage=ReleaseStage.REQUESTED).exclude(requester=user)
