"""The DRH (Daftar Riwayat Hidup): an employee's curriculum vitae as a PDF.

The DRH is an official Indonesian form, printed in Indonesian whatever the
language of the screen: its fixed texts are written here in Indonesian, and the
registry's column headers and choice labels are rendered with the Indonesian
translation. The tables are built from ``profile_sections``, so a kind added
to the registry must also be placed in ``LAYOUT`` (a test checks that none is
missing). Every page carries who printed it and when (R-CONF-2).
"""

from __future__ import annotations

import datetime
import functools
import io
from collections.abc import Iterable
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from django.conf import settings
from django.db import models
from django.utils import timezone, translation
from django.utils.text import capfirst
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from smart.people.models import AsnKind, Employee
from smart.records.privacy import HIDDEN
from smart.records.profile import KindSection, profile_sections

if TYPE_CHECKING:
    from smart.accounts.models import User

MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember")
PLACE = "Teluk Kuantan"  # the regency's capital, where the DRH is signed
EMPTY = "Tidak ada data"
NONE = "-"
CLOSING = (
    "Demikian daftar riwayat hidup ini saya buat dengan sebenarnya dan apabila di kemudian "
    "hari terdapat keterangan yang tidak benar, saya bersedia dituntut di muka pengadilan "
    "serta bersedia menerima segala tindakan yang diambil oleh Pemerintah."
)

# The DRH's sections after section I, in the order of the form: (number, title,
# [(sub-heading, registry slug)]). A section with one kind has no sub-heading.
LAYOUT: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = (
    ("II", "PENDIDIKAN", (("A. Pendidikan Formal", "pendidikan-formal"),
                          ("B. Pendidikan Non-Formal", "pendidikan-nonformal"))),
    ("III", "DIKLAT", (("A. Diklat Struktural", "diklat-struktural"),
                       ("B. Diklat Fungsional", "diklat-fungsional"),
                       ("C. Diklat Teknis", "diklat-teknis"))),
    ("IV", "RIWAYAT KEPANGKATAN", (("", "pangkat"),)),
    ("V", "RIWAYAT JABATAN", (("", "jabatan"),)),
    ("VI", "PENGHARGAAN", (("", "penghargaan"),)),
    ("VII", "HUKUMAN DISIPLIN", (("", "hukuman-disiplin"),)),
    ("VIII", "KETERANGAN KELUARGA", (("A. Suami/Istri", "pasangan"),
                                     ("B. Anak", "anak"),
                                     ("C. Orang Tua Kandung", "orang-tua"),
                                     ("D. Mertua", "mertua"),
                                     ("E. Saudara Kandung", "saudara"))),
    ("IX", "RIWAYAT CUTI DAN Plt/Plh", (("A. Cuti", "cuti"),
                                       ("B. Pelaksana Tugas / Pelaksana Harian (Plt/Plh)",
                                        "plt-plh"))),
)

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 20 * mm, 15 * mm, 15 * mm, 20 * mm
WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
NUMBER_WIDTH = 9 * mm
KEEP_WITH_HEADING = 40 * mm  # a heading, a table header and two or three rows

_BASE = ParagraphStyle("drh", fontName="Helvetica", fontSize=9, leading=11.5)
STYLES = {
    "regency": ParagraphStyle("regency", _BASE, fontName="Helvetica-Bold", fontSize=11,
                              leading=14, alignment=TA_CENTER),
    "title": ParagraphStyle("title", _BASE, fontName="Helvetica-Bold", fontSize=14,
                            leading=18, alignment=TA_CENTER, spaceBefore=2, spaceAfter=10),
    "section": ParagraphStyle("section", _BASE, fontName="Helvetica-Bold", fontSize=10,
                              leading=13, spaceBefore=10, spaceAfter=4),
    "kind": ParagraphStyle("kind", _BASE, fontName="Helvetica-Bold", leftIndent=4 * mm,
                           spaceBefore=4, spaceAfter=3),
    "cell": ParagraphStyle("cell", _BASE, fontSize=8.5, leading=10.5),
    "head": ParagraphStyle("head", _BASE, fontName="Helvetica-Bold", fontSize=8.5,
                           leading=10.5, alignment=TA_CENTER),
    "number": ParagraphStyle("number", _BASE, fontSize=8.5, leading=10.5,
                             alignment=TA_CENTER),
    "empty": ParagraphStyle("empty", _BASE, fontName="Helvetica-Oblique", fontSize=8.5,
                            leading=10.5, alignment=TA_CENTER, textColor=colors.grey),
    "text": ParagraphStyle("text", _BASE, leading=13, alignment=TA_JUSTIFY, spaceBefore=14),
    "sign": ParagraphStyle("sign", _BASE, leading=13),
}
RULED = [
    ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("TOPPADDING", (0, 0), (-1, -1), 2.5),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ("LEFTPADDING", (0, 0), (-1, -1), 3),
    ("RIGHTPADDING", (0, 0), (-1, -1), 3),
]


def indonesian_date(value: datetime.date | None) -> str:
    """A date as Indonesian documents write it: "12 Maret 1985" (no locale needed)."""
    if value is None:
        return NONE
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def indonesian_datetime(value: datetime.datetime) -> str:
    """"5 Mei 2026 pukul 14.05 WIB", in the project's time zone."""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    zone = local.tzname() or ""
    return f"{indonesian_date(local.date())} pukul {local:%H.%M} {zone}".rstrip()


def drh_pdf(employee: Employee, *, printed_by: User, on: datetime.datetime | None = None,
            hide: frozenset[str] = frozenset(), release_note: str = "") -> bytes:
    """The employee's DRH as PDF bytes, stamped on every page with the printer and time,
    and with ``release_note`` (who it was released to, the request) when a data
    release opened it (security.md Z9)."""
    on = on or timezone.now()
    with translation.override("id"):
        story = [
            Paragraph(escape(f"PEMERINTAH {settings.SMART_REGENCY_NAME}".upper()),
                      STYLES["regency"]),
            Paragraph("DAFTAR RIWAYAT HIDUP", STYLES["title"]),
            *_personal(employee),
            *_histories(employee, hide),
            _closing(employee, on),
        ]
    footer = (f"Dicetak dari SMART oleh {str(printed_by)[:80]} "
              f"pada {indonesian_datetime(on)} · Halaman {{page}} dari {{pages}}")
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN_LEFT, rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM,
        title=f"Daftar Riwayat Hidup {employee.display_name}", author="SMART",
        subject=f"NIP {employee.nip_grouped}", creator="SMART", keywords=release_note,
    )
    document.build(story, canvasmaker=functools.partial(
        NumberedCanvas, footer=footer, release_note=release_note, margin_left=MARGIN_LEFT,
        margin_right=MARGIN_RIGHT, margin_bottom=MARGIN_BOTTOM, rule=True))
    return buffer.getvalue()


class NumberedCanvas(canvas.Canvas):
    """Holds every page back until the end, so each footer can say "X dari Y";
    the footer (and the data-release line, when set) is centred between the
    margins. Shared by the DRH and the reports' PDFs (smart.reports.printing)."""

    def __init__(self, *args, footer: str, release_note: str = "", margin_left: float,
                 margin_right: float, margin_bottom: float, font_size: float = 7.5,
                 rule: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._footer = footer
        self._release_note = release_note
        self._left, self._right, self._bottom = margin_left, margin_right, margin_bottom
        self._font_size = font_size
        self._rule = rule
        self._pages: list[dict] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        for number, page in enumerate(self._pages, start=1):
            self.__dict__.update(page)
            self._draw_footer(number, len(self._pages))
            super().showPage()
        super().save()

    def _draw_footer(self, page: int, pages: int) -> None:
        y = self._bottom - 9 * mm
        page_width = self._pagesize[0]
        centre = self._left + (page_width - self._left - self._right) / 2
        self.saveState()
        if self._rule:
            self.setStrokeColor(colors.grey)
            self.setLineWidth(0.4)
            self.line(self._left, y + 3.5 * mm, page_width - self._right, y + 3.5 * mm)
        self.setFont("Helvetica", self._font_size)
        self.setFillColor(colors.dimgrey)
        self.drawCentredString(centre, y, self._footer.format(page=page, pages=pages))
        if self._release_note:
            self.setFont("Helvetica-Bold", self._font_size)
            self.setFillColor(colors.black)
            self.drawCentredString(centre, y - 3.5 * mm, self._release_note)
        self.restoreState()


def _p(text: object, style: str = "cell") -> Paragraph:
    return Paragraph(escape(str(text)), STYLES[style])


def _text(value: object) -> str:
    """One value as the DRH prints it: dates in Indonesian, yes/no, "-" for nothing."""
    if value is None or value == "":
        return NONE
    if value is True:
        return "Ya"
    if value is False:
        return "Tidak"
    if isinstance(value, datetime.datetime):
        return indonesian_datetime(value)
    if isinstance(value, datetime.date):
        return indonesian_date(value)
    return str(value)


def _join(*parts: object, sep: str = ", ") -> str:
    return sep.join(str(part) for part in parts if part not in (None, "")) or NONE


def _personal_rows(e: Employee) -> list[tuple[str, str]]:
    pppk = e.asn_kind == AsnKind.PPPK
    golongan = e.golongan
    unit = e.unit
    agency = unit.agency if unit.agency_id and unit.agency_id != unit.pk else None
    body = (f"{e.height_cm} cm" if e.height_cm else NONE,
            f"{e.weight_kg} kg" if e.weight_kg else NONE)
    if HIDDEN in (e.height_cm, e.weight_kg):  # a viewer without the medical grant
        body = (HIDDEN, HIDDEN)
    education = _join(e.education_level.name if e.education_level else "", e.education_name)
    if e.graduation_year and education != NONE:
        education += f" (lulus {e.graduation_year})"
    return [
        ("Nama Lengkap", e.display_name),
        ("NIP", e.nip_grouped),
        ("Tempat/Tanggal Lahir", f"{e.birth_place or NONE}, {indonesian_date(e.birth_date)}"),
        ("Jenis Kelamin", e.sex.name),
        ("Agama", _text(e.religion)),
        ("Status Perkawinan", _text(e.marital_status)),
        ("Alamat Rumah", _join(e.address, e.domicile_village, e.domicile_city,
                               e.postal_code)),
        ("Nomor HP / E-mail", _join(e.phone, e.email, sep=" / ")),
        ("NIK", _text(e.nik)),
        ("NPWP", _text(e.npwp)),
        ("Nomor BPJS", _text(e.bpjs)),
        ("Nomor Kartu ASN (KARPEG/KPE)", _text(e.kartu_asn)),
        ("Status Kepegawaian", _join(e.asn_kind, e.legal_status)),
        ("Pangkat/Golongan", _join(golongan.pangkat, golongan.name) if golongan else NONE),
        ("TMT Golongan", indonesian_date(e.tmt_golongan)),
        ("TMT PPPK" if pppk else "TMT CPNS / TMT PNS",
         indonesian_date(e.tmt_cpns) if pppk
         else f"{indonesian_date(e.tmt_cpns)} / {indonesian_date(e.tmt_pns)}"),
        ("Jabatan", _join(e.position_name, f"Eselon {e.echelon.name}" if e.echelon else "")),
        ("TMT Jabatan", indonesian_date(e.tmt_position)),
        ("Unit Kerja", _join(unit.name, agency.name if agency else "")),
        ("Pendidikan Terakhir", education),
        ("Golongan Darah", _text(e.blood_type)),
        ("Tinggi/Berat Badan", NONE if body == (NONE, NONE) else
         HIDDEN if body == (HIDDEN, HIDDEN) else " / ".join(body)),
        ("Bahasa yang Dikuasai", _text(e.languages)),
        ("Keterangan Disabilitas", _text(e.disability)),
    ]


def _personal(employee: Employee) -> list:
    rows = [[_p(f"{n}.", "number"), _p(label), _p(value)]
            for n, (label, value) in enumerate(_personal_rows(employee), start=1)]
    table = Table(rows, colWidths=[NUMBER_WIDTH, 55 * mm, WIDTH - NUMBER_WIDTH - 55 * mm])
    table.setStyle(TableStyle(RULED))
    return [Paragraph("I. KETERANGAN PERORANGAN", STYLES["section"]), table]


def _histories(employee: Employee, hide: frozenset[str]) -> list:
    sections = {ks.kind.slug: ks for group in profile_sections(employee, hide=hide)
                for ks in group.kinds}
    story: list = []
    for number, title, kinds in LAYOUT:
        # A heading starts a new page when too little room is left for it and
        # its first rows; the tables themselves split across pages, so a long
        # history does not leave a half-empty page behind it.
        story.append(CondPageBreak(KEEP_WITH_HEADING))
        story.append(Paragraph(escape(f"{number}. {title}"), STYLES["section"]))
        for heading, slug in kinds:
            if heading:
                story.append(CondPageBreak(KEEP_WITH_HEADING))
                story.append(Paragraph(escape(heading), STYLES["kind"]))
            story.append(_kind_table(sections[slug]))
    return story


def _kind_table(section: KindSection) -> Table:
    """A ruled table of one kind's entries, oldest first as the DRH lists them."""
    fields = [section.kind.model._meta.get_field(name) for name in section.kind.columns]
    header = [_p("No.", "head"), *(_p(capfirst(str(h)), "head") for h in section.headers)]
    values = [row for _, row, _ in section.rows]
    ordering = section.kind.model._meta.ordering or []
    if ordering and ordering[0].startswith("-"):
        values.reverse()
    rows = [header]
    rows += [[_p(f"{n}.", "number"), *(_p(_text(v)) for v in row)]
             for n, row in enumerate(values, start=1)]
    style = [*RULED, ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9)),
             ("VALIGN", (0, 0), (-1, 0), "MIDDLE")]
    if not values:
        rows.append([_p(HIDDEN if section.hidden else EMPTY, "empty"), *([""] * len(fields))])
        style.append(("SPAN", (0, 1), (-1, 1)))
    table = Table(rows, colWidths=_column_widths(fields), repeatRows=1)
    table.setStyle(TableStyle(style))
    return table


def _column_widths(fields: Iterable[models.Field]) -> list[float]:
    """Dates and small numbers get narrow columns, text shares what is left."""
    weights = []
    for field in fields:
        if isinstance(field, models.BooleanField):
            weights.append(1.1)  # "menerima tunjangan keluarga" must not break inside words
        elif isinstance(field, models.PositiveSmallIntegerField):
            weights.append(0.75)
        elif isinstance(field, models.DateField):
            weights.append(1.35)
        else:
            weights.append(2.0)
    rest = WIDTH - NUMBER_WIDTH
    return [NUMBER_WIDTH, *(rest * w / sum(weights) for w in weights)]


def _closing(employee: Employee, on: datetime.datetime) -> KeepTogether:
    today = timezone.localtime(on).date() if timezone.is_aware(on) else on.date()
    signature = [
        _p(f"{PLACE}, {indonesian_date(today)}", "sign"),
        _p("Yang membuat,", "sign"),
        Spacer(1, 18 * mm),
        Paragraph(f"<u><b>{escape(employee.display_name)}</b></u>", STYLES["sign"]),
        _p(f"NIP. {employee.nip_grouped}", "sign"),
    ]
    block = Table([["", signature]], colWidths=[WIDTH * 0.55, WIDTH * 0.45])
    block.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return KeepTogether([_p(CLOSING, "text"), Spacer(1, 6 * mm), block])
