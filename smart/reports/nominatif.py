"""Daftar nominatif (R-USE, issue 7 §2): the employees of the list's filters
with the columns the user picks, on screen and as CSV.

Columns with SPECIFIC data (security.md D-3: identity numbers, address, blood
type) are offered only to viewers whose field classes allow that class for
someone in their scope (``access.fields.widest_specific_access``), and every
such cell is shown at the access of its row's unit (``specific_access``):
masked, hidden or in full, exactly as the profile would show it. A file with a
SPECIFIC column the viewer sees in full needs a data release with SPECIFIC data.
One query (``values()``, streamed with ``iterator``) whatever the number of rows.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from django.utils import timezone

from smart.access.fields import Access, FieldClass, specific_access, widest_specific_access
from smart.people import career
from smart.people.identity import group_nip
from smart.records.privacy import shown_value
from smart.reports.duk import display_name
from smart.reports.excel import DATE, NUMBER, TEXT


@dataclass(frozen=True)
class NominatifColumn:
    key: str
    header: str
    fields: tuple[str, ...]
    value: Callable[[dict, datetime.date], object]
    field_class: FieldClass | None = None  # SPECIFIC data of this class (D-3)
    kind: str = TEXT  # the Excel cell type (``reports.excel``): TEXT, NUMBER or DATE
    # How people read the value (the page, Excel, PDF); a raw CSV keeps it as stored.
    printed: Callable[[object], object] | None = None


def _field(name: str) -> Callable[[dict, datetime.date], object]:
    return lambda row, on: row[name]


def _date(name: str) -> Callable[[dict, datetime.date], object]:
    """The date itself: Excel writes it as a date, the page and CSV as dd-mm-yyyy
    (``cells``)."""
    return lambda row, on: row[name]


COLUMNS = (
    NominatifColumn("nip", "NIP", ("nip",), _field("nip"), printed=group_nip),
    NominatifColumn("name", "Nama", ("name", "front_title", "back_title"),
                    lambda r, on: display_name(r["front_title"], r["name"], r["back_title"])),
    NominatifColumn("birth_place", "Tempat lahir", ("birth_place",), _field("birth_place")),
    NominatifColumn("birth_date", "Tanggal lahir", ("birth_date",), _date("birth_date"),
                    kind=DATE),
    NominatifColumn("age", "Usia", ("birth_date",),
                    lambda r, on: career.age_on(r["birth_date"], on), kind=NUMBER),
    NominatifColumn("sex", "Jenis kelamin", ("sex__name",), _field("sex__name")),
    NominatifColumn("religion", "Agama", ("religion__name",), _field("religion__name")),
    NominatifColumn("asn_kind", "Jenis ASN", ("asn_kind",), _field("asn_kind")),
    NominatifColumn("status", "Kedudukan hukum", ("legal_status__name",),
                    _field("legal_status__name")),
    NominatifColumn("golongan", "Golongan", ("golongan__name",), _field("golongan__name")),
    NominatifColumn("pangkat", "Pangkat", ("golongan__pangkat",), _field("golongan__pangkat")),
    NominatifColumn("tmt_golongan", "TMT golongan", ("tmt_golongan",), _date("tmt_golongan"),
                    kind=DATE),
    NominatifColumn("mkg", "Masa kerja golongan (SK)", ("mk_years", "mk_months"),
                    lambda r, on: f"{r['mk_years']} th {r['mk_months']} bl"),
    NominatifColumn("position", "Jabatan", ("position_name",), _field("position_name")),
    NominatifColumn("position_type", "Jenis jabatan", ("position_type__name",),
                    _field("position_type__name")),
    NominatifColumn("echelon", "Eselon", ("echelon__name",), _field("echelon__name")),
    NominatifColumn("tmt_position", "TMT jabatan", ("tmt_position",), _date("tmt_position"),
                    kind=DATE),
    NominatifColumn("unit", "Unit kerja", ("unit__name",), _field("unit__name")),
    NominatifColumn("agency", "Perangkat daerah", ("unit__agency__name",),
                    _field("unit__agency__name")),
    NominatifColumn("education", "Pendidikan", ("education_level__name",),
                    _field("education_level__name")),
    NominatifColumn("education_name", "Jurusan", ("education_name",), _field("education_name")),
    NominatifColumn("tmt_cpns", "TMT CPNS", ("tmt_cpns",), _date("tmt_cpns"),
                    kind=DATE),
    # SPECIFIC data (D-3): offered and shown by the viewer's field classes.
    NominatifColumn("nik", "NIK", ("nik",), _field("nik"), FieldClass.IDENTITY),
    NominatifColumn("npwp", "NPWP", ("npwp",), _field("npwp"), FieldClass.IDENTITY),
    NominatifColumn("bpjs", "Nomor BPJS", ("bpjs",), _field("bpjs"), FieldClass.IDENTITY),
    NominatifColumn("address", "Alamat", ("address", "domicile_village", "domicile_city"),
                    lambda r, on: ", ".join(p for p in (r["address"], r["domicile_village"],
                                                        r["domicile_city"]) if p),
                    FieldClass.PERSONAL),
    NominatifColumn("blood_type", "Golongan darah", ("blood_type",), _field("blood_type"),
                    FieldClass.PERSONAL),
)
BY_KEY = {column.key: column for column in COLUMNS}
DEFAULT_COLUMNS = ("nip", "name", "golongan", "position", "unit", "education")
# In every list, whatever else is chosen: a row must say whom it is about.
ALWAYS_COLUMNS = ("nip", "name")


def offered_columns(user) -> list[NominatifColumn]:
    """The columns this viewer may choose: every plain one, and the SPECIFIC ones
    of the classes their field classes show (masked or in full) somewhere."""
    widest = widest_specific_access(user)
    return [column for column in COLUMNS
            if column.field_class is None or widest[column.field_class] > Access.NONE]


def chosen(keys: Sequence[str]) -> list[NominatifColumn]:
    """The columns in the order of ``COLUMNS``, NIP and name always among them;
    unknown keys are ignored."""
    keys = {*keys, *ALWAYS_COLUMNS}
    return [column for column in COLUMNS if column.key in keys]


def shows_specific_in_full(user, columns: Sequence[NominatifColumn]) -> bool:
    """Whether a file of these columns would carry SPECIFIC data in full for this
    viewer (a masked number is not): such a file needs a data release."""
    widest = widest_specific_access(user)
    return any(column.field_class is not None and widest[column.field_class] == Access.FULL
               for column in columns)


def _needs_access(columns: Sequence[NominatifColumn]) -> bool:
    return any(column.field_class is not None for column in columns)


def nominatif_values(employees, columns: Sequence[NominatifColumn]):
    """The values the columns need, ordered by unit and name (one query)."""
    fields = {name for column in columns for name in column.fields}
    if _needs_access(columns):
        fields |= {"unit__path", "user_id"}
    return employees.order_by("unit__path", "name", "nip").values(*sorted(fields))


def cells(rows: Iterable[dict], columns: Sequence[NominatifColumn],
          on: datetime.date | None = None, viewer=None, typed: bool = False,
          raw: bool = False) -> Iterator[list]:
    """One list of cells per row of ``nominatif_values``; SPECIFIC cells at the
    viewer's access for the row's unit (computed once per unit, no query).
    Dates are dd-mm-yyyy text, unless ``typed`` (Excel, PDF): date objects.
    Values are as people read them (the NIP grouped 8-6-1-3, decision 212),
    unless ``raw`` (the CSV, for other programs): as stored."""
    on = on or timezone.localdate()
    specific = _needs_access(columns)
    by_unit: dict[str, dict] = {}
    for row in rows:
        access = None
        if specific:
            if viewer is not None and row["user_id"] == viewer.pk:
                access = dict.fromkeys(FieldClass, Access.FULL)
            else:
                path = row["unit__path"] or ""
                if path not in by_unit:
                    by_unit[path] = (specific_access(viewer, unit_path=path, is_own=False)
                                     if viewer is not None
                                     else dict.fromkeys(FieldClass, Access.NONE))
                access = by_unit[path]
        line = []
        for column in columns:
            value = column.value(row, on)
            if column.field_class is not None:
                value = shown_value(value, access[column.field_class])
            elif isinstance(value, datetime.date) and not typed:
                value = f"{value:%d-%m-%Y}"
            if column.printed is not None and not raw and value is not None:
                value = column.printed(value)
            line.append("" if value is None else value)
        yield line


def nominatif_rows(employees, columns: Sequence[NominatifColumn],
                   on: datetime.date | None = None, viewer=None,
                   typed: bool = False, raw: bool = False) -> Iterator[list]:
    """Every employee's cells, streamed (``iterator``) for files of any length."""
    return cells(nominatif_values(employees, columns).iterator(chunk_size=2000), columns, on,
                 viewer, typed, raw)
