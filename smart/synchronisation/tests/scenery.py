"""A small hand-made synchronisation case: six employees in two units of the
seeded tree and an export, dated 1 June 2026, that differs from SMART in
known ways (each class at least twice).

- ana (Dinkes), golongan: III/c TMT 2022 validated before the export; SIASN
  III/d TMT 2026 → national newer.
- budi (Dinkes), golongan: III/d TMT 2026; SIASN III/c TMT 2022 → SMART newer.
- citra (Dinkes), golongan: III/c TMT 2022 validated *after* the export; SIASN
  III/d TMT 2026 → conflict (both changed).
- ana, name: corrected and validated after the export; SIASN has the old
  spelling → SMART newer.
- budi, place of birth: corrected and validated before the export; SIASN has
  another place → national newer.
- citra, religion: never validated in SMART; SIASN has another → conflict.
- dedi (Disdik), position: "Guru Ahli Pertama" TMT 2020; SIASN the same TMT
  with "Guru Ahli Muda" → conflict (same TMT).
- eka (Disdik), golongan: none in SMART; SIASN III/b TMT 2015 → national newer.

Plus a row SMART does not know, a row with an impossible NIP and a NIP twice.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from smart.changes.models import Action, ChangeRequest, Stage
from smart.integrations.siasn.export import COLUMNS
from smart.people.models import Employee
from smart.records.models import PositionHistory, RankHistory
from smart.references.models import Golongan, PositionType, Religion, Unit
from tests.personas import make_employee

EXPORT_DATE = datetime.date(2026, 6, 1)
BEFORE = timezone.make_aware(datetime.datetime(2026, 1, 15, 10, 0))
AFTER = timezone.make_aware(datetime.datetime(2026, 8, 1, 10, 0))


def csv_bytes(rows: list[dict[str, str]]) -> bytes:
    """An export with the given cells; everything else ``null``, as SIASN writes it."""
    lines = [",".join(COLUMNS)]
    for row in rows:
        lines.append(",".join(f'"{row[name]}"' if name in row else "null" for name in COLUMNS))
    return ("\n".join(lines) + "\n").encode()


def _rank(employee: Employee, code: str, tmt: datetime.date, validated_at) -> None:
    RankHistory.objects.create(
        employee=employee, golongan=Golongan.objects.get(code=code), tmt=tmt,
        sk_number=f"823/{employee.pk}/{tmt.year}", sk_date=tmt - datetime.timedelta(days=30),
        validated_at=validated_at)
    Employee.objects.filter(pk=employee.pk).update(golongan=Golongan.objects.get(code=code),
                                                   tmt_golongan=tmt)


def _identity_change(employee: Employee, proposer, field: str, old, new, closed_at) -> None:
    ChangeRequest.objects.create(
        employee=employee, kind="identitas", action=Action.CORRECT, target_id=employee.pk,
        proposed={field: new}, based_on={field: old}, proposer=proposer,
        stage=Stage.VALIDATED, closed_at=closed_at)


def _row(employee: Employee, **cells) -> dict[str, str]:
    return {"nip_baru": f"'{employee.nip}", "nama": employee.name,
            "tanggal_lahir": f"{employee.birth_date:%d-%m-%Y}", "jenis_kelamin": "F",
            "unor_nama": employee.unit.name, **cells}


@dataclass
class Scenery:
    ana: Employee
    budi: Employee
    citra: Employee
    dedi: Employee
    eka: Employee
    data: bytes


def build_scenery(cast) -> Scenery:
    ana = make_employee("DINKES.PKM05", name="ANA LESTARI")
    budi = make_employee("DINKES.PKM05", name="BUDI SANTOSO")
    citra = make_employee("DINKES.PKM02", name="CITRA DEWI")
    dedi = make_employee("DISDIK.KORWIL03.SD1", name="DEDI PRATAMA")
    eka = make_employee("DISDIK.KORWIL03.SD1", name="EKA PUTRI")
    Employee.objects.filter(pk=eka.pk).update(golongan=None)
    Employee.objects.filter(pk__in=[ana.pk, budi.pk, citra.pk, dedi.pk, eka.pk]).update(
        religion=Religion.objects.get(code="1"), birth_place="TELUK KUANTAN")
    _rank(ana, "33", datetime.date(2022, 4, 1), BEFORE)
    _rank(budi, "34", datetime.date(2026, 4, 1), BEFORE)
    _rank(citra, "33", datetime.date(2022, 4, 1), AFTER)
    _identity_change(ana, cast.verifier, "name", "ANA LESTARY", "ANA LESTARI", AFTER)
    _identity_change(budi, cast.verifier, "birth_place", "PEKANBARU", "TELUK KUANTAN", BEFORE)
    fungsional = PositionType.objects.get(code="2")
    PositionHistory.objects.create(
        employee=dedi, position_name="Guru Ahli Pertama", position_type=fungsional,
        unit=dedi.unit, tmt=datetime.date(2020, 1, 1), sk_number="821/1/2020",
        sk_date=datetime.date(2019, 12, 1), validated_at=BEFORE)
    Employee.objects.filter(pk=dedi.pk).update(
        position_name="Guru Ahli Pertama", position_type=fungsional,
        tmt_position=datetime.date(2020, 1, 1))
    unknown_unit = Unit.objects.get(code="DINKES.PKM05").name
    rows = [
        _row(ana, nama="ANA LESTARY", gol_akhir_id="34", tmt_golongan="01-04-2026",
             agama_id="1", tempat_lahir_nama="TELUK KUANTAN"),
        _row(budi, gol_akhir_id="33", tmt_golongan="01-04-2022", agama_id="1",
             tempat_lahir_nama="PEKANBARU"),
        _row(citra, gol_akhir_id="34", tmt_golongan="01-04-2026", agama_id="2"),
        _row(dedi, jabatan_nama="Guru Ahli Muda", jenis_jabatan_id="2",
             tmt_jabatan="01-01-2020", gol_akhir_id="33"),
        _row(eka, gol_akhir_id="32", tmt_golongan="01-04-2015"),
        {"nip_baru": "'199001152015032001", "nama": "ORANG BARU", "tanggal_lahir": "15-01-1990",
         "jenis_kelamin": "F", "unor_nama": unknown_unit},
        {"nip_baru": "1.98503E+17", "nama": "RUSAK", "tanggal_lahir": "12-03-1985",
         "jenis_kelamin": "F", "unor_nama": unknown_unit},
        _row(budi, gol_akhir_id="31"),
    ]
    for employee in (ana, budi, citra, dedi, eka):
        employee.refresh_from_db()
    return Scenery(ana=ana, budi=budi, citra=citra, dedi=dedi, eka=eka, data=csv_bytes(rows))


def compared_run(cast, uploader=None):
    """The scenery compared by the verifier (or ``uploader``): (scenery, run)."""
    from smart.synchronisation.services import sync_run_compare, sync_run_start

    scenery = build_scenery(cast)
    run = sync_run_start(uploaded_by=uploader or cast.verifier, file_name="siasn-juni.csv",
                         export_date=EXPORT_DATE, data=scenery.data)
    sync_run_compare(sync_run=run)
    run.refresh_from_db()
    return scenery, run
