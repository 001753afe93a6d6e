"""Writes and summaries for the employee master record."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, Q
from simple_history.utils import bulk_create_with_history

from smart.audit.services import audit_record
from smart.people.identity import IdentityError, nik_findings, nip_findings, parse_nik, parse_nip
from smart.people.models import AsnKind, Employee


def identity_findings(employee: Employee) -> list[str]:
    """Identity inconsistencies of a record, for the verifier (R-DATA-2).

    The NIP and NIK must already be well-formed; disagreements with the
    recorded birth date, sex and TMT CPNS become findings, not refusals.
    """
    findings: list[str] = []
    sex = employee.sex.code if employee.sex_id else None
    try:
        nip = parse_nip(employee.nip)
        findings += nip_findings(
            nip, birth_date=employee.birth_date, sex=sex,
            tmt_cpns=employee.tmt_cpns if nip.kind == "PNS" else None,
        )
    except IdentityError as error:
        findings.append(str(error))
    if employee.nik:
        try:
            findings += nik_findings(parse_nik(employee.nik), birth_date=employee.birth_date,
                                     sex=sex)
        except IdentityError as error:
            findings.append(str(error))
    return findings


def employees_create_bulk(*, employees: Iterable[Employee], actor, source: str) -> int:
    """Create many new employees in one transaction, with one audit event.

    Used by the initial recording (perekaman awal); every row must already be
    validated. Findings are computed here so the verifier sees them.
    """
    batch = []
    for employee in employees:
        employee.findings = identity_findings(employee)
        batch.append(employee)
    with transaction.atomic():
        bulk_create_with_history(batch, Employee, batch_size=500,
                                 default_change_reason=source[:100])
        audit_record(actor=actor, action="people.employee.import",
                     target_label=source, data={"created": len(batch)})
    return len(batch)


def headcount_for(user) -> dict[str, int]:
    """Employees the user may see, by ASN kind, in one query."""
    return Employee.objects.visible_to(user).aggregate(
        total=Count("id"),
        pns=Count("id", filter=Q(asn_kind=AsnKind.PNS)),
        cpns=Count("id", filter=Q(asn_kind=AsnKind.CPNS)),
        pppk=Count("id", filter=Q(asn_kind=AsnKind.PPPK)),
    )


def employee_record_read(*, actor, employee: Employee, what: str = "profile") -> None:
    """Log a read of someone else's personal data (R-CONF-1); one's own is not logged."""
    if employee.user_id is not None and employee.user_id == actor.pk:
        return
    audit_record(actor=actor, action="people.employee.read", target=employee,
                 data={"what": what})
