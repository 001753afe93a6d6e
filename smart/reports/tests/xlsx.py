"""A minimal reader of the workbooks xlsxwriter writes, for the tests (no openpyxl
dependency just to read our own files back)."""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from xml.etree import ElementTree

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
EXCEL_EPOCH = datetime.date(1899, 12, 30)


def read_xlsx(content: bytes, sheet: int = 1) -> dict:
    """{"cells": {"A6": value}, "types": {"A6": "s"|"n"}, "freeze": "A6", "filter": "A5:Q9",
    "sheets": [names]} of the ``sheet``-th sheet (from 1)."""
    archive = zipfile.ZipFile(io.BytesIO(content))
    # Our own file, just written by xlsxwriter: not untrusted XML.
    strings = [node.text or "" for node in ElementTree.fromstring(  # noqa: S314
        archive.read("xl/sharedStrings.xml")).iterfind(".//m:t", NS)]
    names = [node.get("name") for node in ElementTree.fromstring(  # noqa: S314
        archive.read("xl/workbook.xml")).iterfind(".//m:sheet", NS)]
    sheet = ElementTree.fromstring(  # noqa: S314
        archive.read(f"xl/worksheets/sheet{sheet}.xml"))
    cells, types = {}, {}
    for c in sheet.iterfind(".//m:c", NS):
        value = c.find("m:v", NS)
        if value is None:
            continue
        kind = c.get("t", "n")
        cells[c.get("r")] = strings[int(value.text)] if kind == "s" else float(value.text)
        types[c.get("r")] = kind
    pane = sheet.find(".//m:pane", NS)
    auto = sheet.find("m:autoFilter", NS)
    return {"cells": cells, "types": types,
            "freeze": pane.get("topLeftCell") if pane is not None else None,
            "filter": auto.get("ref") if auto is not None else None, "sheets": names}


def row(book: dict, number: int, header: int) -> dict:
    """One row as {column header: value}; empty cells are left out."""
    def letters(n):
        return {re.match(r"[A-Z]+", ref).group(): value for ref, value in book["cells"].items()
                if re.fullmatch(rf"[A-Z]+{n}", ref)}
    names = letters(header)
    return {names[letter]: value for letter, value in letters(number).items()}


def excel_date(serial: float) -> datetime.date:
    return EXCEL_EPOCH + datetime.timedelta(days=int(serial))
