"""Supporting documents ("Dokumen Pendukung", R-DATA-1): scanned SKs, cards,
certificates attached to an employee.

A document is never deleted or overwritten. A correction is a new version
whose ``replaces`` points at the old one; a document that should not be used
any more is withdrawn (``withdrawn_at``) and can no longer be downloaded.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from smart.access.fields import hidden_kinds, specific_access
from smart.documents.files import ACCEPTED_KINDS
from smart.documents.storage import private_document_storage
from smart.people.models import Employee
from smart.references.models import CodeTable


class DocumentType(CodeTable):
    """Jenis dokumen: KTP, SK CPNS, SK kenaikan pangkat, ijazah…"""

    class Meta(CodeTable.Meta):
        verbose_name = _("document type")
        verbose_name_plural = _("document types")


def stored_file_name(document: Document, filename: str) -> str:
    """``<employee id>/<uuid>.<ext>``, the extension from the sniffed type.

    The user's file name plays no part: it is kept only in ``original_name``.
    """
    extension = ACCEPTED_KINDS[document.content_type].extension
    return f"{document.employee_id}/{document.uuid}.{extension}"


class DocumentQuerySet(models.QuerySet):
    def visible_to(self, user) -> DocumentQuerySet:
        """Documents of employees the user may read, minus withdrawn ones.

        A file inherits its employee's visibility; there is no other rule.
        """
        return self.filter(
            employee__in=Employee.objects.visible_to(user), withdrawn_at__isnull=True,
        )

    def current(self) -> DocumentQuerySet:
        """Versions not replaced by a newer, non-withdrawn version."""
        newer = self.model.objects.filter(replaces=OuterRef("pk"), withdrawn_at__isnull=True)
        return self.filter(~Exists(newer))


class Document(models.Model):
    uuid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    employee = models.ForeignKey(
        "people.Employee", models.PROTECT, related_name="documents",
        verbose_name=_("employee"),
    )
    document_type = models.ForeignKey(
        DocumentType, models.PROTECT, related_name="documents",
        verbose_name=_("document type"),
    )
    file = models.FileField(
        _("file"), storage=private_document_storage, upload_to=stored_file_name,
        max_length=120,
    )
    original_name = models.CharField(_("original file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=40)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField("SHA-256", max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_by_label = models.CharField(_("uploaded by (name)"), max_length=200, blank=True)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    replaces = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="replacements",
        verbose_name=_("replaces"),
    )
    # The record entry this document supports, named by the records registry's
    # kind slug and the entry id (documents sits below records and does not
    # import it). Empty for documents of the core record (KTP, SK CPNS…).
    record_kind = models.CharField(_("record kind"), max_length=40, blank=True)
    record_id = models.PositiveBigIntegerField(_("record entry id"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("withdrawn by"),
    )
    withdrawn_by_label = models.CharField(_("withdrawn by (name)"), max_length=200, blank=True)
    withdrawal_reason = models.CharField(_("reason for withdrawal"), max_length=300,
                                         blank=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-uploaded_at", "-id"]
        indexes = [
            models.Index(fields=["employee", "document_type"]),
            models.Index(fields=["employee", "record_kind", "record_id"]),
        ]
        constraints = [
            # A version has at most one live successor: the history is a line.
            models.UniqueConstraint(
                fields=["replaces"], condition=Q(withdrawn_at__isnull=True),
                name="documents_one_live_replacement",
            ),
            models.CheckConstraint(
                condition=~Q(replaces=F("id")), name="documents_not_replacing_itself",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document_type}: {self.original_name}"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


PROPOSAL_PREFIX = "usulan:"  # record_kind of a proposal's file: "usulan:<kind slug>"


def proposal_record_kind(kind_slug: str) -> str:
    """The ``record_kind`` of a file attached to a change request about ``kind_slug``."""
    return f"{PROPOSAL_PREFIX}{kind_slug}"


def document_kind(document: Document) -> str:
    """The record kind a file supports, whether attached to the entry or to a
    change request about such an entry."""
    return document.record_kind.removeprefix(PROPOSAL_PREFIX)


def get_document_for_user_or_404(user, document_uuid) -> Document:
    """One downloadable document; unknown, withdrawn and out-of-scope are all 404.

    A file of a record kind the viewer's field classes hide (the SK of a
    discipline penalty for a division admin, security.md D-3) is out of scope
    too, though its employee is not.
    """
    document = (
        Document.objects.visible_to(user)
        .select_related("employee__unit", "document_type")
        .filter(uuid=document_uuid)
        .first()
    )
    if document is None:
        raise Http404
    employee = document.employee
    access = specific_access(user, unit_path=employee.unit.path,
                             is_own=employee.user_id is not None and employee.user_id == user.pk)
    if document_kind(document) in hidden_kinds(access):
        raise Http404
    return document
