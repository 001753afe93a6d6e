"""The career due lists as Excel files: one row per person, with the rule."""

from __future__ import annotations

from smart.reports.due import DueList
from smart.reports.excel import DATE, NUMBER, Column, xlsx_bytes

COLUMNS = (
    Column("No", NUMBER, 6), Column("Nama", width=32), Column("NIP", width=20),
    Column("Jenis ASN", width=8), Column("Golongan", width=9), Column("Jabatan", width=40),
    Column("Unit kerja", width=36), Column("Tanggal", DATE, 12),
    Column("Aturan yang berlaku", width=80),
)


def due_xlsx(result: DueList, *, title: str, subtitle: str, note: str = "") -> bytes:
    return xlsx_bytes(title=title.upper(), subtitle=subtitle, note=note, columns=COLUMNS,
                      sheet=title[:31], rows=(
        (n, r.name, r.nip, r.asn_kind, r.golongan, r.position_name, r.unit_name, r.date,
         r.rule) for n, r in enumerate(result.rows, start=1)))
