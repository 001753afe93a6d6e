"""R-DATA-1: storing, replacing, withdrawing and re-checking documents."""

import hashlib
import stat

import pytest
from django.core.exceptions import ValidationError

from smart.audit.models import AuditEvent
from smart.documents.models import Document, DocumentType
from smart.documents.services import document_store, document_verify_integrity, document_withdraw
from smart.documents.tests.samples import image_bytes, make_document, pdf_bytes, upload

pytestmark = pytest.mark.django_db


def _files(root):
    return sorted(p for p in root.rglob("*") if p.is_file())


def test_a_pdf_is_stored_under_a_server_name_with_its_hash(cast, media_root):
    content = pdf_bytes()
    document = make_document(cast.colleague_a, actor=cast.admin_a, name="SK CPNS Rekan.pdf",
                             content=content)
    document.refresh_from_db()
    assert document.content_type == "application/pdf"
    assert document.sha256 == hashlib.sha256(content).hexdigest()
    assert document.size == len(content)
    assert document.original_name == "SK CPNS Rekan.pdf"
    assert document.file.name == f"{cast.colleague_a.pk}/{document.uuid}.pdf"
    stored = media_root / document.file.name
    assert stored.read_bytes() == content
    assert _files(media_root) == [stored]
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    assert (document.uploaded_by, document.uploaded_by_label) == (cast.admin_a, "ADMIN_DINKES")


def test_the_store_is_audited_with_the_hash(cast):
    document = make_document(cast.colleague_a, actor=cast.admin_a)
    event = AuditEvent.objects.get(action="documents.document.store")
    assert event.actor == cast.admin_a
    assert event.target_id == str(document.pk)
    assert event.data["sha256"] == document.sha256
    assert event.data["uuid"] == str(document.uuid)


def test_images_get_their_sniffed_type_and_extension(cast):
    png = make_document(cast.colleague_a, name="ktp.png", content=image_bytes("PNG"),
                        type_code="KTP")
    jpeg = make_document(cast.colleague_a, name="kk.jpeg", content=image_bytes("JPEG"),
                         type_code="KK")
    assert (png.content_type, png.file.name[-4:]) == ("image/png", ".png")
    assert (jpeg.content_type, jpeg.file.name[-4:]) == ("image/jpeg", ".jpg")


def test_a_refused_file_leaves_no_row_and_no_file(cast, media_root):
    with pytest.raises(ValidationError):
        make_document(cast.colleague_a, name="palsu.pdf", content=b"%PDF-1.4\nteks\n")
    assert not Document.objects.exists()
    assert _files(media_root) == []


def test_when_the_row_cannot_be_written_the_file_is_removed(cast, media_root):
    unsaved_type = DocumentType(code="BARU", name="Belum disimpan")
    with pytest.raises(ValueError, match="unsaved related object"):
        document_store(employee=cast.colleague_a, document_type=unsaved_type,
                       uploaded_file=upload("sk.pdf", pdf_bytes()), actor=cast.admin_a)
    assert not Document.objects.exists()
    assert _files(media_root) == []
    assert not AuditEvent.objects.filter(action="documents.document.store").exists()


def test_a_replacement_keeps_the_old_version(cast, media_root):
    first = make_document(cast.colleague_a, actor=cast.admin_a, content=pdf_bytes())
    second = make_document(cast.colleague_a, actor=cast.admin_a, name="sk_cpns_revisi.pdf",
                           replaces=first)
    assert second.replaces == first
    assert list(first.replacements.all()) == [second]
    assert (media_root / first.file.name).exists()
    assert document_verify_integrity(first) is True
    assert list(Document.objects.current()) == [second]
    assert set(Document.objects.visible_to(cast.admin_a)) == {first, second}


def test_only_the_latest_version_of_the_same_employee_can_be_replaced(cast):
    first = make_document(cast.colleague_a)
    make_document(cast.colleague_a, replaces=first)
    with pytest.raises(ValidationError) as caught:
        make_document(cast.colleague_a, replaces=first)
    assert caught.value.code == "replace_not_current"
    with pytest.raises(ValidationError) as caught:
        make_document(cast.person_b, replaces=make_document(cast.colleague_a))
    assert caught.value.code == "replace_other_employee"


def test_withdrawing_a_replacement_makes_the_old_version_current_again(cast):
    first = make_document(cast.colleague_a)
    second = make_document(cast.colleague_a, replaces=first)
    document_withdraw(document=second, actor=cast.admin_a, reason="Salah unggah")
    assert list(Document.objects.current().filter(withdrawn_at__isnull=True)) == [first]
    third = make_document(cast.colleague_a, replaces=first)
    assert third.replaces == first


def test_withdrawal_needs_a_reason_keeps_the_file_and_is_audited(cast, media_root):
    document = make_document(cast.colleague_a)
    with pytest.raises(ValidationError):
        document_withdraw(document=document, actor=cast.admin_a, reason="  ")
    document_withdraw(document=document, actor=cast.admin_a, reason="Dokumen kedaluwarsa")
    document.refresh_from_db()
    assert document.is_withdrawn
    assert document.withdrawal_reason == "Dokumen kedaluwarsa"
    assert (media_root / document.file.name).exists()
    assert not Document.objects.visible_to(cast.admin_a).exists()
    assert AuditEvent.objects.filter(action="documents.document.withdraw",
                                     target_id=str(document.pk)).exists()
    with pytest.raises(ValidationError):
        document_withdraw(document=document, actor=cast.admin_a, reason="lagi")


def test_the_integrity_check_detects_a_modified_or_missing_file(cast, media_root):
    document = make_document(cast.colleague_a)
    assert document_verify_integrity(document) is True
    stored = media_root / document.file.name
    original = stored.read_bytes()
    stored.write_bytes(original.replace(b"/MediaBox", b"/MediaBoy"))
    assert document_verify_integrity(document) is False
    stored.write_bytes(original + b"\n")
    assert document_verify_integrity(document) is False
    stored.unlink()
    assert document_verify_integrity(document) is False


def test_stored_files_have_no_url(cast):
    document = make_document(cast.colleague_a)
    with pytest.raises(ValueError, match="no URL"):
        document.file.url  # noqa: B018
