"""Long reports as PDF (reportlab): the regency's letterhead (kop surat), the
table with its header repeated on every page, "Halaman X dari Y", who printed
it and when, the release line when a data release opened the file, and the
signature block of the signing official.

The table is cut into blocks of ``BLOCK_ROWS`` rows: reportlab splits one long
table again for every page, which grows with the square of its length; blocks
keep 3 000 rows within a few seconds.
"""

from __future__ import annotations

import datetime
import functools
import io
from collections.abc import Sequence
from xml.sax.saxutils import escape

from django.utils import timezone
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table

from smart.records.drh import NumberedCanvas, indonesian_date, indonesian_datetime
from smart.reports.layout import Layout, current_layout
from smart.reports.signing import Signer

PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
MARGIN = 12 * mm
MARGIN_BOTTOM = 18 * mm
WIDTH = PAGE_WIDTH - 2 * MARGIN
BLOCK_ROWS = 60
FONT, FONT_SIZE = "Helvetica", 7.5

_BASE = ParagraphStyle("report", fontName="Helvetica", fontSize=7.5, leading=9)
STYLES = {
    "kop1": ParagraphStyle("kop1", _BASE, fontName="Helvetica-Bold", fontSize=12,
                           leading=15, alignment=TA_CENTER),
    "kop2": ParagraphStyle("kop2", _BASE, fontName="Helvetica-Bold", fontSize=13,
                           leading=16, alignment=TA_CENTER),
    "kop3": ParagraphStyle("kop3", _BASE, fontSize=8, leading=10, alignment=TA_CENTER),
    "title": ParagraphStyle("title", _BASE, fontName="Helvetica-Bold", fontSize=11,
                            leading=14, alignment=TA_CENTER, spaceBefore=6),
    "subtitle": ParagraphStyle("subtitle", _BASE, fontSize=9, leading=12,
                               alignment=TA_CENTER, spaceAfter=6),
    "logo": ParagraphStyle("logo", _BASE, fontName="Helvetica-Bold", fontSize=9,
                           leading=11, alignment=TA_CENTER),
    "cell": _BASE,
    "head": ParagraphStyle("head", _BASE, fontName="Helvetica-Bold", alignment=TA_CENTER),
    "sign": ParagraphStyle("sign", _BASE, fontSize=9, leading=12),
    "sign_name": ParagraphStyle("sign_name", _BASE, fontName="Helvetica-Bold", fontSize=9,
                                leading=12),
}
GRID = [
    ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("FONT", (0, 0), (-1, -1), FONT, FONT_SIZE, FONT_SIZE + 1.5),
    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#D9EAD3")),
    ("TOPPADDING", (0, 0), (-1, -1), 1.5),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ("LEFTPADDING", (0, 0), (-1, -1), 2),
    ("RIGHTPADDING", (0, 0), (-1, -1), 2),
]


def cell(value: object, width: float) -> str:
    """Text wrapped to a column ``width`` mm wide, as plain lines: reportlab draws
    plain strings several times faster than Paragraphs, which is what keeps a
    3 000-row list within seconds."""
    room = width * mm - 4
    lines = []
    for line in str(value or "").split("\n"):
        for part in simpleSplit(line, FONT, FONT_SIZE, room) or [""]:
            lines.extend(_hard_break(part, room))
    return "\n".join(lines)


def _hard_break(line: str, room: float) -> list[str]:
    """A word longer than the column ("SEPADYA/SPAMA/Diklat", a letter number),
    cut after a slash where one fits, else where the column ends."""
    pieces = []
    while stringWidth(line, FONT, FONT_SIZE) > room and len(line) > 1:
        cut = len(line) - 1
        while cut > 1 and stringWidth(line[:cut], FONT, FONT_SIZE) > room:
            cut -= 1
        slash = line.rfind("/", 0, cut)
        if slash > 0:
            cut = slash + 1
        pieces.append(line[:cut])
        line = line[cut:]
    pieces.append(line)
    return pieces


def letterhead(layout: Layout) -> list:
    """The kop surat of the report layout (Pasal 11h): three lines, and the
    logo's text in a box on the left when one is set."""
    first, second, third = layout.letterhead
    lines = [Paragraph(escape(first), STYLES["kop1"]), Paragraph(escape(second), STYLES["kop2"]),
             Paragraph(escape(third), STYLES["kop3"])]
    if not layout.logo_text:
        return [*lines, _Rule()]
    logo = Paragraph(escape(layout.logo_text), STYLES["logo"])
    head = Table([[logo, lines, ""]], colWidths=[28 * mm, WIDTH - 56 * mm, 28 * mm],
                 style=[("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                        ("BOX", (0, 0), (0, 0), 0.8, colors.black)])
    return [head, _Rule()]


class _Rule(Spacer):
    """The double line under the kop surat."""

    def __init__(self) -> None:
        super().__init__(WIDTH, 3 * mm)

    def draw(self) -> None:
        self.canv.setLineWidth(1.6)
        self.canv.line(0, 2.2 * mm, WIDTH, 2.2 * mm)
        self.canv.setLineWidth(0.5)
        self.canv.line(0, 1.3 * mm, WIDTH, 1.3 * mm)


def signature(signer: Signer, on: datetime.date, place: str) -> KeepTogether:
    lines = [Paragraph(f"{escape(place)}, {indonesian_date(on)}", STYLES["sign"]),
             Paragraph(escape(signer.title), STYLES["sign"]), Spacer(1, 16 * mm),
             Paragraph(escape(signer.name or "(" + "." * 40 + ")"), STYLES["sign_name"])]
    if signer.pangkat:
        lines.append(Paragraph(escape(signer.pangkat), STYLES["sign"]))
    lines.append(Paragraph(f"NIP {escape(signer.nip or '.' * 30)}", STYLES["sign"]))
    block = Table([["", lines]], colWidths=[WIDTH - 95 * mm, 95 * mm])
    return KeepTogether([Spacer(1, 6 * mm), block])


def _tables(header: Sequence[str], rows: Sequence[Sequence],
            widths: Sequence[float]) -> list:
    head = [Paragraph(escape(text), STYLES["head"]) for text in header]
    column_widths = [w * mm for w in widths]
    if not rows:
        return [Table([head, ["Tidak ada data"] + [""] * (len(header) - 1)],
                      colWidths=column_widths, style=GRID)]
    return [Table([head, *rows[start:start + BLOCK_ROWS]], colWidths=column_widths,
                  repeatRows=1, style=GRID) for start in range(0, len(rows), BLOCK_ROWS)]


def list_pdf(*, title: str, subtitle: str, header: Sequence[str], rows: Sequence[Sequence],
             widths: Sequence[float], signer: Signer, printed_by, release_note: str = "",
             printed_at: datetime.datetime | None = None,
             sections: Sequence[tuple[str, Sequence[str], Sequence[Sequence],
                                      Sequence[float]]] = ()) -> bytes:
    """A long list as PDF bytes (see the module docstring); ``sections`` are
    further tables (heading, header, rows, widths) after the first, e.g. the
    list behind a recap's numbers."""
    printed_at = printed_at or timezone.now()
    layout = current_layout()
    story = [*letterhead(layout), Paragraph(escape(title), STYLES["title"]),
             Paragraph(escape(subtitle), STYLES["subtitle"])]
    story += _tables(header, rows, widths)
    for heading, section_header, section_rows, section_widths in sections:
        story.append(Paragraph(escape(heading), STYLES["title"]))
        story += _tables(section_header, section_rows, section_widths)
    story.append(signature(signer, timezone.localdate(printed_at), layout.place))
    footer = (f"{title} · dicetak dari SMART oleh {str(printed_by)[:80]} pada "
              f"{indonesian_datetime(printed_at)} · Halaman {{page}} dari {{pages}}")
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=landscape(A4), leftMargin=MARGIN, rightMargin=MARGIN,
        topMargin=MARGIN, bottomMargin=MARGIN_BOTTOM, title=title, author="SMART",
        creator="SMART", keywords=release_note)
    document.build(story, canvasmaker=functools.partial(
        NumberedCanvas, footer=footer, release_note=release_note, margin_left=MARGIN,
        margin_right=MARGIN, margin_bottom=MARGIN_BOTTOM, font_size=7))
    return buffer.getvalue()
