"""Writes and summaries for the employee master record."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from smart.accounts.models import User
from smart.audit.services import audit_record
from smart.people import career
from smart.people.bulk import insert_rows
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


def jf_bup(employee: Employee) -> int | None:
    """The BUP of the employee's JF from the reference (SIASN ``usiaBup``), for a
    functional or dual position linked to one; None otherwise (the table applies)."""
    if not employee.functional_position_id or employee.position_type is None:
        return None
    if employee.position_type.code not in (career.FUNCTIONAL, career.DUAL):
        return None
    return employee.functional_position.retirement_age


def retirement_findings(employee: Employee, on: datetime.date | None = None) -> list[str]:
    """An employee still active after the pension date (BUP) is a finding.

    "Active" is the legal status (kedudukan hukum) counting as active; the BUP
    comes from the position as ``career.retirement_age_for_position`` reads it.
    """
    on = on or timezone.localdate()
    status = employee.legal_status if employee.legal_status_id else None
    if status is None or not status.counts_as_active or not employee.position_type_id:
        return []
    try:
        bup = career.retirement_age_for_position(
            employee.position_type.code, employee.position_name,
            employee.echelon.code if employee.echelon_id else None, jf_bup=jf_bup(employee))
        retirement = career.retirement_date(employee.birth_date, bup)
    except (ValueError, OverflowError):
        return []
    if retirement > on:
        return []
    return [f"Sudah melewati batas usia pensiun ({bup} tahun; TMT pensiun "
            f"{retirement:%d-%m-%Y}) tetapi masih berstatus aktif."]


def employee_findings(employee: Employee) -> list[str]:
    """Everything a verifier should look at in a record written in bulk or
    corrected: identity disagreements and a pension date already passed."""
    return identity_findings(employee) + retirement_findings(employee)


def employees_create_bulk(*, employees: Iterable[Employee], actor, source: str,
                          data: dict | None = None) -> int:
    """Create many new employees in one transaction, with one audit event.

    Used by the initial recording (perekaman awal); every row must already be
    validated. Findings are computed here so the verifier sees them. An
    employee's own ``_change_reason`` (e.g. "import <file>, baris N") goes into
    its history row (the actor as its user), else ``source``; ``data`` is added
    to the audit event. Rows go in through ``people.bulk.insert_rows``.
    """
    batch = []
    for employee in employees:
        employee.findings = employee_findings(employee)
        batch.append(employee)
    with transaction.atomic():
        insert_rows(Employee, batch)
        now, user_id = timezone.now(), getattr(actor, "pk", None)
        tracked = [f.attname for f in Employee.history.model.tracked_fields]
        insert_rows(Employee.history.model, [{
            **{name: employee.__dict__.get(name) for name in tracked},
            "history_date": now, "history_type": "+", "history_user_id": user_id,
            "history_change_reason": (getattr(employee, "_change_reason", "") or source)[:100],
        } for employee in batch])
        audit_record(actor=actor, action="people.employee.import",
                     target_label=source, data={"created": len(batch), **(data or {})})
    return len(batch)


def employee_create(*, values: dict, actor, reason: str) -> Employee:
    """Record one new employee's master data (perekaman awal by hand).

    Model rules run first (NIP and NIK unique, lengths); identity
    inconsistencies become findings for the verifier, as in the import.
    """
    with transaction.atomic():
        employee = Employee(**values)
        employee.full_clean()
        employee.findings = identity_findings(employee)
        employee._change_reason = reason[:100]
        employee.save()
        audit_record(actor=actor, action="people.employee.create", target=employee,
                     data={"reason": reason},
                     after={name: str(value) for name, value in values.items()})
    return employee


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


@dataclass(frozen=True)
class CareerSummary:
    """The computed career values of one employee on a date (R-DATA-3)."""

    on: datetime.date
    age: int
    service: career.YearsMonths | None  # masa kerja keseluruhan
    grade_service: career.YearsMonths | None  # masa kerja golongan
    retirement_age: int | None
    retirement_date: datetime.date | None
    next_kgb: datetime.date | None
    next_promotion: datetime.date | None
    promotion_note: str


def career_summary(employee: Employee, on: datetime.date | None = None) -> CareerSummary:
    """Age, service, BUP and pension date, next KGB and regular promotion.

    Computed from the current values, which the records services keep equal to
    the latest validated history; never typed in. A date beyond the calendar's
    range (bad legacy data) yields empty values, never an error page.
    """
    try:
        return _career_summary(employee, on or timezone.localdate())
    except (ValueError, OverflowError):
        on = on or timezone.localdate()
        return CareerSummary(on=on, age=career.age_on(employee.birth_date, on), service=None,
                             grade_service=None, retirement_age=None, retirement_date=None,
                             next_kgb=None, next_promotion=None, promotion_note="")


def _career_summary(employee: Employee, on: datetime.date) -> CareerSummary:
    service = career.service_length(employee.tmt_cpns, on) if employee.tmt_cpns else None
    golongan = employee.golongan.code if employee.golongan_id else None
    grade_service = next_kgb = next_promotion = None
    note = ""
    if golongan and employee.tmt_golongan:
        grade_service = career.grade_service_on(employee.mk_years, employee.mk_months,
                                                employee.tmt_golongan, on)
        next_kgb = career.next_kgb_date(employee.tmt_golongan, employee.mk_years,
                                        employee.mk_months, golongan, on)
        level = employee.education_level
        ceiling = level.ceiling_golongan.code if level and level.ceiling_golongan_id else None
        echelon_max = (employee.echelon.highest_golongan.code
                       if employee.echelon_id and employee.echelon.highest_golongan_id else None)
        eligible, note = career.eligible_for_regular_promotion(
            golongan, employee.tmt_golongan, on, ceiling, echelon_max,
            education_name=level.name if level else None)
        if not career.is_pppk_golongan(golongan) and not career.is_at_ceiling(
                golongan, ceiling, echelon_max):
            next_promotion = career.regular_promotion_date(employee.tmt_golongan, on)
    bup = None
    if employee.position_type_id:
        try:
            bup = career.retirement_age_for_position(
                employee.position_type.code, employee.position_name,
                employee.echelon.code if employee.echelon_id else None,
                jf_bup=jf_bup(employee))
        except ValueError:
            bup = None  # a functional position without a known jenjang: not guessed
    retirement = career.retirement_date(employee.birth_date, bup) if bup else None
    if retirement:
        # Nothing falls due after the pension starts.
        next_kgb = next_kgb if next_kgb and next_kgb < retirement else None
        next_promotion = (next_promotion if next_promotion and next_promotion < retirement
                          else None)
    return CareerSummary(
        on=on, age=career.age_on(employee.birth_date, on), service=service,
        grade_service=grade_service, retirement_age=bup, retirement_date=retirement,
        next_kgb=next_kgb, next_promotion=next_promotion, promotion_note=note,
    )


def employee_update(*, employee: Employee, values: dict, actor, reason: str,
                    data: dict | None = None) -> Employee:
    """Correct the employee's own data (validated identity corrections, imports).

    Model rules run first; the findings are recomputed because a corrected
    birth date or sex may resolve (or create) an identity finding. ``data``
    is added to the audit event.
    """
    with transaction.atomic():
        employee = Employee.objects.select_for_update().get(pk=employee.pk)
        before = {name: str(getattr(employee, name, "")) for name in values}
        for name, value in values.items():
            setattr(employee, name, value)
        employee.full_clean()
        employee.findings = employee_findings(employee)
        employee._change_reason = reason[:100]
        employee.save()
        after = {name: str(getattr(employee, name, "")) for name in values}
        changed = [name for name in values if before[name] != after[name]]
        audit_record(actor=actor, action="people.employee.update", target=employee,
                     data={"reason": reason, **(data or {})},
                     before={name: before[name] for name in changed},
                     after={name: after[name] for name in changed})
    return employee


def employee_account_open(*, employee: Employee, actor, email: str) -> User:
    """A sign-in account for an employee: the NIP is the user name, the name is
    the employee's, and no password is set — the employee chooses it through the
    single-use link e-mailed to ``email`` (security.md A9). The employee's role
    itself comes through the access authorisation (Pasal 11b)."""
    from smart.accounts.services import AccountRefused, account_create

    with transaction.atomic():
        locked = Employee.objects.select_for_update().get(pk=employee.pk)
        if locked.user_id is not None:
            raise AccountRefused("Pegawai ini sudah memiliki akun.")
        user = account_create(actor=actor, username=locked.nip,
                              full_name=locked.display_name, email=email)
        locked.user = user
        locked.save(update_fields=["user", "updated_at"])
        audit_record(actor=actor, action="people.employee.account_open", target=locked,
                     data={"user": user.username})
    return user
