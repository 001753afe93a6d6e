"""Pasal 14b: a verifier adds or corrects an entry directly, with a reason and
a document, recorded as a request proposed and validated by the verifier;
R-DATA-3/5: the record's current values and history follow."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from smart.audit.models import AuditEvent
from smart.changes.models import ChangeRequest
from smart.documents.models import Document, DocumentType
from smart.documents.tests.samples import pdf_bytes
from smart.people.models import Employee
from smart.records.models import RankHistory
from smart.records.services import rank_on
from smart.references.models import Golongan
from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db


def _post_rank(client, target, *, tmt="2018-04-01", file=True, **extra):
    data = {
        "golongan": Golongan.objects.get(code="34").pk, "tmt": tmt, "mk_years": "8",
        "mk_months": "3", "sk_number": "823/BKPP/2018/77", "sk_date": "2018-03-01",
        "reason": "Sesuai SK kenaikan pangkat", "dokumen-document_type":
            DocumentType.objects.get(code="SK_PANGKAT").pk, **extra,
    }
    if file:
        data["dokumen-file"] = SimpleUploadedFile("sk.pdf", pdf_bytes(), "application/pdf")
    return client.post(reverse("changes:direct", args=[target.pk, "pangkat"]), data)


def test_a_verifier_adds_a_rank_with_its_sk_and_the_record_follows(client, cast):
    client.login(username=cast.verifier.username, password=PASSWORD)
    response = _post_rank(client, cast.colleague_a)
    assert response.status_code == 302
    entry = RankHistory.objects.get(employee=cast.colleague_a)
    assert entry.validated_by == cast.verifier and entry.validated_at is not None
    document = Document.objects.get(record_kind="pangkat", record_id=entry.pk)
    assert document.document_type.code == "SK_PANGKAT"
    employee = Employee.objects.get(pk=cast.colleague_a.pk)
    assert (employee.golongan.name, employee.tmt_golongan) == ("III/d", datetime.date(2018, 4, 1))
    assert AuditEvent.objects.filter(action="records.pangkat.create").exists()
    request = ChangeRequest.objects.get()
    assert (request.stage, request.proposer, request.route) == (
        "validated", cast.verifier, "koreksi-langsung")
    assert request.applied_entry_id == entry.pk
    assert "Sesuai SK kenaikan pangkat" in entry.history.first().history_change_reason
    assert rank_on(employee, datetime.date(2018, 3, 31)) is None
    assert rank_on(employee, datetime.date(2019, 1, 1)) == entry


def test_without_a_document_nothing_is_saved(client, cast):
    client.login(username=cast.verifier.username, password=PASSWORD)
    response = _post_rank(client, cast.colleague_a, file=False)
    assert response.status_code == 200
    assert not RankHistory.objects.exists()
    assert "tidak boleh kosong" in response.content.decode()


def test_a_rank_before_tmt_cpns_is_refused_in_indonesian(client, cast):
    client.login(username=cast.verifier.username, password=PASSWORD)
    response = _post_rank(client, cast.colleague_a, tmt="2005-01-01")
    assert response.status_code == 200
    assert "tidak boleh sebelum TMT CPNS" in response.content.decode()
    assert not RankHistory.objects.exists() and not Document.objects.exists()


def test_a_fake_pdf_is_refused_and_nothing_is_saved(client, cast):
    client.login(username=cast.verifier.username, password=PASSWORD)
    fake = SimpleUploadedFile("sk.pdf", b"%PDF-1.4 not really a pdf", "application/pdf")
    response = _post_rank(client, cast.colleague_a, file=False, **{"dokumen-file": fake})
    assert response.status_code == 200
    assert not RankHistory.objects.exists() and not Document.objects.exists()


def test_fields_outside_the_form_cannot_be_posted(client, cast):
    client.login(username=cast.verifier.username, password=PASSWORD)
    _post_rank(client, cast.colleague_a, **{"employee": cast.person_b.pk,
                                            "validated_by": cast.admin_a.pk})
    entry = RankHistory.objects.get()
    assert entry.employee_id == cast.colleague_a.pk
    assert entry.validated_by == cast.verifier


@pytest.mark.parametrize("who", ["employee", "admin_a", "system_manager", "leader"])
def test_nobody_but_a_verifier_writes_directly(client, cast, who):
    client.login(username=getattr(cast, who).username, password=PASSWORD)
    assert _post_rank(client, cast.colleague_a).status_code == 404
    assert not RankHistory.objects.exists()


def test_a_verifier_never_corrects_their_own_record(client, cast):
    client.login(username=cast.verifier.username, password=PASSWORD)
    assert _post_rank(client, cast.verifier.employee).status_code == 404


def test_a_correction_keeps_the_old_value_in_the_entry_history(client, cast):
    client.login(username=cast.verifier.username, password=PASSWORD)
    _post_rank(client, cast.colleague_a)
    entry = RankHistory.objects.get()
    data = {
        "golongan": Golongan.objects.get(code="34").pk, "tmt": "2018-04-01", "mk_years": "8",
        "mk_months": "4", "sk_number": "823/BKPP/2018/78", "sk_date": "2018-03-01",
        "reason": "Salah ketik nomor SK",
        "dokumen-document_type": DocumentType.objects.get(code="SK_PANGKAT").pk,
        "dokumen-file": SimpleUploadedFile("sk2.pdf", pdf_bytes(), "application/pdf"),
    }
    url = reverse("changes:direct_entry", args=[cast.colleague_a.pk, "pangkat", entry.pk])
    assert client.post(url, data).status_code == 302
    page = client.get(reverse("records:entry_detail",
                              args=[cast.colleague_a.pk, "pangkat", entry.pk])).content.decode()
    assert "823/BKPP/2018/77 → 823/BKPP/2018/78" in page
    assert "Salah ketik nomor SK" in page
