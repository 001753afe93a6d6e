"""Field classes (security.md D-3): who sees SPECIFIC personal data in full.

SPECIFIC data — identity numbers (NIK, KK, NPWP, BPJS, family members'
numbers), addresses and medical data, and discipline records — is shown in
full to the employee, verifiers and the system manager. Unit admins and HR
managers of the employee's own unit see discipline records and masked
identity numbers; division admins and leadership see none of it (they work
with lists and aggregates). This table is the one place the rule lives.
"""

from __future__ import annotations

from django.db import models

from smart.access.models import Role
from smart.access.policies import has_role, role_scope


class FieldClass(models.TextChoices):
    IDENTITY = "identity", "identity numbers"
    PERSONAL = "personal", "addresses and medical data"
    DISCIPLINE = "discipline", "discipline records"


class Access(models.IntegerChoices):
    NONE = 0, "absent"
    MASKED = 1, "masked"
    FULL = 2, "full"


_FULL = dict.fromkeys(FieldClass, Access.FULL)
_NONE = dict.fromkeys(FieldClass, Access.NONE)
_UNIT = {FieldClass.IDENTITY: Access.MASKED, FieldClass.PERSONAL: Access.NONE,
         FieldClass.DISCIPLINE: Access.FULL}

D3_TABLE: dict[str, dict[FieldClass, Access]] = {
    Role.VERIFIER: _FULL,
    Role.SYSTEM_MANAGER: _FULL,
    Role.UNIT_ADMIN: _UNIT,
    Role.HR_MANAGER: _UNIT,
    Role.DIVISION_ADMIN: _NONE,
    Role.LEADERSHIP: _NONE,
}


def specific_access(user, *, unit_path: str, is_own: bool) -> dict[FieldClass, Access]:
    """What the user may see of one employee's SPECIFIC data: the most generous
    grant among their roles whose scope holds the employee's unit."""
    if is_own:
        return dict(_FULL)
    best = dict(_NONE)
    for role, grants in D3_TABLE.items():
        if not has_role(user, role):
            continue
        scope = role_scope(user, role)
        if not (scope.everything or any(unit_path.startswith(p) for p in scope.unit_paths)):
            continue
        for field_class, access in grants.items():
            best[field_class] = max(best[field_class], access)
    return best


def mask_number(value: str) -> str:
    """"1409025203850001" → "1409********0001": enough to recognise, not to use."""
    if not value:
        return value
    if len(value) <= 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]
