"""A synchronisation run (R-PROC-2 stage "sinkronisasi") and its differences.

A run is one newer national export compared with SMART; the differences are
stored so the report is filtered and paged without reading the file again.
A run covers the uploader's scope; every viewer sees the differences of the
employees in their own scope only.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from smart.access.models import Role
from smart.access.policies import Scope, roles_scope
from smart.people.models import Employee

# Who reads the report (each within the scope of these roles), who uploads an
# export, and who opens a change request from a difference.
READERS = (Role.VERIFIER, Role.HR_MANAGER, Role.UNIT_ADMIN, Role.SYSTEM_MANAGER)
UPLOADERS = (Role.VERIFIER, Role.HR_MANAGER)


def sync_scope(user, roles=READERS) -> Scope:
    """The units the user's synchronisation roles cover (their other roles,
    such as the employee role, never widen it)."""
    return roles_scope(user, *roles)


def _unit_condition(scope: Scope, field: str) -> Q:
    condition = Q(pk__in=[])
    for path in scope.unit_paths:
        condition |= Q(**{f"{field}__startswith": path})
    return condition


class Classification(models.TextChoices):
    SMART_NEWER = "smart", _("SMART newer")
    NATIONAL_NEWER = "nasional", _("National newer")
    CONFLICT = "konflik", _("Conflict")


class SyncRunQuerySet(models.QuerySet):
    def visible_to(self, user) -> SyncRunQuerySet:
        """Runs whose scope meets the user's: a regency-wide run is seen by every
        reader (each sees their own part); a unit's run by readers of that unit,
        of a unit inside it or above it."""
        scope = sync_scope(user)
        if scope.everything:
            return self
        if scope.is_empty:
            return self.none()
        condition = Q(scope_everything=True)
        for path in scope.unit_paths:
            # the run's unit is inside the user's scope, or the user's inside the run's
            condition |= Q(scope_unit__path__startswith=path)
            for depth in range(1, len(path) // 4 + 1):
                condition |= Q(scope_unit__path=path[:depth * 4])
        return self.filter(condition)


class SyncRun(models.Model):
    class Status(models.TextChoices):
        RUNNING = "running", _("Comparing")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    file_name = models.CharField(_("file"), max_length=255)
    export_date = models.DateField(
        _("export date"), help_text=_("The day the file was downloaded from SIASN."))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT,
                                    related_name="+", verbose_name=_("uploaded by"))
    # The uploader's scope when the run was made: only those employees are compared.
    scope_everything = models.BooleanField(_("whole regency"), default=False)
    scope_unit = models.ForeignKey("references.Unit", models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("unit"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.RUNNING)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    rows = models.PositiveIntegerField(_("rows read"), default=0)
    compared = models.PositiveIntegerField(_("employees compared"), default=0)
    not_in_smart = models.PositiveIntegerField(_("not in SMART"), default=0)
    out_of_scope = models.PositiveIntegerField(_("outside the scope"), default=0)
    invalid = models.PositiveIntegerField(_("rows with errors"), default=0)
    # [row, column, message] of rows that could not be (fully) compared, and
    # [row, nip, name] of rows whose NIP SMART does not know; both capped.
    problems = models.JSONField(_("problems"), default=list, blank=True)
    unknown = models.JSONField(_("employees not in SMART"), default=list, blank=True)
    error = models.TextField(_("error"), blank=True)
    job = models.ForeignKey("jobs.Job", models.SET_NULL, null=True, blank=True,
                            related_name="+", verbose_name=_("background job"))

    objects = SyncRunQuerySet.as_manager()

    class Meta:
        verbose_name = _("synchronisation run")
        verbose_name_plural = _("synchronisation runs")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Sinkronisasi #{self.pk} {self.file_name} ({self.export_date:%d-%m-%Y})"


class SyncDifferenceQuerySet(models.QuerySet):
    def visible_to(self, user) -> SyncDifferenceQuerySet:
        """Differences of employees in the user's synchronisation scope only
        (not every employee they may read: their own record is not theirs to
        synchronise)."""
        scope = sync_scope(user)
        if scope.everything:
            return self.filter(run__in=SyncRun.objects.visible_to(user))
        if scope.is_empty:
            return self.none()
        return self.filter(_unit_condition(scope, "employee__unit__path"))

    def for_list(self) -> SyncDifferenceQuerySet:
        return self.select_related("employee__unit", "change_request")


class SyncDifference(models.Model):
    run = models.ForeignKey(SyncRun, models.CASCADE, related_name="differences",
                            verbose_name=_("synchronisation run"))
    employee = models.ForeignKey(Employee, models.CASCADE, related_name="+",
                                 verbose_name=_("employee"))
    row = models.PositiveIntegerField(_("row"))
    field = models.CharField(_("field"), max_length=40, db_index=True)
    smart_value = models.CharField(_("value in SMART"), max_length=300, blank=True)
    national_value = models.CharField(_("value in SIASN"), max_length=300, blank=True)
    # The national value as the change-request form takes it (a pk, an ISO date, text).
    national_data = models.JSONField(_("national value (data)"), null=True, blank=True)
    smart_date = models.DateField(_("SMART date"), null=True, blank=True)
    national_date = models.DateField(_("SIASN date"), null=True, blank=True)
    classification = models.CharField(_("classification"), max_length=10,
                                      choices=Classification.choices, db_index=True)
    reason = models.CharField(_("why"), max_length=300, blank=True)
    change_request = models.ForeignKey("changes.ChangeRequest", models.SET_NULL, null=True,
                                       blank=True, related_name="+",
                                       verbose_name=_("change request"))

    objects = SyncDifferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("synchronisation difference")
        verbose_name_plural = _("synchronisation differences")
        ordering = ["run", "row", "pk"]
        indexes = [models.Index(fields=["run", "field"]),
                   models.Index(fields=["run", "classification"])]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.field}: {self.smart_value} / {self.national_value}"


def get_difference_for_user_or_404(user, run_pk: int, pk: int) -> SyncDifference:
    difference = (SyncDifference.objects.visible_to(user).for_list()
                  .select_related("run").filter(run_id=run_pk, pk=pk).first())
    if difference is None:
        raise Http404
    return difference


def get_run_for_user_or_404(user, pk: int) -> SyncRun:
    run = SyncRun.objects.visible_to(user).select_related("uploaded_by", "scope_unit").filter(
        pk=pk).first()
    if run is None:
        raise Http404
    return run
