"""API keys for other systems, and what those systems push into SMART.

A key belongs to a *system account*: a user that cannot sign in (no usable
password) and holds no role, so the audit log names the system for every read
and write it makes. The key's units and its read/write flag are its whole
authority (``smart.api.auth``).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ApiKeyQuerySet(models.QuerySet):
    def usable(self, on: datetime.date | None = None) -> ApiKeyQuerySet:
        """Not revoked, and within the validity of its approved access request."""
        on = on or timezone.localdate()
        return self.filter(revoked_at__isnull=True, account__is_active=True).filter(
            Q(access_request__valid_from__isnull=True) | Q(access_request__valid_from__lte=on),
            Q(access_request__valid_to__isnull=True) | Q(access_request__valid_to__gte=on))


class ApiKey(models.Model):
    system = models.CharField(_("system"), max_length=100,
                              help_text=_("The system that uses the key, e.g. e-Kinerja."))
    prefix = models.CharField(_("key prefix"), max_length=12, unique=True)
    key_hash = models.CharField(_("key hash (SHA-256)"), max_length=64)
    account = models.OneToOneField(settings.AUTH_USER_MODEL, models.PROTECT,
                                   related_name="api_key", verbose_name=_("system account"))
    units = models.ManyToManyField("references.Unit", related_name="+",
                                   verbose_name=_("units"))
    can_write = models.BooleanField(_("may send data"), default=False)
    # The approved access request (Pasal 11b) the key was issued against: system,
    # units and read/write come from it; revoking the key closes it.
    access_request = models.OneToOneField(
        "access.AccessRequest", models.PROTECT, null=True, blank=True,
        related_name="api_key", verbose_name=_("access request"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                   related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                   blank=True, related_name="+", verbose_name=_("revoked by"))
    revoke_reason = models.TextField(_("reason for revoking"), blank=True)

    objects = ApiKeyQuerySet.as_manager()

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.system} ({self.prefix})"


class SkpResult(models.Model):
    """A performance appraisal result (SKP) pushed by e-Kinerja (Pasal 25)."""

    employee = models.ForeignKey("people.Employee", models.CASCADE, related_name="+",
                                 verbose_name=_("employee"))
    year = models.PositiveSmallIntegerField(_("year"))
    rating = models.CharField(_("rating"), max_length=40)
    appraiser_nip = models.CharField(_("appraiser's NIP"), max_length=18, blank=True)
    appraiser_name = models.CharField(_("appraiser's name"), max_length=200)
    source = models.CharField(_("source"), max_length=100)
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)
    received_with = models.ForeignKey(ApiKey, models.PROTECT, related_name="+",
                                      verbose_name=_("received with key"))

    class Meta:
        verbose_name = _("SKP result")
        verbose_name_plural = _("SKP results")
        ordering = ["-year", "employee"]
        constraints = [models.UniqueConstraint(fields=["employee", "year", "source"],
                                               name="api_skp_one_per_year_and_source")]

    def __str__(self) -> str:
        return f"SKP {self.year} {self.employee_id}: {self.rating}"


class AttendanceLog(models.Model):
    """One fingerprint reading from an attendance device (Pasal 25)."""

    employee = models.ForeignKey("people.Employee", models.CASCADE, related_name="+",
                                 verbose_name=_("employee"))
    at = models.DateTimeField(_("time"))
    device = models.CharField(_("device"), max_length=60)
    source = models.CharField(_("source"), max_length=100)
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)
    received_with = models.ForeignKey(ApiKey, models.PROTECT, related_name="+",
                                      verbose_name=_("received with key"))

    class Meta:
        verbose_name = _("attendance log")
        verbose_name_plural = _("attendance logs")
        ordering = ["-at"]
        constraints = [models.UniqueConstraint(fields=["employee", "at", "device"],
                                               name="api_attendance_one_reading")]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.at:%Y-%m-%d %H:%M} {self.device}"
