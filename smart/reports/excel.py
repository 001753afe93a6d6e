"""Reports as Excel workbooks (xlsxwriter): real numbers and dates, a frozen
header row and an autofilter, and every text cell neutralised the way CSV cells
are (``releases.marking.neutralise_cell``: = + - @ tab CR get an apostrophe).

Rows are streamed (``constant_memory``): a row is written and forgotten, so
10 000 rows take the memory of one.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import xlsxwriter

from smart.releases.marking import neutralise_cell

TEXT, NUMBER, DATE = "text", "number", "date"


@dataclass(frozen=True)
class Column:
    header: str
    kind: str = TEXT
    width: float = 14


def xlsx_bytes(*, title: str, subtitle: str, columns: Sequence[Column],
               rows: Iterable[Sequence], note: str = "", sheet: str = "Laporan",
               sheets: Sequence[tuple[str, Sequence[Column], Iterable[Sequence]]] = ()) -> bytes:
    """One sheet: the title lines, the release ``note`` when there is one, then
    the table with its header frozen and filtered; ``sheets`` (name, columns,
    rows) are further sheets of the same form (e.g. the list behind a recap)."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {
        "in_memory": True, "constant_memory": True, "strings_to_formulas": False,
        "strings_to_numbers": False, "strings_to_urls": False,
    })
    formats = {
        "bold": workbook.add_format({"bold": True, "font_size": 12}),
        "head": workbook.add_format({"bold": True, "bg_color": "#D9EAD3", "border": 1,
                                     "text_wrap": True, "valign": "vcenter"}),
        "date": workbook.add_format({"num_format": "dd-mm-yyyy"}),
    }
    _sheet(workbook, formats, sheet, title, subtitle, note, columns, rows)
    for name, sheet_columns, sheet_rows in sheets:
        _sheet(workbook, formats, name, title, subtitle, note, sheet_columns, sheet_rows)
    workbook.close()
    return buffer.getvalue()


def _sheet(workbook, formats: dict, sheet: str, title: str, subtitle: str, note: str,
           columns: Sequence[Column], rows: Iterable[Sequence]) -> None:
    worksheet = workbook.add_worksheet(sheet[:31])
    worksheet.write_string(0, 0, neutralise_cell(title), formats["bold"])
    worksheet.write_string(1, 0, neutralise_cell(subtitle))
    if note:
        worksheet.write_string(2, 0, neutralise_cell(note))
    header_row = 4
    for index, column in enumerate(columns):
        worksheet.set_column(index, index, column.width)
        worksheet.write_string(header_row, index, column.header, formats["head"])
    row_index = header_row
    for row in rows:
        row_index += 1
        for index, (column, value) in enumerate(zip(columns, row, strict=True)):
            if value is None or value == "":
                worksheet.write_blank(row_index, index, None)
            elif column.kind == NUMBER:
                worksheet.write_number(row_index, index, value)
            elif column.kind == DATE and isinstance(value, datetime.date):
                worksheet.write_datetime(row_index, index, value, formats["date"])
            else:
                worksheet.write_string(row_index, index, neutralise_cell(str(value)))
    worksheet.freeze_panes(header_row + 1, 0)
    worksheet.autofilter(header_row, 0, max(row_index, header_row + 1), len(columns) - 1)
