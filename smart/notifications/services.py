"""Telling people: in-app notifications plus an e-mail to each recipient.

E-mail leaves only after the surrounding transaction commits, so a move that
is rolled back (refused, conflicting, failed) tells nobody anything. A mail
server that is down never undoes the committed work: the failure is logged
and the in-app notification is still there.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import partial

from django.conf import settings
from django.core.mail import get_connection, send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from smart.notifications.models import Notification

logger = logging.getLogger(__name__)

SUBJECT_PREFIX = "[SMART] "
SUBJECT_MAX = 120


def _distinct_active(users: Iterable) -> list:
    seen: set[int] = set()
    result = []
    for user in users:
        if user is None or not user.is_active or user.pk in seen:
            continue
        seen.add(user.pk)
        result.append(user)
    return result


def _subject(email_subject: str | None, message: str) -> str:
    text = " ".join((email_subject or message).split())
    if len(text) > SUBJECT_MAX:
        text = text[:SUBJECT_MAX - 1].rstrip() + "…"
    return SUBJECT_PREFIX + text


def _body(message: str, url: str) -> str:
    if not url:
        return message
    # Without a request there is no host: SMART_SITE_URL makes the link clickable.
    site = settings.SMART_SITE_URL.rstrip("/")
    return f"{message}\n\nBuka di SMART: {site}{url}\n"


def _send_emails(subject: str, body: str, addresses: list[str]) -> None:
    """One message per recipient, so nobody sees the others' addresses."""
    try:
        connection = get_connection()
        for address in addresses:
            send_mail(subject, body, None, [address], connection=connection)
    except Exception:
        logger.exception("Sending notification e-mail failed")


def notify(*, users: Iterable, message: str, url: str, email_subject: str | None = None,
           dedup_key: str = "") -> int:
    """Notify each distinct active user once; returns how many were notified.

    With ``dedup_key`` a user who already has a notification with that key is
    skipped (e.g. ``"reminder:request-12:2026-03-02"``), so re-running a daily
    reminder tells nobody twice. Users without an e-mail address get the
    in-app notification only.
    """
    recipients = _distinct_active(users)
    created: list[Notification] = []
    with transaction.atomic():
        if not dedup_key:
            created = Notification.objects.bulk_create([
                Notification(user=user, message=message, url=url) for user in recipients
            ])
        else:
            for user in recipients:
                try:
                    # A savepoint per row: the unique constraint decides, so
                    # two reminder runs at once still tell each user once.
                    with transaction.atomic():
                        created.append(Notification.objects.create(
                            user=user, message=message, url=url, dedup_key=dedup_key))
                except IntegrityError:
                    continue
        addresses = [n.user.email for n in created if n.user.email]
        if addresses:
            transaction.on_commit(partial(
                _send_emails, _subject(email_subject, message), _body(message, url),
                addresses))
    return len(created)


def notification_mark_read(*, user, notification: Notification) -> Notification:
    """Mark one of the user's own notifications read (once; later calls keep
    the first reading time)."""
    if notification.user_id != user.pk:
        raise PermissionError("A notification is marked read only by its recipient.")
    if notification.read_at is None:
        now = timezone.now()
        with transaction.atomic():
            Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
                read_at=now)
        notification.read_at = now
    return notification


def notifications_mark_all_read(*, user) -> int:
    """Mark all the user's unread notifications read; returns how many."""
    with transaction.atomic():
        return Notification.objects.for_user(user).unread().update(read_at=timezone.now())
