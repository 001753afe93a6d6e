"""Computed career values (R-DATA-3, domain.md §5): age, masa kerja, BUP and TMT
pensiun, the next KGB, the earliest KP reguler and the education/eselon ceiling.

Every function is pure: it takes dates, codes and numbers and returns a value;
nothing here reads the database, so the reference tables (which are data,
R-DATA-4) are read by the caller and their codes passed in. Each docstring
states the rule and its source; rules marked [U] in domain.md are marked [U]
here too, so nobody mistakes them for settled law.

Date conventions used throughout:

* a person born on 29 February turns a year older on 1 March in common years
  (the same convention as ``Employee.age_on`` and the demo generator) [U];
* "n months after d" keeps the day of the month, capped at the last day of a
  shorter month (31 January + 1 month = 28/29 February);
* a period of service is counted in whole months: month k is complete on the
  day "k months after the start".
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from django.utils.translation import gettext, ngettext

# Golongan PNS code → name (domain.md §2.1; the same codes as references.Golongan).
GOLONGAN_NAMES = {
    "11": "I/a", "12": "I/b", "13": "I/c", "14": "I/d",
    "21": "II/a", "22": "II/b", "23": "II/c", "24": "II/d",
    "31": "III/a", "32": "III/b", "33": "III/c", "34": "III/d",
    "41": "IV/a", "42": "IV/b", "43": "IV/c", "44": "IV/d", "45": "IV/e",
}
_GOLONGAN_ORDER = list(GOLONGAN_NAMES)

# Golongan PPPK I–XVII (Perpres 98/2020, domain.md §2.2), keyed by roman numeral.
GOLONGAN_PPPK = (
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX",
    "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII",
)

# Jenis jabatan (domain.md §2.6, SIASN jenisJabatan).
STRUCTURAL, FUNCTIONAL, DUAL, EXECUTOR = "1", "2", "3", "4"

# Eselon codes of JPT (pimpinan tinggi: utama, madya, pratama), domain.md §2.6.
JPT_ECHELONS = frozenset({"10", "11", "12", "21", "22"})
_ECHELON_NAMES = {
    "i.a": "11", "ia": "11", "i.b": "12", "ib": "12", "ii.a": "21", "iia": "21",
    "ii.b": "22", "iib": "22", "iii.a": "31", "iiia": "31", "iii.b": "32", "iiib": "32",
    "iv.a": "41", "iva": "41", "iv.b": "42", "ivb": "42", "v.a": "51", "va": "51",
    "v.b": "52", "vb": "52",
}

BUP_ADMINISTRATION = 58  # administrator, pengawas, pelaksana — UU 5/2014 Ps. 90
BUP_JPT = 60  # pimpinan tinggi — UU 5/2014 Ps. 90
BUP_TEACHER = 60  # guru, all jenjang — SIASN jabatanFungsional usiaBup
# JF jenjang → BUP, PP 11/2017 Ps. 239 (domain.md §5.1). Keys are normalised
# names, short names and the SIASN jenjang codes (PT, MU, MA, UT, PM, TR, MH, PY).
JF_LEVEL_BUP = {
    "ahli pertama": 58, "pertama": 58, "pt": 58,
    "ahli muda": 58, "muda": 58, "mu": 58,
    "ahli madya": 60, "madya": 60, "ma": 60,
    "ahli utama": 65, "utama": 65, "ut": 65,
    "pemula": 58, "pm": 58,
    "terampil": 58, "tr": 58,
    "mahir": 58, "mh": 58,
    "penyelia": 58, "py": 58,
}
_JF_LEVEL_IN_NAME = re.compile(
    r"\b(ahli\s+pertama|ahli\s+muda|ahli\s+madya|ahli\s+utama|pemula|terampil|mahir|penyelia)\b",
    re.IGNORECASE,
)
_TEACHER_IN_NAME = re.compile(r"\bguru\b", re.IGNORECASE)

KGB_INTERVAL_MONTHS = 24
# Golongan I/b–II/d step on odd MKG years, all others on even years (BOGOR kgb_model.php).
KGB_ODD_YEAR_GOLONGAN = frozenset({"12", "13", "14", "21", "22", "23", "24"})

REGULAR_PROMOTION_YEARS = 4
SIX_PERIODS_SINCE = datetime.date(2024, 2, 1)
PROMOTION_MONTHS = (2, 4, 6, 8, 10, 12)  # since February 2024
PROMOTION_MONTHS_BEFORE_2024 = (4, 10)


# -- dates ---------------------------------------------------------------------------------


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day of the month ``months`` later (negative: earlier), capped at the
    last day of a shorter month: 31-01 + 1 month = 28-02 (29-02 in a leap year)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def months_between(start: datetime.date, end: datetime.date) -> int:
    """Whole months from ``start`` to ``end``: the largest k with
    ``add_months(start, k) <= end``; 0 when ``end`` is not after ``start``."""
    if end <= start:
        return 0
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - (add_months(start, months) > end)


def birthday(birth_date: datetime.date, age: int) -> datetime.date:
    """The day a person turns ``age``. Someone born on 29 February turns a year
    older on 1 March in a common year [U: no regulation found; the convention of
    ``Employee.age_on`` and the demo generator]."""
    try:
        return birth_date.replace(year=birth_date.year + age)
    except ValueError:
        return datetime.date(birth_date.year + age, 3, 1)


def age_on(birth_date: datetime.date, on: datetime.date) -> int:
    """Age in completed years on ``on`` (0 before the first birthday; negative
    is never returned). 29 February birthdays count on 1 March in common years."""
    if on <= birth_date:
        return 0
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))


# -- masa kerja ----------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class YearsMonths:
    """A length of service, always normalised: 0 <= months <= 11."""

    years: int
    months: int

    def __post_init__(self):
        if self.years < 0 or not 0 <= self.months <= 11:
            raise ValueError(f"Masa kerja tidak sah: {self.years} tahun {self.months} bulan.")

    @classmethod
    def from_months(cls, total: int) -> YearsMonths:
        if total < 0:
            raise ValueError(f"Masa kerja tidak boleh negatif ({total} bulan).")
        return cls(*divmod(total, 12))

    @property
    def total_months(self) -> int:
        return self.years * 12 + self.months

    def __add__(self, other: YearsMonths) -> YearsMonths:
        if not isinstance(other, YearsMonths):
            return NotImplemented
        return YearsMonths.from_months(self.total_months + other.total_months)

    def __str__(self) -> str:
        # In the active language: "8 tahun 3 bulan", "8 years 3 months".
        years = ngettext("%(years)s year", "%(years)s years", self.years) % {
            "years": self.years}
        months = ngettext("%(months)s month", "%(months)s months", self.months) % {
            "months": self.months}
        return f"{years} {months}"


def _active_segments(start, on, excluded_periods):
    """[a, b) pieces of [start, on) outside the excluded (first day, last day) periods."""
    cuts = []
    for first, last in excluded_periods:
        if last is not None and last < first:
            raise ValueError(
                f"Periode yang tidak dihitung terbalik: {first:%d-%m-%Y} sampai {last:%d-%m-%Y}."
            )
        stop = on if last is None else min(on, last + datetime.timedelta(days=1))
        if stop > start and first < on:
            cuts.append((max(first, start), stop))
    segments, cursor = [], start
    for first, stop in sorted(cuts):
        if first > cursor:
            segments.append((cursor, first))
        cursor = max(cursor, stop)
    if on > cursor:
        segments.append((cursor, on))
    return segments


def service_length(start: datetime.date, on: datetime.date,
                   excluded_periods: Iterable[tuple[datetime.date, datetime.date | None]] = ()
                   ) -> YearsMonths:
    """Masa kerja keseluruhan on ``on``, counted from TMT CPNS (``start``).

    Rule: whole months from TMT CPNS to ``on`` (domain.md §5.4 [U on details]); the
    periods in ``excluded_periods`` — CLTN, given as (first day, last day), both
    inclusive, last day ``None`` while still on CLTN — are not counted (PP 11/2017
    on CLTN; domain.md §5.4 [S, P-PRABU]). Overlapping periods count once.
    When CLTN splits the service, each active piece counts its whole months plus
    the elapsed fraction of its last, incomplete month; the fractions of all pieces
    are added and only whole months count. A single piece is thus exactly its whole
    months, and the result never goes down as ``on`` advances. Before TMT CPNS the
    result is 0 years 0 months.
    Prior service recognised by PMK is added by the caller (``YearsMonths`` adds).
    """
    total_months, partial = 0, Fraction(0)
    for a, b in _active_segments(start, on, excluded_periods):
        months = months_between(a, b)
        anniversary, following = add_months(a, months), add_months(a, months + 1)
        total_months += months
        partial += Fraction((b - anniversary).days, (following - anniversary).days)
    return YearsMonths.from_months(total_months + int(partial))


def grade_service_on(sk_years: int, sk_months: int, tmt_golongan: datetime.date,
                     on: datetime.date) -> YearsMonths:
    """Masa kerja golongan (MKG) on ``on``: the MKG stated in the SK of the current
    golongan, advanced by the whole months since its TMT (domain.md §5.4 [U]).

    The I→II (−5 years) and II→III (−6 years) reductions are already in the SK's
    figure, so nothing is subtracted here. Before the TMT the SK's figure is returned.
    """
    if sk_years < 0 or sk_months < 0:
        raise ValueError("Masa kerja golongan dalam SK tidak boleh negatif.")
    return YearsMonths.from_months(sk_years * 12 + sk_months + months_between(tmt_golongan, on))


# -- BUP and pensiun -----------------------------------------------------------------------


def _code(value) -> str:
    return str(value).strip() if value is not None else ""


def _echelon_code(value) -> str:
    code = _code(value)
    return _ECHELON_NAMES.get(code.lower().replace(" ", ""), code)


def _normalise_level(level: str) -> str:
    return re.sub(r"[\s_\-]+", " ", str(level)).strip().lower()


def jf_level_bup(jf_level: str) -> int:
    """BUP of a JF jenjang (PP 11/2017 Ps. 239; domain.md §5.1 [S]): keterampilan
    (pemula, terampil, mahir, penyelia) 58, ahli pertama and ahli muda 58, ahli madya
    60, ahli utama 65. Accepts names in any case ("Ahli Muda", "ahli_muda") and the
    SIASN jenjang codes (PT, MU, MA, UT, PM, TR, MH, PY)."""
    bup = JF_LEVEL_BUP.get(_normalise_level(jf_level))
    if bup is None:
        raise ValueError(f"Jenjang jabatan fungsional '{jf_level}' tidak dikenal.")
    return bup


def _structural_bup(echelon_code) -> int:
    return BUP_JPT if _echelon_code(echelon_code) in JPT_ECHELONS else BUP_ADMINISTRATION


def _functional_bup(jf_level, jf_bup, teacher) -> int:
    if jf_bup is not None:
        if not 50 <= int(jf_bup) <= 75:
            raise ValueError(f"BUP jabatan fungsional {jf_bup} tahun tidak masuk akal.")
        return int(jf_bup)
    if teacher:
        return BUP_TEACHER
    if not jf_level:
        raise ValueError(
            "BUP jabatan fungsional tidak dapat ditentukan: jenjang dan BUP jabatan kosong."
        )
    return jf_level_bup(jf_level)


def retirement_age(position_type_code, *, echelon_code=None, jf_level: str | None = None,
                   jf_bup: int | None = None, teacher: bool = False) -> int:
    """Batas usia pensiun (BUP) of a position (domain.md §5.1).

    * struktural (1): JPT — eselon I and II (codes 10–22) — 60; administrator and
      pengawas (eselon III, IV, V, non-eselon) 58 (UU 5/2014 Ps. 90 [S]);
    * pelaksana / fungsional umum (4): 58 (UU 5/2014 Ps. 90 [S]);
    * fungsional tertentu (2): the JF's own ``usiaBup`` from the reference when
      given (``jf_bup``; SIASN has 58, 60, 62, 65, 70), else guru 60 (SIASN usiaBup
      [V]), else by jenjang (PP 11/2017 Ps. 239 [S], see ``jf_level_bup``);
    * rangkap (3): the higher of the structural and the functional BUP [U: no source;
      the functional part falls back to 58 when it cannot be determined].

    PPPK: the contract ends at the BUP of the position, so the same table applies
    (PP 49/2018; domain.md §5.6 [S]). The extension of JPT madya/utama to 62 is [U]
    and not applied. Unknown position types raise ``ValueError``.
    """
    kind = _code(position_type_code)
    if kind == STRUCTURAL:
        return _structural_bup(echelon_code)
    if kind == EXECUTOR:
        return BUP_ADMINISTRATION
    if kind == FUNCTIONAL:
        return _functional_bup(jf_level, jf_bup, teacher)
    if kind == DUAL:
        try:
            functional = _functional_bup(jf_level, jf_bup, teacher)
        except ValueError:
            functional = BUP_ADMINISTRATION
        return max(_structural_bup(echelon_code), functional)
    raise ValueError(f"Jenis jabatan '{position_type_code}' tidak dikenal.")


def is_teacher_position(position_name: str | None) -> bool:
    """A guru position: the word "Guru" in the position name (SIASN names every
    teacher JF "Guru …", e.g. "Guru Ahli Muda")."""
    return bool(position_name and _TEACHER_IN_NAME.search(position_name))


def jf_level_in_name(position_name: str | None) -> str | None:
    """The JF jenjang written in a position name ("Analis Kebijakan Ahli Madya" →
    "ahli madya"), or None."""
    match = _JF_LEVEL_IN_NAME.search(position_name or "")
    return _normalise_level(match.group(1)) if match else None


def retirement_age_for_position(position_type_code, position_name: str | None,
                                echelon_code=None, jf_bup: int | None = None) -> int:
    """BUP from what a record usually holds: the position type, the position name
    (guru and the JF jenjang are read from it) and the eselon; see ``retirement_age``."""
    return retirement_age(
        position_type_code, echelon_code=echelon_code, jf_bup=jf_bup,
        jf_level=jf_level_in_name(position_name), teacher=is_teacher_position(position_name),
    )


def retirement_date(birth_date: datetime.date, bup_age: int) -> datetime.date:
    """TMT pensiun: the first day of the month after the month in which the BUP age
    is reached (domain.md §5.1 [U]; the practice of BKN pension SKs).

    Born 15-06-1968, BUP 58 → BUP reached 15-06-2026 → TMT pensiun 01-07-2026. Someone
    born on the 1st also goes to the 1st of the next month (born 01-06-1968 → 01-07-2026):
    the employee serves out the month of the birthday. Born 29 February: the BUP is
    reached on 1 March in a common year, so the TMT is 1 April [U].
    """
    reached = birthday(birth_date, bup_age)
    return add_months(reached.replace(day=1), 1)


def is_past_retirement(birth_date: datetime.date, bup_age: int, on: datetime.date) -> bool:
    """True from TMT pensiun on: on that day the employee is a pensioner, so an
    "aktif" record on or after it is a finding for the verifier (domain.md §5.7)."""
    return on >= retirement_date(birth_date, bup_age)


# -- KGB -----------------------------------------------------------------------------------


def is_pppk_golongan(golongan_code) -> bool:
    return _code(golongan_code).upper() in GOLONGAN_PPPK


def _pns_golongan(golongan_code) -> str:
    code = _code(golongan_code)
    if code not in GOLONGAN_NAMES:
        raise ValueError(f"Kode golongan '{golongan_code}' tidak dikenal.")
    return code


def golongan_name(golongan_code) -> str:
    """Display name of a golongan code: "34" → "III/d"; PPPK roman numerals as is."""
    if is_pppk_golongan(golongan_code):
        return _code(golongan_code).upper()
    return GOLONGAN_NAMES[_pns_golongan(golongan_code)]


def next_kgb_date(tmt_golongan: datetime.date, sk_years: int, sk_months: int, golongan_code,
                  on: datetime.date) -> datetime.date:
    """The next kenaikan gaji berkala (KGB) on or after ``on``.

    PNS: a KGB falls every 2 years of masa kerja golongan (MKG) (PP 15/2019 salary
    tables; domain.md §5.2 [S]). The salary table steps on odd MKG years for golongan I/b–II/d
    (codes 12–24) and on even years otherwise, so the KGB falls on the day the MKG
    reaches a whole odd (I/b–II/d) or even (I/a, III, IV) number of years (BOGOR
    kgb_model.php [V]; [U] for golongan I). The SK's own MKG is not a KGB: only MKG
    reached strictly after TMT golongan counts.

    PPPK (roman golongan): every 2 years from the TMT given as ``tmt_golongan``; the
    SK's MKG is ignored [U].

    "Next" includes ``on`` itself: when a KGB falls exactly on ``on`` that date is
    returned, so on the day it is due it is still shown as due. The result is never
    before ``on`` and, from TMT golongan on, never more than 2 years after it.
    The SKP ("baik") condition is for the caller [U].
    """
    if is_pppk_golongan(golongan_code):
        months = KGB_INTERVAL_MONTHS
    else:
        odd = _pns_golongan(golongan_code) in KGB_ODD_YEAR_GOLONGAN
        sk_total = sk_years * 12 + sk_months
        if sk_total < 0:
            raise ValueError("Masa kerja golongan dalam SK tidak boleh negatif.")
        year = sk_total // 12 + 1
        if year % 2 != odd:
            year += 1
        months = year * 12 - sk_total  # MKG reaches `year` whole years; then every 24 months
    first = add_months(tmt_golongan, months)
    if first < on:
        months += months_between(first, on) // KGB_INTERVAL_MONTHS * KGB_INTERVAL_MONTHS
        while add_months(tmt_golongan, months) < on:
            months += KGB_INTERVAL_MONTHS
    return add_months(tmt_golongan, months)


# -- KP ------------------------------------------------------------------------------------


def next_promotion_period(on: datetime.date) -> datetime.date:
    """The first KP period on or after ``on``.

    Since February 2024 there are six periods a year: 1 February, 1 April, 1 June,
    1 August, 1 October, 1 December (domain.md §5.3 [S, P-KP6; June U]). Before that
    there were two, 1 April and 1 October (PP 99/2000) [U]; dates from 02-10-2023 go
    to 01-02-2024, the first period of the new calendar.
    """
    for year in (on.year, on.year + 1):
        for month in range(1, 13):
            period = datetime.date(year, month, 1)
            if period < SIX_PERIODS_SINCE:
                allowed = PROMOTION_MONTHS_BEFORE_2024
            else:
                allowed = PROMOTION_MONTHS
            if period >= on and month in allowed:
                return period
    raise AssertionError("unreachable: every year has a KP period")  # pragma: no cover


def regular_promotion_date(tmt_golongan: datetime.date, on: datetime.date | None = None,
                           years: int = REGULAR_PROMOTION_YEARS) -> datetime.date:
    """Earliest TMT of a KP reguler: ``years`` (normally 4) years in the current
    golongan (domain.md §5.3 [S; U on the 4 years under current BKN rules]), snapped
    to the first KP period on or after that mark (``next_promotion_period``).

    With ``on``, a period already past cannot be used any more: the result is the
    first period on or after the later of the mark and ``on``. The 4-year mark of a
    29 February TMT falls on 1 March in a common year.
    """
    mark = birthday(tmt_golongan, years)
    return next_promotion_period(max(mark, on) if on else mark)


def promotion_ceiling(education_ceiling_code, echelon_max_code=None) -> str | None:
    """Highest golongan reachable by KP reguler: the education ceiling (PP 99/2000 jo.
    PP 12/2002; domain.md §2.7 [S]) and, for a structural position, the highest
    golongan of its eselon (PP 13/2002; domain.md §2.6 [S]) — the lower of the two
    when both are known; None when neither is (e.g. Profesi, whose ceiling is [U]).
    Codes are golongan PNS codes ("34" = III/d) and compare numerically."""
    known = [_pns_golongan(c) for c in (education_ceiling_code, echelon_max_code) if _code(c)]
    return min(known, key=int) if known else None


def is_at_ceiling(golongan_code, education_ceiling_code, echelon_max_code=None) -> bool:
    """True when the golongan has reached (or passed) ``promotion_ceiling``; IV/e is
    always the ceiling. PPPK have no pangkat, so they are never "at ceiling"."""
    if is_pppk_golongan(golongan_code):
        return False
    code = _pns_golongan(golongan_code)
    ceiling = promotion_ceiling(education_ceiling_code, echelon_max_code) or _GOLONGAN_ORDER[-1]
    return int(code) >= int(ceiling)


def next_golongan(golongan_code) -> str | None:
    """The golongan one step up ("34" → "41"), None above IV/e."""
    index = _GOLONGAN_ORDER.index(_pns_golongan(golongan_code)) + 1
    return _GOLONGAN_ORDER[index] if index < len(_GOLONGAN_ORDER) else None


def eligible_for_regular_promotion(golongan_code, tmt_golongan: datetime.date,
                                   on: datetime.date, education_ceiling_code,
                                   echelon_max_code=None, *,
                                   education_name: str | None = None) -> tuple[bool, str]:
    """Whether the time-in-rank and ceiling conditions of KP reguler are met on ``on``,
    with the reason in the active language (domain.md §5.3).

    Checked, in this order: PPPK have no KP; IV/e is the top; the golongan is below
    ``promotion_ceiling``; ``on`` is at least 4 years after TMT golongan. The SKP and
    the documents are checked by the verifier, not here. ``education_name`` ("S-1")
    only makes the message precise.
    """
    if is_pppk_golongan(golongan_code):
        return False, gettext("PPPK do not get rank promotions.")
    code = _pns_golongan(golongan_code)
    name = GOLONGAN_NAMES[code]
    if next_golongan(code) is None:
        return False, gettext("Already in the highest golongan (%(name)s).") % {"name": name}
    if is_at_ceiling(code, education_ceiling_code, echelon_max_code):
        ceiling = promotion_ceiling(education_ceiling_code, echelon_max_code)
        if _code(echelon_max_code) == ceiling and _code(education_ceiling_code) != ceiling:
            reason = gettext("the position's eselon")
        elif education_name:
            reason = gettext("education %(name)s") % {"name": education_name}
        else:
            reason = gettext("the education")
        values = {"name": name, "reason": reason, "ceiling": GOLONGAN_NAMES[ceiling]}
        if _GOLONGAN_ORDER.index(code) > _GOLONGAN_ORDER.index(ceiling):
            # Reached by another route (KP pilihan, a later diploma not yet recorded).
            return False, gettext(
                "Golongan %(name)s is already above the regular promotion limit for "
                "%(reason)s (%(ceiling)s); the next promotion is only through a "
                "selective promotion (KP pilihan).") % values
        return False, gettext(
            "Already at the highest golongan for %(reason)s (%(ceiling)s).") % values
    if on < birthday(tmt_golongan, REGULAR_PROMOTION_YEARS):
        return False, ngettext(
            "Not yet %(years)s year in golongan %(name)s (TMT %(tmt)s).",
            "Not yet %(years)s years in golongan %(name)s (TMT %(tmt)s).",
            REGULAR_PROMOTION_YEARS) % {"years": REGULAR_PROMOTION_YEARS, "name": name,
                                        "tmt": f"{tmt_golongan:%d-%m-%Y}"}
    target = GOLONGAN_NAMES[next_golongan(code)]
    period = next_promotion_period(on)
    return True, gettext(
        "Meets the service condition for the regular rank promotion to %(target)s; "
        "nearest period %(period)s.") % {"target": target, "period": f"{period:%d-%m-%Y}"}


# -- DUK -----------------------------------------------------------------------------------

_FAR_FUTURE = datetime.date.max


def duk_key(*, golongan_code, tmt_golongan: datetime.date | None,
            echelon_code=None, tmt_echelon: datetime.date | None = None,
            service: YearsMonths | None = None, training_rank: int = 0,
            education_code=None, birth_date: datetime.date | None = None) -> tuple:
    """Sort key of the Daftar Urut Kepangkatan (``sorted(..., key=...)`` ascending
    puts the most senior first): golongan desc → TMT golongan asc → eselon asc
    (higher office first, none last) → TMT eselon asc → masa kerja desc → diklat
    jabatan (``training_rank``, higher = more senior) desc → pendidikan (level code)
    desc → age desc (domain.md §5.5: first six keys [V, MOJO]; last two PP 15/1979 [U]).
    Missing dates sort last."""
    echelon = _echelon_code(echelon_code)
    echelon_rank = int(echelon) if echelon.isdigit() and echelon not in ("00", "99") else 100
    education = _code(education_code)
    return (
        -int(_pns_golongan(golongan_code)),
        tmt_golongan or _FAR_FUTURE,
        echelon_rank,
        tmt_echelon or _FAR_FUTURE,
        -(service.total_months if service else 0),
        -training_rank,
        -(int(education) if education.isdigit() else 0),
        birth_date or _FAR_FUTURE,
    )
