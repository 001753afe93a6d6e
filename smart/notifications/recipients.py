"""Who is told: the people who hold the role that makes the next move.

Only assignments in force count (granted, within their dates, active user), the
same rule as ``access.policies``. Each function is one query.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q

from smart.access.models import Role, RoleAssignment
from smart.references.models import Unit


def _holders(assignments) -> list:
    User = get_user_model()
    return list(User.objects.filter(is_active=True, pk__in=assignments.values("user_id"))
                .order_by("pk"))


def _ancestor_or_self_paths(unit: Unit) -> list[str]:
    """A unit's scope covers ``unit`` when ``unit.path`` starts with the scope's
    path; with materialised paths those are exactly the path's step prefixes."""
    step = Unit.steplen
    return [unit.path[:end] for end in range(step, len(unit.path) + 1, step)]


def unit_admins_for(unit: Unit) -> list:
    """Administrators OPD whose scope holds the unit: scoped to the unit or one
    of its ancestors, or regency-wide (no scope unit)."""
    return _holders(RoleAssignment.objects.in_force().filter(
        Q(unit__isnull=True) | Q(unit__path__in=_ancestor_or_self_paths(unit)),
        role=Role.UNIT_ADMIN,
    ))


def holders_of(role: str) -> list:
    """Everyone holding ``role`` today, whatever its scope."""
    return _holders(RoleAssignment.objects.in_force().filter(role=role))


def verifiers() -> list:
    """Verifiers act on every unit's requests (Perbup 35/2020 Pasal 14)."""
    return holders_of(Role.VERIFIER)


def system_managers() -> list:
    return holders_of(Role.SYSTEM_MANAGER)
