"""Who signs the printed reports: the head of the personnel agency (BKPSDM).

The Super Administrator names the signer in the report layout (Pasal 11h,
``reports.layout``). Without a name there, the signer is whoever holds the head
position of the unit named by ``SMART_REPORT_SIGNING_UNIT``: the employee of
that unit at the unit's head eselon; the layout's position title still applies.
An office holder's name, NIP and title are public, so this one read is not
scoped to the viewer.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from smart.people.models import Employee
from smart.references.models import Unit
from smart.reports.layout import current_layout

DEFAULT_TITLE = "KEPALA BADAN KEPEGAWAIAN, PENDIDIKAN DAN PELATIHAN"


@dataclass(frozen=True)
class Signer:
    title: str
    name: str
    nip: str
    pangkat: str = ""


def signing_official() -> Signer:
    """The signer of reports; name and NIP empty (a line to sign over) when the
    head position is vacant or not recorded."""
    layout = current_layout()
    if layout.signer_name:
        return Signer(title=(layout.signer_title or DEFAULT_TITLE).upper(),
                      name=layout.signer_name, nip=layout.signer_nip,
                      pangkat=layout.signer_pangkat)
    signer = _head_of_signing_unit()
    if layout.signer_title:
        signer = Signer(title=layout.signer_title.upper(), name=signer.name, nip=signer.nip,
                        pangkat=signer.pangkat)
    return signer


def _head_of_signing_unit() -> Signer:
    unit = Unit.objects.filter(code=settings.SMART_REPORT_SIGNING_UNIT).first()
    head = None
    if unit is not None and unit.head_echelon_id:
        head = (Employee.objects.filter(unit=unit, echelon_id=unit.head_echelon_id)
                .select_related("golongan").order_by("-tmt_position", "pk").first())
    if head is None:
        return Signer(title=DEFAULT_TITLE, name="", nip="")
    pangkat = (f"{head.golongan.pangkat} ({head.golongan.name})"
               if head.golongan_id and head.golongan.pangkat else "")
    return Signer(title=(head.position_name or DEFAULT_TITLE).upper(),
                  name=head.display_name, nip=head.nip_grouped, pangkat=pangkat)
