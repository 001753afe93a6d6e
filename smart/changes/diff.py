"""A readable diff of a proposal: field label, current value, proposed value."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import models

from smart.changes.models import Action, ChangeRequest
from smart.changes.targets import Target
from smart.records.privacy import EMPLOYEE_FIELDS, redacted_entry_value, shown_value


@dataclass(frozen=True)
class FieldChange:
    label: Any
    old: Any
    new: Any

    @property
    def changed(self) -> bool:
        return self.old != self.new


def _readable(field: models.Field, value: Any) -> Any:
    if value in (None, ""):
        return None
    if field.is_relation:
        return str(field.related_model.objects.filter(pk=value).first() or value)
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(field, models.DateField) and isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value).strftime("%d-%m-%Y")
        except ValueError:
            return value
    return value


def proposal_diff(change: ChangeRequest, target: Target, access) -> list[FieldChange]:
    """Every field of the target: what the record held when proposed, and what
    is proposed (nothing for a removal) — as far as the viewer's field classes
    allow (D-3: masked or hidden identity numbers, addresses, medical data)."""
    rows = []
    for name in target.fields:
        field = target.model._meta.get_field(name)
        old = _readable(field, change.based_on.get(name))
        new = None if change.action == Action.REMOVE else _readable(
            field, change.proposed.get(name))
        if old is None and new is None:
            continue
        rows.append(FieldChange(field.verbose_name, _guard(target, name, old, access),
                                _guard(target, name, new, access)))
    return rows


def _guard(target: Target, name: str, value: Any, access) -> Any:
    if target.kind is None and name in EMPLOYEE_FIELDS:
        return shown_value(value, access[EMPLOYEE_FIELDS[name]])
    return redacted_entry_value(name, value, access)
