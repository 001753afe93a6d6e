"""The writes of monitoring: campaigns and their reminders (R-PROC-1)."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from smart.access.models import Role, RoleAssignment
from smart.audit.services import audit_record
from smart.monitoring.campaigns import campaign_elements
from smart.monitoring.models import RecordingCampaign
from smart.notifications.services import notify
from smart.people.models import Employee
from smart.records.progress import annotate_missing, incomplete

CAMPAIGN_FIELDS = ("name", "start_date", "deadline", "elements", "note")


def _snapshot(campaign: RecordingCampaign) -> dict:
    return {
        "name": campaign.name, "start_date": campaign.start_date.isoformat(),
        "deadline": campaign.deadline.isoformat(), "elements": list(campaign.elements),
        "document_types": sorted(t.code for t in campaign.document_types.all()),
        "note": campaign.note,
    }


def campaign_create(*, actor, name: str, start_date: datetime.date, deadline: datetime.date,
                    elements: list[str], document_types, note: str = "") -> RecordingCampaign:
    with transaction.atomic():
        campaign = RecordingCampaign.objects.create(
            name=name, start_date=start_date, deadline=deadline, elements=list(elements),
            note=note, created_by=actor)
        campaign.document_types.set(document_types)
        audit_record(actor=actor, action="monitoring.campaign.create", target=campaign,
                     after=_snapshot(campaign))
    return campaign


def campaign_update(*, actor, campaign: RecordingCampaign, document_types, **values
                    ) -> RecordingCampaign:
    """Change a campaign (e.g. extend its deadline); the audit event keeps both."""
    with transaction.atomic():
        locked = RecordingCampaign.objects.select_for_update().get(pk=campaign.pk)
        before = _snapshot(locked)
        for name in CAMPAIGN_FIELDS:
            if name in values:
                setattr(locked, name, values[name])
        locked.save()
        locked.document_types.set(document_types)
        audit_record(actor=actor, action="monitoring.campaign.update", target=locked,
                     before=before, after=_snapshot(locked))
    return locked


def _incomplete_per_unit(campaign: RecordingCampaign) -> list[tuple[str, int]]:
    """(unit path, employees still incomplete) of the whole regency: one query."""
    employees = annotate_missing(Employee.objects.active(), campaign_elements(campaign))
    rows = (incomplete(employees).order_by().values("unit__path")
            .annotate(n=Count("pk")))
    return [(row["unit__path"], row["n"]) for row in rows]


def campaign_reminders_send(*, today: datetime.date | None = None) -> int:
    """Tell every Administrator OPD how many employees of their units are still
    incomplete in each running campaign, once a day at most (a periodic job runs
    it). Returns the number of notifications sent.

    Queries: the campaigns, one count per campaign, the admins' assignments and
    users, then the notification writes per admin: none per employee.
    """
    today = today or timezone.localdate()
    campaigns = list(RecordingCampaign.objects.running(today).prefetch_related(
        "document_types"))
    if not campaigns:
        return 0
    scopes: dict[int, list[str | None]] = defaultdict(list)
    for user_id, path in (RoleAssignment.objects.in_force().filter(role=Role.UNIT_ADMIN)
                          .values_list("user_id", "unit__path")):
        scopes[user_id].append(path)
    users = get_user_model().objects.in_bulk(list(scopes))
    sent = 0
    for campaign in campaigns:
        counts = _incomplete_per_unit(campaign)
        days_left = (campaign.deadline - today).days
        url = reverse("monitoring:campaign_detail", args=[campaign.pk])
        for user_id, paths in sorted(scopes.items()):
            n = sum(count for path, count in counts
                    if any(scope is None or path.startswith(scope) for scope in paths))
            if not n or user_id not in users:
                continue
            message = (f"Kampanye perekaman “{campaign.name}”: {n} pegawai di unit Anda "
                       f"belum lengkap datanya; tenggat {campaign.deadline:%d-%m-%Y} "
                       f"({days_left} hari lagi).")
            sent += notify(users=[users[user_id]], message=message, url=url,
                           dedup_key=f"campaign-reminder:{campaign.pk}:{today.isoformat()}")
    return sent
