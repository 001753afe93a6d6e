"""The columns every record kind shares, and its scoped queryset."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from smart.people.models import Employee


class RecordEntryQuerySet(models.QuerySet):
    def visible_to(self, user) -> RecordEntryQuerySet:
        """Entries of the employees the user may read (the employee's scope rule)."""
        return self.filter(employee__in=Employee.objects.visible_to(user).values("pk"))

    def validated(self) -> RecordEntryQuerySet:
        return self.filter(validated_at__isnull=False)


class RecordEntry(models.Model):
    """One entry of an employee's history: a rank, a child, a training…

    ``validated_by``/``validated_at`` is the verification stamp: the entry was
    checked against its supporting documents by a verifier (R-PROC-2). Every
    change of every field is kept by django-simple-history (R-DATA-5).
    """

    employee = models.ForeignKey(
        "people.Employee", models.CASCADE, related_name="+", verbose_name=_("employee"),
    )
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("validated by"),
    )
    validated_at = models.DateTimeField(_("validated at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RecordEntryQuerySet.as_manager()
    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True

    @property
    def is_validated(self) -> bool:
        return self.validated_at is not None


def check_date_order(entry: models.Model, start: str, end: str, message: str) -> None:
    """Refuse an end date before its start date, naming the field in Indonesian."""
    first, last = getattr(entry, start), getattr(entry, end)
    if first and last and last < first:
        raise ValidationError({end: message})


def check_not_before_tmt_cpns(entry: RecordEntry, field: str, label: str) -> None:
    """A career date cannot precede the employee's TMT CPNS."""
    value = getattr(entry, field)
    tmt_cpns = entry.employee.tmt_cpns if entry.employee_id else None
    if value and tmt_cpns and value < tmt_cpns:
        raise ValidationError({field: (
            f"{label} ({value:%d-%m-%Y}) tidak boleh sebelum TMT CPNS ({tmt_cpns:%d-%m-%Y})."
        )})
