"""Applying the D-3 field classes to a record before it is shown or printed.

Views and the DRH never decide this themselves: they ask for the viewer's
access (``access.fields.specific_access``) and show what ``redacted`` and
``hidden_kinds`` leave.
"""

from __future__ import annotations

import copy

from smart.access.fields import (  # noqa: F401  (hidden_kinds, KIND_CLASSES: re-exported)
    KIND_CLASSES,
    Access,
    FieldClass,
    hidden_kinds,
    mask_number,
    specific_access,
)
from smart.people.models import Employee

HIDDEN = "(tidak ditampilkan)"

EMPLOYEE_FIELDS: dict[str, FieldClass] = {
    "nik": FieldClass.IDENTITY, "npwp": FieldClass.IDENTITY, "bpjs": FieldClass.IDENTITY,
    "address": FieldClass.PERSONAL, "domicile_village": FieldClass.PERSONAL,
    "domicile_city": FieldClass.PERSONAL, "postal_code": FieldClass.PERSONAL,
    "blood_type": FieldClass.PERSONAL, "disability": FieldClass.PERSONAL,
    "height_cm": FieldClass.PERSONAL, "weight_kg": FieldClass.PERSONAL,
}
# Fields of record kinds that are identity numbers (family members' NIK).
ENTRY_IDENTITY_FIELDS = {"nik", "bpjs"}


def access_of(user, employee: Employee) -> dict[FieldClass, Access]:
    return specific_access(user, unit_path=employee.unit.path,
                           is_own=employee.user_id is not None and employee.user_id == user.pk)


def without_specific(access: dict[FieldClass, Access]) -> dict[FieldClass, Access]:
    """The grants for a file that leaves SMART without a data release: identity
    numbers at most masked, no addresses, medical data or discipline records."""
    return {FieldClass.IDENTITY: min(access[FieldClass.IDENTITY], Access.MASKED),
            FieldClass.PERSONAL: Access.NONE, FieldClass.DISCIPLINE: Access.NONE}


def shows_specific(access: dict[FieldClass, Access]) -> bool:
    """Whether SPECIFIC data would be shown in full (a masked number is not)."""
    return any(level == Access.FULL for level in access.values())


def shown_value(value, access: Access):
    if access == Access.FULL or value in (None, ""):
        return value
    if access == Access.MASKED and isinstance(value, str):
        return mask_number(value)
    return HIDDEN


def redacted(employee: Employee, access: dict[FieldClass, Access]) -> Employee:
    """A copy of the employee with SPECIFIC fields masked or hidden; never saved."""
    if all(level == Access.FULL for level in access.values()):
        return employee
    shown = copy.copy(employee)
    for name, field_class in EMPLOYEE_FIELDS.items():
        setattr(shown, name, shown_value(getattr(employee, name), access[field_class]))
    if access[FieldClass.PERSONAL] == Access.NONE:
        # One marker for the address, not one per part of it.
        shown.address = HIDDEN
        shown.domicile_village = shown.domicile_city = shown.postal_code = ""
    shown.save = _refuse_save
    shown.is_redacted = True
    return shown


def redacted_entry_value(name: str, value, access: dict[FieldClass, Access]):
    """A record entry's field as this viewer may see it."""
    if name in ENTRY_IDENTITY_FIELDS:
        return shown_value(value, access[FieldClass.IDENTITY])
    return value


def _refuse_save(*args, **kwargs):
    raise RuntimeError("A redacted employee is for display only.")
