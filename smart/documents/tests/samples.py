"""Real sample files for the document tests, made with pypdf and Pillow."""

from __future__ import annotations

import io
import os
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter

from smart.documents.models import Document, DocumentType
from smart.documents.services import document_store


def pdf_bytes(*, padding: int = 0) -> bytes:
    """A one-page A4 PDF; ``padding`` bytes of embedded data make it as big as
    a scanned SK while pypdf still parses it."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if padding:
        writer.add_attachment("pindaian.bin", os.urandom(padding))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def image_bytes(fmt: str, size: tuple[int, int] = (60, 40)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, fmt)
    return buffer.getvalue()


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("isi.txt", "bukan PDF")
    return buffer.getvalue()


EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 500


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def make_document(employee, *, actor=None, name: str = "sk_cpns.pdf",
                  content: bytes | None = None, type_code: str = "SK_CPNS",
                  replaces: Document | None = None) -> Document:
    return document_store(
        employee=employee, document_type=DocumentType.objects.get(code=type_code),
        uploaded_file=upload(name, pdf_bytes() if content is None else content),
        actor=actor, replaces=replaces,
    )
