"""R-DATA-1, defect 24, security F1/F2: what an uploaded file must be."""

import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from smart.documents.files import check_document_file, clean_original_name, format_size
from smart.documents.forms import DocumentUploadForm
from smart.documents.models import DocumentType
from smart.documents.tests.samples import EXE_BYTES, image_bytes, pdf_bytes, upload, zip_bytes

MB = 1024 * 1024


def _refusal(name, content) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        check_document_file(upload(name, content))
    return caught.value


def test_a_real_pdf_is_accepted_with_its_sniffed_type_and_hash():
    content = pdf_bytes()
    checked = check_document_file(upload("SK CPNS.pdf", content))
    assert checked.content_type == "application/pdf"
    assert checked.extension == "pdf"
    assert checked.size == len(content)
    assert checked.sha256 == hashlib.sha256(content).hexdigest()


def test_a_5_mb_scanned_pdf_passes_the_default_limit():
    content = pdf_bytes(padding=5 * MB)
    assert len(content) > 5 * MB
    assert check_document_file(upload("sk_pangkat.pdf", content)).size == len(content)


def test_a_file_over_the_limit_is_refused_with_the_size_and_the_limit():
    error = _refusal("besar.pdf", pdf_bytes(padding=12 * MB))
    assert error.code == "too_large"
    assert error.message == "Ukuran berkas 'besar.pdf' 12 MB melebihi batas 10 MB."


def test_the_limit_holds_to_the_byte_and_comes_from_the_settings(settings):
    content = pdf_bytes()
    settings.SMART_DOCUMENT_MAX_BYTES = len(content)
    assert check_document_file(upload("pas.pdf", content)).size == len(content)
    settings.SMART_DOCUMENT_MAX_BYTES = len(content) - 1
    error = _refusal("lebih.pdf", content)
    assert error.code == "too_large"
    assert "melebihi batas" in error.message


def test_raising_the_limit_takes_effect(settings):
    settings.SMART_DOCUMENT_MAX_BYTES = 20 * MB
    assert check_document_file(upload("besar.pdf", pdf_bytes(padding=12 * MB))).size > 12 * MB


def test_a_text_file_that_starts_like_a_pdf_is_refused():
    error = _refusal("palsu.pdf", b"%PDF-1.7\nini hanya teks biasa, bukan PDF\n")
    assert error.code == "pdf"
    assert error.message.startswith("Berkas 'palsu.pdf' bukan PDF yang sah:")


@pytest.mark.parametrize("content", [EXE_BYTES, zip_bytes()], ids=["exe", "zip"])
def test_a_program_or_archive_renamed_pdf_is_refused(content):
    error = _refusal("sk.pdf", content)
    assert error.code == "type"
    assert "hanya PDF, JPEG, atau PNG" in error.message


@pytest.mark.parametrize("content", [
    b"<html><script>alert(1)</script></html>",
    b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    b"nama,nip\nA,1\n",
], ids=["html", "svg", "csv"])
def test_other_content_is_refused(content):
    assert _refusal("foto.png", content).code == "type"


@pytest.mark.parametrize(("fmt", "name", "mime"), [
    ("PNG", "foto.png", "image/png"), ("JPEG", "ktp.jpg", "image/jpeg"),
    ("JPEG", "KTP.JPEG", "image/jpeg"),
])
def test_real_png_and_jpeg_images_pass(fmt, name, mime):
    checked = check_document_file(upload(name, image_bytes(fmt)))
    assert checked.content_type == mime


def test_a_truncated_image_is_refused():
    content = image_bytes("JPEG", (400, 300))
    assert _refusal("ktp.jpg", content[: len(content) // 2]).code == "image"


def test_a_png_with_a_broken_checksum_is_refused():
    content = bytearray(image_bytes("PNG"))
    content[-20] ^= 0xFF  # inside the image data chunk
    assert _refusal("foto.png", bytes(content)).code == "image"


def test_the_name_must_end_as_its_content():
    error = _refusal("sk.pdf.html", pdf_bytes())
    assert error.code == "extension"
    assert "berisi PDF" in error.message
    assert _refusal("foto.pdf", image_bytes("PNG")).code == "extension"
    assert _refusal("tanpa-akhiran", pdf_bytes()).code == "extension"


def test_an_empty_file_is_refused():
    assert _refusal("kosong.pdf", b"").code == "empty"


@pytest.mark.parametrize(("raw", "clean"), [
    ("..\\..\\settings.py", "settings.py"),
    ("../../etc/passwd", "passwd"),
    ("sk\x00cpns.pdf", "skcpns.pdf"),
    ("fdp.\u202eexe.pdf", "fdp.exe.pdf"),
    ("  SK   Pangkat\n2024.pdf ", "SK Pangkat 2024.pdf"),
    ("", "dokumen"),
    ("..", "dokumen"),
])
def test_the_original_name_is_made_safe(raw, clean):
    assert clean_original_name(raw) == clean


def test_a_long_name_is_cut_but_keeps_its_extension():
    clean = clean_original_name("a" * 300 + ".pdf")
    assert len(clean) == 150
    assert clean.endswith("a.pdf")


def test_sizes_are_written_the_indonesian_way():
    assert format_size(int(12.3 * MB)) == "12,3 MB"
    assert format_size(10 * MB) == "10 MB"
    assert format_size(850 * 1024) == "850 KB"


def test_limit_plus_one_byte_names_the_bytes():
    # Rounded to megabytes the two sizes would read the same.
    with pytest.raises(ValidationError) as caught:
        check_document_file(ContentFile(b"x" * (10 * MB + 1), name="pas.pdf"))
    assert "10.485.761 bita melebihi batas 10.485.760 bita (10 MB)" in caught.value.message


@pytest.mark.django_db
def test_the_upload_form_refuses_a_fake_pdf_next_to_the_field():
    sk = DocumentType.objects.get(code="SK_CPNS")
    form = DocumentUploadForm(data={"document_type": sk.pk},
                              files={"file": upload("palsu.pdf", b"%PDF-1.4\nteks\n")})
    assert not form.is_valid()
    assert form.errors["file"][0].startswith("Berkas 'palsu.pdf' bukan PDF yang sah")


@pytest.mark.django_db
def test_the_upload_form_accepts_a_real_pdf_and_states_the_limit(settings):
    sk = DocumentType.objects.get(code="SK_CPNS")
    form = DocumentUploadForm(data={"document_type": sk.pk},
                              files={"file": upload("sk.pdf", pdf_bytes())})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["document_type"] == sk
    assert "10 MB" in str(form.fields["file"].help_text)
    settings.SMART_DOCUMENT_MAX_BYTES = 20 * MB
    assert "20 MB" in str(DocumentUploadForm().fields["file"].help_text)


@pytest.mark.django_db
def test_the_lampiran_document_types_are_seeded():
    codes = set(DocumentType.objects.active().values_list("code", flat=True))
    assert {"KTP", "KK", "SK_CPNS", "SK_PNS", "SK_PANGKAT", "IJAZAH", "AKTA_NIKAH",
            "STTP_TEKNIS", "SK_PLT_PLH", "LAINNYA"} <= codes
    assert len(codes) == 29
