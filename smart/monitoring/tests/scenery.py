"""A small regency for the M&E tests, with hand-countable gaps.

Campaign "Perekaman 2026" counts four elements: NIK, NPWP, a rank entry
(riwayat pangkat) and a KTP file. The cast's employees all have a NIK and no
NPWP, rank or KTP, except:

- ``cast.colleague_a`` (Dinkes): NPWP, a rank and a KTP → complete (0 missing);
- ``cast.employee_record`` (Dinkes): NPWP → missing rank and KTP (2);
- ``cast.admin_a.employee`` (Dinkes): missing NPWP, rank, KTP (3).

So Dinkes has 3 employees, 12 elements, 5 missing: 58.3 %, 1 complete.
"""

from __future__ import annotations

import datetime

from smart.documents.models import DocumentType
from smart.documents.tests.samples import make_document
from smart.monitoring.services import campaign_create
from smart.records.models import RankHistory
from smart.references.models import Golongan

ELEMENTS = ["data:nik", "data:npwp", "riwayat:pangkat"]


def give_rank(employee):
    return RankHistory.objects.create(
        employee=employee, golongan=Golongan.objects.get(code="32"),
        tmt=datetime.date(2014, 4, 1), sk_number="823/BKPP/2014/1",
        sk_date=datetime.date(2014, 3, 1))


def fill_gaps(cast) -> None:
    colleague = cast.colleague_a
    colleague.npwp = "123456789012345"
    colleague.save(update_fields=["npwp"])
    give_rank(colleague)
    make_document(colleague, name="ktp.pdf", type_code="KTP")
    own = cast.employee_record
    own.npwp = "987654321098765"
    own.save(update_fields=["npwp"])


def make_campaign(cast, *, start=None, deadline=None, name="Perekaman 2026"):
    today = datetime.date.today()
    return campaign_create(
        actor=cast.system_manager, name=name, start_date=start or today,
        deadline=deadline or today + datetime.timedelta(days=90), elements=ELEMENTS,
        document_types=DocumentType.objects.filter(code="KTP"))
