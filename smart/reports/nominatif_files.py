"""The daftar nominatif as PDF (reportlab): the chosen columns on A4 landscape,
kop surat, "Halaman X dari Y" and the signature block. CSV and Excel are
written in ``reports.exports``."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.utils import timezone

from smart.reports.nominatif import NominatifColumn
from smart.reports.printing import cell, list_pdf

PDF_TITLE = "DAFTAR NOMINATIF PEGAWAI"
# How wide a column is in the PDF, relative to the others (1 when not listed).
PDF_WEIGHTS = {"name": 2.2, "position": 2.4, "unit": 2.0, "agency": 2.0, "address": 2.6,
               "education_name": 1.6, "birth_place": 1.3, "pangkat": 1.4, "nip": 1.5,
               "age": 0.6, "blood_type": 0.6, "asn_kind": 0.7, "golongan": 0.8}


def nominatif_pdf(rows: Sequence[Sequence], columns: Sequence[NominatifColumn], *, label: str,
                  signer, printed_by, note: str = "") -> bytes:
    """The list as PDF: the chosen columns share the page's width by their weight."""
    weights = [PDF_WEIGHTS.get(column.key, 1.0) for column in columns]
    widths = [8, *[(277 - 8) * w / sum(weights) for w in weights]]
    table = [[str(n), *[cell(f"{v:%d-%m-%Y}" if isinstance(v, datetime.date) else v, w)
                        for v, w in zip(row, widths[1:], strict=True)]]
             for n, row in enumerate(rows, start=1)]
    on = timezone.localdate()
    return list_pdf(title=PDF_TITLE, subtitle=f"{label} — keadaan per {on:%d-%m-%Y}",
                    header=["No", *[c.header for c in columns]], rows=table, widths=widths,
                    signer=signer, printed_by=printed_by, release_note=note)
