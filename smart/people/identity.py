"""Identity numbers: NIP, NIK and NPWP (R-DATA-2, domain.md §4).

Two kinds of outcome, kept apart on purpose:

* ``IdentityError`` — the number itself is impossible (wrong length, not a
  date, a spreadsheet's scientific notation). It is refused with a reason in
  Indonesian.
* findings — the number is well-formed but disagrees with the recorded birth
  date, sex or TMT CPNS. It is accepted and the finding is shown to the
  verifier; neither silently accepted nor silently rejected.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.utils import timezone

MIN_AGE_AT_TMT = 18
# str.isdigit() also accepts superscripts and other scripts' digits.
ASCII_DIGITS = re.compile(r"[0-9]+")


class IdentityError(ValueError):
    """An identity number that cannot be right; the message is for the user."""


@dataclass(frozen=True)
class NipInfo:
    nip: str
    kind: str  # "PNS" or "PPPK"
    birth_date: datetime.date
    tmt_year: int
    tmt_month: int | None  # PNS NIPs encode the TMT CPNS month; PPPK only the year
    sex: str  # "M" or "F"


@dataclass(frozen=True)
class NikInfo:
    nik: str
    region_code: str  # "14.09.02"
    birth_day: int
    birth_month: int
    birth_year_2: int  # two digits; the century is not encoded
    sex: str


def group_nip(nip: str) -> str:
    """The NIP as printed on SK, letters and lists: 8-6-1-3 ("19850312 201001 2 004").

    PPPK NIPs are printed in the same grouping; their middle group holds the
    TMT year, the PPPK marker and the period digit. Anything not 18 characters
    long is shown as it is.
    """
    return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}" if len(nip) == 18 else nip


def _digits(value: object, label: str, length: int) -> str:
    text = str(value if value is not None else "").strip().lstrip("'")
    if re.search(r"[eE][+-]?\d", text) and re.fullmatch(r"[\d.,]+[eE][+-]?\d+", text):
        raise IdentityError(
            f"{label} '{text}' adalah angka yang diubah spreadsheet menjadi notasi ilmiah; "
            f"digitnya sudah hilang. Ketik ulang {label} sebagai teks."
        )
    compact = re.sub(r"\s+", "", text)
    if not ASCII_DIGITS.fullmatch(compact):
        raise IdentityError(f"{label} hanya boleh berisi angka (tertulis '{text}').")
    if len(compact) != length:
        raise IdentityError(f"{label} harus {length} digit (tertulis {len(compact)} digit).")
    return compact


def _date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _years_between(start: datetime.date, end: datetime.date) -> int:
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


def parse_nip(value: object, today: datetime.date | None = None) -> NipInfo:
    """Read an 18-digit NIP; spaces as printed on documents are ignored."""
    today = today or timezone.localdate()
    nip = _digits(value, "NIP", 18)
    birth = _date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    if birth is None:
        raise IdentityError(
            f"Tanggal lahir dalam NIP ({nip[0:4]}-{nip[4:6]}-{nip[6:8]}) bukan tanggal yang sah."
        )
    if birth > today:
        raise IdentityError(f"Tanggal lahir dalam NIP ({birth:%d-%m-%Y}) ada di masa depan.")
    # PNS: YYYYMM of TMT CPNS, then the sex digit. PPPK: YYYY of TMT, the
    # marker 2, a period digit, then the sex digit; a PNS month never starts
    # with 2, so position 12 tells the two layouts apart.
    if nip[12] == "2":
        kind, tmt_year, tmt_month, sex_digit = "PPPK", int(nip[8:12]), None, nip[14]
    else:
        kind, tmt_year, tmt_month, sex_digit = "PNS", int(nip[8:12]), int(nip[12:14]), nip[14]
        if not 1 <= tmt_month <= 12:
            raise IdentityError(f"Bulan TMT dalam NIP ({nip[12:14]}) bukan bulan yang sah.")
    if sex_digit not in "12":
        raise IdentityError(
            f"Digit jenis kelamin dalam NIP harus 1 (laki-laki) atau 2 (perempuan), "
            f"tertulis {sex_digit}."
        )
    if tmt_year < birth.year:
        raise IdentityError(f"Tahun TMT dalam NIP ({tmt_year}) sebelum tahun lahir.")
    tmt_start = datetime.date(tmt_year, tmt_month or 12, 1 if tmt_month else 31)
    if tmt_start > today + datetime.timedelta(days=366):
        raise IdentityError(f"Tahun TMT dalam NIP ({tmt_year}) ada di masa depan.")
    age = _years_between(birth, tmt_start)
    if age < MIN_AGE_AT_TMT:
        raise IdentityError(
            f"Menurut NIP, pegawai baru berusia {age} tahun pada TMT; "
            f"usia minimal {MIN_AGE_AT_TMT} tahun."
        )
    return NipInfo(nip, kind, birth, tmt_year, tmt_month, "M" if sex_digit == "1" else "F")


def nip_findings(info: NipInfo, *, birth_date: datetime.date | None = None,
                 sex: str | None = None, tmt_cpns: datetime.date | None = None) -> list[str]:
    """Disagreements between a valid NIP and the recorded data, for the verifier."""
    findings = []
    if birth_date and birth_date != info.birth_date:
        findings.append(
            f"NIP memuat tanggal lahir {info.birth_date:%d-%m-%Y}, "
            f"tetapi tanggal lahir tercatat {birth_date:%d-%m-%Y}."
        )
    if sex and sex != info.sex:
        findings.append(
            f"Digit jenis kelamin NIP menunjukkan {_sex_label(info.sex)}, "
            f"tetapi pegawai tercatat {_sex_label(sex)}."
        )
    if tmt_cpns and info.tmt_month and (tmt_cpns.year, tmt_cpns.month) != (
            info.tmt_year, info.tmt_month):
        findings.append(
            f"NIP memuat TMT CPNS {info.tmt_month:02d}-{info.tmt_year}, "
            f"tetapi TMT CPNS tercatat {tmt_cpns:%m-%Y}."
        )
    return findings


def parse_nik(value: object) -> NikInfo:
    """Read a 16-digit NIK: PP KK CC DDMMYY SSSS, day + 40 for women."""
    nik = _digits(value, "NIK", 16)
    if nik[0:2] == "00" or nik[2:4] == "00" or nik[12:16] == "0000":
        raise IdentityError("NIK tidak sah: kode wilayah atau nomor urut bernilai nol.")
    day, month, year2 = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    sex = "F" if day > 40 else "M"
    real_day = day - 40 if day > 40 else day
    if not 1 <= month <= 12:
        raise IdentityError(f"Bulan lahir dalam NIK ({nik[8:10]}) bukan bulan yang sah.")
    if not any(_date(century + year2, month, real_day) for century in (1900, 2000)):
        raise IdentityError(
            f"Tanggal lahir dalam NIK (hari {nik[6:8]}, bulan {nik[8:10]}) bukan tanggal yang sah."
        )
    return NikInfo(nik, f"{nik[0:2]}.{nik[2:4]}.{nik[4:6]}", real_day, month, year2, sex)


def nik_findings(info: NikInfo, *, birth_date: datetime.date | None = None,
                 sex: str | None = None) -> list[str]:
    findings = []
    if sex and sex != info.sex:
        findings.append(
            f"NIK menunjukkan {_sex_label(info.sex)} (hari lahir {info.nik[6:8]}), "
            f"tetapi pegawai tercatat {_sex_label(sex)}."
        )
    if birth_date and (birth_date.day, birth_date.month, birth_date.year % 100) != (
            info.birth_day, info.birth_month, info.birth_year_2):
        findings.append(
            f"NIK memuat tanggal lahir {info.birth_day:02d}-{info.birth_month:02d}-"
            f"{info.birth_year_2:02d}, tetapi tanggal lahir tercatat {birth_date:%d-%m-%Y}."
        )
    return findings


def normalise_npwp(value: object) -> str:
    """NPWP as digits: the old 15-digit form or the 16-digit form (the NIK)."""
    text = str(value or "").strip().lstrip("'")
    compact = re.sub(r"[\s.\-]", "", text)
    if not ASCII_DIGITS.fullmatch(compact) or len(compact) not in (15, 16):
        raise IdentityError(
            f"NPWP harus 15 digit (format lama) atau 16 digit (NIK), tertulis '{text}'."
        )
    return compact


def _sex_label(sex: str) -> str:
    return "perempuan" if sex == "F" else "laki-laki"


NIK_LENGTH = 16


def looks_like_nik(text: object) -> bool:
    """Whether a search text holds a full NIK: exactly 16 digits, however they
    are spaced or labelled. A NIP has 18, a name none (security.md C5)."""
    return len(re.findall(r"[0-9]", str(text or ""))) == NIK_LENGTH
