"""The change-request pages: self-service proposal, queues, moves by POST,
notifications to the next actor (defect 10), daily reminders."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from smart.changes.models import ChangeRequest, Stage
from smart.changes.notices import remind_due_requests
from smart.documents.models import DocumentType
from smart.documents.tests.samples import pdf_bytes
from smart.notifications.models import Notification
from smart.records.registry import KINDS
from smart.references.models import Golongan, Unit
from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db


def _login(client, user):
    client.logout()
    assert client.login(username=user.username, password=PASSWORD)


def _propose(client, cast):
    _login(client, cast.employee)
    response = client.post(
        reverse("changes:propose", args=[cast.employee_record.pk, "pangkat"]), {
            "golongan": Golongan.objects.get(code="34").pk, "tmt": "2018-04-01",
            "mk_years": "8", "mk_months": "0", "sk_number": "823/BKPP/2018/1",
            "sk_date": "2018-03-01", "note": "SK terlampir", "kirim": "1",
            "dokumen-document_type": DocumentType.objects.get(code="SK_PANGKAT").pk,
            "dokumen-file": SimpleUploadedFile("sk.pdf", pdf_bytes(), "application/pdf"),
        })
    assert response.status_code == 302, response.content.decode()[:3000]
    return ChangeRequest.objects.get()


def _move(client, user, change, move, note=""):
    _login(client, user)
    return client.post(reverse("changes:move", args=[change.pk]),
                       {"move": move, "note": note}, follow=True)


def test_an_employee_proposes_and_the_unit_admin_is_told(client, cast):
    change = _propose(client, cast)
    assert change.stage == Stage.SUBMITTED
    assert Notification.objects.filter(user=cast.admin_a).count() == 1
    assert not Notification.objects.filter(user=cast.admin_b).exists()
    _login(client, cast.admin_a)
    inbox = client.get(reverse("changes:inbox")).content.decode()
    assert f'href="{reverse("changes:detail", args=[change.pk])}"' in inbox
    _login(client, cast.admin_b)
    assert "PEGAWAI" not in client.get(reverse("changes:inbox")).content.decode()
    assert client.get(reverse("changes:detail", args=[change.pk])).status_code == 404


def test_an_outsider_cannot_move_a_request_by_post(client, cast):
    change = _propose(client, cast)
    for outsider in (cast.admin_b, cast.super_admin, cast.hr_manager_b):
        assert _move(client, outsider, change, "forward").status_code == 404
    assert ChangeRequest.objects.get().stage == Stage.SUBMITTED


def test_a_double_click_leaves_one_transition_and_explains_itself(client, cast):
    change = _propose(client, cast)
    _move(client, cast.admin_a, change, "forward")
    page = _move(client, cast.admin_a, change, "forward").content.decode()
    assert "sudah berada pada tahap" in page
    assert change.events.filter(move="forward").count() == 1


def test_the_proposer_hears_only_questions_and_the_outcome(client, cast):
    change = _propose(client, cast)
    _move(client, cast.admin_a, change, "forward")
    assert Notification.objects.filter(user=cast.verifier).exists()
    assert not Notification.objects.filter(user=cast.employee).exists()
    _move(client, cast.verifier, change, "ask", "Lampirkan halaman 2 SK")
    assert Notification.objects.filter(user=cast.employee).count() == 1
    page = client.get(reverse("changes:detail", args=[change.pk]))
    _login(client, cast.employee)
    page = client.get(reverse("changes:detail", args=[change.pk])).content.decode()
    assert "Lampirkan halaman 2 SK" in page and "Kirim jawaban" in page
    _move(client, cast.employee, change, "answer", "Sudah saya lampirkan")
    for move in ("verify", "synchronise"):
        _move(client, cast.verifier, change, move)
    assert Notification.objects.filter(user=cast.employee).count() == 1
    _move(client, cast.verifier, change, "validate")
    outcome = Notification.objects.filter(user=cast.employee).latest("created_at")
    assert "divalidasi" in outcome.message


def test_my_proposals_lists_only_mine(client, cast):
    change = _propose(client, cast)
    page = client.get(reverse("changes:mine")).content.decode()
    assert reverse("changes:detail", args=[change.pk]) in page
    _login(client, cast.admin_a)
    assert reverse("changes:detail", args=[change.pk]) not in client.get(
        reverse("changes:mine")).content.decode()


def test_late_requests_show_in_the_oversight_and_get_one_reminder_a_day(client, cast):
    change = _propose(client, cast)
    ChangeRequest.objects.filter(pk=change.pk).update(
        forward_deadline=datetime.date(2020, 1, 2), close_deadline=datetime.date(2020, 1, 2))
    _login(client, cast.system_manager)
    page = client.get(reverse("changes:oversight")).content.decode()
    assert reverse("changes:detail", args=[change.pk]) in page
    before = Notification.objects.filter(user=cast.admin_a).count()
    assert remind_due_requests() >= 1
    assert remind_due_requests() == 0
    assert Notification.objects.filter(user=cast.admin_a).count() == before + 1


def test_a_removal_proposal_needs_a_reason(client, cast):
    from tests.test_access_matrix import make_rank

    entry = make_rank(cast, cast.employee_record)
    _login(client, cast.employee)
    url = reverse("changes:propose_entry", args=[cast.employee_record.pk, "pangkat", entry.pk])
    page = client.post(url, {"aksi": "remove", "note": "", "kirim": "1"})
    assert page.status_code == 200 and not ChangeRequest.objects.exists()
    response = client.post(url, {"aksi": "remove", "note": "Tercatat dua kali", "kirim": "1"})
    assert response.status_code == 302
    assert ChangeRequest.objects.get().action == "remove"


def test_a_returned_request_can_be_completed_and_sent_again(client, cast):
    change = _propose(client, cast)
    _move(client, cast.admin_a, change, "return", "Nomor SK keliru")
    _login(client, cast.employee)
    edit = reverse("changes:edit", args=[change.pk])
    response = client.post(edit, {
        "golongan": Golongan.objects.get(code="34").pk, "tmt": "2018-04-01",
        "mk_years": "8", "mk_months": "0", "sk_number": "823/BKPP/2018/2",
        "sk_date": "2018-03-01", "note": "Nomor SK diperbaiki", "kirim": "1"})
    assert response.status_code == 302
    change.refresh_from_db()
    assert change.stage == Stage.SUBMITTED
    assert change.proposed["sk_number"] == "823/BKPP/2018/2"


def test_the_proposer_corrects_a_value_when_the_verifier_asks_for_it(client, cast):
    """User test: a clarification often asks for a missing or wrong value; the
    answer may correct it, and the request stays with the verifier's question
    until the answer is sent."""
    change = _propose(client, cast)
    _move(client, cast.admin_a, change, "forward")
    _move(client, cast.verifier, change, "ask", "Nomor SK tidak sesuai dokumen")
    _login(client, cast.employee)
    assert "Ubah nilai usulan" in client.get(
        reverse("changes:detail", args=[change.pk])).content.decode()
    response = client.post(reverse("changes:edit", args=[change.pk]), {
        "golongan": Golongan.objects.get(code="34").pk, "tmt": "2018-04-01",
        "mk_years": "8", "mk_months": "0", "sk_number": "823/BKPP/2018/9",
        "sk_date": "2018-03-01", "note": "Nomor SK dibetulkan", "kirim": "1"})
    assert response.status_code == 302
    change.refresh_from_db()
    assert change.stage == Stage.CLARIFICATION  # the answer is still to be sent
    assert change.proposed["sk_number"] == "823/BKPP/2018/9"
    _move(client, cast.employee, change, "answer", "Sudah dibetulkan")
    change.refresh_from_db()
    assert change.stage == Stage.VERIFICATION


def test_the_proposer_attaches_a_document_when_answering(client, cast):
    change = _propose(client, cast)
    _move(client, cast.admin_a, change, "forward")
    _move(client, cast.verifier, change, "ask", "SK halaman 2?")
    _login(client, cast.employee)
    client.post(reverse("changes:move", args=[change.pk]), {
        "move": "answer", "note": "Terlampir",
        "dokumen-document_type": DocumentType.objects.get(code="SK_PANGKAT").pk,
        "dokumen-file": SimpleUploadedFile("hal2.pdf", pdf_bytes(), "application/pdf")})
    change.refresh_from_db()
    assert change.stage == Stage.VERIFICATION
    assert change.documents.count() == 2


def test_a_verifier_validates_several_synchronised_requests_at_once(client, cast):
    change = _propose(client, cast)
    for user, move in ((cast.admin_a, "forward"), (cast.verifier, "verify"),
                       (cast.verifier, "synchronise")):
        _move(client, user, change, move)
    _login(client, cast.admin_a)
    assert client.post(reverse("changes:batch_validate"), {"usulan": [change.pk]}
                       ).status_code == 404
    _login(client, cast.verifier)
    client.post(reverse("changes:batch_validate"), {"usulan": [change.pk, 99999]})
    change.refresh_from_db()
    assert change.stage == Stage.VALIDATED


def test_the_verification_queue_filters_by_agency_and_kind(client, cast):
    change = _propose(client, cast)
    _move(client, cast.admin_a, change, "forward")
    _login(client, cast.verifier)
    url = reverse("changes:queue")
    detail = reverse("changes:detail", args=[change.pk])
    dinkes = Unit.objects.get(code="DINKES").pk
    disdik = Unit.objects.get(code="DISDIK").pk
    assert detail in client.get(url, {"opd": dinkes, "jenis": "pangkat"}).content.decode()
    assert detail not in client.get(url, {"opd": disdik}).content.decode()
    assert detail not in client.get(url, {"jenis": "anak"}).content.decode()
    # The selects keep what was chosen and offer every agency and kind.
    page = client.get(url, {"opd": dinkes, "jenis": "pangkat"}).content.decode()
    assert re.findall(r'<option value="[^"]*" selected>([^<]*)</option>', page) == [
        Unit.objects.get(code="DINKES").name, "Riwayat kepangkatan"]
    agencies = Unit.objects.current().filter(depth=Unit.objects.get(code="DINKES").depth)
    assert page.count("<option") == 2 + agencies.count() + len(KINDS) + 1
    renamed = Unit.objects.get(code="DISDIK")
    renamed.name = 'Dinas "Pendidikan" & <Kebudayaan>'
    renamed.save()
    page = client.get(url).content.decode()
    assert 'Dinas &quot;Pendidikan&quot; &amp; &lt;Kebudayaan&gt;</option>' in page


def test_a_file_without_a_type_or_a_refused_move_stores_nothing(client, cast):
    change = _propose(client, cast)
    _move(client, cast.admin_a, change, "forward")
    _move(client, cast.verifier, change, "ask", "SK halaman 2?")
    _login(client, cast.employee)
    url = reverse("changes:move", args=[change.pk])
    pdf = SimpleUploadedFile("hal2.pdf", pdf_bytes(), "application/pdf")
    page = client.post(url, {"move": "answer", "note": "x", "dokumen-file": pdf}, follow=True)
    assert page.status_code == 200 and "Pilih jenis dokumen" in page.content.decode()
    pdf = SimpleUploadedFile("hal2.pdf", pdf_bytes(), "application/pdf")
    page = client.post(url, {"move": "answer", "note": "", "dokumen-file": pdf,
                             "dokumen-document_type": DocumentType.objects.get(
                                 code="SK_PANGKAT").pk}, follow=True)
    assert "Catatan wajib" in page.content.decode()
    change.refresh_from_db()
    assert change.stage == Stage.CLARIFICATION and change.documents.count() == 1


def test_the_request_page_says_who_must_act_and_by_when(client, cast):
    change = _propose(client, cast)
    page = client.get(reverse("changes:detail", args=[change.pk])).content.decode()
    assert "Menunggu" in page and "Admin OPD" in page
    assert change.forward_deadline.strftime("%d-%m-%Y") in page
