"""The holiday table behind every "n hari kerja" deadline.

Seeded from the ``holidays`` package (libur nasional and cuti bersama) and
editable by the Pengelola SMART, because the government adds days at short
notice (18 Aug 2025 was decided on 7 Aug 2025). A cancelled day is kept with
``is_active=False`` rather than deleted, so a re-seed cannot bring it back.
"""

from __future__ import annotations

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _


class HolidayQuerySet(models.QuerySet):
    def active(self) -> HolidayQuerySet:
        """Days that are off work: every kind counts, cancelled days do not."""
        return self.filter(is_active=True)

    def between(self, start: datetime.date, end: datetime.date) -> HolidayQuerySet:
        """Days from ``start`` to ``end``, both included."""
        return self.filter(date__range=(start, end))


class Holiday(models.Model):
    """One non-working weekday or weekend day (a weekend holiday changes nothing)."""

    class Kind(models.TextChoices):
        PUBLIC = "public", _("Public holiday (libur nasional)")
        COLLECTIVE = "collective", _("Collective leave (cuti bersama)")
        REGIONAL = "regional", _("Regional dispensation")

    class Source(models.TextChoices):
        PACKAGE = "package", _("Seeded from the national calendar")
        MANUAL = "manual", _("Entered by the system manager")

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices,
                              default=Source.MANUAL)
    decree = models.CharField(
        _("decree (SK)"), max_length=200, blank=True,
        help_text=_("The SK that declares or cancels the day, e.g. SKB 3 Menteri 933/1/3/2025."),
    )
    is_active = models.BooleanField(
        _("active"), default=True,
        help_text=_("Clear to cancel the day; it stays listed so re-seeding keeps it cancelled."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = HolidayQuerySet.as_manager()

    class Meta:
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}"
