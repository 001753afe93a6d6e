"""Seed the master-data tables with the national codes and the unit tree."""

from django.db import migrations

from smart.references import seed_codes as codes
from smart.references.seed_regions import REGIONS
from smart.references.seed_units import flatten, unit_tree


def _plain(apps, model, rows):
    Model = apps.get_model("references", model)
    Model.objects.bulk_create(
        Model(code=code, name=name, sort_order=i) for i, (code, name) in enumerate(rows)
    )


def seed(apps, schema_editor):
    Golongan = apps.get_model("references", "Golongan")
    Golongan.objects.bulk_create(
        [Golongan(code=c, name=n, pangkat=p, scheme="PNS", sort_order=int(c))
         for c, n, p in codes.GOLONGAN_PNS]
        + [Golongan(code=n, name=n, scheme="PPPK", sort_order=100 + i)
           for i, n in enumerate(codes.GOLONGAN_PPPK, start=1)]
    )
    gol = {g.code: g for g in Golongan.objects.all()}

    for model, rows in [
        ("Religion", codes.RELIGIONS), ("MaritalStatus", codes.MARITAL_STATUSES),
        ("Sex", codes.SEXES), ("EmployeeType", codes.EMPLOYEE_TYPES),
        ("PositionType", codes.POSITION_TYPES), ("TrainingType", codes.TRAINING_TYPES),
        ("StructuralTraining", codes.STRUCTURAL_TRAININGS), ("AwardType", codes.AWARD_TYPES),
        ("LeaveType", codes.LEAVE_TYPES), ("PromotionType", codes.PROMOTION_TYPES),
        ("AssignmentType", codes.ASSIGNMENT_TYPES), ("PensionType", codes.PENSION_TYPES),
        ("TerminationType", codes.TERMINATION_TYPES),
    ]:
        _plain(apps, model, rows)

    LegalStatus = apps.get_model("references", "LegalStatus")
    LegalStatus.objects.bulk_create(
        LegalStatus(code=c, name=n, counts_as_active=a, sort_order=i)
        for i, (c, n, a) in enumerate(codes.LEGAL_STATUSES)
    )
    Echelon = apps.get_model("references", "Echelon")
    Echelon.objects.bulk_create(
        Echelon(code=c, name=n, asn_name=a, lowest_golongan=gol.get(lo),
                highest_golongan=gol.get(hi), sort_order=i)
        for i, (c, n, a, lo, hi) in enumerate(codes.ECHELONS)
    )
    EducationLevel = apps.get_model("references", "EducationLevel")
    EducationLevel.objects.bulk_create(
        EducationLevel(code=c, name=n, initial_golongan=gol.get(i0),
                       ceiling_golongan=gol.get(top), sort_order=int(c))
        for c, n, i0, top in codes.EDUCATION_LEVELS
    )
    PenaltyType = apps.get_model("references", "PenaltyType")
    PenaltyType.objects.bulk_create(
        PenaltyType(code=c, name=n, level=lv, regulation=reg, sort_order=i)
        for i, (c, n, lv, reg) in enumerate(codes.PENALTY_TYPES)
    )

    Region = apps.get_model("references", "Region")
    by_code = {}
    for i, (code, name, level) in enumerate(REGIONS):
        parent = by_code.get(code.rsplit(".", 1)[0]) if "." in code else None
        by_code[code] = Region.objects.create(
            code=code, name=name, level=level, parent=parent, sort_order=i)

    echelons = {e.code: e for e in Echelon.objects.all()}
    Unit = apps.get_model("references", "Unit")
    Unit.objects.bulk_create(
        Unit(**{**row, "head_echelon": echelons.get(row["head_echelon"])})
        for row in flatten(unit_tree())
    )


class Migration(migrations.Migration):
    dependencies = [("references", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
