"""Who may see what: the one place where roles turn into scopes.

Every list, detail, search, report, export and download asks these functions
(through the models' ``visible_to`` querysets); views never decide by
themselves. Results are cached on the user object for the request, so a page
pays one query for its roles however often it asks.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from django.db import connection
from django.utils import timezone

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


def _load(user) -> None:
    """The user's own assignments and those they hold as Plt/Plh, in one query.

    The employee role is never delegated: it is about one's own record. It runs
    on every request, so it is one prepared statement (``_ASSIGNMENTS_SQL``)
    rather than a queryset: compiling the equivalent queryset cost 1.3 ms of
    CPU per request, the statement 0.1 ms (issue 10). Its rules are those of
    ``RoleAssignment.objects.in_force()`` and ``Delegation.objects.in_force()``;
    ``test_policies`` holds the two to the same answer.
    """
    today = connection.ops.adapt_datefield_value(timezone.localdate())
    own, delegated = [], []
    with connection.cursor() as cursor:
        cursor.execute(_assignments_sql(), {"user": user.pk, "today": today, "yes": True})
        rows = cursor.fetchall()
    for role, path, holder_id, full_name, username in rows:
        if holder_id == user.pk:
            own.append((role, path))
        elif role != Role.EMPLOYEE:
            delegated.append((role, path, full_name or username))
    user._smart_assignments = own + [(role, path) for role, path, _ in delegated]
    user._smart_delegated = delegated


@functools.cache
def _assignments_sql() -> str:
    """(role, unit path, holder id, holder name, holder username) of the
    assignments in force for a user: their own and those of the officials they
    act for today. Granted, within their dates, every account involved active."""
    assignment, delegation = RoleAssignment._meta.db_table, Delegation._meta.db_table
    user_table = RoleAssignment._meta.get_field("user").related_model._meta.db_table
    unit = RoleAssignment._meta.get_field("unit").related_model._meta.db_table
    # Only table names from the models go into the text; values are parameters.
    return f"""
        SELECT a.role, u.path, a.user_id, holder.full_name, holder.username
        FROM {assignment} a
        JOIN {user_table} holder ON holder.id = a.user_id
        LEFT JOIN {unit} u ON u.id = a.unit_id
        WHERE a.is_granted = %(yes)s AND holder.is_active = %(yes)s
          AND (a.valid_from IS NULL OR a.valid_from <= %(today)s)
          AND (a.valid_to IS NULL OR a.valid_to >= %(today)s)
          AND (a.user_id = %(user)s OR a.user_id IN (
                SELECT d.holder_id FROM {delegation} d
                JOIN {user_table} h ON h.id = d.holder_id
                JOIN {user_table} acting ON acting.id = d.acting_id
                WHERE d.acting_id = %(user)s AND d.valid_from <= %(today)s
                  AND d.valid_to >= %(today)s AND d.ended_at IS NULL
                  AND h.is_active = %(yes)s AND acting.is_active = %(yes)s))
    """  # noqa: S608


def _delegated(user) -> list[tuple[str, str | None, str]]:
    """(role, unit path, holder) of the roles the user holds today as Plt/Plh."""
    if getattr(user, "_smart_delegated", None) is None:
        _load(user)
    return user._smart_delegated


def _assignments(user) -> list[tuple[str, str | None]]:
    """(role, unit path or None) of the user's assignments in force today,
    including the roles they hold as an acting official (Pasal 33)."""
    if not getattr(user, "is_authenticated", False):
        return []
    if getattr(user, "_smart_assignments", None) is None:
        _load(user)
    return user._smart_assignments


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


def roles_scope(user, *roles: str) -> Scope:
    """The units these roles of the user cover together (where they may, say,
    record a new employee), ignoring their other roles."""
    return _scope_of(path for r, path in _assignments(user) if r in roles)


def personnel_scope(user) -> Scope:
    """The units whose employees the user may read through their roles.

    Employees always see their own record too; that rule lives with the
    employee queryset, not here.
    """
    return _scope_of(path for role, path in _assignments(user) if role in PERSONNEL_READERS)


def scope_cache_key(user) -> str:
    """Who may share a cached figure or order: everyone regency-wide, otherwise
    the user alone with their units (their lists also hold their own record)."""
    scope = personnel_scope(user)
    return "*" if scope.everything else f"{user.pk}:{','.join(sorted(scope.unit_paths))}"


def assume_system_scope(user, unit_paths) -> None:
    """Give a system account (an API key's user) the key's units for this request.

    The key is the system's whole authority: it reads the employees of those
    units as Leadership reads them (a personnel reader without any SPECIFIC
    data, D-3) and holds no other role, delegated or not. Nothing is stored;
    the roles cached on the user object are replaced for the request.
    """
    user._smart_assignments = [(Role.LEADERSHIP, path) for path in unit_paths]
    user._smart_delegated = []


# Who imports national exports (R-PROC-1): the Pengelola SMART for the regency and
# the Pengelola Kepegawaian within their units; not the Administrator OPD.
IMPORTERS = (Role.SYSTEM_MANAGER, Role.HR_MANAGER)


def may_import_employees(user) -> bool:
    return has_role(user, *IMPORTERS)


def may_map_references(user) -> bool:
    """The SIASN reference-id mapping is regency-wide: the Pengelola SMART keeps it."""
    return has_role(user, Role.SYSTEM_MANAGER)
