"""Defect 7, R-CONF-1: a file leaves the server only through the scoped download view."""

import uuid

import pytest
from django.urls import reverse

from smart.audit.models import AuditEvent
from smart.documents.services import document_withdraw
from smart.documents.tests.samples import make_document, pdf_bytes
from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_document(cast):
    """The plain employee's own SK CPNS, in unit A (Dinkes)."""
    return make_document(cast.employee_record, actor=cast.admin_a,
                         name='SK "CPNS" Pegawai.pdf', content=pdf_bytes())


def _get(client, user, document_uuid, **kwargs):
    client.logout()
    if user is not None:
        assert client.login(username=user.username, password=PASSWORD)
    return client.get(reverse("documents:download", args=[document_uuid]), **kwargs)


def _downloads():
    return AuditEvent.objects.filter(action="documents.document.download")


def test_the_owner_downloads_the_exact_bytes_as_an_attachment(client, cast, own_document,
                                                              media_root):
    response = _get(client, cast.employee, own_document.uuid)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == (
        media_root / own_document.file.name).read_bytes()
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="SK \\"CPNS\\" Pegawai.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Security-Policy"] == "sandbox"
    assert not _downloads().exists()  # reading one's own papers is not an event


def test_a_non_ascii_name_is_sent_as_rfc_6266_filename_star(client, cast):
    document = make_document(cast.employee_record, name="Ijazah S1 – Ūniversitas.pdf",
                             type_code="IJAZAH")
    response = _get(client, cast.employee, document.uuid)
    assert "filename*=utf-8''Ijazah%20S1%20%E2%80%93%20%C5%AAniversitas.pdf" in response[
        "Content-Disposition"]


def test_the_unit_admin_downloads_and_the_read_is_audited(client, cast, own_document):
    response = _get(client, cast.admin_a, own_document.uuid)
    assert response.status_code == 200
    event = _downloads().get()
    assert event.actor == cast.admin_a
    assert event.target_id == str(own_document.pk)
    assert event.data["employee_id"] == cast.employee_record.pk


@pytest.mark.parametrize("who", ["admin_b", "hr_manager_b", "super_admin"])
def test_out_of_scope_users_get_a_404(client, cast, own_document, who):
    assert _get(client, getattr(cast, who), own_document.uuid).status_code == 404
    assert not _downloads().exists()


def test_another_employee_gets_a_404(client, cast):
    document = make_document(cast.colleague_a)
    assert _get(client, cast.employee, document.uuid).status_code == 404


def test_anonymous_is_sent_to_the_login_page_whatever_the_referer(client, cast,
                                                                  own_document):
    login = reverse("accounts:login")
    for referer in (login, "/akun/masuk/", "/", "https://evil.example/"):
        response = _get(client, None, own_document.uuid, headers={"Referer": referer})
        assert response.status_code == 302
        assert response.url.startswith(login)


def test_a_withdrawn_document_is_a_404_for_everyone(client, cast, own_document):
    document_withdraw(document=own_document, actor=cast.admin_a, reason="Salah unggah")
    for user in (cast.employee, cast.admin_a, cast.verifier, cast.system_manager):
        assert _get(client, user, own_document.uuid).status_code == 404


def test_an_unknown_id_is_a_404(client, cast):
    assert _get(client, cast.admin_a, uuid.uuid4()).status_code == 404
    client.login(username=cast.admin_a.username, password=PASSWORD)
    assert client.get("/dokumen/1/").status_code == 404  # the pk is never an address


def test_a_missing_stored_file_is_a_404_not_a_500(client, cast, own_document, media_root):
    (media_root / own_document.file.name).unlink()
    assert _get(client, cast.employee, own_document.uuid).status_code == 404


def test_an_old_version_stays_downloadable(client, cast, own_document):
    make_document(cast.employee_record, replaces=own_document, name="sk_revisi.pdf")
    assert _get(client, cast.employee, own_document.uuid).status_code == 200


def test_only_get_is_allowed(client, cast, own_document):
    client.login(username=cast.employee.username, password=PASSWORD)
    url = reverse("documents:download", args=[own_document.uuid])
    assert client.post(url).status_code == 405
