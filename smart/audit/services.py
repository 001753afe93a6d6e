"""Writing and verifying the audit chain. Services call ``audit_record`` inside
their own transaction, so an event exists exactly when its change does."""

from __future__ import annotations

import hashlib
import json

from django.db import models, transaction
from django.utils import timezone

from smart.audit.models import AuditEvent

GENESIS = "0" * 64


def _digest(prev_hash: str, event: dict) -> str:
    canonical = json.dumps(event, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256((prev_hash + canonical).encode()).hexdigest()


def _payload(e: AuditEvent) -> dict:
    return {
        "seq": e.seq, "at": e.at.isoformat(), "actor": e.actor_label, "action": e.action,
        "target_type": e.target_type, "target_id": e.target_id,
        "target_label": e.target_label, "data": e.data,
    }


def audit_record(*, actor, action: str, target: models.Model | None = None,
                 target_label: str = "", data: dict | None = None) -> AuditEvent:
    """Append one event. ``action`` is dotted: "app.noun.verb"."""
    with transaction.atomic():
        # On PostgreSQL the row lock serialises writers; on SQLite the
        # IMMEDIATE transaction already holds the database write lock.
        last = AuditEvent.objects.select_for_update().order_by("-seq").first()
        event = AuditEvent(
            seq=(last.seq + 1) if last else 1,
            at=timezone.now(),
            actor=actor if getattr(actor, "pk", None) else None,
            actor_label=str(actor) if actor is not None else "system",
            action=action,
            target_type=target._meta.label_lower if target is not None else "",
            target_id=str(target.pk) if target is not None else "",
            target_label=(target_label or str(target or ""))[:300],
            data=json.loads(json.dumps(data or {}, default=str)),
            prev_hash=last.hash if last else GENESIS,
        )
        event.hash = _digest(event.prev_hash, _payload(event))
        event.save()
        return event


def audit_verify_chain(*, using: str = "default") -> int | None:
    """The seq of the first broken event, or None when the chain is whole.

    ``using`` names another database connection, e.g. a restored copy in the
    restore drill (smart.operations).
    """
    prev = GENESIS
    expected_seq = 1
    for event in AuditEvent.objects.using(using).order_by("seq").iterator():
        if (event.seq != expected_seq or event.prev_hash != prev
                or event.hash != _digest(prev, _payload(event))):
            return event.seq
        prev = event.hash
        expected_seq += 1
    return None
