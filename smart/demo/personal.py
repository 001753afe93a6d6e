"""The Lampiran's single-valued data of the demo employees, and their appraisers.

Rules:

* Languages, origin, domicile, house, blood type, height and weight,
  disability and Taspen number are filled for everyone, from the employee's
  own random stream (seed + NIP), before the employees are written.
* Origin follows the birth place: born in the regency means Riau / Kuantan
  Singingi with that kecamatan and one of its villages (seed_regions); born
  elsewhere, often that place's province and regency or city. Domicile is
  the village of the address, postal code 2956x by kecamatan.
* About 5 % of employees (``has_gaps``) leave a few of these empty, and some
  of them have no parents recorded, so the completeness score varies.
* Appraiser (pejabat penilai): the head of the employee's OPD; superior: the
  Sekretaris Daerah. Heads of OPD are appraised by the Sekda, Setda staff by
  the head of their Bagian; nobody is their own appraiser or superior.
"""

from __future__ import annotations

import random
from collections import defaultdict

from smart.demo import pools
from smart.demo.generator import _KECAMATAN_NAME, _VILLAGES
from smart.people.models import AsnKind, BloodType, Employee, HouseOwnership
from smart.references.models import Sex, Unit
from smart.references.seed_regions import REGIONS

GAP_SHARE = 0.05
_DISTRICTS = {code[6:8]: name for code, name, level in REGIONS if level == "district"}
_GAP_GROUPS = (
    ("blood_type",), ("height_cm", "weight_kg"), ("taspen_number",),
    ("origin_province", "origin_regency", "origin_district", "origin_village"),
    ("domicile_village", "domicile_city", "postal_code"), ("house_ownership",), ("languages",),
)


def person_rng(seed: int, nip: str, purpose: str) -> random.Random:
    """The employee's own random stream for one purpose (string seeds hash stably),
    so nothing depends on the order or the size of the file."""
    return random.Random(f"{seed}:{purpose}:{nip}")


def has_gaps(seed: int, nip: str) -> bool:
    """Whether this employee's record is left incomplete (about 5 %)."""
    return person_rng(seed, nip, "gaps").random() < GAP_SHARE


def _pick(rng: random.Random, weighted):
    items, weights = zip(*weighted, strict=True)
    return rng.choices(items, weights)[0]


def fill_personal_details(employees: list[Employee], *, seed: int) -> None:
    """Set the Lampiran fields of unsaved demo employees in place."""
    sexes = dict(Sex.objects.values_list("pk", "code"))
    for employee in employees:
        _fill(employee, person_rng(seed, employee.nip, "personal"),
              sexes.get(employee.sex_id) == "F", has_gaps(seed, employee.nip))


def _fill(e: Employee, rng: random.Random, female: bool, gaps: bool) -> None:
    nik = e.nik or ""
    home = nik[4:6] if len(nik) == 16 and nik[4:6] in _VILLAGES else "02"
    place = (e.birth_place or "").upper()
    born_in = pools.KUANSING_PLACES.get(place)
    elsewhere = pools.OTHER_PLACES.get(place)
    if elsewhere and rng.random() < 0.6:
        (e.origin_province, e.origin_regency), e.origin_district, e.origin_village = (
            elsewhere, "", "")
    else:
        district = born_in or home
        e.origin_province, e.origin_regency = "Riau", pools.REGENCY
        e.origin_district = _DISTRICTS.get(district, _KECAMATAN_NAME.get(district, ""))
        e.origin_village = rng.choice(_VILLAGES[district]) if district in _VILLAGES else ""
    west = elsewhere is not None and elsewhere[0] == "Sumatera Barat"
    e.languages = _pick(rng, (
        ("Indonesia, Melayu", 78), ("Indonesia, Melayu, Inggris", 10),
        ("Indonesia, Minang" if west else "Indonesia, Melayu, Minang", 8),
        ("Indonesia, Melayu, Arab", 4)))
    parts = [part.strip() for part in (e.address or "").split(",")]
    village = parts[1] if len(parts) >= 3 else rng.choice(_VILLAGES.get(home, [""]))
    kecamatan = next((code for code, name in _KECAMATAN_NAME.items()
                      if parts and parts[-1] == f"Kec. {name}"), home)
    e.domicile_village, e.domicile_city = village, pools.REGENCY
    e.postal_code = pools.POSTAL_CODES.get(kecamatan, "29562")
    age = 2026 - e.birth_date.year
    e.house_ownership = _pick(rng, (
        (HouseOwnership.OWN, 70 if age >= 35 else 35), (HouseOwnership.FAMILY, 8 if age >= 35
                                                        else 30),
        (HouseOwnership.RENTED, 14 if age >= 35 else 30), (HouseOwnership.OFFICIAL, 3)))
    e.blood_type = _pick(rng, ((BloodType.O, 38), (BloodType.A, 27), (BloodType.B, 28),
                               (BloodType.AB, 7)))
    height = rng.gauss(154, 5.5) if female else rng.gauss(165, 6)
    height = min(max(round(height), 140 if female else 150), 175 if female else 188)
    e.height_cm = height
    e.weight_kg = round(min(max(rng.gauss(24.5, 3.8), 17.5), 36) * (height / 100) ** 2)
    e.disability = "" if rng.random() > 0.004 else rng.choice((
        "Tunadaksa ringan (kaki kiri)", "Gangguan penglihatan (low vision)",
        "Tunarungu ringan"))
    if e.asn_kind == AsnKind.PPPK:
        e.taspen_number = e.nip if rng.random() < 0.7 else ""
    else:
        e.taspen_number = e.nip_lama or e.nip
    if gaps:
        for group in rng.sample(_GAP_GROUPS, rng.randint(2, 4)):
            for name in group:
                setattr(e, name, None if name in ("height_cm", "weight_kg") else "")


# --- appraisers ----------------------------------------------------------------------------------

def assign_appraisers(employees: list[Employee]) -> int:
    """Set appraiser and appraiser's superior of saved demo employees.

    Written with one UPDATE per (appraiser, superior) pair, to the employees
    and to their creation history rows, so the history of the import still
    shows one row per employee with the values it was loaded with. Returns
    the number of employees given an appraiser.
    """
    units = {pk: (code, depth, agency) for pk, code, depth, agency in
             Unit.objects.values_list("pk", "code", "depth", "agency_id")}
    structural = [e for e in employees if e.position_type_id and e.position_type.code == "1"]
    heads: dict[int, Employee] = {}  # agency unit id -> its head
    division_heads: dict[int, Employee] = {}
    for e in sorted(structural, key=lambda e: (e.echelon.code if e.echelon_id else "99", e.nip)):
        code, depth, agency = units[e.unit_id]
        if e.unit_id == agency:
            heads.setdefault(agency, e)
        elif depth == 3 and e.echelon_id and e.echelon.code.startswith("3"):
            division_heads.setdefault(e.unit_id, e)
    setda = next((pk for pk, (code, *_rest) in units.items() if code == "SETDA"), None)
    sekda = heads.get(setda)
    pairs: dict[tuple[int | None, int | None], list[int]] = defaultdict(list)
    for e in employees:
        agency = units[e.unit_id][2]
        head = heads.get(agency)
        if sekda is not None and e.pk == sekda.pk:
            appraiser, superior = None, None
        elif head is not None and e.pk == head.pk:
            appraiser, superior = sekda, None
        elif agency == setda:
            division = division_heads.get(e.unit_id)
            appraiser = division if division is not None and division.pk != e.pk else sekda
            superior = sekda if appraiser is not sekda else None
        else:
            appraiser, superior = head, sekda
        appraiser_id = appraiser.pk if appraiser is not None else None
        superior_id = superior.pk if superior is not None else None
        if e.pk in (appraiser_id, superior_id):  # never oneself (defect 14)
            appraiser_id = superior_id = None
        e.appraiser_id, e.appraiser_superior_id = appraiser_id, superior_id
        if appraiser_id or superior_id:
            pairs[appraiser_id, superior_id].append(e.pk)
    historical = Employee.history.model
    for (appraiser_id, superior_id), pks in pairs.items():
        for start in range(0, len(pks), 500):
            chunk = pks[start:start + 500]
            values = {"appraiser_id": appraiser_id, "appraiser_superior_id": superior_id}
            Employee.objects.filter(pk__in=chunk).update(**values)
            historical.objects.filter(id__in=chunk, history_type="+").update(**values)
    return sum(len(pks) for (appraiser_id, _), pks in pairs.items() if appraiser_id)
