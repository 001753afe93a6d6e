"""A readable diff of a proposal: field label, current value, proposed value."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models

from smart.changes.models import Action, ChangeRequest
from smart.changes.targets import Target


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
    return value


def proposal_diff(change: ChangeRequest, target: Target) -> list[FieldChange]:
    """Every field of the target: what the record held when proposed, and what
    is proposed (nothing for a removal)."""
    rows = []
    for name in target.fields:
        field = target.model._meta.get_field(name)
        old = _readable(field, change.based_on.get(name))
        new = None if change.action == Action.REMOVE else _readable(
            field, change.proposed.get(name))
        if old is None and new is None:
            continue
        rows.append(FieldChange(field.verbose_name, old, new))
    return rows
