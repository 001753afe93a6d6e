"""Perekaman awal by hand (Perbup 35/2020 Pasal 20(1)): a CPNS or PPPK
candidate, an employee transferred in from another agency, or an employee
never recorded.

The unit admin (their own units only) or BKPP records the master data; the
initial golongan, position and education are change requests on the
officer's route, so none of them is validated data until a verifier has
checked the documents and validated it.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from smart.access.models import Role
from smart.access.policies import Scope, roles_scope
from smart.audit.services import audit_record
from smart.changes.models import Action, Onboarding, OnboardingKind
from smart.changes.services import request_propose
from smart.changes.targets import target_for
from smart.changes.workflow import OFFICER_ROUTE
from smart.people.models import AsnKind, Employee
from smart.people.services import employee_create
from smart.references.models import Golongan, Unit

ONBOARDERS = (Role.UNIT_ADMIN, Role.HR_MANAGER, Role.VERIFIER)
# The initial entries, in the order the verifier reads them.
INITIAL_ENTRIES = ("pangkat", "jabatan", "pendidikan-formal")
# The documents each initial entry may carry: a candidate's first golongan is
# in the SK CPNS (or the PPPK contract), a transferred employee's in the last SK.
DOCUMENT_TYPES = {
    "pangkat": ("SK_CPNS", "SK_PANGKAT", "SK_PNS", "LAINNYA"),
    "jabatan": ("SK_JABATAN", "PELANTIKAN", "LAINNYA"),
    "pendidikan-formal": ("IJAZAH", "TRANSKRIP"),
}


class OnboardingRefused(Exception):
    """The recording cannot be made; the message is for the user."""


def onboarding_scope(user) -> Scope:
    """Where the user may record new employees: a unit admin's own subtree,
    BKPP's roles within their scope (usually the regency)."""
    return roles_scope(user, *ONBOARDERS)


def onboarding_units(user):
    """The current units the user may record an employee into."""
    scope = onboarding_scope(user)
    units = Unit.objects.current()
    if scope.everything:
        return units
    if scope.is_empty:
        return units.none()
    return units.under_any(scope.unit_paths)


def asn_kind_for(kind: str, nip_kind: str, chosen: str = "") -> str:
    """The ASN kind a recording gives, checked against the NIP's layout."""
    if kind == OnboardingKind.CPNS_CANDIDATE:
        wanted = AsnKind.CPNS
    elif kind == OnboardingKind.PPPK_CANDIDATE:
        wanted = AsnKind.PPPK
    else:
        wanted = AsnKind.PPPK if nip_kind == "PPPK" else (chosen or AsnKind.PNS)
    if (wanted == AsnKind.PPPK) != (nip_kind == "PPPK"):
        raise ValidationError(
            f"NIP ini berpola NIP {nip_kind}, tidak cocok untuk pegawai {wanted}; periksa "
            "kembali NIP atau jenis perekamannya.")
    return wanted


def check_golongan_fits(asn_kind: str, golongan: Golongan | None) -> None:
    if golongan is None:
        return
    wanted = Golongan.Scheme.PPPK if asn_kind == AsnKind.PPPK else Golongan.Scheme.PNS
    if golongan.scheme != wanted:
        raise ValidationError(f"Golongan {golongan.name} adalah golongan {golongan.scheme}, "
                              f"padahal pegawai ini {asn_kind}.")


def existing_employee(nip: str) -> Employee | None:
    return Employee.objects.filter(nip=nip).select_related("unit").first()


def onboarding_record(*, kind: str, employee_values: dict[str, Any],
                      entries: dict[str, dict[str, Any]],
                      documents: dict[str, tuple], origin_agency: str, note: str,
                      actor) -> Onboarding:
    """Create the employee and send the initial entries to verification.

    ``entries`` and ``documents`` are keyed by the record kinds of
    ``INITIAL_ENTRIES``; every entry needs its document. All or nothing: a
    refusal leaves no employee, no request and no file behind.
    """
    unit = employee_values["unit"]
    if not onboarding_units(actor).filter(pk=unit.pk).exists():
        raise OnboardingRefused("Anda hanya dapat merekam pegawai ke unit dalam cakupan Anda.")
    if kind == OnboardingKind.TRANSFER and not origin_agency.strip():
        raise ValidationError("Isi instansi asal pegawai pindahan.")
    if existing_employee(employee_values["nip"]) is not None:
        raise OnboardingRefused(f"NIP {employee_values['nip']} sudah terdaftar di SMART.")
    missing = [slug for slug in INITIAL_ENTRIES if slug not in documents]
    if missing:
        raise ValidationError("Lampirkan dokumen untuk setiap data awal.")
    label = OnboardingKind(kind).label
    reason = f"Perekaman awal: {label}" + (f" dari {origin_agency}" if origin_agency else "")
    with transaction.atomic():
        employee = employee_create(values=employee_values, actor=actor, reason=reason)
        onboarding = Onboarding.objects.create(employee=employee, kind=kind,
                                               origin_agency=origin_agency.strip(),
                                               recorded_by=actor)
        text = f"{reason}. {note}".strip()
        for slug in INITIAL_ENTRIES:
            values = dict(entries[slug])
            if slug == "jabatan":
                values.setdefault("unit", unit)
            request = request_propose(
                target=target_for(slug), employee=employee, action=Action.ADD,
                target_id=None, values=values, note=text, proposer=actor,
                documents=[documents[slug]], submit=True, route=OFFICER_ROUTE)
            onboarding.requests.add(request)
        audit_record(actor=actor, action="changes.onboarding.create", target=onboarding,
                     data={"kind": kind, "employee": employee.nip, "unit": unit.code,
                           "origin": origin_agency})
    return onboarding


def onboardings_visible_to(user):
    """Recordings of employees in the user's onboarding scope."""
    scope = onboarding_scope(user)
    queryset = Onboarding.objects.select_related("employee__unit", "recorded_by")
    if scope.everything:
        return queryset
    condition = Q(pk__in=[])
    for path in scope.unit_paths:
        condition |= Q(employee__unit__path__startswith=path)
    return queryset.filter(condition)
