"""Roles and their scopes (R-ROLE-1…10).

A person may hold several role assignments, each with its own scope: a unit
and everything under it, or the whole regency when ``unit`` is empty. Only
assignments that are granted and within their validity dates count.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The roles of Perbup 35/2020 Pasal 5 plus read-only leadership (R-ROLE-8)."""

    SYSTEM_MANAGER = "pengelola-smart", _("SMART manager")
    HR_MANAGER = "pengelola-kepegawaian", _("HR manager")
    SUPER_ADMIN = "super-admin", _("Super administrator")
    DIVISION_ADMIN = "admin-bidang", _("Division administrator")
    UNIT_ADMIN = "admin-opd", _("Agency administrator (OPD)")
    VERIFIER = "verifikator", _("Verifier")
    EMPLOYEE = "pegawai", _("Employee")
    LEADERSHIP = "pimpinan", _("Leadership")


class RoleAssignmentQuerySet(models.QuerySet):
    def in_force(self, on: datetime.date | None = None) -> RoleAssignmentQuerySet:
        """Granted assignments valid on a date (today by default)."""
        on = on or timezone.localdate()
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=on),
            Q(valid_to__isnull=True) | Q(valid_to__gte=on),
            is_granted=True,
            user__is_active=True,
        )


class RoleAssignment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="role_assignments",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    unit = models.ForeignKey(
        "references.Unit", models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("scope unit"),
        help_text=_("Empty means the whole regency."),
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    is_granted = models.BooleanField(_("granted"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        indexes = [models.Index(fields=["user", "role"])]

    def __str__(self) -> str:
        scope = self.unit.name if self.unit_id else _("whole regency")
        return f"{self.user} – {self.get_role_display()} ({scope})"


class DelegationQuerySet(models.QuerySet):
    def in_force(self, on: datetime.date | None = None) -> DelegationQuerySet:
        on = on or timezone.localdate()
        return self.filter(valid_from__lte=on, valid_to__gte=on, holder__is_active=True,
                           acting__is_active=True)


class Delegation(models.Model):
    """Plt/Plh (Pasal 33): ``acting`` holds the administrative roles of
    ``holder`` for a dated period, acting "on behalf of" them. It lapses by
    itself the day after ``valid_to``."""

    class Kind(models.TextChoices):
        PLT = "PLT", _("Plt (pelaksana tugas)")
        PLH = "PLH", _("Plh (pelaksana harian)")

    holder = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+",
                               verbose_name=_("official represented"))
    acting = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE,
                               related_name="acting_for", verbose_name=_("acting official"))
    kind = models.CharField(_("kind"), max_length=3, choices=Kind.choices)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"))
    decree = models.CharField(_("warrant (surat perintah)"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = DelegationQuerySet.as_manager()

    class Meta:
        verbose_name = _("acting appointment")
        verbose_name_plural = _("acting appointments")
        constraints = [
            models.CheckConstraint(condition=models.Q(valid_to__gte=models.F("valid_from")),
                                   name="access_delegation_dates_in_order"),
            models.CheckConstraint(condition=~models.Q(holder=models.F("acting")),
                                   name="access_delegation_not_to_oneself"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.acting} a.n. {self.holder}"
