"""Career due lists (R-USE; domain.md §5.1–5.3): who retires in a period, whose
KGB falls due, who is a candidate for the next KP reguler — each row with the
rule that put the person on the list.

The rules are the pure functions of ``people.career``; the values are the
current columns, which the records services keep equal to the latest validated
history. One query reads the population (``values()``, no per-row queries);
the rules run in Python. Employees in service today only
(``EmployeeQuerySet.active``), within the user's scope.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q

from smart.people import career
from smart.people.identity import group_nip
from smart.people.models import AsnKind, Employee
from smart.references.models import Unit
from smart.reports.duk import display_name

MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember")
FIELDS = (
    "pk", "nip", "name", "front_title", "back_title", "birth_date", "asn_kind",
    "golongan__code", "golongan__name", "tmt_golongan", "mk_years", "mk_months",
    "position_name", "position_type__code", "echelon__code", "unit__name",
    "education_level__name", "education_level__ceiling_golongan__code",
    "echelon__highest_golongan__code", "unit__agency__name",
    "functional_position__name", "functional_position__retirement_age",
)


@dataclass(frozen=True)
class DueRow:
    pk: int
    nip: str
    name: str
    asn_kind: str
    golongan_code: str
    golongan: str
    position_name: str
    unit_name: str
    date: datetime.date  # TMT pensiun, the KGB date, the KP period
    rule: str
    agency_name: str = ""

    @property
    def nip_grouped(self) -> str:
        return group_nip(self.nip)

    @property
    def month(self) -> str:
        return f"{MONTHS[self.date.month - 1]} {self.date.year}"


@dataclass(frozen=True)
class DueList:
    rows: list[DueRow]
    undetermined: list[tuple[str, str, str]]  # (name, NIP, why the rule could not apply)

    @property
    def people(self) -> int:
        """Everyone a file of the list names: those on it and those undetermined."""
        return len(self.rows) + len(self.undetermined)

    def by_month(self) -> list[tuple[str, list[DueRow]]]:
        groups: dict[str, list[DueRow]] = {}
        for row in self.rows:
            groups.setdefault(row.month, []).append(row)
        return list(groups.items())


def _population(user, unit: Unit | None, *kinds: str):
    employees = Employee.objects.visible_to(user).active().filter(asn_kind__in=kinds)
    if unit is not None:
        employees = employees.filter(unit__path__startswith=unit.path)
    return employees


def _row(e: dict, date: datetime.date, rule: str) -> DueRow:
    return DueRow(pk=e["pk"], nip=e["nip"], asn_kind=e["asn_kind"],
                  name=display_name(e["front_title"], e["name"], e["back_title"]),
                  golongan_code=e["golongan__code"] or "", golongan=e["golongan__name"] or "",
                  position_name=e["position_name"],
                  unit_name=e["unit__name"], date=date, rule=rule,
                  agency_name=e["unit__agency__name"] or "")


def bup_rule(e: dict) -> tuple[int, str]:
    """The BUP of the employee's position and the rule that gives it, in
    Indonesian; ``ValueError`` when it cannot be determined.

    A functional (or dual) position linked to the JF reference takes that
    JF's own BUP (SIASN ``usiaBup``, domain.md §5.1); the table is the
    fallback, read from the position type, name and eselon."""
    kind, name, echelon = e["position_type__code"], e["position_name"], e["echelon__code"]
    if not kind:
        raise ValueError("jenis jabatan kosong")
    jf_bup = (e.get("functional_position__retirement_age")
              if kind in (career.FUNCTIONAL, career.DUAL) else None)
    bup = career.retirement_age_for_position(kind, name, echelon, jf_bup=jf_bup)
    if kind == career.STRUCTURAL:
        why = ("pejabat pimpinan tinggi (eselon I/II)" if echelon in career.JPT_ECHELONS
               else "pejabat administrasi")
    elif kind == career.EXECUTOR:
        why = "jabatan pelaksana"
    elif jf_bup is not None and kind == career.FUNCTIONAL:
        why = f"referensi jabatan fungsional {e['functional_position__name']}"
    elif jf_bup is not None:
        why = (f"jabatan rangkap (BUP yang lebih tinggi; referensi jabatan fungsional "
               f"{e['functional_position__name']})")
    elif career.is_teacher_position(name):
        why = "guru"
    elif kind == career.FUNCTIONAL:
        why = f"jabatan fungsional jenjang {career.jf_level_in_name(name)}"
    else:
        why = "jabatan rangkap (BUP yang lebih tinggi)"
    return bup, f"BUP {bup} tahun: {why}"


def retirement_projection(user, start: datetime.date, end: datetime.date,
                          unit: Unit | None = None) -> DueList:
    """Who reaches TMT pensiun (the 1st of the month after the BUP birthday,
    ``career.retirement_date``) from ``start`` to ``end``, PNS and PPPK (whose
    contract ends at the same BUP, domain.md §5.6), by date."""
    # Every BUP is between 58 and 70: only those born in that window can retire then.
    oldest = career.add_months(start, -(71 * 12 + 1))
    youngest = career.add_months(end, -58 * 12)
    rows, undetermined = [], []
    for e in (_population(user, unit, AsnKind.PNS, AsnKind.PPPK)
              .filter(birth_date__gt=oldest, birth_date__lte=youngest).values(*FIELDS)):
        try:
            bup, why = bup_rule(e)
        except ValueError as error:
            undetermined.append((display_name(e["front_title"], e["name"], e["back_title"]),
                                 e["nip"], f"BUP tidak dapat ditentukan ({error})"))
            continue
        date = career.retirement_date(e["birth_date"], bup)
        if start <= date <= end:
            rows.append(_row(e, date, f"{why}; lahir {e['birth_date']:%d-%m-%Y} → "
                                      f"TMT pensiun {date:%d-%m-%Y}"))
    rows.sort(key=lambda row: (row.date, row.name))
    return DueList(rows, undetermined)


def _retires_before(e: dict, date: datetime.date) -> bool:
    try:
        bup, _ = bup_rule(e)
    except ValueError:
        return False
    return career.retirement_date(e["birth_date"], bup) <= date


def kgb_due(user, start: datetime.date, end: datetime.date,
            unit: Unit | None = None) -> DueList:
    """Whose next KGB (``career.next_kgb_date``) falls from ``start`` to ``end``:
    PNS on the odd/even MKG step of their golongan, PPPK every two years. A KGB
    on or after TMT pensiun is not due. The SKP condition is for the verifier."""
    rows, undetermined = [], []
    for e in _population(user, unit, AsnKind.PNS, AsnKind.PPPK).values(*FIELDS):
        code = e["golongan__code"]
        if code is None:
            undetermined.append((display_name(e["front_title"], e["name"], e["back_title"]),
                                 e["nip"], "golongan kosong"))
            continue
        if e["tmt_golongan"] is None:
            undetermined.append((display_name(e["front_title"], e["name"], e["back_title"]),
                                 e["nip"], "TMT golongan kosong"))
            continue
        try:
            date = career.next_kgb_date(e["tmt_golongan"], e["mk_years"], e["mk_months"],
                                        code, start)
        except (ValueError, OverflowError) as error:
            undetermined.append((display_name(e["front_title"], e["name"], e["back_title"]),
                                 e["nip"], str(error)))
            continue
        if date > end or _retires_before(e, date):
            continue
        rows.append(_row(e, date, _kgb_rule(e, date)))
    rows.sort(key=lambda row: (row.date, row.name))
    return DueList(rows, undetermined)


def _kgb_rule(e: dict, date: datetime.date) -> str:
    code, tmt = e["golongan__code"], e["tmt_golongan"]
    if career.is_pppk_golongan(code):
        return f"PPPK: setiap 2 tahun sejak TMT {tmt:%d-%m-%Y}"
    mkg = career.grade_service_on(e["mk_years"], e["mk_months"], tmt, date)
    step = "ganjil" if code in career.KGB_ODD_YEAR_GOLONGAN else "genap"
    return (f"MKG mencapai {mkg.years} tahun (golongan {e['golongan__name']}: berkala pada "
            f"MKG tahun {step}); SK: MKG {e['mk_years']} th {e['mk_months']} bl, "
            f"TMT {tmt:%d-%m-%Y}")


def promotion_candidates(user, period: datetime.date, unit: Unit | None = None) -> DueList:
    """PNS who meet the time-in-rank and ceiling conditions of KP reguler on the
    KP ``period`` (``career.eligible_for_regular_promotion``: 4 years in the
    golongan, below the ceiling of their education and eselon), and do not retire
    before it. SKP, documents and angka kredit (JF) are checked by the verifier."""
    rows, undetermined = [], []
    # Only those four years in their golongan by the period can qualify; those
    # without a golongan or its TMT cannot be checked, and are listed as such.
    mark = career.add_months(period, -career.REGULAR_PROMOTION_YEARS * 12)
    for e in (_population(user, unit, AsnKind.PNS)
              .filter(Q(tmt_golongan__lte=mark) | Q(tmt_golongan__isnull=True)
                      | Q(golongan__isnull=True)).values(*FIELDS)):
        missing = [what for what, field in (("golongan", "golongan__code"),
                                            ("TMT golongan", "tmt_golongan")) if e[field] is None]
        if missing:
            undetermined.append((display_name(e["front_title"], e["name"], e["back_title"]),
                                 e["nip"], f"{' dan '.join(missing)} kosong"))
            continue
        try:
            eligible, note = career.eligible_for_regular_promotion(
                e["golongan__code"], e["tmt_golongan"], period,
                e["education_level__ceiling_golongan__code"],
                e["echelon__highest_golongan__code"], education_name=e["education_level__name"])
        except ValueError as error:
            undetermined.append((display_name(e["front_title"], e["name"], e["back_title"]),
                                 e["nip"], str(error)))
            continue
        if eligible and not _retires_before(e, period):
            rows.append(_row(e, period, f"{note} (TMT golongan {e['tmt_golongan']:%d-%m-%Y})"))
    rows.sort(key=lambda row: (-int(row.golongan_code), row.name))
    return DueList(rows, undetermined)
