"""The layout of printed reports as the Super Administrator set it (Pasal 11h),
with the built-in values wherever a field is left empty."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from smart.reports.models import ReportLayout

AGENCY = "BADAN KEPEGAWAIAN, PENDIDIKAN DAN PELATIHAN"  # BKPP (domain.md: the name in 2026)
ADDRESS = "Jl. Perintis Kemerdekaan, Teluk Kuantan, Kabupaten Kuantan Singingi, Riau"
PLACE = "Teluk Kuantan"


@dataclass(frozen=True)
class Layout:
    letterhead: tuple[str, str, str]
    logo_text: str
    place: str
    signer_title: str
    signer_name: str
    signer_nip: str
    signer_pangkat: str


def default_letterhead() -> tuple[str, str, str]:
    return (f"PEMERINTAH {settings.SMART_REGENCY_NAME}".upper(), AGENCY, ADDRESS)


def stored_layout() -> ReportLayout:
    """The one stored row (unsaved and empty when the layout was never set)."""
    return ReportLayout.objects.order_by("pk").first() or ReportLayout()


def current_layout() -> Layout:
    stored = stored_layout()
    defaults = default_letterhead()
    return Layout(
        letterhead=(stored.letterhead_1 or defaults[0], stored.letterhead_2 or defaults[1],
                    stored.letterhead_3 or defaults[2]),
        logo_text=stored.logo_text, place=stored.place or PLACE,
        signer_title=stored.signer_title, signer_name=stored.signer_name,
        signer_nip=stored.signer_nip, signer_pangkat=stored.signer_pangkat)
