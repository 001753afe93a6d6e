"""The leave and discipline recaps as Excel (the table per OPD, then the list
behind it on a second sheet) and PDF (both tables, kop surat, signature)."""

from __future__ import annotations

import datetime

from smart.people.identity import group_nip
from smart.records.drh import indonesian_date
from smart.reports.excel import DATE, NUMBER, TEXT, Column, xlsx_bytes
from smart.reports.printing import cell, list_pdf
from smart.reports.recaps import Recap
from smart.reports.signing import Signer

TITLES = {"leave": "REKAPITULASI CUTI PEGAWAI",
          "discipline": "REKAPITULASI HUKUMAN DISIPLIN PEGAWAI"}


def subtitle(label: str, start: datetime.date, end: datetime.date) -> str:
    return f"{label} — periode {indonesian_date(start)} s.d. {indonesian_date(end)}"


def _summary(recap: Recap) -> tuple[list[str], list[list]]:
    header = ["No", "Perangkat daerah", *[name for _, name in recap.kinds], "Jumlah"]
    if recap.key == "leave":
        header += ["Hari kalender", "Hari kerja"]
    rows = []
    for n, line in enumerate(recap.lines, start=1):
        row = [n, line.agency, *[line.counts.get(code, 0) for code, _ in recap.kinds],
               line.total]
        if recap.key == "leave":
            row += [line.days, line.working_days]
        rows.append(row)
    total = ["", "Jumlah", *recap.column_totals, recap.total]
    if recap.key == "leave":
        total += [recap.days, recap.working_days]
    return header, [*rows, total]


def _entries(recap: Recap) -> tuple[list[str], list[list]]:
    header = ["No", "Nama", "NIP", "Perangkat daerah", "Unit kerja", "Jenis", "Mulai",
              "Selesai", "Nomor surat/SK"]
    header += ["Hari kalender", "Hari kerja", "Keterangan"] if recap.key == "leave" else [
        "Tingkat"]
    rows = []
    for n, e in enumerate(recap.entries, start=1):
        row = [n, e.name, group_nip(e.nip), e.agency, e.unit_name, e.kind_name, e.start, e.end,
               e.number]
        row += [e.days, e.working_days, e.note] if recap.key == "leave" else [e.note]
        rows.append(row)
    return header, rows


def recap_xlsx(recap: Recap, *, label: str, start: datetime.date, end: datetime.date,
               note: str = "") -> bytes:
    header, rows = _summary(recap)
    summary_columns = [Column("No", NUMBER, 6), Column("Perangkat daerah", width=40),
                       *[Column(h, NUMBER, 12) for h in header[2:]]]
    summary_rows = [[None if v == "" else v for v in row] for row in rows]
    entry_header, entry_rows = _entries(recap)
    kinds = {"No": (NUMBER, 6), "Nama": (TEXT, 32), "NIP": (TEXT, 22),
             "Perangkat daerah": (TEXT, 32),
             "Unit kerja": (TEXT, 32), "Mulai": (DATE, 12), "Selesai": (DATE, 12),
             "Hari kalender": (NUMBER, 10), "Hari kerja": (NUMBER, 10)}
    entry_columns = [Column(h, *kinds.get(h, (TEXT, 20))) for h in entry_header]
    return xlsx_bytes(title=TITLES[recap.key], subtitle=subtitle(label, start, end),
                      columns=summary_columns, rows=summary_rows, note=note, sheet="Rekap",
                      sheets=[("Daftar", entry_columns, entry_rows)])


def _date(value: datetime.date | None) -> str:
    return f"{value:%d-%m-%Y}" if value else "-"


def recap_pdf(recap: Recap, *, label: str, start: datetime.date, end: datetime.date,
              signer: Signer, printed_by, note: str = "") -> bytes:
    header, rows = _summary(recap)
    kinds = len(recap.kinds)
    extra = 2 if recap.key == "leave" else 0
    free = 277 - 10 - 70
    width = free / max(kinds + 1 + extra, 1)
    widths = [10, 70, *[width] * (kinds + 1 + extra)]
    table = [[cell(v, w) if isinstance(v, str) else str(v)
              for v, w in zip(row, widths, strict=True)] for row in rows]
    entry_header, entry_rows = _entries(recap)
    # mm, 277 in all; 31 holds a grouped NIP on one line.
    entry_widths = ([8, 40, 31, 30, 32, 24, 15, 15, 33, 14, 12, 23] if recap.key == "leave"
                    else [8, 42, 31, 36, 36, 30, 15, 15, 35, 29])
    entries = [[cell(v, w) if isinstance(v, str) else (_date(v) if isinstance(v, datetime.date)
                                                       else str(v if v is not None else "-"))
                for v, w in zip(row, entry_widths, strict=True)] for row in entry_rows]
    return list_pdf(title=TITLES[recap.key], subtitle=subtitle(label, start, end),
                    header=header, rows=table, widths=widths, signer=signer,
                    printed_by=printed_by, release_note=note,
                    sections=[("Daftar rincian", entry_header, entries, entry_widths)])
