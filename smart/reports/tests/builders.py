"""Employees with validated history, for the report tests."""

from __future__ import annotations

import datetime

from django.utils import timezone

from smart.people.models import AsnKind
from smart.records.models import (
    FormalEducation,
    PositionHistory,
    RankHistory,
    StructuralTrainingRecord,
)
from smart.references.models import (
    Echelon,
    EducationLevel,
    Golongan,
    PositionType,
    StructuralTraining,
    Unit,
)
from tests.personas import make_employee

D = datetime.date


def rank(employee, golongan: str, tmt: datetime.date, mk=(0, 0)) -> RankHistory:
    return RankHistory.objects.create(
        employee=employee, golongan=Golongan.objects.get(code=golongan), tmt=tmt,
        mk_years=mk[0], mk_months=mk[1], sk_number=f"SK/{golongan}/{tmt:%Y}",
        sk_date=tmt, validated_at=timezone.now())


def position(employee, *, tmt: datetime.date, echelon: str | None = None,
             kind: str = "1", name: str = "Kepala Seksi", unit: str | None = None):
    return PositionHistory.objects.create(
        employee=employee, position_name=name, position_type=PositionType.objects.get(code=kind),
        echelon=Echelon.objects.get(code=echelon) if echelon else None,
        unit=Unit.objects.get(code=unit) if unit else employee.unit, tmt=tmt,
        sk_number=f"SK/J/{tmt:%Y%m%d}", sk_date=tmt, validated_at=timezone.now())


def training(employee, code: str, start: datetime.date) -> StructuralTrainingRecord:
    return StructuralTrainingRecord.objects.create(
        employee=employee, name="Diklat", start_date=start,
        structural_training=StructuralTraining.objects.get(code=code),
        validated_at=timezone.now())


def education(employee, code: str, graduated: int) -> FormalEducation:
    return FormalEducation.objects.create(
        employee=employee, education_level=EducationLevel.objects.get(code=code),
        graduation_year=graduated, institution_name="Universitas Riau",
        validated_at=timezone.now())


GRADE_TMT, SERVICE_START, BORN = D(2019, 4, 1), D(2008, 1, 1), D(1985, 3, 12)


def pns(unit: str, name: str, *, golongan: str = "34", tmt_golongan=GRADE_TMT,
        tmt_cpns=SERVICE_START, birth=BORN, echelon: str | None = None,
        tmt_echelon=None, education_code: str = "40", asn_kind: str = AsnKind.PNS):
    """A PNS whose rank, position and education are in validated history."""
    employee = make_employee(unit, name=name, birth=birth, asn_kind=asn_kind)
    employee.tmt_cpns = tmt_cpns
    employee.save(update_fields=["tmt_cpns"])
    if golongan:
        rank(employee, golongan, tmt_golongan)
    position(employee, tmt=tmt_echelon or tmt_cpns, echelon=echelon,
             kind="1" if echelon else "4", name="Kepala Seksi" if echelon else "Pelaksana")
    education(employee, education_code, 2004)
    return employee
