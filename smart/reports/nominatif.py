"""Daftar nominatif (R-USE, issue 7 §2): the employees of the list's filters
with the columns the user picks, on screen and as CSV.

Only columns without SPECIFIC data (security.md D-3) are offered: identity
numbers, addresses and medical data would need the viewer's field classes
applied cell by cell, which the DRH does for one person but no list does yet.
One query (``values()``, streamed with ``iterator``) whatever the number of rows.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from django.utils import timezone

from smart.people import career
from smart.reports.duk import display_name


@dataclass(frozen=True)
class NominatifColumn:
    key: str
    header: str
    fields: tuple[str, ...]
    value: Callable[[dict, datetime.date], object]


def _field(name: str) -> Callable[[dict, datetime.date], object]:
    return lambda row, on: row[name]


def _date(name: str) -> Callable[[dict, datetime.date], object]:
    return lambda row, on: f"{row[name]:%d-%m-%Y}" if row[name] else ""


COLUMNS = (
    NominatifColumn("nip", "NIP", ("nip",), _field("nip")),
    NominatifColumn("name", "Nama", ("name", "front_title", "back_title"),
                    lambda r, on: display_name(r["front_title"], r["name"], r["back_title"])),
    NominatifColumn("birth_place", "Tempat lahir", ("birth_place",), _field("birth_place")),
    NominatifColumn("birth_date", "Tanggal lahir", ("birth_date",), _date("birth_date")),
    NominatifColumn("age", "Usia", ("birth_date",),
                    lambda r, on: career.age_on(r["birth_date"], on)),
    NominatifColumn("sex", "Jenis kelamin", ("sex__name",), _field("sex__name")),
    NominatifColumn("religion", "Agama", ("religion__name",), _field("religion__name")),
    NominatifColumn("asn_kind", "Jenis ASN", ("asn_kind",), _field("asn_kind")),
    NominatifColumn("status", "Kedudukan hukum", ("legal_status__name",),
                    _field("legal_status__name")),
    NominatifColumn("golongan", "Golongan", ("golongan__name",), _field("golongan__name")),
    NominatifColumn("pangkat", "Pangkat", ("golongan__pangkat",), _field("golongan__pangkat")),
    NominatifColumn("tmt_golongan", "TMT golongan", ("tmt_golongan",), _date("tmt_golongan")),
    NominatifColumn("mkg", "Masa kerja golongan (SK)", ("mk_years", "mk_months"),
                    lambda r, on: f"{r['mk_years']} th {r['mk_months']} bl"),
    NominatifColumn("position", "Jabatan", ("position_name",), _field("position_name")),
    NominatifColumn("position_type", "Jenis jabatan", ("position_type__name",),
                    _field("position_type__name")),
    NominatifColumn("echelon", "Eselon", ("echelon__name",), _field("echelon__name")),
    NominatifColumn("tmt_position", "TMT jabatan", ("tmt_position",), _date("tmt_position")),
    NominatifColumn("unit", "Unit kerja", ("unit__name",), _field("unit__name")),
    NominatifColumn("agency", "Perangkat daerah", ("unit__agency__name",),
                    _field("unit__agency__name")),
    NominatifColumn("education", "Pendidikan", ("education_level__name",),
                    _field("education_level__name")),
    NominatifColumn("education_name", "Jurusan", ("education_name",), _field("education_name")),
    NominatifColumn("tmt_cpns", "TMT CPNS", ("tmt_cpns",), _date("tmt_cpns")),
)
BY_KEY = {column.key: column for column in COLUMNS}
DEFAULT_COLUMNS = ("nip", "name", "golongan", "position", "unit", "education")


def chosen(keys: Sequence[str]) -> list[NominatifColumn]:
    """The columns in the order of ``COLUMNS``; unknown keys are ignored."""
    return [column for column in COLUMNS if column.key in set(keys)]


def nominatif_values(employees, columns: Sequence[NominatifColumn]):
    """The values the columns need, ordered by unit and name (one query)."""
    fields = sorted({name for column in columns for name in column.fields})
    return employees.order_by("unit__path", "name", "nip").values(*fields)


def cells(rows: Iterable[dict], columns: Sequence[NominatifColumn],
          on: datetime.date | None = None) -> Iterator[list]:
    """One list of cells per row of ``nominatif_values``."""
    on = on or timezone.localdate()
    for row in rows:
        yield [("" if (value := column.value(row, on)) is None else value)
               for column in columns]


def nominatif_rows(employees, columns: Sequence[NominatifColumn],
                   on: datetime.date | None = None) -> Iterator[list]:
    """Every employee's cells, streamed (``iterator``) for files of any length."""
    return cells(nominatif_values(employees, columns).iterator(chunk_size=2000), columns, on)
