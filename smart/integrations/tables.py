"""Reading an uploaded table file row by row: CSV or .xlsx.

What the file *is* is decided by its content, never by its name: a PDF
renamed ``.csv`` is refused as a PDF. Rules:

* Size: at most ``MAX_FILE_BYTES`` (50 MB); the upload view refuses a larger
  request before reading its body, and ``check_table_file`` again on disk.
* CSV is streamed: one pass over the bytes decides UTF-8 (with or without
  BOM) or Windows-1252, then rows are read one at a time; memory does not
  grow with the file.
* .xlsx is a zip: its declared uncompressed sizes and compression ratio are
  checked before calamine opens it (a zip bomb is refused unopened). The
  first *visible* worksheet is read (a hidden sheet never is), and messages
  about the content name it; every cell becomes text. A number of 16 digits or more
  is what a spreadsheet made of an identity number (it keeps 15 significant
  digits), so it is given as the spreadsheet showed it, e.g. ``1.98503E+17``,
  and the NIP/NIK rules refuse it instead of guessing the lost digits.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import filetype
from django.conf import settings

MAX_FILE_BYTES = settings.SMART_LARGEST_UPLOAD_BYTES
# An .xlsx of a 50 MB upload holds at most this much XML when unpacked, and
# nothing a spreadsheet writes is compressed more than this ratio.
MAX_UNPACKED_BYTES = 400 * 1024 * 1024
MAX_RATIO = 150
MAX_ZIP_MEMBERS = 5000
_SNIFF_BYTES = 8192
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
EXACT_DIGITS = 10**15  # a spreadsheet number of 16+ digits has lost some


class TableFileError(ValueError):
    """The file as a whole cannot be read; the message is for the user."""

    def __init__(self, message: str, *, row: int = 1, column: str = "") -> None:
        super().__init__(message)
        self.row = row
        self.column = column


@dataclass(frozen=True)
class TableFile:
    """A checked file: ``kind`` is "csv" or "xlsx"; ``sheet`` the worksheet an
    .xlsx is read from (the first visible one)."""

    path: Path
    kind: str
    sheet: str = ""

    def where(self, message: str) -> str:
        """A message about the file's content, naming the sheet of a workbook."""
        return f"Lembar '{self.sheet}': {message}" if self.sheet else message


def _size_label(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def too_large_message(size: int) -> str:
    return (f"Berkas terlalu besar ({_size_label(size)}); batasnya "
            f"{MAX_FILE_BYTES // (1024 * 1024)} MB. Pecah berkas menjadi beberapa bagian.")


def check_table_file(path: Path, *, max_bytes: int | None = MAX_FILE_BYTES) -> TableFile:
    """Decide CSV or .xlsx from the content and refuse anything else.

    Reads at most a few kilobytes (and an .xlsx's zip directory). ``max_bytes``
    is the upload limit; SMART's own generated exports (the scale data of the
    benchmark, 77 MB at 100,000 rows) pass ``None``: a CSV is streamed anyway.
    """
    size = path.stat().st_size
    if max_bytes is not None and size > max_bytes:
        raise TableFileError(too_large_message(size))
    if size == 0:
        raise TableFileError("Berkas kosong (0 byte): tidak ada kepala kolom maupun data.")
    with path.open("rb") as handle:
        head = handle.read(_SNIFF_BYTES)
    if head.startswith(_ZIP_MAGIC):
        _check_xlsx_zip(path)
        return TableFile(path, "xlsx", _visible_sheet(path))
    if head.startswith(_OLE_MAGIC):
        raise TableFileError("Berkas ini format Excel lama (.xls); simpan ulang sebagai .xlsx "
                             "atau CSV, lalu unggah lagi.")
    kind = filetype.guess(head)
    if kind is not None:
        raise TableFileError(f"Berkas ini bukan CSV atau XLSX (isinya {kind.extension.upper()}"
                             f"); unggah ekspor SIASN/SAPK dalam format CSV atau XLSX.")
    if b"\x00" in head:
        raise TableFileError("Berkas ini bukan teks CSV (berisi data biner); unggah ekspor "
                             "SIASN/SAPK dalam format CSV atau XLSX.")
    return TableFile(path, "csv")


def _check_xlsx_zip(path: Path) -> None:
    """A real workbook, and a zip whose declared sizes are sane (no zip bomb)."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        raise TableFileError("Berkas ZIP/XLSX ini rusak dan tidak dapat dibuka.") from None
    names = {member.filename for member in members}
    if "xl/workbook.xml" not in names:
        raise TableFileError("Berkas ini arsip ZIP, bukan buku kerja Excel (.xlsx).")
    if len(members) > MAX_ZIP_MEMBERS:
        raise TableFileError("Berkas XLSX ini berisi terlalu banyak bagian; ditolak demi "
                             "keamanan.")
    unpacked = sum(member.file_size for member in members)
    packed = sum(member.compress_size for member in members) or 1
    if unpacked > MAX_UNPACKED_BYTES or unpacked / packed > MAX_RATIO:
        raise TableFileError(
            f"Berkas XLSX ini akan mengembang menjadi {_size_label(unpacked)} saat dibuka "
            f"(rasio {unpacked / packed:.0f}:1) — ciri bom zip; ditolak tanpa dibuka.")


# --- CSV -----------------------------------------------------------------------------------

def detect_encoding(path: Path) -> str:
    """``utf-8-sig`` when the whole file is valid UTF-8, else ``cp1252``.

    One streamed pass in 1 MB pieces; a byte Windows-1252 does not define
    refuses the file.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as handle:
        try:
            while piece := handle.read(1 << 20):
                decoder.decode(piece)
            decoder.decode(b"", final=True)
            return "utf-8-sig"
        except UnicodeDecodeError:
            pass
        handle.seek(0)
        fallback = codecs.getincrementaldecoder("cp1252")()
        offset = 0
        while piece := handle.read(1 << 20):
            try:
                fallback.decode(piece)
            except UnicodeDecodeError as error:
                raise TableFileError(
                    f"Berkas bukan teks CSV yang dapat dibaca (byte tak dikenal di posisi "
                    f"{offset + error.start}).") from None
            offset += len(piece)
    return "cp1252"


def detect_delimiter(header_line: str) -> str:
    """Semicolon when the header has more semicolons than commas, else comma.

    Column names contain neither character, so the header decides.
    """
    return ";" if header_line.count(";") > header_line.count(",") else ","


def _csv_rows(path: Path) -> Iterator[list[str]]:
    encoding = detect_encoding(path)
    with path.open(encoding=encoding, newline="") as handle:
        delimiter = detect_delimiter(handle.readline())
        handle.seek(0)
        reader = csv.reader(handle, delimiter=delimiter)
        number = 0
        while True:
            number += 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                raise TableFileError(f"Baris {number} bukan baris CSV yang sah ({error}).",
                                     row=number) from None
            yield cells


# --- XLSX ----------------------------------------------------------------------------------

def cell_text(value: object) -> str:
    """A spreadsheet cell as the text a person typed.

    Whole numbers lose their ``.0``; a number of 16 digits or more (an
    identity number a spreadsheet converted) becomes its scientific form so
    it is refused, never guessed; dates become ``dd-mm-yyyy``.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        if abs(value) >= EXACT_DIGITS:
            return f"{value:.5E}"
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, int):
        return f"{float(value):.5E}" if abs(value) >= EXACT_DIGITS else str(value)
    if isinstance(value, datetime.datetime):
        return f"{value:%d-%m-%Y}"
    if isinstance(value, datetime.date):
        return f"{value:%d-%m-%Y}"
    return str(value)


def _visible_sheet(path: Path) -> str:
    """The first worksheet a person sees when opening the workbook: hidden
    sheets (and chart sheets) are passed over, never read by mistake."""
    from python_calamine import CalamineError, CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

    try:
        workbook = CalamineWorkbook.from_path(str(path))
        sheets = workbook.sheets_metadata
    except (CalamineError, ValueError, OSError) as error:
        raise TableFileError(f"Berkas XLSX ini tidak dapat dibaca ({type(error).__name__}).")\
            from None
    if not sheets:
        raise TableFileError("Buku kerja Excel ini tidak berisi lembar kerja.")
    for sheet in sheets:
        if sheet.visible == SheetVisibleEnum.Visible and sheet.typ == SheetTypeEnum.WorkSheet:
            return sheet.name
    raise TableFileError("Semua lembar kerja di buku kerja ini tersembunyi; tampilkan lembar "
                         "yang berisi data ekspor, lalu unggah lagi.")


def _xlsx_rows(path: Path, sheet: str) -> Iterator[list[str]]:
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(str(path))
        rows = workbook.get_sheet_by_name(sheet).iter_rows()
        for cells in rows:
            yield [cell_text(value) for value in cells]
    except (CalamineError, ValueError, OSError) as error:
        raise TableFileError(f"Lembar '{sheet}' berkas XLSX ini tidak dapat dibaca "
                             f"({type(error).__name__}).") from None


def table_rows(table: TableFile) -> Iterator[list[str]]:
    """Every row of the file as a list of text cells, the header first."""
    return (_xlsx_rows(table.path, table.sheet) if table.kind == "xlsx"
            else _csv_rows(table.path))
