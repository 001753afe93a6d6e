"""The audit log: append-only, each event chained to the one before it.

``hash = HMAC-SHA256(key, prev_hash || canonical JSON of the event)`` with the
key outside the database (``settings.SMART_AUDIT_KEY``), so editing, deleting
or reordering any row breaks the chain at that row (R-CONF-1, security.md L6),
and someone who can write the table cannot recompute the hashes. Actor and
target are kept as snapshot columns too, so events stay readable after
deletions. On PostgreSQL a trigger refuses UPDATE and DELETE of rows
(migration 0004).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEventQuerySet(models.QuerySet):
    def matching(self, *, actor: str = "", action_prefix: str = "", target: str = "",
                 since: datetime.date | None = None,
                 until: datetime.date | None = None) -> AuditEventQuerySet:
        """The events of the audit viewer's filters. ``actor`` matches the name
        or the login name; ``target`` the label (it carries the NIP) or the id;
        the dates are calendar days in the regency's time zone, both included."""
        events = self
        if actor:
            events = events.filter(Q(actor_label__icontains=actor)
                                   | Q(actor__username=actor))
        if action_prefix:
            events = events.filter(action__startswith=action_prefix)
        if target:
            events = events.filter(Q(target_label__icontains=target) | Q(target_id=target))
        zone = timezone.get_current_timezone()
        if since:
            events = events.filter(
                at__gte=datetime.datetime.combine(since, datetime.time.min, tzinfo=zone))
        if until:
            next_day = until + datetime.timedelta(days=1)
            events = events.filter(
                at__lt=datetime.datetime.combine(next_day, datetime.time.min, tzinfo=zone))
        return events


class AuditEvent(models.Model):
    seq = models.PositiveBigIntegerField(_("sequence"), unique=True)
    at = models.DateTimeField(_("time"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("actor"),
    )
    actor_label = models.CharField(_("actor"), max_length=200, blank=True)
    action = models.CharField(_("action"), max_length=80, db_index=True)
    target_type = models.CharField(_("target type"), max_length=80, blank=True)
    target_id = models.CharField(_("target id"), max_length=64, blank=True)
    target_label = models.CharField(_("target"), max_length=300, blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)
    # Plt/Plh: the official whose power the actor used (decision 45).
    acting_for = models.CharField(_("acting for"), max_length=200, blank=True)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    # Filled from the current request (smart.audit.middleware); empty outside one.
    ip = models.CharField(_("IP address"), max_length=45, blank=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["seq"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.target_label}"


class AuditCheck(models.Model):
    """One verification of the chain: how far it held, or where it broke.

    A full check walks every event; the audit viewer checks only the events
    after the last good check (``through_seq``/``through_hash``), so reading the
    log stays fast with millions of events while the nightly full check still
    covers everything.
    """

    checked_at = models.DateTimeField(_("checked at"), default=timezone.now)
    full = models.BooleanField(_("whole chain"))
    ok = models.BooleanField(_("chain whole"))
    through_seq = models.PositiveBigIntegerField(_("verified through event"), default=0)
    through_hash = models.CharField(_("hash of that event"), max_length=64, blank=True)
    broken_seq = models.PositiveBigIntegerField(_("first broken event"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("audit chain check")
        verbose_name_plural = _("audit chain checks")
        ordering = ["-checked_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.checked_at:%Y-%m-%d %H:%M} {'ok' if self.ok else self.broken_seq}"
