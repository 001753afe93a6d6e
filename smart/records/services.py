"""Writing record entries and keeping the employee's current values in step.

R-DATA-3: the current golongan, position and unit of an employee are not
typed; they are the latest *validated* rank and (definitive) position entries.
Every write goes through here so history (simple-history), the audit log and
the current values change together, in one transaction.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from smart.audit.services import audit_record
from smart.people import career
from smart.people.models import Employee
from smart.records.models import PositionHistory, RankHistory, RecordEntry
from smart.records.registry import RecordKind
from smart.references.models import FunctionalPosition, PositionType

DEFINITIVE = "D"


def record_save(*, kind: RecordKind, employee: Employee, values: dict[str, Any], actor,
                reason: str, entry: RecordEntry | None = None,
                validate: bool = False) -> RecordEntry:
    """Create or correct one entry with the given field values.

    ``validate`` stamps the entry as validated by ``actor`` (a verifier's own
    correction, Pasal 14b, or the end of a change request). Model rules
    (``clean``) run first; a ValidationError leaves nothing written.
    """
    with transaction.atomic():
        if entry is None:
            entry = kind.model(employee=employee)
            action = "create"
        else:
            entry = kind.model.objects.select_for_update().get(pk=entry.pk,
                                                               employee=employee)
            action = "update"
        before = {name: _value(entry, name) for name in kind.fields}
        for name, value in values.items():
            if name in kind.fields:
                setattr(entry, name, value)
        if validate:
            entry.validated_by = actor
            entry.validated_at = timezone.now()
        entry.full_clean()
        entry._change_reason = reason[:100]
        entry.save()
        after = {name: _value(entry, name) for name in kind.fields}
        changed = [name for name in kind.fields if before[name] != after[name]]
        audit_record(
            actor=actor, action=f"records.{kind.slug}.{action}", target=entry,
            target_label=f"{employee.nip} {kind.label_singular}: {entry}",
            data={"reason": reason},
            before={name: before[name] for name in changed} if action == "update" else None,
            after={name: after[name] for name in changed},
        )
        if kind.model in (RankHistory, PositionHistory):
            employee_refresh_current(employee)
    return entry


def record_delete(*, kind: RecordKind, entry: RecordEntry, actor, reason: str) -> None:
    """Remove an entry; its history rows and the audit event keep what it was."""
    with transaction.atomic():
        employee = entry.employee
        label = str(entry)
        entry._change_reason = reason[:100]
        audit_record(actor=actor, action=f"records.{kind.slug}.delete", target=entry,
                     target_label=f"{employee.nip} {kind.label_singular}: {label}",
                     data={"reason": reason},
                     before={name: _value(entry, name) for name in kind.fields})
        entry.delete()
        if kind.model in (RankHistory, PositionHistory):
            employee_refresh_current(employee)


def functional_position_named(name: str, position_type_id: int | None):
    """The JF of the reference with exactly this name (any case) for a functional or
    dual position, else None: a new position never keeps the BUP of the old JF."""
    if position_type_id is None or not PositionType.objects.filter(
            pk=position_type_id, code__in=(career.FUNCTIONAL, career.DUAL)).exists():
        return None
    found = list(FunctionalPosition.objects.active().filter(name__iexact=name.strip())[:2])
    return found[0] if len(found) == 1 else None


def employee_refresh_current(employee: Employee) -> None:
    """Set the current golongan, position and unit from validated history."""
    rank = RankHistory.objects.validated().filter(employee=employee).order_by("-tmt").first()
    position = (
        PositionHistory.objects.validated()
        .filter(employee=employee)
        .exclude(assignment_type__code__in=["PLT", "PLH", "TT"])
        .order_by("-tmt")
        .first()
    )
    fields = []
    if rank:
        employee.golongan_id, employee.tmt_golongan = rank.golongan_id, rank.tmt
        employee.mk_years, employee.mk_months = rank.mk_years, rank.mk_months
        fields += ["golongan", "tmt_golongan", "mk_years", "mk_months"]
    if position:
        if (employee.position_name, employee.position_type_id) != (
                position.position_name, position.position_type_id):
            employee.functional_position = functional_position_named(
                position.position_name, position.position_type_id)
            fields.append("functional_position")
        employee.position_name = position.position_name
        employee.position_type_id = position.position_type_id
        employee.echelon_id = position.echelon_id
        employee.tmt_position = position.tmt
        employee.unit_id = position.unit_id
        fields += ["position_name", "position_type", "echelon", "tmt_position", "unit"]
    if fields:
        employee._change_reason = "riwayat tervalidasi"
        employee.save(update_fields=[*fields, "updated_at"])


def rank_on(employee: Employee, on: datetime.date) -> RankHistory | None:
    """The golongan an employee held on a date: the latest validated rank
    entry whose TMT is on or before it."""
    return (
        RankHistory.objects.validated()
        .filter(employee=employee, tmt__lte=on)
        .select_related("golongan")
        .order_by("-tmt")
        .first()
    )


def position_on(employee: Employee, on: datetime.date) -> PositionHistory | None:
    return (
        PositionHistory.objects.validated()
        .filter(employee=employee, tmt__lte=on)
        .exclude(assignment_type__code__in=["PLT", "PLH", "TT"])
        .select_related("unit", "position_type", "echelon")
        .order_by("-tmt")
        .first()
    )


def _value(entry: RecordEntry, name: str) -> Any:
    """A JSON-friendly form of a field value for the audit diff."""
    field = entry._meta.get_field(name)
    if field.is_relation:
        return None if getattr(entry, field.attname) is None else str(getattr(entry, name))
    value = getattr(entry, name)
    return value.isoformat() if isinstance(value, datetime.date) else value
