"""Who may see what: the one place where roles turn into scopes.

Every list, detail, search, report, export and download asks these functions
(through the models' ``visible_to`` querysets); views never decide by
themselves. Results are cached on the user object for the request, so a page
pays one query for its roles however often it asks.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from smart.access.models import Delegation, Role, RoleAssignment

# Roles that read personnel data of others, and whether they do so regency-wide
# by nature. A scoped assignment (unit set) limits them to that subtree.
PERSONNEL_READERS = {
    Role.SYSTEM_MANAGER, Role.HR_MANAGER, Role.DIVISION_ADMIN, Role.UNIT_ADMIN,
    Role.VERIFIER, Role.LEADERSHIP,
}


@dataclass(frozen=True)
class Scope:
    """A set of units: everything, or the subtrees under the given paths."""

    everything: bool = False
    unit_paths: tuple[str, ...] = field(default_factory=tuple)

    @property
    def is_empty(self) -> bool:
        return not self.everything and not self.unit_paths


def _delegated(user) -> list[tuple[str, str | None, str]]:
    """(role, unit path, holder) of the roles the user holds today as Plt/Plh.

    The employee role is never delegated: it is about one's own record.
    """
    cached = getattr(user, "_smart_delegated", None)
    if cached is None:
        holders = {d.holder_id: str(d.holder) for d in
                   Delegation.objects.in_force().filter(acting=user).select_related("holder")}
        cached = [
            (role, path, holders[holder_id])
            for role, path, holder_id in RoleAssignment.objects.in_force()
            .filter(user_id__in=holders).exclude(role=Role.EMPLOYEE)
            .values_list("role", "unit__path", "user_id")
        ] if holders else []
        user._smart_delegated = cached
    return cached


def _assignments(user) -> list[tuple[str, str | None]]:
    """(role, unit path or None) of the user's assignments in force today,
    including the roles they hold as an acting official (Pasal 33)."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_smart_assignments", None)
    if cached is None:
        cached = [
            (role, path)
            for role, path in RoleAssignment.objects.in_force()
            .filter(user=user)
            .values_list("role", "unit__path")
        ] + [(role, path) for role, path, _ in _delegated(user)]
        user._smart_assignments = cached
    return cached


def acting_for(user, role: str, unit_path: str) -> str:
    """Whose role the user exercises for this unit: "" when it is their own,
    else the name of the official they represent as Plt/Plh."""
    def covers(path):
        return path is None or unit_path.startswith(path)

    own = RoleAssignment.objects.in_force().filter(user=user, role=role).values_list(
        "unit__path", flat=True)
    if any(covers(path) for path in own):
        return ""
    return next((holder for r, path, holder in _delegated(user)
                 if r == role and covers(path)), "")


def roles_of(user) -> set[str]:
    """The roles a user holds today."""
    return {role for role, _ in _assignments(user)}


def has_role(user, *roles: str) -> bool:
    return bool(roles_of(user) & set(roles))


def _scope_of(assignments) -> Scope:
    paths: set[str] = set()
    for path in assignments:
        if path is None:
            return Scope(everything=True)
        paths.add(path)
    # A path under another listed path adds nothing.
    return Scope(unit_paths=tuple(sorted(
        p for p in paths if not any(p != q and p.startswith(q) for q in paths))))


def role_scope(user, role: str) -> Scope:
    """The units one particular role of the user covers (e.g. where they act
    as Administrator OPD), ignoring their other roles."""
    return _scope_of(path for r, path in _assignments(user) if r == role)


def personnel_scope(user) -> Scope:
    """The units whose employees the user may read through their roles.

    Employees always see their own record too; that rule lives with the
    employee queryset, not here.
    """
    return _scope_of(path for role, path in _assignments(user) if role in PERSONNEL_READERS)
