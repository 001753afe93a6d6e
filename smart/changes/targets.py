"""What a change request can target: any record kind of the registry, or the
employee's own core data ("identitas"). One form class per target serves the
employee's proposal, the re-check at validation, and the diff labels — so the
proposal and the applied change obey the same rules (defect 19).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from smart.people.models import Employee
from smart.people.services import employee_update
from smart.records.forms import date_formfield, entry_form_class
from smart.records.registry import REGISTRY, RecordKind
from smart.records.services import record_delete, record_save

IDENTITY = "identitas"

# The core data an employee may propose to correct. NIP, ASN kind, unit,
# golongan and position are not here: they change through their own history
# (rank, position) or through BKN.
IDENTITY_FIELDS = (
    "name", "front_title", "back_title", "birth_place", "birth_date", "sex", "nik",
    "religion", "marital_status", "npwp", "bpjs", "languages", "address",
    "domicile_village", "domicile_city", "postal_code", "house_ownership", "phone", "email",
    "origin_province", "origin_regency", "origin_district", "origin_village", "blood_type",
    "height_cm", "weight_kg", "disability", "taspen_number", "kartu_asn",
)


IdentityForm = forms.modelform_factory(Employee, fields=IDENTITY_FIELDS,
                                       formfield_callback=date_formfield)


@dataclass(frozen=True)
class Target:
    slug: str
    label: Any
    fields: tuple[str, ...]
    document_types: tuple[str, ...]
    kind: RecordKind | None  # None for the identity target

    @property
    def model(self) -> type[models.Model]:
        return self.kind.model if self.kind else Employee

    def form_class(self) -> type[forms.ModelForm]:
        return entry_form_class(self.kind) if self.kind else IdentityForm

    def instance(self, employee: Employee, target_id: int | None) -> models.Model | None:
        """The entry (or the employee) a request is about; None for a new entry."""
        if self.kind is None:
            return employee
        if target_id is None:
            return None
        return self.kind.model.objects.filter(employee=employee, pk=target_id).first()

    def stored_values(self, employee_id: int, target_id: int | None) -> dict[str, Any]:
        """The values as stored in the database now — never a form-modified object."""
        if self.kind is None:
            return values_of(Employee.objects.get(pk=employee_id), self.fields)
        if target_id is None:
            return {}
        return values_of(self.kind.model.objects.filter(pk=target_id).first(), self.fields)

    def apply(self, *, employee: Employee, action: str, target_id: int | None,
              values: dict[str, Any], actor, reason: str) -> int:
        """Change the record; returns the id of the entry written."""
        if self.kind is None:
            employee_update(employee=employee, values=values, actor=actor, reason=reason)
            return employee.pk
        entry = self.instance(employee, target_id)
        if action == "remove":
            record_delete(kind=self.kind, entry=entry, actor=actor, reason=reason)
            return target_id
        saved = record_save(kind=self.kind, employee=employee, values=values, actor=actor,
                            reason=reason, entry=entry, validate=True)
        return saved.pk


def target_for(slug: str) -> Target | None:
    if slug == IDENTITY:
        return Target(IDENTITY, _("Personal and employment data"), IDENTITY_FIELDS,
                      ("KTP", "KK", "BPJS", "NPWP", "LAINNYA"), None)
    kind = REGISTRY.get(slug)
    if kind is None:
        return None
    return Target(kind.slug, kind.label_singular, kind.fields, kind.document_types, kind)


def to_json(value: Any) -> Any:
    """A form value as JSON that the same form accepts back as data."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def values_of(instance: models.Model | None, fields: tuple[str, ...]) -> dict[str, Any]:
    """The current values of an entry (or employee) in the same JSON form."""
    if instance is None:
        return {}
    values = {}
    for name in fields:
        field = instance._meta.get_field(name)
        raw = getattr(instance, field.attname)
        values[name] = raw.isoformat() if isinstance(raw, datetime.date) else raw
    return values
