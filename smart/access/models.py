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
        """Delegations that give roles on the day (today by default): current,
        and both accounts active."""
        return self.current(on).filter(holder__is_active=True, acting__is_active=True)

    def current(self, on: datetime.date | None = None) -> DelegationQuerySet:
        """Dates hold the day and not ended early, whatever the accounts' state."""
        on = on or timezone.localdate()
        return self.filter(valid_from__lte=on, valid_to__gte=on, ended_at__isnull=True)

    def upcoming(self, on: datetime.date | None = None) -> DelegationQuerySet:
        on = on or timezone.localdate()
        return self.filter(valid_from__gt=on, ended_at__isnull=True)

    def finished(self, on: datetime.date | None = None) -> DelegationQuerySet:
        """Lapsed after their end date, or ended early."""
        on = on or timezone.localdate()
        return self.filter(Q(valid_to__lt=on) | Q(ended_at__isnull=False))

    def involving(self, user) -> DelegationQuerySet:
        return self.filter(Q(holder=user) | Q(acting=user))


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
    decree_date = models.DateField(_("warrant date"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                   blank=True, related_name="+", verbose_name=_("recorded by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    ended_at = models.DateTimeField(_("ended early at"), null=True, blank=True)
    ended_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                 blank=True, related_name="+", verbose_name=_("ended by"))
    end_reason = models.TextField(_("reason for ending early"), blank=True)

    objects = DelegationQuerySet.as_manager()

    class Meta:
        verbose_name = _("acting appointment")
        verbose_name_plural = _("acting appointments")
        ordering = ["-valid_from", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(valid_to__gte=models.F("valid_from")),
                                   name="access_delegation_dates_in_order"),
            models.CheckConstraint(condition=~models.Q(holder=models.F("acting")),
                                   name="access_delegation_not_to_oneself"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.acting} a.n. {self.holder}"

    def status(self, on: datetime.date | None = None) -> str:
        """"active", "upcoming", "lapsed" or "ended" (ended early)."""
        on = on or timezone.localdate()
        if self.ended_at is not None:
            return "ended"
        if self.valid_to < on:
            return "lapsed"
        return "upcoming" if self.valid_from > on else "active"


class AccessStage(models.TextChoices):
    """The stages of an access authorisation (Perbup 35/2020 Pasal 11b)."""

    PROPOSED = "proposed", _("Proposed")
    APPROVED = "approved", _("Approved")
    GRANTED = "granted", _("Granted")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class AccessRequest(models.Model):
    """A role for a user in a scope: proposed by a Pengelola Kepegawaian,
    approved by the Pengelola SMART, granted by the Super Administrator
    (Pasal 11b). Only the grant creates the ``RoleAssignment``."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, null=True, blank=True,
                             related_name="access_requests", verbose_name=_("user"))
    # A request for another system (Pasal 25) names the system instead of a user;
    # its grant is an API key (smart.api), reading as Leadership reads (no
    # SPECIFIC data) within the scope unit, and sending data if allowed here.
    system = models.CharField(_("system"), max_length=100, blank=True,
                              help_text=_("The other system, e.g. e-Kinerja."))
    can_write = models.BooleanField(_("may send data"), default=False)
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    unit = models.ForeignKey(
        "references.Unit", models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("scope unit"), help_text=_("Empty means the whole regency."),
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    reason = models.TextField(_("reason"))
    proposer = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+",
                                 verbose_name=_("proposed by"))
    stage = models.CharField(_("stage"), max_length=10, choices=AccessStage.choices,
                             default=AccessStage.PROPOSED)
    assignment = models.OneToOneField(
        RoleAssignment, models.SET_NULL, null=True, blank=True, related_name="access_request",
        verbose_name=_("role assignment"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    granted_at = models.DateTimeField(_("granted at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("access request")
        verbose_name_plural = _("access requests")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(valid_from__isnull=True) | models.Q(valid_to__isnull=True)
                           | models.Q(valid_to__gte=models.F("valid_from"))),
                name="access_request_dates_in_order"),
            models.CheckConstraint(condition=~models.Q(user=models.F("proposer")),
                                   name="access_request_not_for_oneself"),
            models.CheckConstraint(
                condition=(models.Q(user__isnull=False, system="")
                           | (models.Q(user__isnull=True) & ~models.Q(system=""))),
                name="access_request_for_a_user_or_a_system"),
        ]

    def __str__(self) -> str:
        scope = self.unit.name if self.unit_id else _("whole regency")
        return f"#{self.pk} {self.subject} – {self.get_role_display()} ({scope})"

    @property
    def is_for_system(self) -> bool:
        return bool(self.system)

    @property
    def subject(self) -> str:
        """Whom the access is for: the user, or the other system."""
        return f"Sistem {self.system}" if self.system else str(self.user)

    @property
    def is_open(self) -> bool:
        return self.stage in (AccessStage.PROPOSED, AccessStage.APPROVED)


class AccessRequestEvent(models.Model):
    """One move of an access request (and the revocation of its grant)."""

    request = models.ForeignKey(AccessRequest, models.CASCADE, related_name="events",
                                verbose_name=_("access request"))
    move = models.CharField(_("move"), max_length=20)
    from_stage = models.CharField(_("from"), max_length=10, choices=AccessStage.choices,
                                  blank=True)
    to_stage = models.CharField(_("to"), max_length=10, choices=AccessStage.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                              related_name="+", verbose_name=_("actor"))
    actor_label = models.CharField(_("actor"), max_length=200)
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("access request event")
        verbose_name_plural = _("access request events")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.request_id}: {self.from_stage} → {self.to_stage}"


class FieldClass(models.TextChoices):
    """The SPECIFIC personal data of security.md D-3, by class."""

    IDENTITY = "identity", _("Identity numbers")
    PERSONAL = "personal", _("Addresses and medical data")
    DISCIPLINE = "discipline", _("Discipline records")


class Access(models.IntegerChoices):
    NONE = 0, _("absent")
    MASKED = 1, _("masked")
    FULL = 2, _("full")


class FieldGrant(models.Model):
    """The Pengelola SMART's override of one cell of the D-3 table
    (``access.fields.D3_TABLE``); without a row the code table applies."""

    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    field_class = models.CharField(_("field class"), max_length=10, choices=FieldClass.choices)
    access = models.PositiveSmallIntegerField(_("access"), choices=Access.choices)
    reason = models.TextField(_("reason"))
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                   related_name="+", verbose_name=_("changed by"))
    changed_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("field class grant")
        verbose_name_plural = _("field class grants")
        constraints = [
            models.UniqueConstraint(fields=["role", "field_class"],
                                    name="access_fieldgrant_one_per_cell"),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} / {self.get_field_class_display()}: " \
               f"{self.get_access_display()}"
