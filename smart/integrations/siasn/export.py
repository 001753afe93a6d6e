"""Reading the SIASN "Export Data ASN" CSV (domain.md §3.1).

Two steps, kept apart so the import (preview, error report) builds on them:

* ``read_export`` turns the file into ``(row number, {column: text})`` pairs,
  the header being row 1. It absorbs what spreadsheets do to the file:
  UTF-8 with or without BOM, else Windows-1252; comma or semicolon; column
  names in any case and order; a leading apostrophe (the text marker) on
  values; the literal ``null`` for empty.
* ``employee_values`` turns one row into the values of a ``people.Employee``
  plus per-column errors in Indonesian. Bad data never raises: a row with
  errors is refused as a whole, and the caller reports every error.
"""

from __future__ import annotations

import datetime
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone

from smart.integrations.tables import TableFileError, check_table_file, table_rows
from smart.people.dates import check_age_at_tmt_cpns, check_birth_date, check_plausible_date
from smart.people.identity import IdentityError, normalise_npwp, parse_nik, parse_nip
from smart.people.models import AsnKind, Employee
from smart.references.models import (
    EducationLevel,
    EmployeeType,
    FunctionalPosition,
    Golongan,
    LegalStatus,
    MaritalStatus,
    PositionType,
    Religion,
    Sex,
    Unit,
)

# The export's columns in SIASN's order (KSIMPEG PegawaiImport).
COLUMNS: tuple[str, ...] = (
    "pns_id", "nip_baru", "nip_lama", "nama", "gelar_depan", "gelar_belakang",
    "tempat_lahir_id", "tempat_lahir_nama", "tanggal_lahir", "jenis_kelamin", "agama_id",
    "agama_nama", "jenis_kawin_id", "jenis_kawin_nama", "nik", "nomor_hp", "email",
    "email_gov", "alamat", "npwp_nomor", "bpjs", "jenis_pegawai_id", "jenis_pegawai_nama",
    "kedudukan_hukum_id", "kedudukan_hukum_nama", "status_cpns_pns", "kartu_asn_virtual",
    "nomor_sk_cpns", "tanggal_sk_cpns", "tmt_cpns", "nomor_sk_pns", "tanggal_sk_pns",
    "tmt_pns", "gol_awal_id", "gol_awal_nama", "gol_akhir_id", "gol_akhir_nama",
    "tmt_golongan", "mk_tahun", "mk_bulan", "jenis_jabatan_id", "jenis_jabatan_nama",
    "jabatan_id", "jabatan_nama", "tmt_jabatan", "tingkat_pendidikan_id",
    "tingkat_pendidikan_nama", "pendidikan_id", "pendidikan_nama", "tahun_lulus", "kpkn_id",
    "kpkn_nama", "lokasi_kerja_id", "lokasi_kerja_nama", "unor_id", "unor_nama",
    "instansi_induk_id", "instansi_induk_nama", "instansi_kerja_id", "instansi_kerja_nama",
    "satuan_kerja_induk_id", "satuan_kerja_induk_nama", "satuan_kerja_kerja_id",
    "satuan_kerja_kerja_nama", "is_valid_nik",
)
# Columns without which no employee can be recorded; the rest may be absent.
REQUIRED_COLUMNS: tuple[str, ...] = ("nip_baru", "nama", "tanggal_lahir", "jenis_kelamin")
UNIT_COLUMNS: tuple[str, ...] = ("unor_id", "unor_nama")

# SIASN columns the import knows but does not use.
IGNORED_COLUMNS = frozenset({"nama_sekolah"})

# The older SAPK "data utama" layout (domain.md §3.2), lower-cased, onto the SIASN
# columns above; "" = known but not used by SMART.
SAPK_COLUMNS: dict[str, str] = {
    "id": "", "tgl_lahir": "tanggal_lahir", "npwp": "npwp_nomor",
    "kartu_pegawai": "kartu_asn_virtual", "tgl_sk_cpns": "tanggal_sk_cpns",
    "tgl_sk_pns": "tanggal_sk_pns", "gol_id": "gol_akhir_id",
    "tk_pendidikan": "tingkat_pendidikan_id", "pendidikan": "pendidikan_nama",
    "tempat_lahir": "tempat_lahir_nama", "lokasi_kerja": "lokasi_kerja_nama",
    "satuan_kerja_nama": "satuan_kerja_kerja_nama",
    **dict.fromkeys((
        "nomor_darurat", "unor_induk_id", "golongan_darah", "photo", "tmt_pensiun",
        "no_surat_dokter", "jml_istri", "jml_anak", "tgl_surat_dokter", "no_bebas_narkoba",
        "tgl_bebas_narkoba", "no_catatan_polisi", "tgl_catatan_polisi", "akte_kelahiran",
        "status_hidup", "akte_meninggal", "tgl_meninggal", "no_askes", "no_taspen",
        "tgl_npwp", "jabatan_instansi_id", "bup"), ""),
}
# Names only SAPK uses: one of them makes the file a SAPK layout.
_SAPK_ONLY = frozenset({"tgl_lahir", "gol_id", "kartu_pegawai", "tgl_sk_cpns"})

_COLUMN_ORDER = {name: i for i, name in enumerate(COLUMNS)}
_DATE = re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})")


ExportFileError = TableFileError  # the name callers of this module know


class ExportRow(dict):
    """One data row, column name → cleaned text.

    ``problem`` is set when the row's cell count disagrees with the header
    (a line split by an unquoted comma or line break); such a row is refused.
    ``cells`` are the row's cells as written, for the error report.
    """

    problem: str = ""
    cells: list[str]


def decode_export(data: bytes) -> str:
    """UTF-8 (a BOM is dropped), else Windows-1252, what spreadsheets save."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise ExportFileError(
            f"Berkas bukan teks CSV yang dapat dibaca (byte tak dikenal di posisi {error.start})."
        ) from None


def clean_value(text: str) -> str:
    """Trimmed text without one leading apostrophe; the literal ``null`` is empty."""
    value = text.strip()
    if value.startswith("'"):
        value = value[1:].strip()
    return "" if value.lower() == "null" else value


def column_name(text: str) -> str:
    """Header cells compare case-insensitively; inner spaces count as underscores."""
    return re.sub(r"\s+", "_", clean_value(text.replace("\ufeff", "")).lower())


def parse_export_date(text: str) -> datetime.date:
    """A ``dd-mm-yyyy`` date: four-digit year and a real calendar day.

    Raises ``ValueError`` with the Indonesian reason; a two-digit year is
    refused rather than guessed.
    """
    match = _DATE.fullmatch(text)
    if not match:
        raise ValueError(f"'{text}' bukan tanggal berformat dd-mm-yyyy (tahun empat digit)")
    try:
        return datetime.date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        raise ValueError(f"'{text}' bukan tanggal yang sah") from None


@dataclass(frozen=True)
class Header:
    """The file's header row read against the known layouts.

    ``columns`` holds, per position, the SIASN column it feeds ("" = not
    used); ``unknown`` the names no layout and no remembered mapping knows.
    """

    cells: list[str]
    columns: list[str]
    unknown: list[str]
    layout: str

    def has(self, column: str) -> bool:
        return column in self.columns


# The longest header a file may bring: a remembered mapping keeps it
# (``integrations.ColumnMapping.header``, 100 characters).
MAX_HEADER_CHARS = 100


def read_header(cells: list[str], remembered: dict[str, str] | None = None) -> Header:
    """Name every header cell: SIASN name, SAPK name, else a remembered mapping.

    Order and case do not matter. A column named twice, or a header longer
    than ``MAX_HEADER_CHARS``, raises ``ExportFileError``. So does a missing
    required column or no way to find the unit, unless enough headers are still
    unknown to make up for them: the user may map those (``Header.unknown``),
    and the header is checked whole once they are mapped.
    """
    remembered = remembered or {}
    names = [column_name(cell) for cell in cells]
    sapk = any(name in _SAPK_ONLY for name in names)
    columns, unknown = [], []
    for position, name in enumerate(names, start=1):
        if name in _COLUMN_ORDER or name in IGNORED_COLUMNS:
            target = name if name in _COLUMN_ORDER else ""
        elif name in SAPK_COLUMNS:
            target = SAPK_COLUMNS[name]
        elif name in remembered:
            target = remembered[name]
        else:
            target = ""
            if len(name) > MAX_HEADER_CHARS:
                raise ExportFileError(
                    f"Kepala kolom ke-{position} terlalu panjang ({len(name)} karakter; paling "
                    f"banyak {MAX_HEADER_CHARS}): '{name[:40]}…'. Periksa baris pertama berkas.")
            if name and name not in unknown:
                unknown.append(name)
        columns.append(target)
    _check_repeats(columns)
    if len(unknown) < len(missing_columns(columns)):  # mapping cannot make up for them
        check_required(columns)
    return Header(list(cells), columns, unknown, "SAPK" if sapk else "SIASN")


def _check_repeats(header: list[str]) -> None:
    """No SIASN column fed by two header cells."""
    seen: set[str] = set()
    for name in header:
        if name and name in seen:
            raise ExportFileError(f"Kolom {name} muncul lebih dari sekali di kepala kolom.",
                                  column=name)
        seen.add(name)


def missing_columns(header: list[str]) -> list[str]:
    """The required columns the header lacks; "unor_id atau unor_nama" for the unit."""
    seen = set(header)
    missing = [name for name in REQUIRED_COLUMNS if name not in seen]
    if not any(name in seen for name in UNIT_COLUMNS):
        missing.append(" atau ".join(UNIT_COLUMNS))
    return missing


def check_required(header: list[str]) -> None:
    """Every required column present and the unit identifiable."""
    if missing := missing_columns(header):
        raise ExportFileError(f"Kolom wajib tidak ada di kepala kolom: {', '.join(missing)}.",
                              column=missing[0])


def column_letter(index: int) -> str:
    """A 0-based column position as a spreadsheet names it: 0 → A, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _row(header: Header, cells: list[str], blank: list[int]) -> ExportRow:
    pairs = zip(header.columns, cells, strict=False)  # a short or long row is reported below
    row = ExportRow((name, clean_value(cell)) for name, cell in pairs if name)
    row.cells = cells
    size = len(header.columns)
    extra = cells[size:]
    if len(cells) < size or any(cell.strip() for cell in extra):
        row.problem = (
            f"baris ini berisi {len(cells)} sel, padahal kepala kolom berisi {size} "
            f"kolom (ada koma, titik koma atau baris baru di luar tanda kutip)"
        )
        return row
    # Data under a header cell left empty is reported, never dropped unseen.
    filled = [i for i in blank if i < len(cells) and clean_value(cells[i])]
    if filled:
        where = ", ".join(f"{column_letter(i)} ('{cells[i].strip()[:30]}')" for i in filled)
        row.problem = (f"kolom {where} berisi data tetapi kepala kolomnya kosong; beri nama "
                       f"kolom itu atau hapus isinya")
    return row


def export_rows(rows: Iterator[list[str]], remembered: dict[str, str] | None = None,
                *, sheet: str = "") -> tuple[Header, Iterator[tuple[int, ExportRow]]]:
    """The header and the ``(row number, row)`` pairs of a table's rows.

    The header is row 1; blank rows are skipped but counted, so numbers match
    the spreadsheet. Rows are read lazily, one at a time. ``sheet``: the
    workbook's sheet, named in the messages about the header.
    """
    try:
        try:
            first = next(rows)
        except StopIteration:
            raise ExportFileError("Berkas kosong: kepala kolomnya tidak ada.") from None
        header = read_header(first, remembered)
    except ExportFileError as error:
        if not sheet:
            raise
        raise ExportFileError(f"Lembar '{sheet}': {error}", row=error.row,
                              column=error.column) from None
    blank = [i for i, cell in enumerate(first) if not column_name(cell)]

    def data() -> Iterator[tuple[int, ExportRow]]:
        for number, cells in enumerate(rows, start=2):
            if any(cell.strip() for cell in cells):
                yield number, _row(header, cells, blank)

    return header, data()


def read_export(source: Path | str | bytes,
                remembered: dict[str, str] | None = None) -> Iterator[tuple[int, ExportRow]]:
    """``(row number, row)`` for each non-empty data row of a CSV or .xlsx file.

    A file that cannot be read at all raises ``ExportFileError`` (when the
    first row is asked for). Unknown columns are ignored here; the import
    asks for their mapping first (``Header.unknown``).
    """
    if isinstance(source, bytes):
        with tempfile.NamedTemporaryFile(suffix=".upload") as handle:
            handle.write(source)
            handle.flush()
            yield from read_export(Path(handle.name), remembered)
        return
    table = check_table_file(Path(source))
    header, rows = export_rows(table_rows(table), remembered, sheet=table.sheet)
    try:  # no mapping step here: unknown headers stay unused
        check_required(header.columns)
    except ExportFileError as error:
        raise ExportFileError(table.where(str(error)), column=error.column) from None
    yield from rows


@dataclass(frozen=True)
class ColumnError:
    """Why a row is refused; ``column`` is empty when the whole row is broken."""

    column: str
    message: str

    def __str__(self) -> str:
        return f"kolom {self.column}: {self.message}" if self.column else self.message


@dataclass
class RowResult:
    """The Employee field values of one row and the errors that refuse it."""

    values: dict[str, object] = field(default_factory=dict)
    errors: list[ColumnError] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.errors


def _by_code(model) -> dict[str, object]:
    return {entry.code: entry for entry in model.objects.all()}


def _name_key(text: str) -> str:
    return " ".join(text.split()).lower()


@dataclass
class ExportReferences:
    """The code tables and units a row is looked up in, loaded once per file."""

    sexes: dict[str, Sex]
    religions: dict[str, Religion]
    marital_statuses: dict[str, MaritalStatus]
    employee_types: dict[str, EmployeeType]
    legal_statuses: dict[str, LegalStatus]
    golongan: dict[str, Golongan]
    position_types: dict[str, PositionType]
    education_levels: dict[str, EducationLevel]
    units_by_siasn_id: dict[str, list[Unit]]
    units_by_name: dict[str, list[Unit]]
    functional_positions: dict[str, FunctionalPosition] = field(default_factory=dict)

    @classmethod
    def load(cls) -> ExportReferences:
        """Code tables by code; current units by SIASN id and by name or short name."""
        by_id: dict[str, list[Unit]] = {}
        by_name: dict[str, list[Unit]] = {}
        for unit in Unit.objects.current():
            if unit.siasn_id:
                by_id.setdefault(unit.siasn_id.upper(), []).append(unit)
            for key in {_name_key(unit.name), _name_key(unit.short_name)} - {""}:
                by_name.setdefault(key, []).append(unit)
        return cls(
            sexes=_by_code(Sex), religions=_by_code(Religion),
            marital_statuses=_by_code(MaritalStatus), employee_types=_by_code(EmployeeType),
            legal_statuses=_by_code(LegalStatus), golongan=_by_code(Golongan),
            position_types=_by_code(PositionType), education_levels=_by_code(EducationLevel),
            units_by_siasn_id=by_id, units_by_name=by_name,
            functional_positions={jf.siasn_id.upper(): jf for jf in
                                  FunctionalPosition.objects.exclude(siasn_id="")},
        )


# column → Employee field, for plain text.
_TEXT_COLUMNS = (
    ("pns_id", "pns_id"), ("nip_lama", "nip_lama"), ("gelar_depan", "front_title"),
    ("gelar_belakang", "back_title"), ("tempat_lahir_nama", "birth_place"),
    ("nomor_hp", "phone"), ("alamat", "address"), ("bpjs", "bpjs"),
    ("kartu_asn_virtual", "kartu_asn"), ("nomor_sk_cpns", "sk_cpns_number"),
    ("nomor_sk_pns", "sk_pns_number"), ("jabatan_nama", "position_name"),
    ("pendidikan_nama", "education_name"),
)
# column → Employee field, for dd-mm-yyyy dates.
_DATE_COLUMNS = (
    ("tanggal_sk_cpns", "sk_cpns_date"), ("tmt_cpns", "tmt_cpns"),
    ("tanggal_sk_pns", "sk_pns_date"), ("tmt_pns", "tmt_pns"),
    ("tmt_golongan", "tmt_golongan"), ("tmt_jabatan", "tmt_position"),
)
# column → (Employee field, ExportReferences table, what the code names).
_CODE_COLUMNS = (
    ("agama_id", "religion", "religions", "agama"),
    ("jenis_kawin_id", "marital_status", "marital_statuses", "status perkawinan"),
    ("jenis_pegawai_id", "employee_type", "employee_types", "jenis pegawai"),
    ("kedudukan_hukum_id", "legal_status", "legal_statuses", "kedudukan hukum"),
    ("gol_awal_id", "initial_golongan", "golongan", "golongan"),
    ("gol_akhir_id", "golongan", "golongan", "golongan"),
    ("jenis_jabatan_id", "position_type", "position_types", "jenis jabatan"),
    ("tingkat_pendidikan_id", "education_level", "education_levels", "tingkat pendidikan"),
)


# Employee field → the columns it is read from: a field whose columns are all
# absent from a file is left as recorded when the file updates an employee.
FIELD_COLUMNS: dict[str, tuple[str, ...]] = {
    "nip": ("nip_baru",), "nik": ("nik",), "name": ("nama",),
    **{field_name: (column,) for column, field_name in _TEXT_COLUMNS},
    "birth_date": ("tanggal_lahir",),
    **{field_name: (column,) for column, field_name in _DATE_COLUMNS},
    "sex": ("jenis_kelamin",),
    **{field_name: (column,) for column, field_name, _t, _l in _CODE_COLUMNS},
    "mk_years": ("mk_tahun",), "mk_months": ("mk_bulan",), "graduation_year": ("tahun_lulus",),
    "email": ("email", "email_gov"), "npwp": ("npwp_nomor",), "unit": UNIT_COLUMNS,
    "asn_kind": ("nip_baru", "status_cpns_pns"),
    "functional_position": ("jabatan_id",),
}


def fields_in(header: Header) -> set[str]:
    """The Employee fields this file's columns can set."""
    return {name for name, columns in FIELD_COLUMNS.items()
            if any(header.has(column) for column in columns)}


class _RowReader:
    """Typed access to one row's columns; every problem becomes a column error."""

    def __init__(self, row: dict[str, str], result: RowResult,
                 today: datetime.date | None = None) -> None:
        self.row = row
        self.result = result
        self.today = today or timezone.localdate()

    def error(self, column: str, message: str) -> None:
        self.result.errors.append(ColumnError(column, message))

    def text(self, column: str, field_name: str, *, required: bool = False) -> str:
        """Text within the field's length; empty is an error only when required."""
        value = self.row.get(column, "")
        limit = Employee._meta.get_field(field_name).max_length
        if required and not value:
            self.error(column, "wajib diisi")
        elif limit and len(value) > limit:
            self.error(column, f"paling banyak {limit} karakter (tertulis {len(value)})")
        return value

    def date(self, column: str, *, required: bool = False,
             rule=check_plausible_date) -> datetime.date | None:
        """A dd-mm-yyyy date that passes the forms' own rule (``smart.people.dates``)."""
        value = self.row.get(column, "")
        if not value:
            if required:
                self.error(column, "wajib diisi")
            return None
        try:
            day = parse_export_date(value)
        except ValueError as problem:
            self.error(column, str(problem))
            return None
        try:
            rule(day, today=self.today)
        except ValidationError as problem:
            self.error(column, " ".join(problem.messages).rstrip("."))
            return None
        return day

    def integer(self, column: str, low: int, high: int) -> int | None:
        value = self.row.get(column, "")
        if not value:
            return None
        if not value.isdigit() or not low <= int(value) <= high:
            self.error(column, f"'{value}' harus bilangan bulat {low}–{high}")
            return None
        return int(value)

    def code(self, column: str, table: dict, label: str, *, required: bool = False):
        """The reference entry with this code; "1" also finds "01" (spreadsheets
        drop leading zeros)."""
        value = self.row.get(column, "")
        if not value:
            if required:
                self.error(column, "wajib diisi")
            return None
        entry = table.get(value)
        if entry is None and value.isdigit():
            entry = table.get(value.zfill(2))
        if entry is None:
            self.error(column, f"kode {label} '{value}' tidak dikenal")
        return entry


def _identity(reader: _RowReader, values: dict, today: datetime.date) -> str | None:
    """NIP (required) and NIK (optional); an impossible number refuses the row.

    Returns the NIP's kind, "PNS" or "PPPK", when the NIP is well-formed.
    """
    kind = None
    try:
        info = parse_nip(reader.row.get("nip_baru", ""), today=today)
        values["nip"], kind = info.nip, info.kind
    except IdentityError as problem:
        reader.error("nip_baru", str(problem).rstrip("."))
    values["nik"] = None
    if reader.row.get("nik"):
        try:
            values["nik"] = parse_nik(reader.row["nik"]).nik
        except IdentityError as problem:
            reader.error("nik", str(problem).rstrip("."))
    return kind


def _contact(reader: _RowReader, values: dict) -> None:
    """E-mail (the personal one, else the government one) and NPWP, both checked."""
    column = "email" if reader.row.get("email") else "email_gov"
    email = reader.row.get(column, "")
    values["email"] = ""
    if email:
        try:
            validate_email(email)
            values["email"] = reader.text(column, "email")
        except ValidationError:
            reader.error(column, f"'{email}' bukan alamat e-mail yang sah")
    values["npwp"] = ""
    if reader.row.get("npwp_nomor"):
        try:
            values["npwp"] = normalise_npwp(reader.row["npwp_nomor"])
        except IdentityError as problem:
            reader.error("npwp_nomor", str(problem).rstrip("."))


def find_unit(row: dict[str, str],
              refs: ExportReferences) -> tuple[Unit | None, ColumnError | None]:
    """The unit by ``unor_id`` (Unit.siasn_id), else by ``unor_nama`` matching a
    unit's name or short name, ignoring case; only a unique match counts."""
    unor_id = row.get("unor_id", "").upper()
    by_id = refs.units_by_siasn_id.get(unor_id, []) if unor_id else []
    if len(by_id) == 1:
        return by_id[0], None
    name = row.get("unor_nama", "")
    by_name = refs.units_by_name.get(_name_key(name), []) if name else []
    if len(by_name) == 1:
        return by_name[0], None
    if len(by_name) > 1:
        return None, ColumnError("unor_nama", f"nama unit '{name}' cocok dengan "
                                 f"{len(by_name)} unit; isi unor_id agar unitnya jelas")
    if not (unor_id or name):
        return None, ColumnError("unor_nama", "wajib diisi (atau isi unor_id)")
    shown = " / ".join(f"'{text}'" for text in (unor_id, name) if text)
    return None, ColumnError("unor_nama" if name else "unor_id",
                             f"unit {shown} tidak ditemukan di SMART")


_STATUSES = {"C": AsnKind.CPNS, "CPNS": AsnKind.CPNS, "P": AsnKind.PNS, "PNS": AsnKind.PNS}


def _asn_kind(reader: _RowReader, nip_kind: str | None) -> str | None:
    """PPPK by the NIP's layout; CPNS when status_cpns_pns is C, PNS when P.

    An empty (or ``null``) status says nothing: None, so an update leaves the
    recorded kind as it is (a recorded CPNS never silently becomes PNS); the
    import gives a *new* employee PNS then. Any other status refuses the row.
    """
    status = reader.row.get("status_cpns_pns", "").strip().upper()
    if nip_kind is None:
        return None
    if nip_kind == "PPPK":
        return AsnKind.PPPK
    if status and status not in _STATUSES:
        reader.error("status_cpns_pns", f"'{status}' bukan status yang dikenal (C atau P)")
    return _STATUSES.get(status)


def _cross_checks(reader: _RowReader, values: dict) -> None:
    """Rules between columns: the golongan scheme fits the ASN kind, TMT CPNS
    at the minimum age (as the onboarding form), and the current golongan does
    not start before TMT CPNS."""
    kind = values.get("asn_kind")
    for column, field_name in (("gol_awal_id", "initial_golongan"), ("gol_akhir_id", "golongan")):
        golongan = values.get(field_name)
        if golongan is None or kind is None:
            continue
        wanted = Golongan.Scheme.PPPK if kind == AsnKind.PPPK else Golongan.Scheme.PNS
        if golongan.scheme != wanted:
            reader.error(column, f"golongan {golongan.name} adalah golongan {golongan.scheme}, "
                                 f"padahal pegawai ini {kind}")
    tmt_cpns, tmt_golongan = values.get("tmt_cpns"), values.get("tmt_golongan")
    birth_date = values.get("birth_date")
    if birth_date and tmt_cpns:
        try:
            check_age_at_tmt_cpns(birth_date, tmt_cpns)
        except ValidationError as problem:
            reader.error("tmt_cpns", " ".join(problem.messages).rstrip("."))
    if tmt_cpns and tmt_golongan and tmt_golongan < tmt_cpns:
        reader.error("tmt_golongan", f"TMT golongan {tmt_golongan:%d-%m-%Y} lebih awal dari "
                                     f"TMT CPNS {tmt_cpns:%d-%m-%Y}")


def employee_values(row: dict[str, str], refs: ExportReferences, *,
                    today: datetime.date | None = None) -> RowResult:
    """The ``people.Employee`` field values of one export row, and its errors.

    Reference columns are looked up by code; NIP and NIK must be well-formed
    (``smart.people.identity``). Disagreements between well-formed numbers and
    the recorded data are not errors here: they become findings on save.
    """
    today = today or timezone.localdate()
    result = RowResult()
    reader, values = _RowReader(row, result, today), result.values
    if getattr(row, "problem", ""):
        reader.error("", row.problem)
    nip_kind = _identity(reader, values, today)
    values["name"] = reader.text("nama", "name", required=True)
    for column, field_name in _TEXT_COLUMNS:
        values[field_name] = reader.text(column, field_name)
    values["birth_date"] = reader.date("tanggal_lahir", required=True, rule=check_birth_date)
    for column, field_name in _DATE_COLUMNS:
        values[field_name] = reader.date(column)
    values["sex"] = reader.code("jenis_kelamin", refs.sexes, "jenis kelamin", required=True)
    for column, field_name, table, label in _CODE_COLUMNS:
        values[field_name] = reader.code(column, getattr(refs, table), label)
    # Empty = not in the file: None, so an update keeps the recorded masa kerja.
    values["mk_years"] = reader.integer("mk_tahun", 0, 60)
    values["mk_months"] = reader.integer("mk_bulan", 0, 11)
    values["graduation_year"] = reader.integer("tahun_lulus", 1900, today.year)
    _contact(reader, values)
    values["unit"], unit_error = find_unit(row, refs)
    if unit_error:
        result.errors.append(unit_error)
    values["asn_kind"] = _asn_kind(reader, nip_kind)
    jabatan_id = row.get("jabatan_id", "").upper()
    if jabatan_id:
        # The JF whose SIASN id this is, or None: a position that is no (known)
        # JF unlinks the previous one, whose BUP would no longer apply.
        values["functional_position"] = refs.functional_positions.get(jabatan_id)
    _cross_checks(reader, values)
    result.errors.sort(key=lambda error: _COLUMN_ORDER.get(error.column, -1))
    return result
