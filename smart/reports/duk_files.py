"""The DUK as files: the same columns in Excel and in PDF."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from smart.records.drh import indonesian_date
from smart.reports.duk import DukRow
from smart.reports.excel import DATE, NUMBER, Column, xlsx_bytes
from smart.reports.printing import cell, list_pdf
from smart.reports.signing import Signer

TITLE = "DAFTAR URUT KEPANGKATAN PEGAWAI NEGERI SIPIL"

XLSX_COLUMNS = (
    Column("No", NUMBER, 6), Column("Nama", width=32), Column("NIP", width=22),
    Column("Tempat lahir", width=16), Column("Tanggal lahir", DATE, 12),
    Column("Pangkat", width=22), Column("Golongan", width=9),
    Column("TMT golongan", DATE, 12), Column("Jabatan", width=40), Column("Eselon", width=8),
    Column("TMT jabatan", DATE, 12), Column("Masa kerja (tahun)", NUMBER, 9),
    Column("Masa kerja (bulan)", NUMBER, 9), Column("Diklat struktural", width=26),
    Column("Pendidikan", width=18), Column("Usia", NUMBER, 6), Column("Unit kerja", width=36),
)
PDF_HEADER = ("No", "Nama / NIP", "Tempat, tanggal lahir", "Pangkat / gol. / TMT",
              "Jabatan / eselon / TMT", "Masa kerja", "Diklat struktural", "Pendidikan",
              "Usia")
PDF_WIDTHS = (10, 52, 34, 34, 70, 17, 30, 20, 10)  # mm, 277 in all (A4 landscape)


def subtitle(scope_label: str, on: datetime.date) -> str:
    return f"{scope_label} — keadaan per {indonesian_date(on)}"


def duk_xlsx(rows: Sequence[DukRow], *, scope_label: str, on: datetime.date,
             note: str = "") -> bytes:
    return xlsx_bytes(title=TITLE, subtitle=subtitle(scope_label, on), columns=XLSX_COLUMNS,
                      note=note, sheet="DUK", rows=(
        (number, r.name, r.nip_grouped, r.birth_place, r.birth_date, r.pangkat, r.golongan_name,
         r.tmt_golongan, r.position_name, r.echelon_name,
         r.tmt_echelon, r.service.years if r.service else None,
         r.service.months if r.service else None, r.training_name, r.education_name,
         r.age, r.unit_name)
        for number, r in enumerate(rows, start=1)))


def _date(value: datetime.date | None) -> str:
    return f"{value:%d-%m-%Y}" if value else "-"


def duk_pdf(rows: Sequence[DukRow], *, scope_label: str, on: datetime.date, signer: Signer,
            printed_by, note: str = "") -> bytes:
    w = PDF_WIDTHS
    table = [
        (str(number), cell(f"{r.name}\nNIP {r.nip_grouped}", w[1]),
         cell(f"{r.birth_place}, {_date(r.birth_date)}", w[2]),
         cell(f"{r.pangkat}\n{r.golongan_name} · {_date(r.tmt_golongan)}", w[3]),
         cell(f"{r.position_name}\n{r.echelon_name or 'non-eselon'} · "
              f"{_date(r.tmt_echelon) if r.tmt_echelon else '-'}", w[4]),
         f"{r.service.years} th {r.service.months} bl" if r.service else "-",
         cell(r.training_name or "-", w[6]), cell(r.education_name or "-", w[7]),
         str(r.age))
        for number, r in enumerate(rows, start=1)
    ]
    return list_pdf(title=TITLE, subtitle=subtitle(scope_label, on), header=PDF_HEADER,
                    rows=table, widths=PDF_WIDTHS, signer=signer, printed_by=printed_by,
                    release_note=note)
