"""Field classes (security.md D-3): who sees SPECIFIC personal data in full.

SPECIFIC data — identity numbers (NIK, KK, NPWP, BPJS, family members'
numbers), addresses and medical data, and discipline records — is shown in
full to the employee, verifiers and the system manager. Unit admins and HR
managers of the employee's own unit see discipline records and masked
identity numbers; division admins and leadership see none of it (they work
with lists and aggregates). The code table below is the default and the one
place the rule lives; the Pengelola SMART overrides single cells from the UI
(``FieldGrant``), except the rows in ``LOCKED_ROLES``.
"""

from __future__ import annotations

from smart.access.models import Access, FieldClass, FieldGrant, Role
from smart.access.policies import Scope, has_role, role_scope

__all__ = ["Access", "FieldClass", "D3_TABLE", "LOCKED_ROLES", "KIND_CLASSES", "d3_table",
           "hidden_kinds", "specific_access", "mask_number",
           "widest_specific_access", "class_scope"]

_FULL = dict.fromkeys(FieldClass, Access.FULL)
_NONE = dict.fromkeys(FieldClass, Access.NONE)
_UNIT = {FieldClass.IDENTITY: Access.MASKED, FieldClass.PERSONAL: Access.NONE,
         FieldClass.DISCIPLINE: Access.FULL}

# The defaults of security.md D-3. The Pengelola SMART may override a cell
# (``FieldGrant``); without an override this table applies.
D3_TABLE: dict[str, dict[FieldClass, Access]] = {
    Role.VERIFIER: _FULL,
    Role.SYSTEM_MANAGER: _FULL,
    Role.UNIT_ADMIN: _UNIT,
    Role.HR_MANAGER: _UNIT,
    Role.DIVISION_ADMIN: _NONE,
    Role.LEADERSHIP: _NONE,
}

# Rows nobody may change: verifiers compare the full values with the documents
# (Pasal 14) and the system manager keeps the data and the table itself, so
# lowering either would stop work the regulation requires, or lock the only
# editor out. The employee's own record is always shown in full (UU 27/2022
# right of access); it is not a row of the table at all.
LOCKED_ROLES = frozenset({Role.VERIFIER, Role.SYSTEM_MANAGER})

# Record kinds (records registry slugs) that are SPECIFIC as a whole: the
# entries, their documents and the requests about them are hidden together.
KIND_CLASSES = {"hukuman-disiplin": FieldClass.DISCIPLINE}


def hidden_kinds(access: dict[FieldClass, Access]) -> set[str]:
    """Record kinds the viewer may not see at all."""
    return {slug for slug, field_class in KIND_CLASSES.items()
            if access[field_class] == Access.NONE}


def d3_table(user=None) -> dict[str, dict[FieldClass, Access]]:
    """The table in force: the code defaults with the overrides on top.

    One query, cached on ``user`` (the request's user object) when given, so
    a page pays it once however many records it shows.
    """
    cached = getattr(user, "_smart_d3", None)
    if cached is not None:
        return cached
    table = {role: dict(grants) for role, grants in D3_TABLE.items()}
    for role, field_class, access in FieldGrant.objects.values_list(
            "role", "field_class", "access"):
        if role in table and role not in LOCKED_ROLES:
            table[role][FieldClass(field_class)] = Access(access)
    if user is not None:
        user._smart_d3 = table
    return table


def specific_access(user, *, unit_path: str, is_own: bool) -> dict[FieldClass, Access]:
    """What the user may see of one employee's SPECIFIC data: the most generous
    grant among their roles whose scope holds the employee's unit.

    A locked role (always full) answers without reading the overrides.
    """
    if is_own:
        return dict(_FULL)
    covering = []
    for role in D3_TABLE:
        if not has_role(user, role):
            continue
        scope = role_scope(user, role)
        if scope.everything or any(unit_path.startswith(p) for p in scope.unit_paths):
            covering.append(role)
    if any(role in LOCKED_ROLES for role in covering):
        return dict(_FULL)
    best = dict(_NONE)
    if not covering:
        return best
    table = d3_table(user)
    for role in covering:
        for field_class, access in table[role].items():
            best[field_class] = max(best[field_class], access)
    return best


def mask_number(value: str) -> str:
    """"1409025203850001" → "1409********0001": enough to recognise, not to use."""
    if not value:
        return value
    if len(value) <= 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def widest_specific_access(user) -> dict[FieldClass, Access]:
    """The most the user may see of each class for anyone in any of their scopes:
    what a list may offer them as columns (each row is then shown at the access of
    that row's unit, ``specific_access``)."""
    best = dict(_NONE)
    table = None
    for role in D3_TABLE:
        if not has_role(user, role):
            continue
        if role in LOCKED_ROLES:
            return dict(_FULL)
        table = table or d3_table(user)
        for field_class, access in table[role].items():
            best[field_class] = max(best[field_class], access)
    return best


def class_scope(user, field_class: FieldClass) -> Scope:
    """The units in which the user sees data of ``field_class`` at all (masked or
    in full): the union of the scopes of their roles that show it. A list of such
    data (the discipline recap) reads only these units."""
    table = None
    paths: list[str] = []
    for role in D3_TABLE:
        if not has_role(user, role):
            continue
        if role not in LOCKED_ROLES:
            table = table or d3_table(user)
            if table[role][field_class] == Access.NONE:
                continue
        scope = role_scope(user, role)
        if scope.everything:
            return scope
        paths.extend(scope.unit_paths)
    return Scope(unit_paths=tuple(sorted(
        p for p in set(paths) if not any(p != q and p.startswith(q) for q in paths))))
