"""Storing, withdrawing, reading and re-checking supporting documents.

Each write runs in one transaction with its audit event. A stored file and
its row exist together: if the row or the audit event cannot be written, the
file just written is removed again.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import hashlib
import logging

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from smart.audit.services import audit_record
from smart.documents.files import check_document_file, reencoded_image
from smart.documents.models import Document, DocumentType, stored_file_name
from smart.people.models import Employee

logger = logging.getLogger(__name__)


def _user_or_none(actor):
    return actor if getattr(actor, "pk", None) else None


def _label(actor) -> str:
    return (str(actor) if actor is not None else "system")[:200]


def _target_label(document: Document) -> str:
    return f"{document.document_type.name} — {document.employee}"


def _check_replaceable(previous: Document, *, employee: Employee) -> None:
    previous = Document.objects.select_for_update().get(pk=previous.pk)
    if previous.employee_id != employee.pk:
        raise ValidationError(
            "Dokumen pengganti harus milik pegawai yang sama dengan dokumen yang diganti.",
            code="replace_other_employee",
        )
    if previous.withdrawn_at is not None:
        raise ValidationError("Dokumen yang sudah ditarik tidak dapat diganti.",
                              code="replace_withdrawn")
    if previous.replacements.filter(withdrawn_at__isnull=True).exists():
        raise ValidationError(
            "Dokumen ini sudah diganti oleh versi yang lebih baru; ganti versi terbarunya.",
            code="replace_not_current",
        )


# Writes that fail because the disk (or the quota, or the file-size limit) is full.
STORAGE_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


def document_store(*, employee: Employee, document_type: DocumentType, uploaded_file,
                   actor, replaces: Document | None = None, record_kind: str = "",
                   record_id: int | None = None) -> Document:
    """Check and keep one file for an employee, optionally as a new version.

    Refusals (size, type, structure, an invalid replacement) raise
    ``ValidationError`` with an Indonesian message. The previous version, if
    any, stays stored and reachable through ``replaces``. Images are stored
    re-encoded (no EXIF/GPS, nothing hidden after the pixels); the size and
    SHA-256 are those of the stored file.
    """
    checked = check_document_file(uploaded_file)
    if checked.content_type != "application/pdf":
        content = reencoded_image(uploaded_file, checked.content_type)
        uploaded_file = ContentFile(content, name=checked.original_name)
        checked = dataclasses.replace(checked, size=len(content),
                                      sha256=hashlib.sha256(content).hexdigest())
    document = Document(
        employee=employee, document_type=document_type, original_name=checked.original_name,
        content_type=checked.content_type, size=checked.size, sha256=checked.sha256,
        uploaded_by=_user_or_none(actor), uploaded_by_label=_label(actor), replaces=replaces,
        record_kind=record_kind, record_id=record_id,
    )
    intended_name = stored_file_name(document, "")
    try:
        with transaction.atomic():
            if replaces is not None:
                _check_replaceable(replaces, employee=employee)
            document.file.save(checked.original_name, uploaded_file, save=False)
            document.save()
            audit_record(
                actor=actor, action="documents.document.store", target=document,
                target_label=_target_label(document),
                data={
                    "uuid": document.uuid, "employee_id": employee.pk,
                    "document_type": document_type.code,
                    "original_name": document.original_name,
                    "content_type": document.content_type, "size": document.size,
                    "sha256": document.sha256,
                    "replaces": replaces.uuid if replaces is not None else None,
                },
            )
    except BaseException as failure:
        # Whatever failed (disk, row, audit), no file may outlive its row.
        with contextlib.suppress(OSError):
            document.file.storage.delete(document.file.name or intended_name)
        if isinstance(failure, OSError) and failure.errno in STORAGE_FULL:
            raise ValidationError(
                "Penyimpanan dokumen sedang penuh, jadi berkas ini tidak disimpan dan tidak ada "
                "data yang berubah. Coba lagi nanti; admin sudah dapat melihat masalah ini di "
                "pemantauan.", code="storage_full") from failure
        raise
    return document


def document_withdraw(*, document: Document, actor, reason: str) -> Document:
    """Take a document out of use. Nothing is deleted; it just cannot be downloaded."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Alasan penarikan dokumen wajib diisi.", code="reason_required")
    with transaction.atomic():
        locked = Document.objects.select_for_update().get(pk=document.pk)
        if locked.withdrawn_at is not None:
            raise ValidationError("Dokumen ini sudah ditarik sebelumnya.",
                                  code="already_withdrawn")
        document.withdrawn_at = timezone.now()
        document.withdrawn_by = _user_or_none(actor)
        document.withdrawn_by_label = _label(actor)
        document.withdrawal_reason = reason[:300]
        document.save(update_fields=[
            "withdrawn_at", "withdrawn_by", "withdrawn_by_label", "withdrawal_reason",
        ])
        audit_record(
            actor=actor, action="documents.document.withdraw", target=document,
            target_label=_target_label(document),
            data={"uuid": document.uuid, "employee_id": document.employee_id,
                  "reason": document.withdrawal_reason},
        )
    return document


def document_open(*, document: Document, actor) -> File:
    """The stored file, opened for reading by ``actor``.

    Reading someone else's document is recorded in the audit log (R-CONF-1),
    so the employee can see who looked at their papers. Raises
    ``FileNotFoundError`` when the stored file is gone.
    """
    try:
        stream = document.file.storage.open(document.file.name, "rb")
    except FileNotFoundError:
        logger.error("The stored file of document %s is missing: %s",
                     document.uuid, document.file.name)
        raise
    if document.employee.user_id is None or document.employee.user_id != actor.pk:
        try:
            audit_record(
                actor=actor, action="documents.document.download", target=document,
                target_label=_target_label(document),
                data={"uuid": document.uuid, "employee_id": document.employee_id,
                      "document_type": document.document_type.code},
            )
        except BaseException:
            stream.close()
            raise
    return stream


def document_verify_integrity(document: Document) -> bool:
    """Whether the stored file still has the size and SHA-256 recorded at upload."""
    digest = hashlib.sha256()
    size = 0
    try:
        with document.file.storage.open(document.file.name, "rb") as stream:
            for chunk in stream.chunks():
                digest.update(chunk)
                size += len(chunk)
    except FileNotFoundError:
        return False
    return size == document.size and digest.hexdigest() == document.sha256


def document_link(*, document: Document, record_kind: str, record_id: int) -> Document:
    """Attach a document to the record entry it supports (e.g. when a change
    request that carried it is validated)."""
    document.record_kind, document.record_id = record_kind, record_id
    document.save(update_fields=["record_kind", "record_id"])
    return document
