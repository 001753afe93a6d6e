"""Writing and verifying the audit chain. Services call ``audit_record`` inside
their own transaction, so an event exists exactly when its change does.

Each event's hash is ``HMAC-SHA256(SMART_AUDIT_KEY, prev_hash + canonical JSON
of the event)``. Every column that says what happened (time, actor, acting-for,
action, target, data, before/after, address, request id) is in the hashed
payload; only the ``actor`` foreign key is not, because deleting a user sets it
to NULL while ``actor_label`` keeps the name.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone

from smart.audit import context
from smart.audit.models import AuditEvent

GENESIS = "0" * 64


def _key() -> bytes:
    return settings.SMART_AUDIT_KEY.encode()


def _digest(prev_hash: str, event: dict) -> str:
    canonical = json.dumps(event, sort_keys=True, separators=(",", ":"), default=str)
    return hmac.new(_key(), (prev_hash + canonical).encode(), hashlib.sha256).hexdigest()


def _payload(e: AuditEvent) -> dict:
    return {
        "seq": e.seq, "at": e.at.astimezone(datetime.UTC).isoformat(),
        "actor": e.actor_label, "acting_for": e.acting_for, "action": e.action,
        "target_type": e.target_type, "target_id": e.target_id,
        "target_label": e.target_label, "data": e.data, "before": e.before,
        "after": e.after, "ip": e.ip, "request_id": e.request_id,
    }


def _plain(value):
    """JSON as it will read back from the database (dates and decimals as text)."""
    return None if value is None else json.loads(json.dumps(value, default=str))


# Any constant number: the advisory lock that serialises writers of the chain.
CHAIN_LOCK = 35_2020


def _lock_the_chain() -> None:
    """One writer at a time appends to the chain, until its transaction ends.

    On PostgreSQL a row lock on the last event is not enough: a second writer
    waiting on it gets the same "last" row back once the first commits, and both
    would take the same ``seq`` (seen under the load run). A transaction-level
    advisory lock is taken before the last event is read. On SQLite the IMMEDIATE
    transaction already holds the database's write lock.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK])


def audit_record(*, actor, action: str, target: models.Model | None = None,
                 target_label: str = "", data: dict | None = None, acting_for: str = "",
                 before: dict | None = None, after: dict | None = None,
                 actor_label: str = "") -> AuditEvent:
    """Append one event. ``action`` is dotted: "app.noun.verb".

    ``acting_for`` names the official whose power the actor used (Plt/Plh);
    ``before``/``after`` are the changed values of a write. The client address
    and request id come from the current request, if any. ``actor_label``
    names an actor without an account (the name typed at a failed sign-in).
    """
    origin = context.current()
    with transaction.atomic():
        _lock_the_chain()
        last = AuditEvent.objects.order_by("-seq").first()
        event = AuditEvent(
            seq=(last.seq + 1) if last else 1,
            at=timezone.now(),
            actor=actor if getattr(actor, "pk", None) else None,
            actor_label=(actor_label or (str(actor) if actor is not None else "system"))[:200],
            acting_for=acting_for[:200],
            action=action,
            target_type=target._meta.label_lower if target is not None else "",
            target_id=str(target.pk) if target is not None else "",
            target_label=(target_label or str(target or ""))[:300],
            data=_plain(data or {}),
            before=_plain(before),
            after=_plain(after),
            ip=origin.ip,
            request_id=origin.request_id,
            prev_hash=last.hash if last else GENESIS,
        )
        event.hash = _digest(event.prev_hash, _payload(event))
        event.save()
        return event


@dataclass(frozen=True)
class ChainBreak:
    """The first event at which the chain does not hold, and why."""

    event: AuditEvent
    reason: str  # "missing": events before it are gone; "link": prev_hash; "content"


def audit_first_break(*, using: str = "default",
                      after: tuple[int, str] | None = None) -> ChainBreak | None:
    """Walk the chain in seq order; the first event that does not follow from
    the one before it, or None when the chain is whole. ``using`` names another
    database connection, e.g. a restored copy in the restore drill. ``after``
    = (seq, hash) of an event verified before: the walk starts behind it, once
    that event is shown to still carry that hash."""
    prev = GENESIS
    expected_seq = 1
    events = AuditEvent.objects.using(using).order_by("seq")
    if after is not None:
        seq, verified_hash = after
        checkpoint = events.filter(seq=seq).first()
        if checkpoint is None:
            first = events.filter(seq__gt=seq).first() or events.last()
            return ChainBreak(first, "missing") if first is not None else None
        if not hmac.compare_digest(checkpoint.hash, verified_hash):
            return ChainBreak(checkpoint, "content")
        prev, expected_seq = verified_hash, seq + 1
        events = events.filter(seq__gt=seq)
    for event in events.iterator(chunk_size=2000):
        if event.seq != expected_seq:
            return ChainBreak(event, "missing")
        if event.prev_hash != prev:
            return ChainBreak(event, "link")
        if not hmac.compare_digest(event.hash, _digest(prev, _payload(event))):
            return ChainBreak(event, "content")
        prev = event.hash
        expected_seq += 1
    return None


def audit_verify_chain(*, using: str = "default") -> int | None:
    """The seq of the first broken event, or None when the chain is whole."""
    broken = audit_first_break(using=using)
    return broken.event.seq if broken else None
