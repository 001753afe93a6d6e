"""The reports' one write: the audit event of an export (R-CONF-1, Pasal 22(3))."""

from __future__ import annotations

from django.db import transaction

from smart.audit.services import audit_record


def report_export_record(*, actor, code: str, params: dict, rows: int, filename: str) -> None:
    """Every report file leaves a trace: which report, of what, how many rows.

    The data release (when one was needed) is logged separately by the gate."""
    with transaction.atomic():
        audit_record(actor=actor, action="reports.export", target_label=code,
                     data={"report": code, "params": params, "rows": rows,
                           "file": filename})
