"""The statistics (rekap / bezetting) as files: every count table with its total
and share, and the OPD × golongan cross-table — in Excel one sheet per table,
in PDF one table after the other (kop surat, "Halaman X dari Y", signature)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from smart.records.drh import indonesian_date, indonesian_datetime
from smart.reports.excel import NUMBER, Column, xlsx_bytes
from smart.reports.printing import cell, list_pdf
from smart.reports.signing import Signer
from smart.reports.statistics import CrossTable, Snapshot, Table

TITLE = "REKAPITULASI PEGAWAI APARATUR SIPIL NEGARA (BEZETTING)"
CROSS_TITLE = "Perangkat daerah × golongan"
# Sheet names: at most 31 characters, no "/" (Excel refuses it).
SHEETS = {"asn": "Jenis ASN", "golongan": "Golongan", "education": "Pendidikan",
          "sex": "Jenis kelamin", "age": "Kelompok usia", "religion": "Agama",
          "position_type": "Jenis jabatan", "echelon": "Eselon", "unit": "Perangkat daerah"}


def subtitle(label: str, snapshot: Snapshot) -> str:
    """The scope and the day; a large scope's figures say when they were counted."""
    when = (f"dihitung {indonesian_datetime(snapshot.counted_at)}" if snapshot.counted_at
            else f"keadaan per {indonesian_date(timezone.localdate())}")
    return f"{label} — pegawai dalam jabatan, {when}"


def lines_of(snapshot: Snapshot) -> int:
    """The lines of the file: what the release gate counts for a file of counts,
    which names nobody (decision 170)."""
    return sum(len(t.lines) for t in snapshot.tables) + len(snapshot.cross.rows)


def _share(count: int, total: int) -> float:
    return round(count * 100 / total, 1) if total else 0.0


def _table_rows(table: Table) -> list[list]:
    rows = [[n, line.label, line.count, _share(line.count, table.total)]
            for n, line in enumerate(table.lines, start=1)]
    return [*rows, [None, "Jumlah", table.total, 100.0 if table.total else 0.0]]


def _cross_header(cross: CrossTable) -> list[str]:
    return ["No", "Perangkat daerah", *[name for _pk, name in cross.columns], "Jumlah"]


def _cross_rows(cross: CrossTable) -> list[list]:
    rows = [[n, name, *[count for count, _query in cells], total]
            for n, (name, cells, total, _query) in enumerate(cross.rows, start=1)]
    return [*rows, [None, "Jumlah", *cross.column_totals, cross.total]]


def _table_columns(table: Table) -> list[Column]:
    return [Column("No", NUMBER, 6), Column(table.title, width=40),
            Column("Jumlah", NUMBER, 10), Column("%", NUMBER, 8)]


def statistics_xlsx(snapshot: Snapshot, *, label: str, note: str = "") -> bytes:
    cross = snapshot.cross
    cross_columns = [Column("No", NUMBER, 6), Column("Perangkat daerah", width=40),
                     *[Column(h, NUMBER, 8) for h in _cross_header(cross)[2:]]]
    first, *others = snapshot.tables
    return xlsx_bytes(
        title=TITLE, subtitle=subtitle(label, snapshot), note=note,
        sheet=SHEETS.get(first.key, first.key), columns=_table_columns(first),
        rows=_table_rows(first),
        sheets=[*[(SHEETS.get(t.key, t.key), _table_columns(t), _table_rows(t))
                  for t in others],
                ("OPD x golongan", cross_columns, _cross_rows(cross))])


def _pdf_rows(rows: list[list], widths: list[float]) -> list[list[str]]:
    return [[cell(v, w) if isinstance(v, str) else ("" if v is None else f"{v:g}")
             for v, w in zip(row, widths, strict=True)] for row in rows]


def statistics_pdf(snapshot: Snapshot, *, label: str, signer: Signer, printed_by,
                   note: str = "", printed_at: datetime.datetime | None = None) -> bytes:
    widths = [10, 120, 30, 25]
    first, *others = snapshot.tables
    cross = snapshot.cross
    header = _cross_header(cross)
    each = (277 - 8 - 60 - 14) / max(len(cross.columns), 1)
    cross_widths = [8, 60, *[each] * len(cross.columns), 14]
    sections = [(t.title, ["No", t.title, "Jumlah", "%"], _pdf_rows(_table_rows(t), widths),
                 widths) for t in others]
    sections.append((CROSS_TITLE, header, _pdf_rows(_cross_rows(cross), cross_widths),
                     cross_widths))
    return list_pdf(title=TITLE, subtitle=subtitle(label, snapshot),
                    header=["No", first.title, "Jumlah", "%"],
                    rows=_pdf_rows(_table_rows(first), widths), widths=widths, signer=signer,
                    printed_by=printed_by, release_note=note, printed_at=printed_at,
                    sections=sections)
