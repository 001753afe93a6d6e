"""What the attacks aim at: unit B's (Disdik) people and everything that hangs
off them, built once per test from the personas (tests/personas.py).

Unit A is the Health Office (Dinkes, ``cast.admin_a``); unit B is the
Education Office (Disdik, ``cast.admin_b``, ``cast.person_b``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from smart.access.models import AccessRequest, Delegation, Role
from smart.changes.models import Action, ChangeRequest
from smart.documents.models import Document
from smart.documents.tests.samples import make_document
from smart.notifications.models import Notification
from smart.people.models import Employee
from smart.records.models import Child, DisciplinaryPenalty, RankHistory
from smart.records.registry import KINDS, REGISTRY
from smart.records.services import record_delete
from smart.references.models import Golongan, PenaltyType, Sex, Unit


@dataclass
class UnitB:
    employees: list[Employee]
    entries: list[tuple[Employee, str, int]]  # (employee, kind slug, entry id)
    documents: list[Document]
    requests: list[ChangeRequest]
    notifications: list[Notification]
    access_requests: list[AccessRequest]
    delegations: list[Delegation]
    releases: list = field(default_factory=list)

    @property
    def nips(self) -> list[str]:
        return [e.nip for e in self.employees]

    @property
    def grouped_nips(self) -> list[str]:
        return [e.nip_grouped for e in self.employees]

    @property
    def names(self) -> list[str]:
        return [e.name for e in self.employees]


def entries_for(employee: Employee) -> list[tuple[str, int]]:
    """One rank, one child and one discipline entry: a career, a family and a
    SPECIFIC kind."""
    rank = RankHistory.objects.create(
        employee=employee, golongan=Golongan.objects.get(code="32"),
        tmt=datetime.date(2014, 4, 1), sk_number=f"823/{employee.pk}/2014",
        sk_date=datetime.date(2014, 3, 1))
    child = Child.objects.create(employee=employee, name=f"ANAK {employee.name}",
                                 birth_date=datetime.date(2015, 5, 1),
                                 sex=Sex.objects.get(code="M"), nik="1409021505150001")
    penalty = DisciplinaryPenalty.objects.create(
        employee=employee, penalty_type=PenaltyType.objects.get(code="1"),
        sk_number=f"800/HD/{employee.pk}", sk_date=datetime.date(2024, 1, 5),
        start_date=datetime.date(2024, 1, 5), violation="Tidak masuk kerja")
    return [("pangkat", rank.pk), ("anak", child.pk), ("hukuman-disiplin", penalty.pk)]


def documents_for(employee: Employee, entries: list[tuple[str, int]]) -> list[Document]:
    """A core document, one per entry, and one whose entry was deleted (a
    parentless document: the Odoo lesson of security.md case 2)."""
    documents = [make_document(employee)]
    for slug, entry_id in entries:
        document = make_document(employee)
        Document.objects.filter(pk=document.pk).update(record_kind=slug, record_id=entry_id)
        documents.append(Document.objects.get(pk=document.pk))
    orphan_rank = RankHistory.objects.create(
        employee=employee, golongan=Golongan.objects.get(code="31"),
        tmt=datetime.date(2011, 4, 1), sk_number=f"823/{employee.pk}/2011",
        sk_date=datetime.date(2011, 3, 1))
    orphan = make_document(employee, type_code="SK_PANGKAT")
    Document.objects.filter(pk=orphan.pk).update(record_kind="pangkat",
                                                 record_id=orphan_rank.pk)
    record_delete(kind=REGISTRY["pangkat"], entry=orphan_rank, actor=None, reason="uji")
    documents.append(Document.objects.get(pk=orphan.pk))
    return documents


def build_unit_b(cast) -> UnitB:
    """Two employees of Disdik (a teacher and the unit admin's own record), with
    entries, documents, a request, a notification, an access request and a Plh."""
    employees = [cast.person_b, cast.admin_b.employee]
    entries, documents = [], []
    for employee in employees:
        own = entries_for(employee)
        entries += [(employee, slug, pk) for slug, pk in own]
        documents += documents_for(employee, own)
    request = ChangeRequest.objects.create(
        employee=cast.admin_b.employee, kind="pangkat", action=Action.ADD,
        proposer=cast.admin_b, stage="submitted", proposed={"sk_number": "X"})
    request.documents.add(make_document(cast.admin_b.employee))
    notification = Notification.objects.create(user=cast.admin_b, message="Usulan menunggu.",
                                               url="/usulan/")
    access_request = AccessRequest.objects.create(
        user=cast.admin_b, role=Role.HR_MANAGER, unit=Unit.objects.get(code="DISDIK"),
        reason="Pengelola kepegawaian baru.", proposer=cast.hr_manager_b)
    delegation = Delegation.objects.create(
        holder=cast.admin_b, acting=cast.hr_manager_b, kind=Delegation.Kind.PLH,
        valid_from=datetime.date.today(), valid_to=datetime.date.today(), decree="SPRIN/9")
    return UnitB(employees=employees, entries=entries, documents=documents,
                 requests=[request], notifications=[notification],
                 access_requests=[access_request], delegations=[delegation])


ALL_KIND_SLUGS = [kind.slug for kind in KINDS] + ["identitas"]


def drh_export(requester_employee: Employee):
    from smart.releases.policies import Export

    return Export(code="records.drh", label=f"DRH lengkap {requester_employee.name}", rows=1,
                  specific=True, params={"employee": requester_employee.pk})


def add_release(cast, unit_b: UnitB) -> None:
    """A data release asked for by Disdik's HR manager about a Disdik teacher."""
    from smart.releases.services import release_request

    unit_b.releases.append(release_request(
        requester=cast.hr_manager_b, export=drh_export(cast.person_b),
        purpose="Bahan sidang Baperjakat."))


def rank_proposal(*, sk_number: str = "823/BKPP/2018/1", **extra) -> dict:
    """The POST body of the employee's proposal of a new rank, with its SK."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from smart.documents.models import DocumentType
    from smart.documents.tests.samples import pdf_bytes

    return {
        "golongan": Golongan.objects.get(code="34").pk, "tmt": "2018-04-01",
        "mk_years": "8", "mk_months": "0", "sk_number": sk_number,
        "sk_date": "2018-03-01", "note": "SK terlampir", "kirim": "1",
        "dokumen-document_type": DocumentType.objects.get(code="SK_PANGKAT").pk,
        "dokumen-file": SimpleUploadedFile("sk.pdf", pdf_bytes(), "application/pdf"),
        **extra,
    }
