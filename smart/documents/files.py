"""What an uploaded supporting document must be (R-DATA-1, defect 24, security F1).

One check for every way in (form, API, service): the size limit from
``settings.SMART_DOCUMENT_MAX_BYTES``; the type sniffed from the content
(PDF, JPEG or PNG; the client's content type is never trusted); the name's
extension matching that content; then a structural check, because magic bytes
alone accept a text file that merely starts with ``%PDF-``: PDFs must parse
with pypdf, images must open and verify with Pillow. The SHA-256 is computed
while the file is read. Every refusal is a ``ValidationError`` whose message,
in Indonesian, names the rule that was broken.
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import PurePosixPath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from PIL import Image, ImageOps
from pypdf import PdfReader

MEBIBYTE = 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000  # security F3 / ASVS 5.2.6: no pixel floods
MAX_NAME_LENGTH = 150
SNIFF_BYTES = 8192  # what filetype looks at


@dataclass(frozen=True)
class FileKind:
    label: str  # as users name it
    extension: str  # used in the stored name
    extensions: frozenset[str]  # accepted at the end of the user's file name


ACCEPTED_KINDS = {
    "application/pdf": FileKind("PDF", "pdf", frozenset({"pdf"})),
    "image/jpeg": FileKind("JPEG", "jpg", frozenset({"jpg", "jpeg"})),
    "image/png": FileKind("PNG", "png", frozenset({"png"})),
}


@dataclass(frozen=True)
class CheckedFile:
    """The facts about an accepted file, as they will be stored."""

    original_name: str
    content_type: str
    extension: str
    size: int
    sha256: str


def accepted_types_label() -> str:
    return "PDF, JPEG, atau PNG"


def format_size(size: int) -> str:
    """A size as users read it: "12,3 MB", "10 MB", "850 KB"."""
    if size < MEBIBYTE:
        return f"{max(1, round(size / 1024))} KB"
    text = f"{size / MEBIBYTE:.1f}".replace(".", ",")
    return f"{text.removesuffix(',0')} MB"


def _format_bytes(size: int) -> str:
    return f"{size:,}".replace(",", ".") + " bita"


def clean_original_name(name: str | None, *, fallback_extension: str = "") -> str:
    """The user's file name made safe to keep and to show.

    Only the last path component survives (``..\\..\\settings.py`` becomes
    ``settings.py``); control and format characters such as NUL or U+202E
    (right-to-left override) are removed; the name is cut to a sane length
    with its extension kept. The stored file never uses this name.
    """
    text = unicodedata.normalize("NFC", str(name or ""))
    text = "".join(" " if c.isspace() else c for c in text)  # tabs, newlines
    text = "".join(c for c in text if unicodedata.category(c)[0] != "C")
    text = re.split(r"[\\/]", text)[-1]
    text = re.sub(r"\s+", " ", text).strip().lstrip(".").strip()
    if len(text) > MAX_NAME_LENGTH:
        suffix = PurePosixPath(text).suffix[:10]
        text = text[: MAX_NAME_LENGTH - len(suffix)].rstrip() + suffix
    if not text:
        text = f"dokumen.{fallback_extension}" if fallback_extension else "dokumen"
    return text


def _extension(name: str) -> str:
    return PurePosixPath(name).suffix.lstrip(".").lower()


def _size_refusal(name: str, size: int, limit: int) -> ValidationError:
    shown, allowed = format_size(size), format_size(limit)
    if shown == allowed:  # rounding would hide the difference
        shown, allowed = _format_bytes(size), f"{_format_bytes(limit)} ({allowed})"
    return ValidationError(
        f"Ukuran berkas '{name}' {shown} melebihi batas {allowed}.", code="too_large",
    )


def _read(uploaded_file, name: str, limit: int) -> tuple[bytes, int, str]:
    """The first bytes, the size and the SHA-256, stopping once over the limit."""
    declared = getattr(uploaded_file, "size", None)
    if declared is not None and declared > limit:
        raise _size_refusal(name, declared, limit)
    digest = hashlib.sha256()
    head = b""
    size = 0
    uploaded_file.seek(0)
    for chunk in uploaded_file.chunks():
        size += len(chunk)
        if size > limit:
            raise _size_refusal(name, size, limit)
        digest.update(chunk)
        if len(head) < SNIFF_BYTES:
            head += chunk[: SNIFF_BYTES - len(head)]
    uploaded_file.seek(0)
    if size == 0:
        raise ValidationError(f"Berkas '{name}' kosong.", code="empty")
    return head, size, digest.hexdigest()


def _sniff(head: bytes, name: str) -> str:
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ACCEPTED_KINDS:
        found = f"berjenis {kind.extension.upper()}" if kind else "tidak dikenali"
        raise ValidationError(
            f"Berkas '{name}' tidak diterima: isinya {found}, sedangkan yang diterima "
            f"hanya {accepted_types_label()}.",
            code="type",
        )
    return kind.mime


def _check_extension(name: str, kind: FileKind) -> None:
    extension = _extension(name)
    if extension in kind.extensions:
        return
    ending = f"berakhiran '.{extension}'" if extension else "tidak berakhiran"
    raise ValidationError(
        f"Berkas '{name}' berisi {kind.label}, tetapi namanya {ending}. Ganti nama berkas "
        f"menjadi berakhiran .{kind.extension} lalu unggah lagi.",
        code="extension",
    )


def _short(error: Exception) -> str:
    text = str(error).strip() or type(error).__name__
    return text if len(text) <= 120 else text[:117] + "…"


def _check_pdf(uploaded_file, name: str) -> None:
    uploaded_file.seek(0)
    try:
        reader = PdfReader(uploaded_file, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ValidationError(
                f"Berkas '{name}' terkunci dengan kata sandi. Unggah PDF tanpa kata sandi.",
                code="pdf_encrypted",
            )
        pages = len(reader.pages)
    except ValidationError:
        raise
    except Exception as error:  # any parser failure means "not a PDF we can keep"
        raise ValidationError(
            f"Berkas '{name}' bukan PDF yang sah: strukturnya tidak dapat dibaca "
            f"({_short(error)}).",
            code="pdf",
        ) from error
    finally:
        uploaded_file.seek(0)
    if pages < 1:
        raise ValidationError(
            f"Berkas '{name}' bukan PDF yang sah: tidak ada satu halaman pun.", code="pdf",
        )


def _check_image(uploaded_file, name: str, kind: FileKind) -> None:
    def refused(reason: str) -> ValidationError:
        return ValidationError(
            f"Berkas '{name}' bukan gambar {kind.label} yang sah: {reason}.", code="image",
        )

    try:
        uploaded_file.seek(0)
        with Image.open(uploaded_file, formats=[kind.label]) as image:
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise ValidationError(
                    f"Gambar '{name}' berukuran {width}×{height} piksel, melebihi batas "
                    f"{MAX_IMAGE_PIXELS // 1_000_000} juta piksel.",
                    code="pixels",
                )
            image.verify()  # PNG: every chunk and its checksum
        uploaded_file.seek(0)
        with Image.open(uploaded_file, formats=[kind.label]) as image:
            # JPEG has no verify(); decode it, at 1/8 scale to spare memory.
            image.draft("RGB", (max(1, width // 8), max(1, height // 8)))
            image.load()
    except ValidationError:
        raise
    except Image.DecompressionBombError as error:
        raise refused("jumlah pikselnya terlalu besar") from error
    except Exception as error:  # any decoder failure means "not an image we can keep"
        raise refused(f"isinya rusak atau tidak lengkap ({_short(error)})") from error
    finally:
        uploaded_file.seek(0)


def reencoded_image(uploaded_file, content_type: str) -> bytes:
    """The image drawn again from its pixels (security F3, ASVS 5.2.6).

    Only the pixels survive: EXIF (with any GPS position), comments, extra
    chunks and whatever was appended after the image's end (a PNG+HTML
    polyglot) are gone. The EXIF orientation is applied first so a phone photo
    stays upright. Call it on a file ``check_document_file`` accepted.
    """
    kind = ACCEPTED_KINDS[content_type]
    uploaded_file.seek(0)
    try:
        with Image.open(uploaded_file, formats=[kind.label]) as image:
            upright = ImageOps.exif_transpose(image)
            if content_type == "image/jpeg":
                upright = upright.convert("RGB")
                options = {"quality": 92, "optimize": True}
            else:
                if upright.mode not in ("1", "L", "LA", "P", "RGB", "RGBA", "I", "I;16"):
                    upright = upright.convert("RGBA")
                options = {"optimize": True}
            buffer = io.BytesIO()
            upright.save(buffer, kind.label, **options)  # no exif=, no pnginfo=: dropped
    finally:
        uploaded_file.seek(0)
    return buffer.getvalue()


def check_document_file(uploaded_file) -> CheckedFile:
    """Accept a PDF, JPEG or PNG within the size limit, or refuse it with the reason.

    ``uploaded_file`` is a Django ``File``/``UploadedFile``; it is left
    rewound, ready to be stored.
    """
    limit = settings.SMART_DOCUMENT_MAX_BYTES
    name = clean_original_name(getattr(uploaded_file, "name", ""))
    head, size, sha256 = _read(uploaded_file, name, limit)
    content_type = _sniff(head, name)
    kind = ACCEPTED_KINDS[content_type]
    _check_extension(name, kind)
    if content_type == "application/pdf":
        _check_pdf(uploaded_file, name)
    else:
        _check_image(uploaded_file, name, kind)
    return CheckedFile(original_name=name, content_type=content_type,
                       extension=kind.extension, size=size, sha256=sha256)
