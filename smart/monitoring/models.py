"""The recording campaign (kampanye perekaman awal, Perbup 35/2020 Pasal 20 and 32).

A campaign names the required elements and document kinds every employee in
service must have recorded by its deadline; its pages count, per unit and per
employee, what is still missing (``campaigns.py``). The catalogue of elements
lives in ``records/elements.py``; a campaign stores their codes.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CampaignQuerySet(models.QuerySet):
    def running(self, on: datetime.date | None = None) -> CampaignQuerySet:
        """Campaigns between their start and their deadline (both included)."""
        on = on or timezone.localdate()
        return self.filter(start_date__lte=on, deadline__gte=on)


class RecordingCampaign(models.Model):
    name = models.CharField(_("name"), max_length=200)
    start_date = models.DateField(_("start date"))
    deadline = models.DateField(_("deadline"))
    elements = models.JSONField(
        _("required elements"), default=list,
        help_text=_("Codes of the data elements that count (see the element catalogue)."),
    )
    document_types = models.ManyToManyField(
        "documents.DocumentType", blank=True, related_name="+",
        verbose_name=_("required documents"),
    )
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                   related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = _("recording campaign")
        verbose_name_plural = _("recording campaigns")
        ordering = ["-start_date", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(deadline__gte=models.F("start_date")),
                                   name="monitoring_campaign_dates_in_order"),
        ]

    def __str__(self) -> str:
        return self.name

    def is_running(self, on: datetime.date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.start_date <= on <= self.deadline

    def is_past(self, on: datetime.date | None = None) -> bool:
        return (on or timezone.localdate()) > self.deadline
