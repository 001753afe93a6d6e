"""Data-release requests (Perbup 35/2020 Pasal 24(2), R-CONF-2).

Personal data of others leaves SMART in bulk or with SPECIFIC fields only
under a release the Pengelola SMART approved. A release names one export (its
code and parameters), is usable by its requester alone until ``valid_until``,
and keeps a row for each file it opened.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReleaseStage(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class DataReleaseQuerySet(models.QuerySet):
    def usable(self, now=None) -> DataReleaseQuerySet:
        """Approved releases whose validity has not run out."""
        return self.filter(stage=ReleaseStage.APPROVED,
                           valid_until__gte=now or timezone.now())


class DataRelease(models.Model):
    requester = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT,
                                  related_name="data_releases", verbose_name=_("requested by"))
    purpose = models.TextField(_("purpose"))
    export_code = models.CharField(_("export"), max_length=60)
    export_params = models.JSONField(_("export parameters"), default=dict)
    # The parameters as canonical JSON, so matching does not depend on how a
    # database compares JSON values.
    params_key = models.CharField(max_length=300, editable=False)
    export_label = models.CharField(_("what is released"), max_length=300)
    # Where the owning app makes the file again (``Export.url``); empty for
    # requests made before it was kept.
    export_url = models.TextField(_("where the file is made"), blank=True)
    row_count = models.PositiveIntegerField(_("expected rows"))
    includes_specific = models.BooleanField(_("includes SPECIFIC data"))
    stage = models.CharField(_("stage"), max_length=10, choices=ReleaseStage.choices,
                             default=ReleaseStage.REQUESTED)
    approver = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True,
                                 blank=True, related_name="+", verbose_name=_("approved by"))
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approval_note = models.TextField(_("approval note"), blank=True)
    valid_until = models.DateTimeField(_("usable until"), null=True, blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    objects = DataReleaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("data release")
        verbose_name_plural = _("data releases")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["requester", "export_code", "params_key"])]
        constraints = [
            models.CheckConstraint(condition=~models.Q(approver=models.F("requester")),
                                   name="releases_not_approved_by_requester"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.export_label}"

    @property
    def is_usable(self) -> bool:
        return (self.stage == ReleaseStage.APPROVED and self.valid_until is not None
                and self.valid_until >= timezone.now())

    @property
    def is_expired(self) -> bool:
        return (self.stage == ReleaseStage.APPROVED and self.valid_until is not None
                and self.valid_until < timezone.now())


class DataReleaseEvent(models.Model):
    """One move of a release request."""

    release = models.ForeignKey(DataRelease, models.CASCADE, related_name="events",
                                verbose_name=_("data release"))
    move = models.CharField(_("move"), max_length=20)
    from_stage = models.CharField(_("from"), max_length=10, choices=ReleaseStage.choices,
                                  blank=True)
    to_stage = models.CharField(_("to"), max_length=10, choices=ReleaseStage.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                              related_name="+", verbose_name=_("actor"))
    actor_label = models.CharField(_("actor"), max_length=200)
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("data release event")
        verbose_name_plural = _("data release events")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.release_id}: {self.from_stage} → {self.to_stage}"


class DataReleaseUse(models.Model):
    """One file produced under a release: when, by whom, and its SHA-256, so a
    copy found later can be traced to the release that let it out."""

    release = models.ForeignKey(DataRelease, models.PROTECT, related_name="uses",
                                verbose_name=_("data release"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                              related_name="+", verbose_name=_("actor"))
    at = models.DateTimeField(_("time"), auto_now_add=True)
    filename = models.CharField(_("file name"), max_length=200)
    rows = models.PositiveIntegerField(_("rows"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)

    class Meta:
        verbose_name = _("data release use")
        verbose_name_plural = _("data release uses")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.release_id}: {self.filename} {self.sha256[:12]}"
