"""The per-row error report of an import as .xlsx (R-PROC-1).

One line per refusal reason: row, column, reason, then the row's cells as the
file had them, under the file's own header. Every text cell goes through
``releases.marking.neutralise_cell``: a value starting with = + - @ is shown
as text, never run as a formula. Written with xlsxwriter's constant memory
mode (rows streamed to a temporary file).
"""

from __future__ import annotations

import io

import xlsxwriter

from smart.integrations.models import ImportBatch, ImportRow
from smart.releases.marking import neutralise_cell

HEADER = ("Baris", "Kolom", "Alasan")


def error_report_xlsx(batch: ImportBatch, phase: str) -> bytes:
    file_header = batch.header
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"constant_memory": True, "in_memory": False,
                                            "strings_to_formulas": False,
                                            "strings_to_numbers": False})
    sheet = workbook.add_worksheet("Galat impor")
    bold = workbook.add_format({"bold": True})
    for col, title in enumerate((*HEADER, *file_header)):
        sheet.write_string(0, col, neutralise_cell(str(title)), bold)
    sheet.freeze_panes(1, 3)
    sheet.set_column(0, 0, 7)
    sheet.set_column(1, 1, 18)
    sheet.set_column(2, 2, 60)
    line = 1
    rows = (batch.rows.filter(phase=phase, outcome=ImportRow.Outcome.INVALID)
            .order_by("number").values_list("number", "errors", "cells"))
    for number, errors, cells in rows.iterator(chunk_size=1000):
        for column, reason in errors or [["", ""]]:
            sheet.write_number(line, 0, number)
            sheet.write_string(line, 1, neutralise_cell(column or "(baris)"))
            sheet.write_string(line, 2, neutralise_cell(reason))
            for col, value in enumerate(cells, start=3):
                sheet.write_string(line, col, neutralise_cell(str(value)))
            line += 1
    workbook.close()
    return buffer.getvalue()
