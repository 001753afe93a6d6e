"""Imports of national exports (R-PROC-1): the batches, their rows' outcomes,
the remembered column mappings and the SIASN reference-id mapping table."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from smart.access.models import Role
from smart.access.policies import has_role


class ImportBatchQuerySet(models.QuerySet):
    def visible_to(self, user) -> ImportBatchQuerySet:
        """Own batches; the Pengelola SMART sees every batch of the regency."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if has_role(user, Role.SYSTEM_MANAGER):
            return self
        return self.filter(owner=user)


class ImportBatch(models.Model):
    """One uploaded file and what became of it: preview, then apply."""

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("uploaded")
        NEEDS_COLUMNS = "needs-columns", _("columns to map")
        PREVIEWING = "previewing", _("preview running")
        PREVIEWED = "previewed", _("previewed")
        APPLYING = "applying", _("being applied")
        APPLIED = "applied", _("applied")
        REFUSED = "refused", _("refused")
        FAILED = "failed", _("failed")
        CANCELLED = "cancelled", _("cancelled")

    class Mode(models.TextChoices):
        ALL_OR_NOTHING = "all", _("all or nothing")
        KEEP_VALID = "valid", _("keep the valid rows")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True,
                              related_name="+", verbose_name=_("uploaded by"),
                              help_text=_("Empty: loaded by a command (the demo)."))
    filename = models.CharField(_("file name"), max_length=200)
    stored_name = models.CharField(_("stored file"), max_length=100, blank=True)
    file_kind = models.CharField(_("file type"), max_length=4, blank=True)
    layout = models.CharField(_("layout"), max_length=10, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.UPLOADED)
    mode = models.CharField(_("mode"), max_length=5, choices=Mode.choices, blank=True)
    message = models.TextField(_("message"), blank=True)
    header = models.JSONField(_("header as written"), default=list, blank=True)
    unknown_columns = models.JSONField(_("unknown columns"), default=list, blank=True)
    preview_job = models.UUIDField(_("preview job"), null=True, blank=True)
    apply_job = models.UUIDField(_("apply job"), null=True, blank=True)
    # Counts of the preview and, once applied, of the apply.
    total = models.PositiveIntegerField(_("rows"), default=0)
    new = models.PositiveIntegerField(_("new"), default=0)
    changed = models.PositiveIntegerField(_("changed"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    invalid = models.PositiveIntegerField(_("invalid"), default=0)
    with_findings = models.PositiveIntegerField(_("with findings"), default=0)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)

    objects = ImportBatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.created_at:%d-%m-%Y %H:%M})"

    @property
    def source_label(self) -> str:
        """How history and audit name this import: "import <file>"."""
        return f"import {self.filename}"


class ImportRow(models.Model):
    """What one data row of a batch is, or became (new, changed, invalid…).

    Unchanged rows are only counted. ``phase`` keeps the preview's verdict
    apart from the apply's (the data may have moved in between).
    """

    class Phase(models.TextChoices):
        PREVIEW = "preview", _("preview")
        APPLY = "apply", _("apply")

    class Outcome(models.TextChoices):
        NEW = "new", _("new")
        CHANGED = "changed", _("changed")
        UNCHANGED = "unchanged", _("unchanged")
        INVALID = "invalid", _("invalid")

    batch = models.ForeignKey(ImportBatch, models.CASCADE, related_name="rows")
    phase = models.CharField(max_length=7, choices=Phase.choices)
    number = models.PositiveIntegerField(_("row"))
    nip = models.CharField("NIP", max_length=40, blank=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    errors = models.JSONField(_("errors"), default=list, blank=True)  # [[column, reason]]
    diff = models.JSONField(_("differences"), default=list, blank=True)  # [[label, old, new]]
    findings = models.JSONField(_("findings"), default=list, blank=True)
    cells = models.JSONField(_("values as written"), default=list, blank=True)

    class Meta:
        verbose_name = _("import row")
        verbose_name_plural = _("import rows")
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["batch", "phase", "number"],
                                               name="import_row_once_per_phase")]
        indexes = [models.Index(fields=["batch", "phase", "outcome", "number"])]

    def __str__(self) -> str:
        return f"{self.batch_id} {self.phase} {self.number}"


class ColumnMapping(models.Model):
    """A header the layouts do not know, mapped once by an administrator onto
    a SIASN column (or marked as not used); applied to every later file."""

    header = models.CharField(_("column in the file"), max_length=100, unique=True)
    column = models.CharField(_("SIASN column"), max_length=40, blank=True,
                              help_text=_("Empty: the column is not used."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("column mapping")
        verbose_name_plural = _("column mappings")
        ordering = ["header"]

    def __str__(self) -> str:
        return f"{self.header} → {self.column or '-'}"


class ReferenceMapping(models.Model):
    """A SIASN reference id (a GUID) and the local reference it stands for.

    The importer fills it when it recognises the reference by name; an
    administrator may correct or complete it, and the importer never
    overwrites an administrator's entry.
    """

    class Kind(models.TextChoices):
        UNIT = "unor", _("unit (unor)")
        POSITION = "jabatan", _("position (jabatan)")
        EDUCATION = "pendidikan", _("education (pendidikan)")

    class Source(models.TextChoices):
        NAME = "name", _("matched by name")
        ADMIN = "admin", _("set by an administrator")
        UNMATCHED = "unmatched", _("not matched yet")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    siasn_id = models.CharField(_("SIASN id"), max_length=64)
    siasn_name = models.CharField(_("name in SIASN"), max_length=300, blank=True)
    unit = models.ForeignKey("references.Unit", models.PROTECT, null=True, blank=True,
                             related_name="+", verbose_name=_("unit"))
    local_name = models.CharField(_("name in SMART"), max_length=200, blank=True)
    education_level = models.ForeignKey("references.EducationLevel", models.PROTECT,
                                        null=True, blank=True, related_name="+",
                                        verbose_name=_("education level"))
    functional_position = models.ForeignKey(
        "references.FunctionalPosition", models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("functional position (JF)"),
        help_text=_("For a functional position: the JF whose BUP applies."))
    source = models.CharField(_("source"), max_length=10, choices=Source.choices,
                              default=Source.UNMATCHED)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                   blank=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("reference mapping")
        verbose_name_plural = _("reference mappings")
        ordering = ["kind", "siasn_name", "siasn_id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "siasn_id"], name="reference_mapping_once"),
            models.CheckConstraint(condition=~Q(kind="unor") | Q(local_name=""),
                                   name="reference_mapping_unit_has_no_name"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.siasn_id}"
