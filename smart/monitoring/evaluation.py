"""The monthly evaluation report to the Bupati (Perbup 35/2020 Pasal 26(2)) as
PDF: the kop surat and the signature block of ``reports.printing``, the
month's figures of the dashboard and a short commentary on each
(``wording.py``)."""

from __future__ import annotations

import datetime
import functools
import io
from xml.sax.saxutils import escape

from django.conf import settings
from django.utils import timezone
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table

from smart.monitoring import wording
from smart.monitoring.deadlines import COMPLETION, FORWARD
from smart.records.drh import NumberedCanvas, indonesian_datetime
from smart.reports.layout import current_layout
from smart.reports.printing import (
    GRID,
    MARGIN,
    MARGIN_BOTTOM,
    STYLES,
    cell,
    letterhead,
    signature,
)
from smart.reports.signing import Signer

HEADING = ParagraphStyle("heading", STYLES["sign"], fontName="Helvetica-Bold", fontSize=10,
                         leading=13, spaceBefore=8, spaceAfter=3)
BODY = ParagraphStyle("body", STYLES["sign"], fontSize=9, leading=12, spaceAfter=4)
TITLE = "Laporan Hasil Monitoring dan Evaluasi SMART"


def _table(header, rows, widths):
    return Table([header, *rows], colWidths=[w * mm for w in widths], repeatRows=1,
                 style=GRID)


def _section(number: int, title: str, comment: str, table=None) -> list:
    story = [Paragraph(f"{number}. {escape(title)}", HEADING),
             Paragraph(escape(comment), BODY)]
    if table is not None:
        story.append(table)
    return story


def _completeness_table(completeness):
    rows = [[cell(line.name, 120), wording.number(line.employees), wording.number(line.complete),
             wording.number(line.incomplete), wording.percent(line.percent)]
            for line in [*completeness.lines, completeness.total]]
    return _table(["Unit (OPD)", "Pegawai", "Lengkap", "Belum lengkap", "Kelengkapan"],
                  rows, (120, 30, 30, 30, 30))


def _deadlines_table(lines, total):
    def cells(line):
        forward, completion = line.stages[FORWARD], line.stages[COMPLETION]
        return [wording.number(forward.within), wording.number(forward.over),
                wording.number(forward.running), wording.percent(forward.on_time_percent),
                wording.number(completion.within), wording.number(completion.over),
                wording.number(completion.running),
                wording.percent(completion.on_time_percent)]
    rows = [[cell(line.name, 97), *cells(line)] for line in lines]
    rows.append(["Jumlah", *cells(total)])
    header = ["Unit (OPD)", "Penerusan: tepat", "terlambat", "berjalan", "% tepat",
              "Penyelesaian: tepat", "terlambat", "berjalan", "% tepat"]
    return _table(header, rows, (97, 22, 20, 20, 20, 26, 20, 20, 20))


def _usage_table(usage):
    months = usage.months[-6:]
    header = ["Penggunaan", *(month.label for month in months)]
    rows = [[str(label), *(wording.number(n) for n in counts[-6:])]
            for label, counts in usage.rows()]
    return _table(header, rows, (70, *([30] * len(months))))


def evaluation_pdf(figures, *, scope_label: str, signer: Signer, printed_by,
                   release_note: str = "", printed_at: datetime.datetime | None = None
                   ) -> bytes:
    printed_at = printed_at or timezone.now()
    today = timezone.localdate(printed_at)
    month = figures.month
    subtitle = (f"Bulan {month.label} · {scope_label} · disampaikan kepada Bupati "
                f"{settings.SMART_REGENCY_NAME.removeprefix('Kabupaten ')} "
                "(Peraturan Bupati Nomor 35 Tahun 2020 Pasal 26 ayat (2))")
    layout = current_layout()
    story = [*letterhead(layout), Paragraph(TITLE.upper(), STYLES["title"]),
             Paragraph(escape(subtitle), STYLES["subtitle"])]
    story += _section(1, "Kelengkapan data pegawai",
                      wording.completeness_comment(figures.completeness),
                      _completeness_table(figures.completeness))
    story += _section(2, "Ketepatan waktu pemutakhiran data (10 hari kerja)",
                      wording.deadlines_comment(figures.deadlines, figures.deadlines_total,
                                                figures.late_open_by_stage),
                      _deadlines_table(figures.deadlines, figures.deadlines_total))
    campaigns = " ".join(wording.campaign_comment(p, today)
                         for p in figures.campaigns) or (
        "Tidak ada kampanye perekaman yang berjalan pada bulan ini.")
    story += _section(3, "Kampanye perekaman data (Pasal 20 dan 32)", campaigns)
    story += _section(4, "Penggunaan SMART", wording.usage_comment(figures.usage, month),
                      _usage_table(figures.usage))
    story += _section(5, "Pemeliharaan: cadangan data dan uji pemulihan (Pasal 23)",
                      wording.maintenance_comment(figures.maintenance))
    story.append(KeepTogether([Spacer(1, 2 * mm), Paragraph(
        "Demikian laporan ini disampaikan untuk menjadi bahan evaluasi dan tindak lanjut.",
        BODY)]))
    story.append(signature(signer, today, layout.place))
    footer = (f"{TITLE} {month.label} · dicetak dari SMART oleh {str(printed_by)[:80]} pada "
              f"{indonesian_datetime(printed_at)} · Halaman {{page}} dari {{pages}}")
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=landscape(A4), leftMargin=MARGIN, rightMargin=MARGIN,
        topMargin=MARGIN, bottomMargin=MARGIN_BOTTOM, title=f"{TITLE} {month.label}",
        author="SMART", creator="SMART", keywords=release_note)
    document.build(story, canvasmaker=functools.partial(
        NumberedCanvas, footer=footer, release_note=release_note, margin_left=MARGIN,
        margin_right=MARGIN, margin_bottom=MARGIN_BOTTOM, font_size=7))
    return buffer.getvalue()
