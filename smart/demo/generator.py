"""A synthetic SIASN "Export Data ASN" file for the demo regency.

The file has exactly the export's layout (domain.md §3.1, as in the shared
case ``siasn-ok.csv``): apostrophe before NIP, NIK, phone and other digit
strings, ``null`` for empty, dates ``dd-mm-yyyy``. Nobody in it is real.

Rules the generated people follow:

* 8,064 ASN by default (Feb 2026): 4,250 PNS, a few dozen of them CPNS
  (status C, no TMT PNS), and 3,814 PPPK.
* Teachers fill the schools and Korwil of Disdik (≈45 %), health staff the
  Puskesmas, RSUD and Dinkes (≈15 %), the rest the OPD divisions and the
  kecamatan offices; every OPD and kecamatan has a head, heads of OPD are
  eselon II, heads of bidang/bagian eselon III, Kasubbag and kecamatan
  sections eselon IV (the units' own head echelon).
* PNS golongan starts at the education level's initial golongan, rises about
  one step per four years and stops at the education ceiling; a structural
  post lifts or caps it into its eselon's range (KP pilihan). PPPK golongan
  follows education only (SLTA V, D-III VII, S1 IX, S2 X).
* NIPs and NIKs are structurally valid and unique (domain.md §4); a PNS NIP
  carries TMT CPNS at age 18 or more, a PPPK NIP the TMT year and marker 2.
* Active PNS stay below their BUP (domain.md §5.1) until at least a year
  after ``DATA_DATE``, except a handful just past it, the cases a verifier
  must find. PPPK are 20 or older at TMT.
* ``unor_id`` is ``unor_guid(unit code)``; the demo loader gives the seeded
  units the same SIASN ids, so every row finds its unit.

Everything comes from ``random.Random(seed)`` and ``DATA_DATE``, never the
clock, so the same seed writes a byte-identical file.
"""

from __future__ import annotations

import csv
import datetime
import os
import random
import uuid
from dataclasses import dataclass
from pathlib import Path

from smart.integrations.siasn.export import COLUMNS
from smart.references import seed_codes
from smart.references.seed_regions import REGIONS
from smart.references.seed_units import KECAMATAN, Node, unit_tree

DATA_DATE = datetime.date(2026, 12, 1)
DEFAULT_PNS = 4250
DEFAULT_PPPK = 3814

# Fixed namespace of the demo's unit GUIDs; changing it changes every unor_id.
UNOR_NAMESPACE = uuid.UUID("6f1d3c2a-4b5e-5a7f-8c9d-0e1f2a3b4c5d")

INSTANSI_ID = "A5EB03E23B1FF6A0E040640A040252AD"
INSTANSI_NAME = "Pemerintah Kab. Kuantan Singingi"
# Columns whose digits a spreadsheet would mangle: written as text ('...).
_TEXT_MARKED = frozenset({"nip_baru", "nip_lama", "nik", "nomor_hp", "npwp_nomor", "bpjs"})

# Share of each group in the PNS and in the PPPK headcount; admin gets the rest.
_PNS_SHARE = {"teach": 0.42, "health": 0.15}
_PPPK_SHARE = {"teach": 0.48, "health": 0.15}
CPNS_SHARE = 0.009
# Active PNS past their BUP on DATA_DATE: one per this many PNS (at least one).
OVERDUE_EVERY = 1000

_GOLONGAN_ORDER = [code for code, _, _ in seed_codes.GOLONGAN_PNS]
_GOLONGAN_NAME = {code: name for code, name, _ in seed_codes.GOLONGAN_PNS}
_EDUCATION = {code: (name, initial, ceiling)
              for code, name, initial, ceiling in seed_codes.EDUCATION_LEVELS}
# Profesi and Spesialis have no PP 99/2000 row; dokter and apoteker were filed
# under S-2 (domain.md §2.7), specialists one step higher.
_EDUCATION_FALLBACK = {"42": ("32", "41"), "47": ("33", "42"), "49": ("33", "42")}
_ECHELON_RANGE = {code: (low, high) for code, _, _, low, high in seed_codes.ECHELONS}
_PPPK_GOLONGAN = {
    "05": "I", "10": "IV", "12": "IV", "15": "V", "17": "V", "18": "V", "20": "VI",
    "25": "VI", "30": "VII", "35": "IX", "40": "IX", "42": "X", "45": "X", "47": "XI",
    "49": "XI", "50": "XI",
}
# (minimum, maximum) age at entry by education.
_ENTRY_AGE = {
    "15": (19, 28), "17": (19, 28), "18": (19, 27), "25": (20, 27), "30": (21, 30),
    "35": (22, 31), "40": (22, 32), "42": (24, 33), "45": (25, 35), "47": (29, 38),
    "50": (30, 40),
}
_SLTA = ("15", "17", "18")

# Weight of each year as the TMT CPNS year: the 1980s–90s teacher waves, the
# 2005–2010 honorer intakes, the 2012–13 moratorium, the 2019 and 2022 rounds.
_RECRUITMENT = {
    **dict.fromkeys(range(1984, 2000), 1.0),
    **dict.fromkeys(range(2000, 2005), 1.6),
    2005: 2.5, 2006: 3.0, 2007: 3.0, 2008: 3.0, 2009: 2.5, 2010: 2.0, 2011: 0.6,
    2012: 0.3, 2013: 0.3, 2014: 1.0, 2015: 0.2, 2016: 0.1, 2017: 0.2, 2018: 0.4,
    2019: 1.6, 2020: 0.6, 2021: 0.5, 2022: 1.2, 2023: 0.4, 2024: 0.8, 2025: 0.6,
}
_PPPK_INTAKE = {
    "teach": {2021: 0.8, 2022: 1.6, 2023: 1.4, 2024: 0.6, 2025: 1.2},
    "health": {2022: 0.6, 2023: 1.2, 2024: 1.0, 2025: 1.6},
    "admin": {2023: 0.6, 2024: 0.8, 2025: 2.5},
}
_TMT_MONTHS = (1, 1, 2, 3, 3, 4, 6, 12)


def unor_guid(unit_code: str) -> str:
    """The demo's SIASN unor id of a unit: uuid5(fixed namespace, code), 32 upper hex."""
    return uuid.uuid5(UNOR_NAMESPACE, unit_code).hex.upper()


# --- units and structural posts --------------------------------------------------------------

@dataclass(frozen=True)
class DemoUnit:
    code: str
    name: str
    kind: str
    echelon: str | None
    depth: int
    agency: str  # code of the OPD (depth-2 unit) it belongs to
    kecamatan: str | None  # two-digit Kemendagri kecamatan code when the unit has one


def _kecamatan_of(code: str) -> str | None:
    for marker in ("KORWIL", "PKM", "KEC"):
        if marker in code:
            digits = code.split(marker, 1)[1][:2]
            return digits if digits.isdigit() else None
    return None


def demo_units() -> list[DemoUnit]:
    """The seeded unit tree (``seed_units.unit_tree``) below the regency, in tree order."""
    units: list[DemoUnit] = []

    def walk(node: Node, depth: int, agency: str) -> None:
        code, name, _short, kind, echelon, children = node
        agency = code if depth == 2 else agency
        if depth >= 2:
            units.append(DemoUnit(code, name, kind, echelon, depth, agency, _kecamatan_of(code)))
        for child in children:
            walk(child, depth + 1, agency)

    walk(unit_tree(), 1, "")
    return units


@dataclass(frozen=True)
class Post:
    """A structural position: its holder is eselon ``echelon`` in ``unit_code``."""

    unit_code: str
    title: str
    echelon: str
    level: int  # 1 head of OPD or kecamatan, 2 head of a division, 3 below that


_HEAD_TITLES = {
    "SETDA": "Sekretaris Daerah", "SETWAN": "Sekretaris DPRD", "INSP": "Inspektur",
    "RSUD": "Direktur Rumah Sakit Umum Daerah Teluk Kuantan",
}
_SUBDIVISION_TITLES = ("Kepala Subbagian Umum dan Kepegawaian",
                       "Kepala Subbagian Keuangan dan Perencanaan")


def _head_title(unit: DemoUnit, agency: DemoUnit) -> str:
    """"Kepala Dinas …", "Camat …", "Sekretaris …", "Kepala Bidang …" by unit kind."""
    if unit.depth == 2:
        if unit.kind == "district":
            return "Camat " + unit.name.removeprefix("Kecamatan ")
        return _HEAD_TITLES.get(unit.code, f"Kepala {unit.name}")
    if unit.name == "Sekretariat Kecamatan":
        return "Sekretaris Kecamatan"
    if unit.name == "Sekretariat":
        return f"Sekretaris {agency.name}"
    if unit.name.startswith(("Bidang ", "Bagian ", "Seksi ")):
        return f"Kepala {unit.name}"
    return unit.name  # "Inspektur Pembantu Wilayah I"


def structural_posts(units: list[DemoUnit] | None = None) -> list[Post]:
    """Every structural post of the demo, heads of OPD first, then divisions.

    A unit with a head echelon gets a head; the Sekretariat of a dinas or
    badan also gets two Kasubbag (IV.a).
    """
    units = units if units is not None else demo_units()
    by_code = {unit.code: unit for unit in units}
    posts = []
    for unit in units:
        if not unit.echelon or unit.kind in ("school", "puskesmas", "korwil"):
            continue
        level = 1 if unit.depth == 2 else 2
        posts.append(Post(unit.code, _head_title(unit, by_code[unit.agency]), unit.echelon,
                          level))
        if unit.name == "Sekretariat" and by_code[unit.agency].kind in ("agency", "office"):
            posts += [Post(unit.code, title, "41", 3) for title in _SUBDIVISION_TITLES]
    return sorted(posts, key=lambda post: post.level)


# --- jobs ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Job:
    """A kind of non-structural position.

    ``track``: "guru" and "ahli" (JF keahlian), "terampil" (JF keterampilan) get
    a jenjang after the title; "pelaksana" titles stand alone. ``field`` picks
    study programmes and academic titles; "*" means the agency's fields.
    """

    title: str
    track: str
    education: tuple[tuple[str, float], ...]
    field: str = "*"
    female: float = 0.5
    min_service: int = 0


def _job(title: str, track: str, education: str, field: str = "*", female: float = 0.5,
         min_service: int = 0) -> Job:
    """``education`` as "40:.8 45:.2"."""
    pairs = tuple((code, float(weight)) for code, weight in
                  (item.split(":") for item in education.split()))
    return Job(title, track, pairs, field, female, min_service)


_PELAKSANA_PNS = (
    (_job("Penata Layanan Operasional", "pelaksana", "40:.85 45:.1 35:.05"), 0.22),
    (_job("Penelaah Teknis Kebijakan", "pelaksana", "40:.9 45:.1", female=0.45), 0.12),
    (_job("Pengelola Layanan Operasional", "pelaksana", "30:1"), 0.12),
    (_job("Pengolah Data dan Informasi", "pelaksana", "30:.5 15:.5"), 0.10),
    (_job("Pengadministrasi Perkantoran", "pelaksana", "15:1", female=0.55), 0.18),
    (_job("Operator Layanan Operasional", "pelaksana", "15:1", female=0.4), 0.16),
    (_job("Pengelola Umum Operasional", "pelaksana", "15:1", female=0.25), 0.10),
)
_PELAKSANA_PPPK = (
    (_job("Penata Layanan Operasional", "pelaksana", "40:1"), 0.20),
    (_job("Pengelola Layanan Operasional", "pelaksana", "30:1"), 0.15),
    (_job("Pengadministrasi Perkantoran", "pelaksana", "15:1", female=0.55), 0.15),
    (_job("Operator Layanan Operasional", "pelaksana", "15:1", female=0.4), 0.25),
    (_job("Pengelola Umum Operasional", "pelaksana", "15:1", female=0.2), 0.25),
)

GURU = _job("Guru", "guru", "40:.86 45:.08 25:.03 18:.03", "guru", 0.72)
GURU_PPPK = _job("Guru", "guru", "40:.97 35:.03", "guru", 0.75)
_KORWIL_JOBS = (
    (_job("Pengawas Sekolah", "ahli", "40:.5 45:.5", "guru", 0.45, min_service=16), 0.35),
    (_job("Penilik", "ahli", "40:1", "guru", 0.5, min_service=10), 0.15),
)

_PERAWAT = _job("Perawat", "terampil", "30:1", "keperawatan", 0.8)
_PERAWAT_NERS = _job("Perawat", "ahli", "40:1", "keperawatan", 0.75)
_BIDAN = _job("Bidan", "terampil", "30:1", "kebidanan", 1.0)
_BIDAN_D4 = _job("Bidan", "ahli", "35:1", "kebidanan", 1.0)
_DOKTER = _job("Dokter", "ahli", "42:.85 45:.15", "kedokteran", 0.55)
_DOKTER_SPESIALIS = _job("Dokter", "ahli", "47:1", "spesialis", 0.45)
_DOKTER_GIGI = _job("Dokter Gigi", "ahli", "42:1", "kedokteran_gigi", 0.7)
_APOTEKER = _job("Apoteker", "ahli", "42:1", "farmasi", 0.75)
_ASISTEN_APOTEKER = _job("Asisten Apoteker", "terampil", "30:1", "farmasi", 0.8)
_LABORAN = _job("Pranata Laboratorium Kesehatan", "terampil", "30:1", "analis", 0.7)
_SANITARIAN = _job("Sanitarian", "terampil", "30:1", "sanitasi", 0.55)
_NUTRISIONIS = _job("Nutrisionis", "terampil", "30:1", "gizi", 0.9)
_PROMKES = _job("Penyuluh Kesehatan Masyarakat", "ahli", "40:1", "kesmas", 0.65)
_EPIDEMIOLOG = _job("Epidemiolog Kesehatan", "ahli", "40:.8 45:.2", "kesmas", 0.55)
_ADMINKES = _job("Administrator Kesehatan", "ahli", "40:.6 45:.4", "kesmas", 0.5)
_PEREKAM_MEDIS = _job("Perekam Medis", "terampil", "30:1", "rekam_medis", 0.6)
_RADIOGRAFER = _job("Radiografer", "terampil", "30:1", "radiologi", 0.4)
_FISIOTERAPIS = _job("Fisioterapis", "terampil", "30:1", "fisioterapi", 0.6)

# Health jobs by unit (code, or kind for all Puskesmas), with the share of
# pelaksana staff that completes each mix.
_HEALTH_JOBS: dict[str, tuple[tuple[tuple[Job, float], ...], float]] = {
    "puskesmas": ((
        (_PERAWAT, .25), (_PERAWAT_NERS, .08), (_BIDAN, .25), (_BIDAN_D4, .05), (_DOKTER, .05),
        (_DOKTER_GIGI, .02), (_APOTEKER, .02), (_ASISTEN_APOTEKER, .04), (_LABORAN, .04),
        (_SANITARIAN, .04), (_NUTRISIONIS, .04), (_PROMKES, .04), (_EPIDEMIOLOG, .02),
        (_PEREKAM_MEDIS, .02)), .04),
    "RSUD": ((), 1.0),
    "RSUD.01": (((_ADMINKES, .1), (_PEREKAM_MEDIS, .1)), .8),
    "RSUD.02": (((_DOKTER, .35), (_DOKTER_SPESIALIS, .2), (_DOKTER_GIGI, .05), (_PERAWAT, .2),
                 (_RADIOGRAFER, .05), (_FISIOTERAPIS, .05), (_PEREKAM_MEDIS, .1)), 0.0),
    "RSUD.03": (((_PERAWAT, .55), (_PERAWAT_NERS, .25), (_BIDAN, .2)), 0.0),
    "RSUD.04": (((_APOTEKER, .15), (_ASISTEN_APOTEKER, .25), (_LABORAN, .25),
                 (_NUTRISIONIS, .15), (_RADIOGRAFER, .1), (_PEREKAM_MEDIS, .1)), 0.0),
    "DINKES": (((_ADMINKES, .25), (_EPIDEMIOLOG, .15), (_PROMKES, .15), (_SANITARIAN, .1),
                (_NUTRISIONIS, .05)), .3),
}


@dataclass(frozen=True)
class AgencyProfile:
    weight: float  # relative staff size
    fields: tuple[tuple[str, float], ...]  # study fields of its generalists
    specialists: tuple[tuple[Job, float], ...] = ()  # JF families, share of its staff


def _fields(text: str) -> tuple[tuple[str, float], ...]:
    return tuple((name, float(weight)) for name, weight in
                 (item.split(":") for item in text.split()))


_ARSIPARIS = _job("Arsiparis", "terampil", "30:.7 15:.3", "perpustakaan", 0.6)
_AGENCIES: dict[str, AgencyProfile] = {
    "SETDA": AgencyProfile(14, _fields("umum:3 hukum:1 ekonomi:1 pemerintahan:1"), (
        (_job("Perancang Peraturan Perundang-undangan", "ahli", "40:1", "hukum"), .05),
        (_job("Pengelola Pengadaan Barang/Jasa", "ahli", "40:1", "ekonomi"), .06),
        (_job("Analis Kebijakan", "ahli", "40:.8 45:.2"), .08),
        (_job("Pranata Hubungan Masyarakat", "ahli", "40:1", "sosial"), .04), (_ARSIPARIS, .04))),
    "SETWAN": AgencyProfile(5, _fields("umum:2 hukum:1 sosial:1"), (
        (_job("Analis Kebijakan", "ahli", "40:1"), .1), (_ARSIPARIS, .05))),
    "INSP": AgencyProfile(4, _fields("ekonomi:2 hukum:1 umum:1"), (
        (_job("Auditor", "ahli", "40:.85 45:.15", "ekonomi"), .35),
        (_job("Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah", "ahli", "40:1"), .2))),
    "BKPP": AgencyProfile(5, _fields("umum:2 sosial:1 hukum:1 informatika:1"), (
        (_job("Analis Sumber Daya Manusia Aparatur", "ahli", "40:.85 45:.15", "sosial"), .25),
        (_job("Pranata Sumber Daya Manusia Aparatur", "terampil", "30:1"), .1),
        (_job("Analis Kepegawaian", "pelaksana", "40:1", "sosial"), .15),
        (_job("Widyaiswara", "ahli", "45:1"), .03))),
    "BAPPEDA": AgencyProfile(4, _fields("ekonomi:1 teknik:1 umum:1"), (
        (_job("Perencana", "ahli", "40:.7 45:.3"), .3),
        (_job("Peneliti", "ahli", "45:1"), .05))),
    "BPKAD": AgencyProfile(6, _fields("ekonomi:4 umum:1"), (
        (_job("Analis Keuangan Pusat dan Daerah", "ahli", "40:1", "ekonomi"), .2),
        (_job("Analis Pengelolaan Keuangan APBN", "ahli", "40:1", "ekonomi"), .05))),
    "BAPENDA": AgencyProfile(4, _fields("ekonomi:3 umum:1")),
    "BPBD": AgencyProfile(4, _fields("umum:2 teknik:1"), (
        (_job("Analis Bencana", "ahli", "40:1"), .1),)),
    "KESBANGPOL": AgencyProfile(2, _fields("sosial:2 pemerintahan:1"), (
        (_job("Analis Kebijakan", "ahli", "40:1"), .1),)),
    "DISDIK": AgencyProfile(6, _fields("guru:2 umum:2 ekonomi:1"), (
        (_job("Analis Kebijakan", "ahli", "40:1", "guru"), .05),
        (_job("Pengembang Teknologi Pembelajaran", "ahli", "40:1", "guru"), .05))),
    "DISKOMINFO": AgencyProfile(3, _fields("informatika:3 sosial:1 umum:1"), (
        (_job("Pranata Komputer", "ahli", "40:1", "informatika", 0.35), .2),
        (_job("Pranata Komputer", "terampil", "30:1", "informatika", 0.35), .1),
        (_job("Statistisi", "ahli", "40:1", "informatika"), .08),
        (_job("Sandiman", "terampil", "30:.5 15:.5", "informatika", 0.3), .05),
        (_job("Pranata Hubungan Masyarakat", "ahli", "40:1", "sosial"), .07))),
    "DISBUDPAR": AgencyProfile(3, _fields("sosial:2 umum:1"), (
        (_job("Pamong Budaya", "ahli", "40:1", "sosial"), .1),
        (_job("Adyatama Kepariwisataan dan Ekonomi Kreatif", "ahli", "40:1", "sosial"), .1))),
    "DISBUNNAK": AgencyProfile(4, _fields("pertanian:2 peternakan:2 umum:1"), (
        (_job("Medik Veteriner", "ahli", "42:1", "peternakan"), .05),
        (_job("Paramedik Veteriner", "terampil", "30:1", "peternakan", 0.3), .1),
        (_job("Pengawas Benih Tanaman", "ahli", "40:1", "pertanian"), .08),
        (_job("Penyuluh Pertanian", "terampil", "30:.5 15:.5", "pertanian", 0.35), .12))),
    "DINSOSPMD": AgencyProfile(4, _fields("sosial:3 pemerintahan:1 umum:1"), (
        (_job("Pekerja Sosial", "ahli", "40:1", "sosial", 0.6), .12),
        (_job("Penyuluh Sosial", "ahli", "40:1", "sosial"), .08))),
    "DPPKBP3A": AgencyProfile(4, _fields("sosial:2 kesmas:1 umum:1"), (
        (_job("Penyuluh Keluarga Berencana", "ahli", "40:1", "sosial", 0.7), .25),
        (_job("Penyuluh Keluarga Berencana", "terampil", "30:1", "sosial", 0.7), .1))),
    "KOPDAGRIN": AgencyProfile(3, _fields("ekonomi:3 umum:1"), (
        (_job("Penera", "terampil", "30:1", "teknik", 0.3), .08),
        (_job("Pengawas Koperasi", "ahli", "40:1", "ekonomi"), .08))),
    "PUPR": AgencyProfile(6, _fields("teknik:4 umum:1"), (
        (_job("Teknik Jalan dan Jembatan", "ahli", "40:1", "teknik", 0.2), .15),
        (_job("Teknik Jalan dan Jembatan", "terampil", "30:1", "teknik", 0.15), .08),
        (_job("Teknik Pengairan", "ahli", "40:1", "teknik", 0.2), .08),
        (_job("Penata Ruang", "ahli", "40:1", "teknik", 0.35), .05))),
    "PERKIM": AgencyProfile(3, _fields("teknik:3 umum:1"), (
        (_job("Teknik Tata Bangunan dan Perumahan", "ahli", "40:1", "teknik", 0.3), .15),)),
    "DISDUKCAPIL": AgencyProfile(4, _fields("umum:2 informatika:1"), (
        (_job("Administrator Database Kependudukan", "ahli", "40:1", "informatika"), .12),
        (_job("Administrator Database Kependudukan", "terampil", "30:1", "informatika"),
         .08))),
    "DISTAN": AgencyProfile(8, _fields("pertanian:4 umum:1"), (
        (_job("Penyuluh Pertanian", "ahli", "40:1", "pertanian", 0.35), .2),
        (_job("Penyuluh Pertanian", "terampil", "30:.5 15:.5", "pertanian", 0.35), .2),
        (_job("Pengendali Organisme Pengganggu Tumbuhan", "terampil", "30:1", "pertanian"), .05),
        (_job("Analis Ketahanan Pangan", "ahli", "40:1", "pertanian"), .05))),
    "DISKAN": AgencyProfile(3, _fields("perikanan:3 umum:1"), (
        (_job("Penyuluh Perikanan", "ahli", "40:1", "perikanan", 0.3), .15),
        (_job("Pengelola Produksi Perikanan Tangkap", "terampil", "30:1", "perikanan", 0.2),
         .05))),
    "DISHUB": AgencyProfile(4, _fields("teknik:2 umum:2"), (
        (_job("Penguji Kendaraan Bermotor", "terampil", "30:.5 15:.5", "teknik", 0.1), .15),)),
    "DLH": AgencyProfile(4, _fields("lingkungan:3 umum:1"), (
        (_job("Pengendali Dampak Lingkungan", "ahli", "40:1", "lingkungan"), .12),
        (_job("Pengawas Lingkungan Hidup", "ahli", "40:1", "lingkungan"), .06))),
    "DPMPTSP": AgencyProfile(3, _fields("umum:2 hukum:1 ekonomi:1"), (
        (_job("Penata Perizinan", "ahli", "40:1"), .1),)),
    "DISNAKERTRANS": AgencyProfile(2, _fields("sosial:2 hukum:1"), (
        (_job("Mediator Hubungan Industrial", "ahli", "40:1", "hukum"), .1),
        (_job("Pengantar Kerja", "ahli", "40:1", "sosial"), .1))),
    "DISPERPUSIP": AgencyProfile(2, _fields("perpustakaan:3 umum:1"), (
        (_job("Pustakawan", "ahli", "40:1", "perpustakaan", 0.7), .15),
        (_job("Pustakawan", "terampil", "30:1", "perpustakaan", 0.7), .1), (_ARSIPARIS, .15))),
    "SATPOLPP": AgencyProfile(8, _fields("hukum:1 umum:2"), (
        (_job("Polisi Pamong Praja", "terampil", "15:.7 30:.3", "hukum", 0.2), .45),
        (_job("Polisi Pamong Praja", "ahli", "40:1", "hukum", 0.25), .1),
        (_job("Analis Kebakaran", "terampil", "15:1", "teknik", 0.05), .15))),
}
_KECAMATAN_PROFILE = AgencyProfile(3, _fields("pemerintahan:2 umum:2"))
# Staff (beyond the heads) each demo account needs somewhere.
_MIN_PNS_STAFF = {"BKPP": 3, "DISKOMINFO": 1, "DISDIK": 2}


def _agency_profile(code: str) -> AgencyProfile:
    return _AGENCIES.get(code, _KECAMATAN_PROFILE)


# --- study programmes and academic titles ----------------------------------------------------

_SLTA_PROGRAMMES = (
    ("15", "SMA IPA"), ("15", "SMA IPS"), ("15", "Madrasah Aliyah"),
    ("17", "SMK Akuntansi"), ("17", "SMK Administrasi Perkantoran"),
    ("17", "SMK Teknik Komputer dan Jaringan"), ("17", "SMK Teknik Otomotif"),
)
# field → education code → [(programme, academic title)]; missing codes fall back to "umum".
_PROGRAMMES: dict[str, dict[str, list[tuple[str, str]]]] = {
    "umum": {
        "30": [("D-III Administrasi Perkantoran", "A.Md."), ("D-III Akuntansi", "A.Md."),
               ("D-III Manajemen Informatika", "A.Md.Kom."), ("D-III Kesekretariatan", "A.Md.")],
        "35": [("D-IV Manajemen Pemerintahan", "S.STP.")],
        "40": [("S-1 Ilmu Administrasi Negara", "S.Sos."), ("S-1 Ilmu Pemerintahan", "S.IP."),
               ("S-1 Manajemen", "S.E."), ("S-1 Akuntansi", "S.E."), ("S-1 Ilmu Hukum", "S.H."),
               ("S-1 Sistem Informasi", "S.Kom."), ("S-1 Administrasi Publik", "S.AP."),
               ("S-1 Sosiologi", "S.Sos.")],
        "45": [("S-2 Ilmu Administrasi", "M.Si."), ("S-2 Manajemen", "M.M."),
               ("S-2 Ilmu Hukum", "M.H."), ("S-2 Ilmu Pemerintahan", "M.Si.")],
        "50": [("S-3 Ilmu Administrasi Publik", ""), ("S-3 Ilmu Manajemen", "")],
    },
    "ekonomi": {
        "30": [("D-III Akuntansi", "A.Md.Ak.")],
        "40": [("S-1 Akuntansi", "S.Ak."), ("S-1 Akuntansi", "S.E."), ("S-1 Manajemen", "S.E."),
               ("S-1 Ekonomi Pembangunan", "S.E.")],
        "45": [("S-2 Manajemen", "M.M."), ("S-2 Akuntansi", "M.Ak."),
               ("S-2 Ilmu Ekonomi", "M.Si.")],
    },
    "hukum": {"40": [("S-1 Ilmu Hukum", "S.H.")], "45": [("S-2 Ilmu Hukum", "M.H.")]},
    "sosial": {
        "40": [("S-1 Ilmu Administrasi Negara", "S.Sos."), ("S-1 Ilmu Pemerintahan", "S.IP."),
               ("S-1 Kesejahteraan Sosial", "S.Sos."), ("S-1 Ilmu Komunikasi", "S.I.Kom.")],
        "45": [("S-2 Ilmu Administrasi", "M.Si."), ("S-2 Sosiologi", "M.Si.")],
    },
    "pemerintahan": {
        "35": [("D-IV Manajemen Pemerintahan", "S.STP.")],
        "40": [("S-1 Ilmu Pemerintahan", "S.IP."), ("S-1 Ilmu Administrasi Negara", "S.Sos.")],
        "45": [("S-2 Ilmu Pemerintahan", "M.Si."), ("S-2 Administrasi Publik", "M.AP.")],
    },
    "teknik": {
        "30": [("D-III Teknik Sipil", "A.Md.T.")],
        "40": [("S-1 Teknik Sipil", "S.T."), ("S-1 Perencanaan Wilayah dan Kota", "S.T."),
               ("S-1 Arsitektur", "S.Ars.")],
        "45": [("S-2 Teknik Sipil", "M.T.")],
    },
    "informatika": {
        "30": [("D-III Manajemen Informatika", "A.Md.Kom.")],
        "40": [("S-1 Teknik Informatika", "S.Kom."), ("S-1 Sistem Informasi", "S.Kom."),
               ("S-1 Statistika", "S.Stat.")],
        "45": [("S-2 Ilmu Komputer", "M.Kom.")],
    },
    "pertanian": {
        "30": [("D-III Budidaya Tanaman Perkebunan", "A.Md.P.")],
        "40": [("S-1 Agroteknologi", "S.P."), ("S-1 Agribisnis", "S.P.")],
        "45": [("S-2 Agribisnis", "M.Si.")],
    },
    "peternakan": {
        "30": [("D-III Kesehatan Hewan", "A.Md.Pt.")],
        "40": [("S-1 Peternakan", "S.Pt.")], "42": [("Profesi Dokter Hewan", "")],
        "45": [("S-2 Ilmu Peternakan", "M.Si.")],
    },
    "perikanan": {"30": [("D-III Perikanan", "A.Md.Pi.")],
                  "40": [("S-1 Budidaya Perairan", "S.Pi.")]},
    "lingkungan": {"40": [("S-1 Teknik Lingkungan", "S.T."), ("S-1 Ilmu Lingkungan", "S.Si.")]},
    "perpustakaan": {"30": [("D-III Perpustakaan", "A.Md."), ("D-III Kearsipan", "A.Md.")],
                     "40": [("S-1 Ilmu Perpustakaan", "S.I.Pust.")]},
    "guru": {
        "25": [("D-II Pendidikan Guru Sekolah Dasar", "A.Ma.Pd.")],
        "35": [("D-IV Pendidikan Teknik", "S.Pd.")],
        "40": [("S-1 Pendidikan Guru Sekolah Dasar", "S.Pd."),
               ("S-1 Pendidikan Guru Sekolah Dasar", "S.Pd."),
               ("S-1 Pendidikan Matematika", "S.Pd."),
               ("S-1 Pendidikan Bahasa Indonesia", "S.Pd."),
               ("S-1 Pendidikan Bahasa Inggris", "S.Pd."),
               ("S-1 Pendidikan Agama Islam", "S.Pd.I."),
               ("S-1 Pendidikan Jasmani, Kesehatan dan Rekreasi", "S.Pd."),
               ("S-1 Pendidikan Biologi", "S.Pd."), ("S-1 Pendidikan Ekonomi", "S.Pd."),
               ("S-1 Bimbingan dan Konseling", "S.Pd.")],
        "45": [("S-2 Manajemen Pendidikan", "M.Pd."), ("S-2 Teknologi Pendidikan", "M.Pd.")],
    },
    "keperawatan": {"30": [("D-III Keperawatan", "A.Md.Kep.")],
                    "40": [("S-1 Keperawatan dan Profesi Ners", "S.Kep., Ners")],
                    "45": [("S-2 Keperawatan", "M.Kep.")]},
    "kebidanan": {"30": [("D-III Kebidanan", "A.Md.Keb.")],
                  "35": [("D-IV Kebidanan", "S.Tr.Keb.")]},
    "kedokteran": {"42": [("Profesi Dokter", "")],
                   "45": [("S-2 Kesehatan Masyarakat", "M.Kes.")]},
    "spesialis": {"47": [("Spesialis Penyakit Dalam", "Sp.PD"), ("Spesialis Anak", "Sp.A"),
                         ("Spesialis Obstetri dan Ginekologi", "Sp.OG"),
                         ("Spesialis Bedah", "Sp.B"), ("Spesialis Anestesiologi", "Sp.An")]},
    "kedokteran_gigi": {"42": [("Profesi Dokter Gigi", "")]},
    "farmasi": {"30": [("D-III Farmasi", "A.Md.Farm.")],
                "42": [("Profesi Apoteker", "S.Farm., Apt.")]},
    "analis": {"30": [("D-III Analis Kesehatan", "A.Md.A.K.")]},
    "gizi": {"30": [("D-III Gizi", "A.Md.Gz.")]},
    "sanitasi": {"30": [("D-III Kesehatan Lingkungan", "A.Md.K.L.")]},
    "rekam_medis": {"30": [("D-III Rekam Medis dan Informasi Kesehatan", "A.Md.RMIK")]},
    "radiologi": {"30": [("D-III Radiodiagnostik dan Radioterapi", "A.Md.Rad.")]},
    "fisioterapi": {"30": [("D-III Fisioterapi", "A.Md.Ftr.")]},
    "kesmas": {"40": [("S-1 Kesehatan Masyarakat", "S.K.M.")],
               "45": [("S-2 Kesehatan Masyarakat", "M.Kes.")]},
}
# Professions written before the name.
_FRONT_TITLES = {"kedokteran": "dr.", "spesialis": "dr.", "kedokteran_gigi": "drg.",
                 "peternakan": "drh."}
# Old S-1 graduates (born before 1970) in these titles carry Drs./Dra. in front instead.
_DRS_TITLES = frozenset({"S.Sos.", "S.E.", "S.Pd.", "S.IP.", "S.AP."})

# --- people ----------------------------------------------------------------------------------

_MALE = (
    "AHMAD", "MUHAMMAD", "ABDUL", "RAHMAT", "SYAHRUL", "ZULKIFLI", "IRWAN", "HENDRI", "FAUZI",
    "JASMAN", "YUSRIZAL", "AFRIZAL", "YUHENDRI", "ZULFAHMI", "HASANUDDIN", "SYAFRIZAL", "ERIZAL",
    "DESWANDI", "ASRUL", "JONNEDI", "NASRUL", "DARMAWAN", "RUDI", "FIKRI", "RIZKI", "TAUFIK",
    "HAMDANI", "AZWAR", "ZAINAL", "YUDI", "ANDRI", "WANDI", "EFENDI", "HERMAN", "MARDIANTO",
    "SUHARDIMAN", "RINALDI", "EDI", "ALFIAN", "RIDWAN", "KHAIRUL", "FIRDAUS", "MASRUL", "AMRIZAL",
    "ILHAM", "ARIF", "DONI", "GUSRI", "MUKHLIS", "SABRI", "SYAMSUL", "IQBAL", "FADLI", "IKHSAN",
    "NOFRIZAL", "JUFRI", "ZULHENDRI", "MASHURI", "ARDI", "RIO", "DEDI", "BUDI", "HENDRA",
    "SUGIANTO", "SLAMET", "ROBI", "YOSE", "FERDI", "AIDIL", "HABIBI", "SUPRIADI", "MULYADI", "AGUS",
)
_FEMALE = (
    "RINA", "SITI", "NURHAYATI", "YUSNIDAR", "DESI", "ELVI", "FITRI", "YENI", "ROSMAINI",
    "NURLELA", "LINDA", "MARLINA", "ERNI", "YULIA", "SRI", "WAHYUNI", "DEWI", "NOVI", "RAHMAWATI",
    "SURYANI", "HERLINA", "ASMANIAR", "DELVI", "ZURAIDA", "EKA", "PUTRI", "NELLY", "YANTI",
    "MARDIANA", "ROSDIANA", "ERNAWATI", "HASNIDAR", "SILVIA", "AFRIDA", "YUSNITA", "NURHASANAH",
    "ELFIRA", "GUSNAWATI", "ZULFA", "NURUL", "ANNISA", "RAHMI", "MEGA", "INDAH", "FAUZIAH",
    "SYAFITRI", "YULIANA", "ROSNITA", "DASMAWATI", "JULIARTI", "NOVITA", "RATNA", "NINING", "YULI",
    "WIDYA", "RESTI", "DINA", "ELSA", "MELATI",
)
_MALE_LAST = (
    "PUTRA", "SAPUTRA", "PRATAMA", "HIDAYAT", "SYAHPUTRA", "RAHMAN", "FAUZAN", "HAKIM",
    "FIRMANSYAH", "KURNIAWAN", "NASUTION", "EFFENDI", "HARAHAP", "YUSUF", "RAMADHAN", "AKBAR",
    "HAMZAH", "ZAINUDDIN", "ISKANDAR", "HASAN", "ANWAR", "AMIN", "ISMAIL", "AZHARI", "GUNAWAN",
    "WIJAYA", "MAULANA", "SYAFEI", "ARDIANSYAH", "HENDRAWAN",
)
_FEMALE_LAST = (
    "MARLINA", "SARI", "WATI", "YANTI", "NINGSIH", "HANDAYANI", "SUSANTI", "LESTARI", "OKTAVIANI",
    "RAHAYU", "FITRIANI", "SAFITRI", "NOVITA", "RAMADHANI", "PUSPITA", "ANGGRAINI", "YUSNITA",
    "HASANAH", "MULYANI", "ZAHARA", "WULANDARI", "MAHARANI", "KURNIASIH", "RAHMADANI", "SARTIKA",
    "PERTIWI",
)
_BIRTH_PLACES = (
    ("TELUK KUANTAN", 14), ("BASERAH", 5), ("LUBUK JAMBI", 5), ("CERENTI", 4), ("PANGEAN", 4),
    ("BENAI", 4), ("MUARA LEMBU", 3), ("KOTO BARU", 3), ("INUMAN", 2), ("SENTAJO", 3),
    ("GUNUNG TOAR", 2), ("LOGAS", 2), ("SIKAKAK", 1), ("KARI", 2), ("PEKANBARU", 6),
    ("RENGAT", 3), ("PADANG", 3), ("BUKITTINGGI", 2), ("PAYAKUMBUH", 2), ("SIJUNJUNG", 2),
    ("BATUSANGKAR", 1), ("SOLOK", 1), ("TEMBILAHAN", 1), ("MEDAN", 1), ("AIR MOLEK", 2),
)
_STREETS = (
    "Proklamasi", "Jend. Sudirman", "Ahmad Yani", "Imam Bonjol", "Diponegoro",
    "Perintis Kemerdekaan", "Pahlawan Kerja", "Tengku Umar", "Hang Tuah", "Pattimura",
    "Lintas Timur", "Ki Hajar Dewantara", "Datuk Bisai", "Pramuka", "Kartini", "Merdeka",
)
_VILLAGES: dict[str, list[str]] = {}
for _code, _name, _level in REGIONS:
    if _level == "village":
        _VILLAGES.setdefault(_code[6:8], []).append(_name)
_KECAMATAN_NAME = dict(KECAMATAN)

_RELIGIONS = (("1", 96.5), ("2", 2.0), ("3", 0.8), ("5", 0.5), ("4", 0.2))
_RELIGION_NAME = dict(seed_codes.RELIGIONS)
_MARITAL_NAME = dict(seed_codes.MARITAL_STATUSES)
_LEGAL_NAME = {code: name for code, name, _ in seed_codes.LEGAL_STATUSES}
_EMPLOYEE_TYPE_NAME = dict(seed_codes.EMPLOYEE_TYPES)
_POSITION_TYPE_NAME = {"1": "Jabatan Struktural", "2": "Jabatan Fungsional Tertentu",
                       "4": "Jabatan Fungsional Umum"}
_PHONE_PREFIXES = ("0811", "0812", "0813", "0821", "0822", "0823", "0852", "0853", "0813",
                   "0877", "0878", "0895", "0896", "0831")


def _add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day (capped at 28) ``months`` later; negative goes back."""
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, min(day.day, 28))


def _education_golongan(education: str) -> tuple[str, str]:
    """(initial, ceiling) golongan of an education level (PP 99/2000, domain.md §2.7)."""
    _, initial, ceiling = _EDUCATION[education]
    return (initial, ceiling) if initial else _EDUCATION_FALLBACK[education]


def _birthday(birth: datetime.date, age: int) -> datetime.date:
    """The day a person turns ``age`` (29 February counts as 1 March)."""
    try:
        return birth.replace(year=birth.year + age)
    except ValueError:
        return datetime.date(birth.year + age, 3, 1)


def _months_between(start: datetime.date, end: datetime.date) -> int:
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - (end.day < start.day)


def _apportion(total: int, weights: dict[str, float],
               minimum: dict[str, int] | None = None) -> dict[str, int]:
    """Split ``total`` over the keys: each key's minimum first while the total
    lasts, the rest by weight (largest remainder; ties go to the earlier key)."""
    counts = dict.fromkeys(weights, 0)
    left = total
    for key, need in (minimum or {}).items():
        if key in counts:
            give = min(need, left)
            counts[key] += give
            left -= give
    weight_sum = sum(weights.values())
    if left <= 0 or weight_sum <= 0:
        return counts
    keys = list(weights)
    shares = [left * weights[key] / weight_sum for key in keys]
    floors = [int(share) for share in shares]
    order = sorted(range(len(keys)), key=lambda i: (floors[i] - shares[i], i))
    for rank, i in enumerate(order):
        counts[keys[i]] += floors[i] + (1 if rank < left - sum(floors) else 0)
    return counts


@dataclass(frozen=True)
class Seat:
    """One person to generate: where, which kind of ASN, and which post if any."""

    unit: DemoUnit
    group: str  # "teach", "health" or "admin"
    asn: str  # "PNS", "CPNS" or "PPPK"
    post: Post | None = None
    overdue: bool = False


def _group_of(unit: DemoUnit) -> str:
    if unit.agency == "DISDIK" and unit.kind in ("school", "korwil"):
        return "teach"
    if unit.agency in ("DINKES", "RSUD"):
        return "health"
    return "admin"


def _unit_weight(unit: DemoUnit) -> float:
    """Relative staff size of a unit within its group (teach, health) or agency (admin)."""
    if unit.kind == "school":
        return 1.5 if "SMP" in unit.code else 1.0
    if unit.kind == "puskesmas":
        return 3.0
    if unit.agency == "RSUD":
        return {"RSUD.01": 4.0, "RSUD.02": 12.0, "RSUD.03": 20.0, "RSUD.04": 7.0}.get(
            unit.code, 0.3)
    if unit.kind == "korwil":
        return 0.5 if unit.agency == "DISDIK" else 0.8
    if unit.depth == 2:
        return 1.0 if unit.kind == "district" else 0.4
    return 1.5 if unit.name.startswith("Sekretariat") else 1.0


def plan_seats(n_pns: int, n_pppk: int, rng: random.Random) -> list[Seat]:
    """Who works where: structural posts first, then staff by unit weights."""
    units = demo_units()
    groups: dict[str, list[DemoUnit]] = {"teach": [], "health": [], "admin": []}
    for unit in units:
        groups[_group_of(unit)].append(unit)
    posts = structural_posts(units)
    by_code = {unit.code: unit for unit in units}
    seats: list[Seat] = []
    for asn, total, shares in (("PNS", n_pns, _PNS_SHARE), ("PPPK", n_pppk, _PPPK_SHARE)):
        budgets = {name: round(total * share) for name, share in shares.items()}
        budgets["admin"] = total - sum(budgets.values())
        for name, members in groups.items():
            budget = budgets[name]
            chosen: list[Post] = []
            if asn == "PNS":
                mine = [post for post in posts if _group_of(by_code[post.unit_code]) == name]
                heads = sum(post.level == 1 for post in mine)
                chosen = mine[:min(budget, max(heads, budget // 3))]
            seats += [Seat(by_code[post.unit_code], name, asn, post) for post in chosen]
            seats += _staff_seats(name, members, budget - len(chosen), asn)
    return _mark_cpns_and_overdue(seats, n_pns, rng)


def _staff_seats(group: str, members: list[DemoUnit], count: int, asn: str) -> list[Seat]:
    """Staff spread over units; admin first over agencies (with the demo's minimums)."""
    if count <= 0:
        return []
    if group != "admin":
        counts = _apportion(count, {unit.code: _unit_weight(unit) for unit in members})
    else:
        agencies: dict[str, list[DemoUnit]] = {}
        for unit in members:
            agencies.setdefault(unit.agency, []).append(unit)
        per_agency = _apportion(
            count, {code: _agency_profile(code).weight for code in agencies},
            _MIN_PNS_STAFF if asn == "PNS" else None)
        counts = {}
        for code, agency_units in agencies.items():
            counts.update(_apportion(per_agency[code],
                                     {unit.code: _unit_weight(unit) for unit in agency_units}))
    by_code = {unit.code: unit for unit in members}
    return [Seat(by_code[code], group, asn) for code, n in counts.items() for _ in range(n)]


def _mark_cpns_and_overdue(seats: list[Seat], n_pns: int, rng: random.Random) -> list[Seat]:
    """A few dozen PNS staff seats become CPNS; a handful of admin PNS are past BUP."""
    staff = [i for i, seat in enumerate(seats) if seat.asn == "PNS" and seat.post is None]
    n_cpns = min(len(staff), round(n_pns * CPNS_SHARE))
    cpns = rng.sample(staff, n_cpns)
    taken = set(cpns)
    admin = [i for i in staff if seats[i].group == "admin" and i not in taken]
    overdue = rng.sample(admin, min(len(admin), max(1, n_pns // OVERDUE_EVERY)))
    for i in cpns:
        seats[i] = Seat(seats[i].unit, seats[i].group, "CPNS")
    for i in overdue:
        seats[i] = Seat(seats[i].unit, seats[i].group, "PNS", overdue=True)
    return seats


class _Population:
    """Generates one person per seat; keeps NIPs and NIKs unique."""

    def __init__(self, rng: random.Random, as_of: datetime.date) -> None:
        self.rng = rng
        self.as_of = as_of
        self.nip_next: dict[str, int] = {}
        self.nik_next: dict[str, int] = {}

    # -- small draws --

    def pick(self, weighted):
        """One item of ``((item, weight), …)``."""
        items, weights = zip(*weighted, strict=True)
        return self.rng.choices(items, weights)[0]

    def date_between(self, start: datetime.date, end: datetime.date) -> datetime.date:
        return start + datetime.timedelta(days=self.rng.randint(0, max(0, (end - start).days)))

    # -- identity --

    def nip(self, birth: datetime.date, middle: str, sex: str) -> tuple[str, int]:
        """18 digits: birth date, the TMT part, sex digit, a 3-digit serial unique per prefix."""
        prefix = f"{birth:%Y%m%d}{middle}{'1' if sex == 'M' else '2'}"
        serial = self.nip_next.get(prefix) or self.rng.randint(1, 20)
        self.nip_next[prefix] = serial + self.rng.randint(1, 3)
        return f"{prefix}{serial:03d}", serial

    def nik(self, birth: datetime.date, sex: str, kecamatan: str) -> str:
        """1409 + kecamatan + DDMMYY (day + 40 for women) + 4-digit serial unique per prefix."""
        day = birth.day + (40 if sex == "F" else 0)
        prefix = f"1409{kecamatan}{day:02d}{birth:%m}{birth.year % 100:02d}"
        serial = self.nik_next.get(prefix) or self.rng.randint(1, 25)
        self.nik_next[prefix] = serial + self.rng.randint(1, 3)
        return f"{prefix}{serial:04d}"

    def home_kecamatan(self, unit: DemoUnit) -> str:
        roll = self.rng.random()
        if unit.kecamatan and roll < 0.6:
            return unit.kecamatan
        if roll < 0.8:
            return "02"  # Kuantan Tengah, the capital
        return self.rng.choice(KECAMATAN)[0]

    def name(self, sex: str, birth_year: int) -> str:
        """Malay/Minang style: one name for many older people, two or three for the young."""
        first = self.rng.choice(_MALE if sex == "M" else _FEMALE)
        last = self.rng.choice(_MALE_LAST if sex == "M" else _FEMALE_LAST)
        single = 0.45 if birth_year < 1975 else 0.25 if birth_year < 1990 else 0.1
        roll = self.rng.random()
        if roll < single:
            return first
        if birth_year >= 1985 and roll > 0.85:
            middle = self.rng.choice(_MALE if sex == "M" else _FEMALE)
            if middle != first:
                return f"{first} {middle} {last}"
        return first if first == last else f"{first} {last}"

    # -- education and titles --

    def programme(self, field: str, education: str) -> tuple[str, str]:
        entries = _PROGRAMMES.get(field, {}).get(education) or _PROGRAMMES["umum"].get(education)
        return self.rng.choice(entries) if entries else (_EDUCATION[education][0], "")

    def titles(self, field: str, education: str, sex: str,
               birth_year: int) -> tuple[str, str, str]:
        """(front title, back title, programme) matching the education level and field."""
        if education == "18":
            return "", "", "Sekolah Pendidikan Guru"
        if education in _SLTA:
            return "", "", self.rng.choice(_SLTA_PROGRAMMES)[1]
        if education in ("42", "47"):
            programme, back = self.programme(field, education)
            return _FRONT_TITLES.get(field, ""), back, programme
        if education in ("45", "50") and field in _FRONT_TITLES:
            programme, back = self.programme(field, "45")
            return _FRONT_TITLES[field], back, programme
        bachelor = education if education not in ("45", "50") else "40"
        programme, back = self.programme(field, bachelor)
        front = ""
        if bachelor == "40" and birth_year < 1970 and back in _DRS_TITLES:
            front, back = ("Drs." if sex == "M" else "Dra."), ""
        if education in ("45", "50"):
            programme, master = self.programme(field, "45")
            back = f"{back}, {master}" if back else master
        if education == "50":
            programme = self.programme(field, "50")[0]
            front = f"Dr. {front}".strip()
        return front, back, programme

    # -- careers --

    def pns_timeline(self, education: str, bup: int, min_service: int,
                     asn: str, overdue: bool) -> tuple[datetime.date, datetime.date]:
        """(birth date, TMT CPNS): entry at an age fitting the education, TMT in a
        recruitment year, BUP at least a year after ``as_of`` unless overdue."""
        low, high = _ENTRY_AGE.get(education, (20, 30))
        if asn == "CPNS":
            tmt = _add_months(self.as_of.replace(day=1), -self.rng.randint(2, 9))
            return tmt - datetime.timedelta(days=int(self.rng.uniform(low, high) * 365.25)), tmt
        if overdue:
            birth = _birthday(self.as_of - datetime.timedelta(days=self.rng.randint(15, 150)),
                              -bup)
            tmt = datetime.date(birth.year + self.rng.randint(low, high) + 1,
                                self.rng.choice(_TMT_MONTHS), 1)
            return birth, tmt
        last_year = self.as_of.year - 1 - min_service
        if education in ("18", "25"):
            last_year = min(last_year, 1996)  # SPG and D-II teachers entered long ago
        years = [(y, w) for y, w in _RECRUITMENT.items() if y <= last_year] or [(last_year, 1)]
        tmt = birth = None
        for _ in range(60):
            tmt = datetime.date(self.pick(years), self.rng.choice(_TMT_MONTHS), 1)
            if _add_months(tmt, 12) > self.as_of:
                continue
            birth = tmt - datetime.timedelta(days=int(self.rng.uniform(low, high) * 365.25))
            if _birthday(birth, bup) > _add_months(self.as_of, 12):
                return birth, tmt
        # Nobody fits the drawn years (a very senior post): enter late and young enough.
        tmt = datetime.date(last_year, 1, 1)
        return _birthday(_add_months(self.as_of, 13), -bup) + datetime.timedelta(days=1), tmt

    def pns_golongan(self, education: str, tmt_cpns: datetime.date,
                     post: Post | None) -> tuple[str, str, datetime.date]:
        """(initial, current, TMT golongan): one step per about four years up to the
        education ceiling; a structural post within its eselon's range."""
        initial, ceiling = _education_golongan(education)
        start, cap = _GOLONGAN_ORDER.index(initial), _GOLONGAN_ORDER.index(ceiling)
        interval = self.rng.choice((4, 4, 4, 5))
        years = _months_between(tmt_cpns, self.as_of) // 12
        steps = years // interval - (1 if self.rng.random() < 0.1 else 0)
        current = min(start + max(steps, 0), cap)
        if post and _ECHELON_RANGE[post.echelon][0]:
            low, high = (_GOLONGAN_ORDER.index(code) for code in _ECHELON_RANGE[post.echelon])
            current = min(max(current, low), high)
            if current < high and self.rng.random() < 0.35:
                current += 1
        taken = current - start
        if taken <= 0:
            return initial, initial, tmt_cpns
        year = min(tmt_cpns.year + interval * taken, self.as_of.year)
        tmt = datetime.date(year, self.rng.choice((4, 10)), 1)
        if tmt > self.as_of:
            tmt = tmt.replace(year=year - 1)
        if tmt <= tmt_cpns:
            tmt = _add_months(tmt_cpns, 12 * max(1, years // 2))
        return initial, _GOLONGAN_ORDER[current], tmt

    def jenjang(self, job: Job, golongan: str, asn: str) -> str:
        """The JF title with its jenjang, from the golongan (PermenPANRB 1/2023 spans)."""
        if job.track == "pelaksana":
            return job.title
        if asn == "PPPK":
            rank = seed_codes.GOLONGAN_PPPK.index(golongan) + 1
            if job.track == "terampil":
                level = "Pemula" if rank <= 5 else "Terampil" if rank <= 8 else "Mahir"
            else:
                level = "Ahli Pertama" if rank <= 10 else "Ahli Muda"
            return f"{job.title} {level}"
        if job.track == "terampil":
            level = ("Pemula" if golongan <= "21" else "Terampil" if golongan <= "24"
                     else "Mahir" if golongan <= "32" else "Penyelia")
        else:
            level = ("Ahli Pertama" if golongan <= "32" else "Ahli Muda" if golongan <= "34"
                     else "Ahli Madya" if golongan <= "43" else "Ahli Utama")
        return f"{job.title} {level}"

    # -- one person --

    def job_for(self, seat: Seat) -> Job:
        """The position family of a staff seat, by unit and ASN kind."""
        unit, pppk = seat.unit, seat.asn == "PPPK"
        pelaksana = _PELAKSANA_PPPK if pppk else _PELAKSANA_PNS
        if seat.overdue:
            return self.pick(_PELAKSANA_PNS)
        if seat.group == "teach":
            if unit.kind == "school":
                return GURU_PPPK if pppk else GURU
            if seat.asn != "PNS":  # supervisors come from senior PNS teachers
                return self.pick(pelaksana)
            return self.pick(_KORWIL_JOBS + ((self.pick(pelaksana), 0.5),))
        if seat.group == "health":
            key = "puskesmas" if unit.kind == "puskesmas" else (
                unit.code if unit.code in _HEALTH_JOBS else unit.agency)
            jobs, share = _HEALTH_JOBS[key]
            if self.rng.random() < share or not jobs:
                return self.pick(pelaksana)
            return self.pick(jobs)
        specialists = _agency_profile(unit.agency).specialists
        share = sum(weight for _, weight in specialists)
        if self.rng.random() < share:
            return self.pick(specialists)
        return self.pick(pelaksana)

    def person(self, seat: Seat) -> dict[str, object]:
        """The export's columns for one seat."""
        rng, unit, post = self.rng, seat.unit, seat.post
        agency_fields = _agency_profile(unit.agency).fields
        if unit.agency in ("DINKES", "RSUD"):
            agency_fields = _fields("kesmas:2 umum:1" if post is None else "kesmas:1 kedokteran:1")
        if post:
            job = None
            education = self.pick({1: (("45", .72), ("40", .2), ("50", .05), ("35", .03)),
                                   2: (("45", .5), ("40", .45), ("35", .05)),
                                   3: (("40", .7), ("45", .15), ("30", .1), ("35", .05))}[
                post.level])
            field = self.pick(agency_fields)
            female = {1: 0.12, 2: 0.3, 3: 0.45}[post.level]
            bup = 60 if post.echelon in ("21", "22") else 58
            min_service = {1: 20, 2: 12, 3: 8}[post.level]
        else:
            job = self.job_for(seat)
            education = self.pick(job.education)
            field = self.pick(agency_fields) if job.field == "*" else job.field
            female = job.female
            bup = 60 if job.track == "guru" else 58
            min_service = job.min_service
            if seat.asn == "CPNS" and education in ("18", "25"):
                education = "40"  # SPG and D-II are no longer recruited
        if field == "kedokteran" and education not in ("42", "45"):
            field = "kesmas"
        sex = "F" if rng.random() < female else "M"
        row: dict[str, object] = {}
        if seat.asn == "PPPK":
            birth, golongan = self.pppk_career(row, seat, education, bup, sex)
        else:
            birth, golongan = self.pns_career(row, seat, education, bup, min_service, sex)
        if post:
            row.update(jenis_jabatan_id="1", jabatan_nama=post.title,
                       tmt_jabatan=self.date_between(
                           max(row["tmt_golongan"], _add_months(self.as_of, -72)),
                           self.as_of).replace(day=1))
        else:
            row.update(jenis_jabatan_id="4" if job.track == "pelaksana" else "2",
                       jabatan_nama=self.jenjang(job, golongan, seat.asn),
                       tmt_jabatan=row["tmt_golongan"])
        front, back, programme = self.titles(field, education, sex, birth.year)
        self.personal(row, seat, birth, sex)
        graduated = birth.year + {"15": 18, "17": 18, "18": 18, "25": 20, "30": 21,
                                  "42": 25, "45": 29, "47": 31, "50": 35}.get(education, 23)
        row.update(
            gelar_depan=front, gelar_belakang=back,
            jenis_jabatan_nama=_POSITION_TYPE_NAME[row["jenis_jabatan_id"]],
            tingkat_pendidikan_id=education if education not in ("15", "17")
            else ("17" if programme.startswith("SMK") else "15"),
            pendidikan_nama=programme,
            tahun_lulus=min(graduated + rng.randint(0, 2), self.as_of.year),
            unor_id=unor_guid(unit.code), unor_nama=unit.name,
        )
        row["tingkat_pendidikan_nama"] = _EDUCATION[row["tingkat_pendidikan_id"]][0]
        return row

    def pns_career(self, row: dict, seat: Seat, education: str, bup: int, min_service: int,
                   sex: str) -> tuple[datetime.date, str]:
        birth, tmt = self.pns_timeline(education, bup, min_service, seat.asn, seat.overdue)
        if seat.asn == "PNS":
            initial, current, tmt_golongan = self.pns_golongan(education, tmt, seat.post)
        else:  # a CPNS holds the entry golongan since TMT CPNS
            initial = current = _education_golongan(education)[0]
            tmt_golongan = tmt
        nip, serial = self.nip(birth, f"{tmt:%Y%m}", sex)
        mk = _months_between(tmt, tmt_golongan)
        tmt_pns = _add_months(tmt, 12) if seat.asn == "PNS" else None
        legal = "01" if seat.asn != "PNS" or self.rng.random() > 0.005 else "03"
        row.update(
            nip_baru=nip, nip_lama=(f"0{self.rng.randint(10000000, 99999999)}"
                                    if tmt.year < 2008 else None),
            jenis_pegawai_id="15", kedudukan_hukum_id=legal,
            status_cpns_pns="C" if seat.asn == "CPNS" else "P",
            nomor_sk_cpns=f"813/BKPP/{tmt.year}/{serial:03d}", tanggal_sk_cpns=tmt, tmt_cpns=tmt,
            nomor_sk_pns=f"821.13/BKPP/{tmt_pns.year}/{serial:03d}" if tmt_pns else None,
            tanggal_sk_pns=tmt_pns, tmt_pns=tmt_pns,
            gol_awal_id=initial, gol_awal_nama=_GOLONGAN_NAME[initial],
            gol_akhir_id=current, gol_akhir_nama=_GOLONGAN_NAME[current],
            tmt_golongan=tmt_golongan, mk_tahun=mk // 12, mk_bulan=mk % 12,
        )
        return birth, current

    def pppk_career(self, row: dict, seat: Seat, education: str, bup: int,
                    sex: str) -> tuple[datetime.date, str]:
        """TMT in an intake year of the group; 20 or older at TMT; golongan by education."""
        intake = [(year, weight) for year, weight in _PPPK_INTAKE[seat.group].items()
                  if year <= self.as_of.year] or [(self.as_of.year, 1.0)]
        for _ in range(60):
            tmt = datetime.date(self.pick(intake), self.rng.choice((1, 3, 4, 7, 10)), 1)
            tmt = min(tmt, self.as_of.replace(day=1))
            age = self.rng.triangular(20.2, 52, 29)
            birth = tmt - datetime.timedelta(days=int(age * 365.25))
            if _birthday(birth, bup) > _add_months(self.as_of, 12):
                break
        golongan = _PPPK_GOLONGAN[education]
        period = "1" if tmt.month <= 6 else "2"
        nip, serial = self.nip(birth, f"{tmt.year}2{period}", sex)
        row.update(
            nip_baru=nip, nip_lama=None, jenis_pegawai_id="PPPK", kedudukan_hukum_id="01",
            status_cpns_pns=None, nomor_sk_cpns=f"800.1.13.2/BKPP/{tmt.year}/{serial:03d}",
            tanggal_sk_cpns=tmt, tmt_cpns=tmt, nomor_sk_pns=None, tanggal_sk_pns=None,
            tmt_pns=None, gol_awal_id=golongan, gol_awal_nama=golongan, gol_akhir_id=golongan,
            gol_akhir_nama=golongan, tmt_golongan=tmt, mk_tahun=0, mk_bulan=0,
        )
        return birth, golongan

    def personal(self, row: dict, seat: Seat, birth: datetime.date, sex: str) -> None:
        """Name, NIK, religion, marriage, contacts: the Informasi Pribadi columns."""
        rng = self.rng
        kecamatan = self.home_kecamatan(seat.unit)
        nik = self.nik(birth, sex, kecamatan)
        name = self.name(sex, birth.year)
        age = _months_between(birth, self.as_of) // 12
        married = 0.3 if age < 25 else 0.7 if age < 30 else 0.88
        roll = rng.random()
        if roll < married:
            marital = "1"
        elif roll < married + (1 - married) * 0.6:
            marital = "4"
        else:
            marital = rng.choice(("2", "3"))
        religion = self.pick(_RELIGIONS)
        email = None
        if rng.random() < 0.55:
            handle = name.lower().replace(" ", rng.choice((".", "")))
            email = f"{handle}{rng.randint(1, 99)}@gmail.com"
        row.update(
            pns_id=f"{rng.getrandbits(128):032x}", nama=name,
            tempat_lahir_nama=self.pick(_BIRTH_PLACES), tanggal_lahir=birth,
            jenis_kelamin=sex, agama_id=religion, agama_nama=_RELIGION_NAME[religion],
            jenis_kawin_id=marital, jenis_kawin_nama=_MARITAL_NAME[marital], nik=nik,
            nomor_hp=f"{rng.choice(_PHONE_PREFIXES)}{rng.randint(10000000, 99999999)}",
            email=email, alamat=(f"Jl. {rng.choice(_STREETS)} No. {rng.randint(1, 150):02d}, "
                                 f"{rng.choice(_VILLAGES[kecamatan])}, "
                                 f"Kec. {_KECAMATAN_NAME[kecamatan]}"),
            npwp_nomor=nik if rng.random() < 0.75 else None,
            bpjs=f"000{rng.randint(1000000000, 9999999999)}" if rng.random() < 0.6 else None,
            jenis_pegawai_nama=_EMPLOYEE_TYPE_NAME[row["jenis_pegawai_id"]],
            kedudukan_hukum_nama=_LEGAL_NAME[row["kedudukan_hukum_id"]],
            kpkn_nama="KUANTAN SENGINGI", lokasi_kerja_nama="KAB. KUANTAN SINGINGI",
            instansi_induk_id=INSTANSI_ID, instansi_induk_nama=INSTANSI_NAME,
            instansi_kerja_id=INSTANSI_ID, instansi_kerja_nama=INSTANSI_NAME, is_valid_nik="1",
        )


def _cell(column: str, value: object) -> str:
    """Export formatting: dates dd-mm-yyyy, ``null`` for empty, digit strings as text."""
    if value is None or value == "":
        return "null"
    if isinstance(value, datetime.date):
        return f"{value:%d-%m-%Y}"
    return f"'{value}" if column in _TEXT_MARKED else str(value)


def generate_rows(*, seed: int = 2026, n_pns: int = DEFAULT_PNS, n_pppk: int = DEFAULT_PPPK,
                  as_of: datetime.date = DATA_DATE) -> list[list[str]]:
    """The export's data rows (header excluded), sorted by name then NIP."""
    rng = random.Random(seed)
    population = _Population(rng, as_of)
    people = [population.person(seat) for seat in plan_seats(n_pns, n_pppk, rng)]
    people.sort(key=lambda person: (person["nama"], person["nip_baru"]))
    return [[_cell(column, person.get(column)) for column in COLUMNS] for person in people]


def write_demo_export(path: Path, *, seed: int = 2026, n_pns: int = DEFAULT_PNS,
                      n_pppk: int = DEFAULT_PPPK, as_of: datetime.date = DATA_DATE) -> int:
    """Write the demo export to ``path`` (UTF-8, comma, LF) and return its row count.

    The file appears whole or not at all: it is written next to ``path`` first.
    """
    rows = generate_rows(seed=seed, n_pns=n_pns, n_pppk=n_pppk, as_of=as_of)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    with partial.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(rows)
    os.replace(partial, path)
    return len(rows)

