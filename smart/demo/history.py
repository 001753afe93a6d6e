"""The demo regency's history: every record kind for every demo employee.

Rules the generated history follows:

* Each employee's entries come from ``random.Random`` seeded with the load's
  seed and the employee's NIP, so they do not depend on file order or size.
* The rank history starts with the initial golongan at TMT CPNS (its SK is
  the SK CPNS) and rises about every four years; the last entry is exactly the
  employee's golongan, TMT golongan and masa kerja. A PPPK has one entry.
* The position history (1–4 entries, all definitive) ends with exactly the
  employee's position, type, eselon, unit and TMT; earlier ones fit the path
  to it (a head of OPD was an eselon IV, then III official; a teacher taught
  at another school at a lower jenjang).
  So ``records.services.employee_refresh_current`` changes nothing.
* No career date is before TMT CPNS; children are born after the marriage.
* Every entry is validated (``validated_at`` set, ``validated_by`` empty: an
  import) and gets its simple-history row, written in large batches.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass

from django.db import models
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from smart.demo import pools
from smart.demo.generator import (
    _BIRTH_PLACES,
    _FEMALE,
    _FEMALE_LAST,
    _MALE,
    _MALE_LAST,
    DATA_DATE,
    Post,
    _add_months,
    _birthday,
    _months_between,
    structural_posts,
)
from smart.demo.personal import has_gaps, person_rng
from smart.people.models import AsnKind, Employee
from smart.records import models as m
from smart.records.registry import KINDS
from smart.references import models as ref

CHANGE_REASON = "impor demo"
BATCH_SIZE = 1000
STRUCTURAL, FUNCTIONAL, EXECUTOR = "1", "2", "4"
PNS_ORDER = ["11", "12", "13", "14", "21", "22", "23", "24", "31", "32", "33", "34", "41",
             "42", "43", "44", "45"]
REGENCY_FORMED = datetime.date(1999, 10, 12)
PP_94_2021 = datetime.date(2021, 8, 31)
_LEVEL = re.compile(r"^(?P<base>.+?) (?P<level>Ahli Pertama|Ahli Muda|Ahli Madya|Ahli Utama|"
                    r"Pemula|Terampil|Mahir|Penyelia)$")
_AHLI = ("Ahli Pertama", "Ahli Muda", "Ahli Madya", "Ahli Utama")
_NOT_OFFICES = frozenset({"school", "puskesmas", "korwil"})
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def _level_for(track: str, golongan: str) -> str | None:
    """The JF jenjang a PNS golongan fits (the generator's spans); None for PPPK grades."""
    if golongan not in PNS_ORDER:
        return None
    if track == "terampil":
        return ("Pemula" if golongan <= "21" else "Terampil" if golongan <= "24"
                else "Mahir" if golongan <= "32" else "Penyelia")
    return ("Ahli Pertama" if golongan <= "32" else "Ahli Muda" if golongan <= "34"
            else "Ahli Madya" if golongan <= "43" else "Ahli Utama")


def _weekdays_after(start: datetime.date, days: int) -> datetime.date:
    """The last day of ``days`` working days (Monday–Friday) starting on ``start``."""
    day, left = start, days
    while True:
        if day.weekday() < 5:
            left -= 1
            if left <= 0:
                return day
        day += datetime.timedelta(days=1)


def _weekday(day: datetime.date) -> datetime.date:
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day


_COLUMNS: dict[type, tuple[list[tuple[str, object]], frozenset[str]]] = {}


def _make(model: type[models.Model], values: dict) -> models.Model:
    """``model(**values)`` through Django's positional constructor (the one
    ``from_db`` uses), several times faster for a hundred thousand entries;
    fields not given get their defaults. Values are keyed by attname."""
    known = _COLUMNS.get(model)
    if known is None:
        columns = [(field.attname, field.get_default()) for field in model._meta.concrete_fields]
        known = _COLUMNS[model] = (columns, frozenset(name for name, _ in columns))
    columns, names = known
    if not names.issuperset(values):
        raise TypeError(f"{model.__name__} has no field {set(values) - names}")
    return model(*[values.get(name, default) for name, default in columns])


# --- reference lookups ---------------------------------------------------------------------------

class _Codes:
    """A code table as {code: pk} and {pk: code}."""

    def __init__(self, model: type[models.Model]) -> None:
        self.pk = dict(model.objects.values_list("code", "pk"))
        self.code = {pk: code for code, pk in self.pk.items()}


@dataclass(frozen=True)
class UnitInfo:
    pk: int
    code: str
    name: str
    kind: str
    agency: str  # code of its OPD
    depth: int


class Refs:
    """Everything the builder looks up, read once per load."""

    def __init__(self) -> None:
        self.golongan = _Codes(ref.Golongan)
        self.education = _Codes(ref.EducationLevel)
        self.position_type = _Codes(ref.PositionType)
        self.echelon = _Codes(ref.Echelon)
        self.assignment = _Codes(ref.AssignmentType)
        self.promotion = _Codes(ref.PromotionType)
        self.penalty = _Codes(ref.PenaltyType)
        self.award = _Codes(ref.AwardType)
        self.leave = _Codes(ref.LeaveType)
        self.structural_training = _Codes(ref.StructuralTraining)
        self.training_type = _Codes(ref.TrainingType)
        self.marital = _Codes(ref.MaritalStatus)
        self.sex = _Codes(ref.Sex)
        rows = list(ref.Unit.objects.values_list("pk", "code", "name", "kind", "agency_id",
                                                 "depth"))
        code_of = {pk: code for pk, code, *_ in rows}
        self.units = {pk: UnitInfo(pk, code, name, kind, code_of.get(agency, code), depth)
                      for pk, code, name, kind, agency, depth in rows}
        self.unit_by_code = {unit.code: unit for unit in self.units.values()}
        self.offices: dict[str, list[UnitInfo]] = defaultdict(list)
        self.by_kind: dict[str, list[UnitInfo]] = defaultdict(list)
        for unit in sorted(self.units.values(), key=lambda unit: unit.code):
            self.by_kind[unit.kind].append(unit)
            if unit.kind not in _NOT_OFFICES and unit.depth >= 2:
                self.offices[unit.agency].append(unit)
        self.agencies = sorted(self.offices)
        posts = [post for post in structural_posts() if post.unit_code in self.unit_by_code]
        self.posts_by_echelon: dict[str, list[Post]] = defaultdict(list)
        self.posts_by_unit: dict[str, list[Post]] = defaultdict(list)
        for post in posts:
            self.posts_by_echelon[post.echelon[0]].append(post)
            self.posts_by_unit[post.unit_code].append(post)

    def head_title(self, unit: UnitInfo) -> str:
        """The title of a unit's head: its structural post, else "Kepala <unit>"."""
        posts = [post for post in self.posts_by_unit.get(unit.code, []) if post.level < 3]
        return posts[0].title if posts else f"Kepala {unit.name}"


@dataclass
class _Pos:
    name: str
    type_code: str
    echelon: str | None
    unit: UnitInfo
    track: str | None = None  # "ahli"/"terampil": the jenjang follows the golongan
    tmt: datetime.date | None = None
    level: str = ""


# --- one employee ------------------------------------------------------------------------------

class _Person:
    """Builds every entry of one employee into ``rows`` (model → unsaved entries)."""

    def __init__(self, employee: Employee, refs: Refs, seed: int, as_of: datetime.date,
                 now: datetime.datetime, rows: dict[type, list]) -> None:
        self.e = employee
        self.refs = refs
        self.rng = person_rng(seed, employee.nip, "history")
        self.as_of = as_of
        self.now = now
        self.rows = rows
        self.gaps = has_gaps(seed, employee.nip)
        self.female = refs.sex.code.get(employee.sex_id) == "F"
        self.unit = refs.units.get(employee.unit_id)
        self.start = employee.tmt_cpns or employee.tmt_golongan or employee.tmt_position
        self.ranks: list[tuple[str, datetime.date]] = []
        self.positions: list[_Pos] = []
        self.children: list[datetime.date] = []

    # -- small helpers --

    def add(self, model: type[m.RecordEntry], **values) -> None:
        values["employee_id"], values["validated_at"] = self.e.pk, self.now
        self.rows[model].append(_make(model, values))

    def pick(self, weighted):
        items, weights = zip(*weighted, strict=True)
        return self.rng.choices(items, weights)[0]

    def date_between(self, start: datetime.date, end: datetime.date) -> datetime.date:
        return start + datetime.timedelta(days=self.rng.randint(0, max(0, (end - start).days)))

    def name(self, sex: str, birth_year: int) -> str:
        rng = self.rng
        first = rng.choice(_MALE if sex == "M" else _FEMALE)
        last = rng.choice(_MALE_LAST if sex == "M" else _FEMALE_LAST)
        single = 0.45 if birth_year < 1975 else 0.25 if birth_year < 1990 else 0.1
        roll = rng.random()
        if roll < single or first == last:
            return first
        if birth_year >= 1995 and roll > 0.8:
            middle = rng.choice(_MALE if sex == "M" else _FEMALE)
            if middle not in (first, last):
                return f"{first} {middle} {last}"
        return f"{first} {last}"

    def nik(self, birth: datetime.date, sex: str) -> str:
        own = self.e.nik or ""
        region = own[:6] if len(own) == 16 and self.rng.random() < 0.8 else self.rng.choice(
            ("140902", "147101", "147105", "137101", "140201"))
        day = birth.day + (40 if sex == "F" else 0)
        return f"{region}{day:02d}{birth:%m}{birth.year % 100:02d}{self.rng.randint(1, 40):04d}"

    def sk(self, prefix: str, day: datetime.date) -> str:
        return f"{prefix}/BKPP/{day.year}/{self.rng.randint(1, 999):03d}"

    def spread(self, start: datetime.date, end: datetime.date, count: int,
               months: tuple[int, ...] = ()) -> list[datetime.date]:
        """``count`` dates from ``start`` (the first) strictly before ``end``, spread
        evenly, on the first of a month; on one of ``months`` when that fits."""
        span = _months_between(start, end)
        dates = [start]
        for i in range(1, count):
            target = _add_months(start, round(i * span / count) + self.rng.randint(-3, 3))
            choice = target.replace(day=1)
            if months:
                snapped = [datetime.date(target.year, month, 1) for month in months]
                choice = min(snapped, key=lambda day: abs((day - target).days))
            lowest = _add_months(dates[-1], 1).replace(day=1)
            highest = _add_months(end, -(count - i)).replace(day=1)
            choice = min(max(choice, lowest), highest)
            if not dates[-1] < choice < end:
                break
            dates.append(choice)
        return dates

    def golongan_at(self, day: datetime.date) -> str | None:
        held = None
        for code, tmt in self.ranks:
            if tmt <= day:
                held = code
        return held

    # -- the whole record --

    def build(self) -> None:
        self.rank_history()
        self.position_history()
        self.write_ranks()
        self.write_positions()
        self.formal_education()
        self.family()
        self.trainings()
        if self.e.asn_kind == AsnKind.PNS:
            self.awards()
            if self.rng.random() < 0.01 and self.may_be_penalised():
                self.penalty()
        self.leave()
        self.acting()

    # -- rank --

    def rank_history(self) -> None:
        e, codes = self.e, self.refs.golongan.code
        if not e.golongan_id or not e.tmt_golongan:
            return
        current = codes[e.golongan_id]
        initial = codes.get(e.initial_golongan_id)
        start = self.start if self.start and self.start <= e.tmt_golongan else e.tmt_golongan
        steps = [(current, e.tmt_golongan)]
        if start < e.tmt_golongan and current in PNS_ORDER and initial in PNS_ORDER \
                and PNS_ORDER.index(initial) < PNS_ORDER.index(current):
            low, high = PNS_ORDER.index(initial), PNS_ORDER.index(current)
            count = min(high - low, max(1, _months_between(start, e.tmt_golongan) // 12))
            dates = self.spread(start, e.tmt_golongan, count, months=(4, 10))
            steps = [(PNS_ORDER[low + round(i * (high - low) / len(dates))], day)
                     for i, day in enumerate(dates)] + steps
        elif start < e.tmt_golongan and initial and initial != current:
            steps = [(initial, start), *steps]
        self.ranks = steps

    def write_ranks(self) -> None:
        e, refs = self.e, self.refs
        previous = None
        for index, (code, tmt) in enumerate(self.ranks):
            last = index == len(self.ranks) - 1
            held = self.position_at(tmt)
            if index == 0 and tmt == e.tmt_cpns and e.sk_cpns_number:
                number, date, kind = e.sk_cpns_number, e.sk_cpns_date or tmt, "211"
            else:
                date = tmt - datetime.timedelta(days=self.rng.randint(30, 90))
                number = self.sk("823", date)
                gap = _months_between(previous, tmt) if previous else 48
                # Sooner than four years: KP pilihan of a structural or functional post.
                kind = "101" if gap >= 48 or held is None else {
                    STRUCTURAL: "201", FUNCTIONAL: "202"}.get(held.type_code, "101")
            if last:
                years, months = e.mk_years, e.mk_months
            else:
                served = max(0, _months_between(self.start, tmt))
                years, months = divmod(served, 12)
            self.add(m.RankHistory, golongan_id=refs.golongan.pk[code],
                     promotion_type_id=refs.promotion.pk.get(kind), tmt=tmt, mk_years=years,
                     mk_months=months, sk_number=number, sk_date=date,
                     signing_official=("Bupati Kuantan Singingi" if date >= REGENCY_FORMED
                                       else "Bupati Indragiri Hulu"),
                     unit_id=held.unit.pk if held else e.unit_id)
            previous = tmt

    # -- position --

    def position_at(self, day: datetime.date) -> _Pos | None:
        held = None
        for position in self.positions:
            if position.tmt <= day:
                held = position
        return held

    def position_history(self) -> None:
        e, refs = self.e, self.refs
        if not (e.position_name and e.position_type_id and e.tmt_position and self.unit):
            return
        type_code = refs.position_type.code[e.position_type_id]
        echelon = refs.echelon.code.get(e.echelon_id)
        match = _LEVEL.match(e.position_name)
        current = _Pos(e.position_name, type_code, echelon, self.unit, tmt=e.tmt_position,
                       level=match["level"] if match else "")
        start = self.start if self.start and self.start < e.tmt_position else None
        earlier: list[_Pos] = []
        if start and e.asn_kind != AsnKind.PPPK:
            months = _months_between(start, e.tmt_position)
            if type_code == STRUCTURAL and echelon:
                earlier = self.structural_path(echelon)[:months // 24]
            elif months >= 48:
                most = min(3, months // 48)
                extra = self.rng.choices(range(most + 1), (5, 3, 1.5, 0.5)[:most + 1])[0]
                earlier = (self.functional_path(current, extra) if type_code == FUNCTIONAL
                           else self.executor_path(extra))
        if earlier:
            for position, tmt in zip(earlier, self.spread(start, e.tmt_position, len(earlier)),
                                     strict=False):
                position.tmt = tmt
                if position.track:
                    golongan = self.golongan_at(tmt)
                    level = _level_for(position.track, golongan) if golongan else None
                    position.level = level or position.level or _AHLI[0]
                    position.name = f"{position.name} {position.level}"
            earlier = [position for position in earlier if position.tmt]
        positions = [*earlier, current]
        # A repeated (title, unit) is not a new appointment: move it to a sibling unit.
        for before, after in zip(positions, positions[1:], strict=False):
            if (before.name, before.unit.pk) == (after.name, after.unit.pk):
                before.unit = self.sibling(before.unit)
        self.positions = positions

    def sibling(self, unit: UnitInfo) -> UnitInfo:
        kin = [other for other in self.refs.by_kind[unit.kind] if other.pk != unit.pk]
        if unit.kind == "school":
            kin = [other for other in kin if ("SMP" in other.code) == ("SMP" in unit.code)]
        elif unit.kind not in _NOT_OFFICES:
            kin = [other for other in self.refs.offices[unit.agency] if other.pk != unit.pk]
        return self.rng.choice(kin) if kin else unit

    def office(self, agency: str | None = None) -> UnitInfo:
        """An office unit: of ``agency`` when given, else of any OPD."""
        agency = agency or self.rng.choice(self.refs.agencies)
        return self.rng.choice(self.refs.offices.get(agency) or [self.unit])

    def old_executor(self, unit: UnitInfo) -> _Pos:
        code = self.refs.education.code.get(self.e.education_level_id, "15")
        tier = "high" if code >= "35" else "mid" if code >= "25" else "low"
        return _Pos(self.rng.choice(pools.OLD_PELAKSANA[tier]), EXECUTOR, None, unit)

    def entry_post(self) -> _Pos:
        """Where a future head started: teacher, doctor or pelaksana."""
        agency = self.unit.agency
        front = self.e.front_title or ""
        if agency == "DISDIK" and self.rng.random() < 0.5 and self.refs.by_kind["school"]:
            return _Pos("Guru", FUNCTIONAL, None, self.rng.choice(self.refs.by_kind["school"]),
                        track="ahli")
        if front.startswith("dr") and self.refs.by_kind["puskesmas"]:
            return _Pos("Dokter", FUNCTIONAL, None,
                        self.rng.choice(self.refs.by_kind["puskesmas"]), track="ahli")
        return self.old_executor(self.office(agency if self.rng.random() < 0.6 else None))

    def post(self, grade: str) -> _Pos:
        """A structural post of eselon ``grade`` (3 or 4), in the same OPD when one exists."""
        posts = self.refs.posts_by_echelon.get(grade, [])
        own = [post for post in posts
               if self.refs.unit_by_code[post.unit_code].agency == self.unit.agency]
        chosen = self.rng.choice(own if own and self.rng.random() < 0.7 else posts or own)
        return _Pos(chosen.title, STRUCTURAL, chosen.echelon,
                    self.refs.unit_by_code[chosen.unit_code])

    def structural_path(self, echelon: str) -> list[_Pos]:
        path = [self.entry_post()]
        if echelon[0] in "123":
            path.append(self.post("4"))
        if echelon[0] in "12":
            path.append(self.post("3"))
        return path

    def functional_path(self, current: _Pos, extra: int) -> list[_Pos]:
        match = _LEVEL.match(current.name)
        if not match or not extra:
            return []
        base, level = match["base"], match["level"]
        track = "ahli" if level in _AHLI else "terampil"
        path = []
        for index in range(extra):
            if base in ("Pengawas Sekolah", "Penilik") and self.refs.by_kind["school"]:
                path.append(_Pos("Guru", FUNCTIONAL, None,
                                 self.rng.choice(self.refs.by_kind["school"]), track="ahli"))
                continue
            if index == 0 and current.unit.kind not in ("school", "puskesmas") \
                    and self.unit.agency not in ("DINKES", "RSUD") and self.rng.random() < 0.4:
                path.append(self.old_executor(current.unit))
                continue
            unit = current.unit
            if unit.kind in ("school", "puskesmas") and self.rng.random() < 0.6:
                unit = self.sibling(unit)
            path.append(_Pos(base, FUNCTIONAL, None, unit, track=track, level=level))
        return path

    def executor_path(self, extra: int) -> list[_Pos]:
        path = []
        for _ in range(extra):
            roll = self.rng.random()
            unit = (self.unit if roll < 0.5 else self.office(self.unit.agency) if roll < 0.8
                    else self.office())
            path.append(self.old_executor(unit))
        return path

    def write_positions(self) -> None:
        e, refs = self.e, self.refs
        for position in self.positions:
            tmt = position.tmt
            if tmt == e.tmt_cpns and e.sk_cpns_number:
                number, date = e.sk_cpns_number, e.sk_cpns_date or tmt
            else:
                date = tmt - datetime.timedelta(days=self.rng.randint(7, 45))
                number = self.sk("821.2" if position.type_code == STRUCTURAL else "821", date)
            golongan = self.golongan_at(tmt)
            self.add(m.PositionHistory, position_name=position.name,
                     position_type_id=refs.position_type.pk[position.type_code],
                     echelon_id=refs.echelon.pk.get(position.echelon),
                     functional_level=position.level if position.type_code == FUNCTIONAL
                     else "",
                     golongan_id=refs.golongan.pk.get(golongan), unit_id=position.unit.pk,
                     tmt=tmt, installation_date=tmt if position.type_code == STRUCTURAL
                     else None,
                     assignment_type_id=refs.assignment.pk["D"], sk_number=number, sk_date=date,
                     signing_official="Bupati Kuantan Singingi" if date >= REGENCY_FORMED
                     else "Bupati Indragiri Hulu")

    # -- education --

    def formal_education(self) -> None:
        e, refs = self.e, self.refs
        code = refs.education.code.get(e.education_level_id)
        if not code:
            return
        front = (e.front_title or "").split()
        doctor = next((title for title in front if title in ("dr.", "drg.", "drh.")), "")
        backs = [part.strip() for part in re.split(r",\s*(?!Ners|Apt\.)", e.back_title or "")]
        birth = e.birth_date.year
        year = e.graduation_year or birth + {"40": 23, "45": 29, "50": 35}.get(code, 21)
        if code in ("35", "40", "42", "45", "47", "49", "50"):  # S-1 and up: the SLTA too
            slta = min(birth + 18 + self.rng.randint(0, 1), year - {"35": 4, "40": 4}.get(code, 6))
            self.education_entry("15", False, max(slta, birth + 16), front, backs, doctor)
        self.education_entry(code, True, year, front, backs, doctor)

    def education_entry(self, level: str, current: bool, year: int, front: list[str],
                        backs: list[str], doctor: str) -> None:
        e, rng = self.e, self.rng
        front_title = back_title = ""
        if level < "15":
            institution, place = (("SD Negeri 001 Kuantan Tengah", "Teluk Kuantan") if level == "05"
                                  else ("SMP Negeri 1 Teluk Kuantan", "Teluk Kuantan"))
            programme, number = e.education_name, f"{rng.randint(1, 999999):07d}"
            date = datetime.date(year, 6, rng.randint(1, 28))
        elif level in ("15", "17", "18"):
            programme = e.education_name if current else self.pick(
                (("SMA IPA", 5), ("SMA IPS", 4), ("Madrasah Aliyah", 1), ("SMK Akuntansi", 1)))
            level = ("17" if programme.startswith("SMK") else
                     "18" if "Guru" in programme else "15") if current else (
                "17" if programme.startswith("SMK") else "15")
            pool = (pools.SMK if programme.startswith("SMK") else pools.SPG if "Guru" in programme
                    else pools.MA if "Aliyah" in programme else pools.SMA)
            institution, place = self.pick([(item, len(pool) - i) for i, item in enumerate(pool)])
            number = f"DN-04 {'Mk' if level == '17' else 'Ma'} {rng.randint(1, 999999):07d}"
            date = datetime.date(year, rng.choice((5, 6)), rng.randint(1, 28))
        else:
            programme, front_title, back_title = self.degree(level, front, backs, doctor)
            pool = (pools.DOCTORAL if level == "50" else pools.POSTGRADUATE if level == "45"
                    else next((places for words, places in pools.HIGHER_EDUCATION
                               if any(word in programme for word in words)),
                              pools.GENERAL_HIGHER_EDUCATION))
            institution, place = self.pick([(item, len(pool) - i) for i, item in enumerate(pool)])
            short = pools.INSTITUTION_CODES.get(institution) or "".join(
                word[0] for word in institution.split() if word[0].isupper())
            number = f"{short}/{year}/{rng.randint(1, 9999):05d}"
            date = datetime.date(year, rng.choice((3, 6, 8, 9, 11, 12)), rng.randint(1, 28))
        date = min(date, self.as_of)
        self.add(m.FormalEducation, education_level_id=self.refs.education.pk[level],
                 programme=programme, certificate_number=number, certificate_date=date,
                 graduation_year=date.year, institution_name=institution,
                 institution_location=place, front_title=front_title, back_title=back_title)

    def degree(self, level: str, front: list[str], backs: list[str],
               doctor: str) -> tuple[str, str, str]:
        """(programme, front title, back title) of the current higher-education entry:
        the titles this level gave, out of the employee's full titles."""
        e = self.e
        bachelor = next((part for part in backs if part.startswith(("S.", "A.Md"))), "")
        drs = next((title for title in front if title in ("Drs.", "Dra.")), "")
        master = next((part for part in backs if part.startswith("M.")), "")
        if level in ("42", "47", "49"):
            special = next((part for part in backs if part.startswith(("Sp.", "S.Farm"))), "")
            return e.education_name, doctor, "Apt." if special.startswith("S.Farm") else special
        if level == "50":
            return e.education_name, "Dr.", ""
        if level == "45":
            return e.education_name, "", master or (backs[-1] if backs else "")
        if level in ("35", "40"):
            return e.education_name, drs, "" if drs else bachelor
        return e.education_name, "", backs[-1] if backs else ""

    # -- family --

    def relative(self, model, sex: str, birth: datetime.date, job: str, **values) -> None:
        year = birth.year
        education = ("05" if year < 1950 else self.pick(
            (("05", 3), ("10", 3), ("15", 3), ("40", 1))) if year < 1970
            else self.pick((("10", 1), ("15", 5), ("30", 1), ("40", 3))))
        self.add(model, name=self.name(sex, year), birth_place=self.pick(_BIRTH_PLACES),
                 birth_date=birth, occupation=job,
                 education_id=self.refs.education.pk.get(education), **values)

    def years_before(self, day: datetime.date, low: int, high: int) -> datetime.date:
        return day - datetime.timedelta(days=int(self.rng.uniform(low, high) * 365.25))

    def family(self) -> None:
        e, rng = self.e, self.rng
        birth = e.birth_date
        mother = self.years_before(birth, 19, 36)
        if not (self.gaps and rng.random() < 0.4):
            father = self.years_before(birth, 23, 40)
            self.relative(m.Parent, "M", father, self.pick(pools.FATHER_JOBS), relation="ayah")
            self.relative(m.Parent, "F", mother, self.pick(pools.MOTHER_JOBS), relation="ibu")
        for _ in range(self.pick(((0, 75), (1, 12), (2, 8), (3, 5)))):
            sibling = birth + datetime.timedelta(days=int(rng.uniform(-12, 12) * 365.25))
            sibling = min(max(sibling, _birthday(mother, 17)), _birthday(mother, 45),
                          self.as_of - datetime.timedelta(days=400))
            sex = rng.choice("MF")
            age = _months_between(sibling, self.as_of) // 12
            job = ("Pelajar/Mahasiswa" if age < 22 else "Ibu Rumah Tangga"
                   if sex == "F" and rng.random() < 0.35 else self.pick(pools.SIBLING_JOBS))
            self.relative(m.Sibling, sex, sibling, job, sex_id=self.refs.sex.pk[sex])
        marital = self.refs.marital.code.get(e.marital_status_id)
        if marital in ("1", "2", "3"):
            self.spouse(marital)

    def spouse(self, marital: str) -> None:
        e, rng, refs = self.e, self.rng, self.refs
        sex = "M" if self.female else "F"
        birth = self.years_before(e.birth_date, 0, 7) if sex == "M" else (
            e.birth_date + datetime.timedelta(days=int(rng.uniform(0, 7) * 365.25)))
        low = max(_birthday(e.birth_date, 22 if sex == "F" else 20), _birthday(birth, 19))
        high = min(_birthday(e.birth_date, 34), self.as_of - datetime.timedelta(days=60))
        if low > high:
            low = min(_birthday(e.birth_date, 19), high)
        married = self.date_between(low, high)
        status = rng.random()
        servant = ("pns" if status < 0.15 else "pppk" if status < 0.2 else "tni_polri"
                   if status < 0.23 else "bukan")
        nip = ""
        if servant in ("pns", "pppk"):
            entry = max(_birthday(birth, 23), married).year
            marker = "21" if servant == "pppk" else f"{rng.choice((1, 3, 4, 10)):02d}"
            nip = (f"{birth:%Y%m%d}{entry}{marker}{'1' if sex == 'M' else '2'}"
                   f"{rng.randint(1, 60):03d}")[:18]
        self.add(m.Spouse, name=self.name(sex, birth.year), nik=self.nik(birth, sex),
                 relation="suami" if sex == "M" else "istri",
                 marital_status_id=refs.marital.pk.get(marital), marriage_date=married,
                 birth_place=self.pick(_BIRTH_PLACES), birth_date=birth,
                 marriage_certificate=(f"{rng.randint(1, 999):04d}/{rng.randint(1, 99):03d}/"
                                       f"{_ROMAN[married.month - 1]}/{married.year}"),
                 receives_allowance=marital == "1" and (sex == "F" or servant == "bukan"),
                 bpjs=f"000{rng.randint(1000000000, 9999999999)}" if rng.random() < 0.6 else "",
                 civil_servant_status=servant, civil_servant_nip=nip)
        if rng.random() < 0.1:
            relation = rng.choice((("ayah_mertua", "M", 23, 40), ("ibu_mertua", "F", 19, 36)))
            name, in_law_sex, low_age, high_age = relation
            self.relative(m.ParentInLaw, in_law_sex, self.years_before(birth, low_age, high_age),
                          self.pick(pools.FATHER_JOBS if in_law_sex == "M"
                                    else pools.MOTHER_JOBS), relation=name)
        self.children_of(married)

    def children_of(self, married: datetime.date) -> None:
        rng = self.rng
        years = _months_between(married, self.as_of) / 12
        most = min(4, 1 + int(years / 2.5))
        count = rng.choices(range(most + 1), (2, 3, 3, 1, 0.5)[:most + 1])[0]
        born = _add_months(married, rng.randint(10, 30))
        allowances = 0
        for _ in range(count):
            if born >= self.as_of - datetime.timedelta(days=30):
                break
            born = born.replace(day=rng.randint(1, 28))
            sex = rng.choice("MF")
            age = _months_between(born, self.as_of) // 12
            married_child = age >= 24 and rng.random() < 0.45
            allowance = age < 21 and not married_child and allowances < 2
            allowances += allowance
            self.add(m.Child, name=self.name(sex, born.year), nik=self.nik(born, sex),
                     sex_id=self.refs.sex.pk[sex], birth_place=rng.choice(
                         ("TELUK KUANTAN", "TELUK KUANTAN", "PEKANBARU", self.e.birth_place
                          or "TELUK KUANTAN")),
                     birth_date=born, marital_status="kawin" if married_child else "belum_kawin",
                     receives_allowance=allowance,
                     bpjs=f"000{rng.randint(1000000000, 9999999999)}" if rng.random() < 0.5
                     else "")
            self.children.append(born)
            born = _add_months(born, rng.randint(18, 60))

    # -- training --

    def trainings(self) -> None:
        rng, start = self.rng, self.start
        if not start:
            return
        first_at: dict[str, datetime.date] = {}
        for position in self.positions:
            if position.echelon and position.echelon[0] in "234":
                first_at.setdefault(position.echelon[0], position.tmt)
        latest = self.as_of - datetime.timedelta(days=100)
        for grade, held in sorted(first_at.items(), key=lambda item: item[1]):
            (old, old_code), (new, new_code), hours, days = pools.STRUCTURAL_TRAINING[grade]
            begin = _weekday(min(max(_add_months(held, rng.randint(-8, 10)),
                                     _add_months(start, 12)), latest))
            recent = begin.year >= 2019
            end = begin + datetime.timedelta(days=days)
            organiser = ("Lembaga Administrasi Negara" if grade == "2"
                         else "BPSDM Provinsi Riau")
            self.add(m.StructuralTrainingRecord, name=new if recent else old,
                     structural_training_id=self.refs.structural_training.pk.get(
                         new_code if recent else old_code),
                     sttp_number=f"{rng.randint(1, 9999):05d}/{'PKN' if grade == '2' else 'BPSDM'}"
                                 f"/{end.year}",
                     start_date=begin, end_date=end, sttp_date=end, hours=hours,
                     signing_official=f"Kepala {organiser}", organiser=organiser,
                     place="Jakarta" if grade == "2" else "Pekanbaru")
        low = _add_months(start, 6)
        if low >= self.as_of:
            return
        teacher = self.e.position_name.startswith("Guru")
        health = self.unit is not None and self.unit.agency in ("DINKES", "RSUD")
        match = _LEVEL.match(self.e.position_name or "")
        done = set()
        for _ in range(self.pick(((0, 55), (1, 30), (2, 11), (3, 4)))):
            if teacher and rng.random() < 0.35:
                name, hours, organiser, place, (first, last) = rng.choice(
                    pools.TEACHER_FUNCTIONAL)
                window = (max(low, datetime.date(first, 1, 1)),
                          min(latest, datetime.date(last, 12, 31)))
                if window[0] > window[1] or name in done:
                    continue
                self.training(m.FunctionalTraining, name, hours, organiser, place, window)
            elif match and not teacher and rng.random() < 0.4:
                name = f"Pelatihan Fungsional {match['base']}"
                organiser = "Bapelkes Provinsi Riau" if health else "BPSDM Provinsi Riau"
                if name not in done:
                    self.training(m.FunctionalTraining, name, rng.choice((40, 60, 80, 120)),
                                  organiser, "Pekanbaru", (low, latest))
            else:
                family = "guru" if teacher else "health" if health else "general"
                if rng.random() < 0.3:
                    family = "general"
                name, hours, kind, organiser, place = rng.choice(
                    pools.TECHNICAL_TRAININGS[family])
                if name in done:
                    continue
                self.training(m.TechnicalTraining, name, hours, organiser, place, (low, latest),
                              training_type_id=self.refs.training_type.pk.get(kind))
            done.add(name)

    def training(self, model, name: str, hours: int, organiser: str, place: str,
                 window: tuple[datetime.date, datetime.date], **values) -> None:
        begin = _weekday(self.date_between(*window))
        end = _weekdays_after(begin, max(1, hours // 8))
        self.add(model, name=name, sttp_number=f"{self.rng.randint(1, 9999):04d}/STTP/{end.year}",
                 start_date=begin, end_date=end, sttp_date=end, hours=hours,
                 signing_official=f"Kepala {organiser}", organiser=organiser, place=place,
                 **values)

    # -- penalties, awards, leave, Plt/Plh --

    def may_be_penalised(self) -> bool:
        echelon = self.refs.echelon.code.get(self.e.echelon_id) or "9"
        return (self.e.asn_kind == AsnKind.PNS and echelon[0] not in "12" and self.start
                is not None and max(_add_months(self.start, 12), PP_94_2021)
                <= self.as_of - datetime.timedelta(days=30))

    def penalty(self) -> None:
        rng = self.rng
        low = max(_add_months(self.start, 12), PP_94_2021)
        high = self.as_of - datetime.timedelta(days=30)
        if low > high:
            return
        code, days, months = self.pick(
            [((code, days, months), weight) for code, weight, days, months in pools.PENALTIES])
        begin = _weekday(self.date_between(low, high))
        severe = months or code == "3"
        agency = self.refs.unit_by_code.get(self.unit.agency) if self.unit else None
        self.add(m.DisciplinaryPenalty, penalty_type_id=self.refs.penalty.pk[code],
                 sk_number=self.sk("800.1.6.4", begin),
                 sk_date=begin - datetime.timedelta(days=rng.randint(0, 10)),
                 signing_official="Bupati Kuantan Singingi" if severe or not agency
                 else self.refs.head_title(agency),
                 start_date=begin, end_date=_add_months(begin, months) if months else None,
                 violation=(f"Tidak masuk kerja tanpa alasan yang sah selama "
                            f"{rng.randint(*days)} hari kerja dalam satu tahun"))

    def awards(self) -> None:
        rng, start = self.rng, self.e.tmt_cpns
        if not start:
            return
        for years, code in ((10, "201"), (20, "202"), (30, "203")):
            due = _birthday(start, years)
            day = datetime.date(due.year + (due.month > 8) + rng.choice((0, 0, 1, 2)), 8, 13)
            if day > self.as_of or rng.random() > 0.85:
                continue
            self.add(m.Award, award_type_id=self.refs.award.pk[code],
                     name=f"Satyalancana Karya Satya {years} Tahun", year=day.year,
                     sk_number=f"Keppres {rng.randint(40, 120)}/TK/Tahun {day.year}", sk_date=day,
                     signing_official="Presiden Republik Indonesia",
                     institution="Presiden Republik Indonesia", institution_location="Jakarta")
        roll = rng.random()
        if roll < 0.008 and _months_between(start, self.as_of) >= 36:
            teacher = self.e.position_name.startswith("Guru")
            code, name = (("400", "Guru Berprestasi Tingkat Kabupaten") if teacher else
                          ("306", "Pegawai Teladan Tingkat Kabupaten"))
            day = self.date_between(max(_add_months(start, 36), datetime.date(2015, 1, 1)),
                                    self.as_of)
            self.add(m.Award, award_type_id=self.refs.award.pk[code], name=name, year=day.year,
                     sk_number=self.sk("003", day), sk_date=day,
                     signing_official="Bupati Kuantan Singingi",
                     institution="Pemerintah Kabupaten Kuantan Singingi",
                     institution_location="Teluk Kuantan")

    def leave(self) -> None:
        rng, start = self.rng, self.start
        if not start or _add_months(start, 12) > self.as_of:
            return
        agency = self.unit.agency if self.unit else "BKPP"
        last = self.as_of - datetime.timedelta(days=14)

        def letter(day: datetime.date) -> str:
            return f"851/{agency}/{day.year}/{rng.randint(1, 400):03d}"

        def add(code: str, begin: datetime.date, end: datetime.date, notes: str = "") -> None:
            self.add(m.LeaveRecord, leave_type_id=self.refs.leave.pk[code],
                     letter_number=letter(begin), start_date=begin, end_date=end, notes=notes)

        if rng.random() < 0.3:
            for _ in range(1 + (rng.random() < 0.15)):
                begin = _weekday(self.date_between(max(_add_months(start, 12),
                                                       datetime.date(2025, 1, 1)), last))
                add("C_TAHUNAN", begin, _weekdays_after(begin, rng.randint(1, 6)),
                    rng.choice(("Keperluan keluarga", "Pulang kampung", "Urusan keluarga",
                                "")))
        if self.female and self.e.asn_kind != AsnKind.CPNS:
            for born in self.children:
                if born > _add_months(start, 12) and born.year >= 2018 and rng.random() < 0.6:
                    begin = _weekday(born - datetime.timedelta(days=rng.randint(7, 30)))
                    add("C_MELAHIRKAN", begin, _add_months(begin, 3) - datetime.timedelta(1),
                        "Persalinan anak")
        if self.e.asn_kind == AsnKind.PNS and _add_months(start, 72) < self.as_of:
            roll = rng.random()
            if roll < 0.006:
                begin = _weekday(self.date_between(_add_months(start, 72), last))
                add("C_BESAR", begin, min(_add_months(begin, rng.choice((1, 2))), self.as_of),
                    "Menunaikan ibadah haji")
            elif roll < 0.02:
                begin = _weekday(self.date_between(_add_months(start, 12), last))
                add("C_SAKIT", begin, _weekdays_after(begin, rng.randint(3, 14)),
                    "Rawat inap, surat keterangan dokter terlampir")
            elif roll < 0.03:
                begin = _weekday(self.date_between(_add_months(start, 12), last))
                add("C_ALASAN_PENTING", begin, _weekdays_after(begin, rng.randint(2, 10)),
                    rng.choice(("Orang tua sakit keras", "Pernikahan", "Orang tua meninggal "
                                                                       "dunia")))

    def may_act(self) -> bool:
        if not self.positions or self.e.asn_kind != AsnKind.PNS or not self.start:
            return False
        golongan = self.refs.golongan.code.get(self.e.golongan_id) or ""
        return golongan >= "33" or any(p.echelon and p.echelon[0] in "34"
                                       for p in self.positions)

    def acting(self, *, surely: bool = False) -> None:
        """A few officials or senior staff once stood in (Plt/Plh) for the head above
        the position they held then."""
        rng, refs = self.rng, self.refs
        if not self.may_act() or (rng.random() > 0.013 and not surely):
            return
        low = max(_add_months(self.start, 60), datetime.date(2019, 1, 1))
        high = self.as_of - datetime.timedelta(days=200)
        if low > high:
            return
        begin = _weekday(self.date_between(low, high))
        held = self.position_at(begin) or self.positions[-1]
        if held.echelon and held.echelon[0] in "12":
            return
        agency = refs.unit_by_code.get(held.unit.agency, held.unit)
        target = agency if held.echelon and held.echelon[0] == "3" else held.unit
        title = refs.head_title(target)
        if title == held.name:
            target, title = agency, refs.head_title(agency)
        if title == held.name:
            return
        plt = rng.random() < 0.6
        end = (_add_months(begin, rng.randint(2, 6)) if plt
               else begin + datetime.timedelta(days=rng.randint(3, 20)))
        self.add(m.ActingAppointment, assignment_type_id=refs.assignment.pk[
            "PLT" if plt else "PLH"], position_name=title, unit_id=target.pk, start_date=begin,
                 end_date=end, sk_number=self.sk("800.1.3.3", begin),
                 sk_date=begin - datetime.timedelta(days=rng.randint(0, 5)))


def nonformal(person: _Person) -> None:
    """A few employees list a course (kursus) outside school."""
    rng = person.rng
    if rng.random() > 0.06:
        return
    level, institution, place = rng.choice(pools.NONFORMAL)
    birth = person.e.birth_date
    begin = datetime.date(rng.randint(birth.year + 16, min(birth.year + 40,
                                                           person.as_of.year - 1)),
                          rng.randint(1, 12), rng.randint(1, 28))
    end = _add_months(begin, rng.choice((1, 2, 3, 6)))
    person.add(m.NonFormalEducation, level=level, institution_name=institution,
               institution_location=place, certificate_number=f"{rng.randint(1, 9999):04d}/"
               f"LKP/{end.year}", start_date=begin, end_date=end, certificate_date=end)


# --- the load -------------------------------------------------------------------------------------

def build_history(employees: list[Employee], *, seed: int, refs: Refs | None = None,
                  as_of: datetime.date = DATA_DATE,
                  now: datetime.datetime | None = None) -> dict[type, list]:
    """Unsaved entries of every kind for saved ``employees``, by model."""
    refs = refs or Refs()
    now = now or timezone.now()
    rows: dict[type, list] = {kind.model: [] for kind in KINDS}
    people = []
    for employee in employees:
        person = _Person(employee, refs, seed, as_of, now, rows)
        person.build()
        nonformal(person)
        people.append(person)
    # Even a small demo shows a penalty and a Plt/Plh: the first fitting employee
    # in NIP-hash order (not file order) gets one when chance gave nobody.
    people.sort(key=lambda person: hashlib.sha256(person.e.nip.encode()).hexdigest())
    for model, fits, give in (
            (m.DisciplinaryPenalty, _Person.may_be_penalised, _Person.penalty),
            (m.ActingAppointment, _Person.may_act,
             lambda person: person.acting(surely=True))):
        for person in people:
            if rows[model]:
                break
            if fits(person):
                give(person)
    return rows


def write_history(employees: list[Employee], *, seed: int, as_of: datetime.date = DATA_DATE,
                  create=bulk_create_with_history) -> dict[str, int]:
    """Write the demo history of saved ``employees``; returns entries per kind slug.

    Runs inside the caller's transaction; each kind is one bulk insert with
    its history rows ("impor demo"), by ``create`` (``bulk_create_with_history``
    or a function with its signature, such as ``scale.copy_with_history``).
    """
    now = timezone.now()
    rows = build_history(employees, seed=seed, as_of=as_of, now=now)
    counts = {}
    for kind in KINDS:
        entries = rows[kind.model]
        if entries:
            create(entries, kind.model, batch_size=BATCH_SIZE,
                   default_change_reason=CHANGE_REASON, default_date=now)
        counts[kind.slug] = len(entries)
    return counts
