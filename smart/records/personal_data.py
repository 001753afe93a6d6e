"""“Who processed my data” (UU 27/2022 PDP Art. 32): an employee sees who read
or changed their record and downloads everything SMART holds about them."""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.db.models import Q

from smart.audit.models import AuditEvent
from smart.audit.services import audit_record
from smart.people.models import Employee
from smart.records.registry import KINDS

ACTION_LABELS = {
    "people.employee.read": "membaca data",
    "people.employee.update": "mengubah data pribadi",
    "people.employee.import": "mengimpor data",
    "documents.document.download": "mengunduh dokumen",
    "documents.document.store": "menyimpan dokumen",
    "records.personal_data.export": "mengunduh seluruh data",
}


def processing_log(employee: Employee):
    """Audit events about the employee: reads of their record, changes to it
    and to its entries (their labels carry the NIP), newest first."""
    return (AuditEvent.objects
            .filter(Q(target_type="people.employee", target_id=str(employee.pk))
                    | Q(target_label__startswith=f"{employee.nip} "))
            .order_by("-seq"))


def action_label(action: str) -> str:
    if action in ACTION_LABELS:
        return ACTION_LABELS[action]
    if action.startswith("records."):
        verb = action.rsplit(".", 1)[-1]
        return {"create": "menambah riwayat", "update": "mengubah riwayat",
                "delete": "menghapus riwayat"}.get(verb, action)
    return action


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    return value


def personal_data_export(employee: Employee) -> dict[str, Any]:
    """Everything SMART holds about the employee, as plain JSON-ready data."""
    def row(obj, exclude=()):
        return {f.attname: _plain(getattr(obj, f.attname)) for f in obj._meta.concrete_fields
                if f.attname not in exclude}

    return {
        "dibuat": datetime.datetime.now(datetime.UTC).isoformat(),
        "pegawai": row(employee, exclude=("findings",)),
        "riwayat": {kind.slug: [row(e) for e in kind.model.objects.filter(employee=employee)]
                    for kind in KINDS},
    }


def personal_data_json(employee: Employee) -> str:
    return json.dumps(personal_data_export(employee), ensure_ascii=False, indent=2)


def personal_data_download(*, employee: Employee, actor) -> str:
    """The JSON download of everything held about the employee; every export
    is on record (R-CONF-1), one's own too."""
    audit_record(actor=actor, action="records.personal_data.export", target=employee)
    return personal_data_json(employee)
