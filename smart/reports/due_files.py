"""The career due lists as files: one row per person, with the rule; in Excel
and in PDF (kop surat, "Halaman X dari Y", signature block)."""

from __future__ import annotations

import datetime

from smart.people.identity import group_nip
from smart.reports.due import DueList
from smart.reports.excel import DATE, NUMBER, Column, xlsx_bytes
from smart.reports.printing import cell, list_pdf
from smart.reports.signing import Signer

COLUMNS = (
    Column("No", NUMBER, 6), Column("Nama", width=32), Column("NIP", width=20),
    Column("Jenis ASN", width=8), Column("Golongan", width=9), Column("Jabatan", width=40),
    Column("Unit kerja", width=36), Column("Tanggal", DATE, 12),
    Column("Aturan yang berlaku", width=80),
)
PDF_HEADER = ("No", "Nama / NIP", "Jenis ASN", "Golongan", "Jabatan / unit kerja",
              "Tanggal", "Aturan yang berlaku")
PDF_WIDTHS = (8, 55, 14, 16, 70, 18, 96)  # mm, 277 in all (A4 landscape)


# Nobody vanishes from a printed list: whom the rule could not be applied to,
# and why, follows the list (a sheet in Excel, a section in PDF).
INCOMPLETE = "Data tidak lengkap"
INCOMPLETE_COLUMNS = (Column("No", NUMBER, 6), Column("Nama", width=32),
                      Column("NIP", width=20), Column("Mengapa tidak dapat diperiksa", width=80))
INCOMPLETE_HEADER = ("No", "Nama", "NIP", "Mengapa tidak dapat diperiksa")
INCOMPLETE_WIDTHS = (8, 80, 45, 144)


def _incomplete(result: DueList) -> list[tuple]:
    return [(n, name, group_nip(nip), why)
            for n, (name, nip, why) in enumerate(result.undetermined, start=1)]


def due_xlsx(result: DueList, *, title: str, subtitle: str, note: str = "") -> bytes:
    sheets = ([(INCOMPLETE, INCOMPLETE_COLUMNS, _incomplete(result))]
              if result.undetermined else [])
    return xlsx_bytes(title=title.upper(), subtitle=subtitle, note=note, columns=COLUMNS,
                      sheet=title[:31], sheets=sheets, rows=(
        (n, r.name, r.nip_grouped, r.asn_kind, r.golongan, r.position_name, r.unit_name,
         r.date, r.rule) for n, r in enumerate(result.rows, start=1)))


def _date(value: datetime.date | None) -> str:
    return f"{value:%d-%m-%Y}" if value else "-"


def due_pdf(result: DueList, *, title: str, subtitle: str, signer: Signer, printed_by,
            note: str = "") -> bytes:
    w = PDF_WIDTHS
    rows = [(str(n), cell(f"{r.name}\nNIP {r.nip_grouped}", w[1]), r.asn_kind,
             cell(r.golongan, w[3]),
             cell(f"{r.position_name}\n{r.unit_name}", w[4]), _date(r.date), cell(r.rule, w[6]))
            for n, r in enumerate(result.rows, start=1)]
    w = INCOMPLETE_WIDTHS
    incomplete = [(str(n), cell(name, w[1]), nip, cell(why, w[3]))
                  for n, name, nip, why in _incomplete(result)]
    sections = ([(INCOMPLETE, INCOMPLETE_HEADER, incomplete, INCOMPLETE_WIDTHS)]
                if incomplete else [])
    return list_pdf(title=title.upper(), subtitle=subtitle, header=PDF_HEADER, rows=rows,
                    widths=PDF_WIDTHS, signer=signer, printed_by=printed_by,
                    release_note=note, sections=sections)
