"""Attack case 11 (security.md §8), checklist F1–F4: polyglots and file-name
tricks. Each file is refused, or kept under a server name (UUID) with a safe
display name — and never served as anything a browser would run.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from PIL import Image

from smart.changes.models import ChangeRequest
from smart.documents.models import Document
from smart.documents.tests.samples import image_bytes, make_document, pdf_bytes, upload
from tests.attacks.scenery import rank_proposal
from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db

HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"
SVG = (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
       b"<script>alert(1)</script></svg>")
SAFE_TYPES = {"application/pdf", "image/png", "image/jpeg"}


def _download(client, user, document):
    client.logout()
    client.login(username=user.username, password=PASSWORD)
    return client.get(reverse("documents:download", args=[document.uuid]))


def _stored_bytes(document) -> bytes:
    return (Path(settings.MEDIA_ROOT) / document.file.name).read_bytes()


def _assert_served_safely(response):
    """F4: never HTML; an attachment; no sniffing; a sandbox if opened anyway."""
    assert response.status_code == 200
    assert response["Content-Type"] in SAFE_TYPES
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"
    assert "\n" not in response["Content-Disposition"] and "\r" not in response[
        "Content-Disposition"]


@pytest.mark.parametrize(("name", "content"), [
    ("foto.png", b"\x89PNG\r\n\x1a\n" + HTML),  # a PNG signature in front of HTML
    ("foto.jpg", b"\xff\xd8\xff\xe0" + HTML),  # a JPEG one
    ("foto.svg", SVG), ("foto.png", SVG),
    ("sk.pdf.html", pdf_bytes()),  # a real PDF whose name ends in .html
    ("sk.html", HTML), ("sk.pdf", HTML),
    ("..\\..\\settings.py", pdf_bytes()), ("../../config/settings.py", b"SECRET_KEY='x'"),
    ("sk\x00.pdf.html", pdf_bytes()),  # NUL: the C-string cut would leave "sk"
])
def test_case_11_tricks_are_refused_and_leave_nothing(cast, name, content):
    """Case 11 / F1: wrong content, or a name whose ending is not the content's."""
    with pytest.raises(ValidationError):
        make_document(cast.employee_record, name=name, content=content)
    assert not Document.objects.exists()
    root = Path(settings.MEDIA_ROOT)
    assert not root.exists() or [p for p in root.rglob("*") if p.is_file()] == []


@pytest.mark.parametrize(("name", "shown"), [
    ("..\\..\\settings.pdf", "settings.pdf"),
    ("../../../etc/passwd.pdf", "passwd.pdf"),
    ("sk.html\x00.pdf", "sk.html.pdf"),
    ("foto\u202efdp.exe.pdf", "fotofdp.exe.pdf"),  # RTL override: would show "…exe.pdf"
    ('sk"\r\nSet-Cookie: a=b.pdf', 'sk" Set-Cookie: a=b.pdf'),
])
def test_case_11_a_tricky_name_is_kept_for_display_only(client, cast, name, shown):
    """Case 11 / F2: the file is stored as ``<employee>/<uuid>.pdf`` inside the
    store; the name shown has no path, control or direction characters; the
    download's header stays one line (RFC 6266)."""
    document = make_document(cast.employee_record, name=name)
    assert document.original_name == shown
    assert document.file.name == f"{cast.employee_record.pk}/{document.uuid}.pdf"
    assert (Path(settings.MEDIA_ROOT) / document.file.name).is_file()
    response = _download(client, cast.employee, document)
    _assert_served_safely(response)
    assert "Set-Cookie: a=b" not in str(response.cookies)


def test_case_11_a_300_character_name_is_cut_and_keeps_its_ending(cast):
    document = make_document(cast.employee_record, name="a" * 296 + ".pdf")
    assert len(document.original_name) <= 150 and document.original_name.endswith(".pdf")
    assert document.file.name.endswith(f"{document.uuid}.pdf")


def test_case_11_a_png_with_html_appended_is_stored_as_pixels_only(client, cast):
    """Case 11 / F3: a valid PNG with a page appended after its end passes the
    checks, but what is stored is the image drawn again: the HTML is gone, and
    the hash is that of the stored file."""
    polyglot = image_bytes("PNG") + HTML
    document = make_document(cast.employee_record, name="foto.png", content=polyglot,
                             type_code="KTP")
    stored = _stored_bytes(document)
    assert b"<script" not in stored and stored.startswith(b"\x89PNG")
    assert document.sha256 == hashlib.sha256(stored).hexdigest()
    assert document.size == len(stored)
    response = _download(client, cast.employee, document)
    _assert_served_safely(response)
    assert response["Content-Type"] == "image/png"
    assert b"<script" not in b"".join(response.streaming_content)


def test_f3_exif_and_gps_are_gone_after_upload(cast):
    """F3: a phone photo's EXIF (camera, GPS position) does not survive; its
    orientation does (the pixels are turned upright first)."""
    exif = Image.Exif()
    exif[0x0110] = "Kamera Rahasia"  # Model
    exif[0x0112] = 6  # Orientation: rotate 90° to stand upright
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "S", (0.0, 31.0, 12.0)  # latitude ref and value
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), (10, 120, 30)).save(buffer, "JPEG", exif=exif)
    document = make_document(cast.employee_record, name="foto.jpg",
                             content=buffer.getvalue(), type_code="KTP")
    stored = _stored_bytes(document)
    assert b"Kamera Rahasia" not in stored and b"Exif" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert dict(image.getexif()) == {} and image.size == (40, 60)


def test_f1_limit_plus_one_byte_through_the_proposal_form(client, cast, settings):
    """F1 through the real upload path: a file one byte over the limit is
    refused next to the field, and no request or file is left."""
    content = pdf_bytes()
    settings.SMART_DOCUMENT_MAX_BYTES = len(content) - 1
    client.login(username=cast.employee.username, password=PASSWORD)
    url = reverse("changes:propose", args=[cast.employee_record.pk, "pangkat"])
    response = client.post(url, rank_proposal(**{"dokumen-file": upload("sk.pdf", content)}))
    assert response.status_code == 200
    assert "melebihi batas" in response.content.decode()
    assert not ChangeRequest.objects.exists() and not Document.objects.exists()
    settings.SMART_DOCUMENT_MAX_BYTES = len(content)
    assert client.post(url, rank_proposal(**{"dokumen-file": upload("sk.pdf", content)})
                       ).status_code == 302


def test_f4_every_stored_kind_is_served_as_an_attachment_and_sandboxed(client, cast):
    """F4 for each accepted type, as the owner and as the unit admin."""
    documents = [make_document(cast.employee_record),
                 make_document(cast.employee_record, name="a.png", content=image_bytes("PNG"),
                               type_code="KTP"),
                 make_document(cast.employee_record, name="a.jpg",
                               content=image_bytes("JPEG"), type_code="KK")]
    for user in (cast.employee, cast.admin_a):
        for document in documents:
            _assert_served_safely(_download(client, user, document))
