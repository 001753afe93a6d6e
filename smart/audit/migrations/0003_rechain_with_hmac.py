"""Re-chain existing events under the keyed scheme (HMAC-SHA256, decision 51).

The old chain (plain SHA-256 over fewer columns) is verified first: a broken
chain stops the migration instead of being laundered into a valid keyed one.
The payload functions are copied here, not imported, so this migration keeps
meaning what it meant when later code changes.
"""

import datetime
import hashlib
import hmac
import json

from django.conf import settings
from django.db import migrations

GENESIS = "0" * 64


def _canonical(payload):
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), default=str)


def _old_payload(e):
    return {
        "seq": e.seq, "at": e.at.isoformat(), "actor": e.actor_label, "action": e.action,
        "target_type": e.target_type, "target_id": e.target_id,
        "target_label": e.target_label, "data": e.data,
    }


def _new_payload(e):
    return {
        "seq": e.seq, "at": e.at.astimezone(datetime.UTC).isoformat(),
        "actor": e.actor_label, "acting_for": e.acting_for, "action": e.action,
        "target_type": e.target_type, "target_id": e.target_id,
        "target_label": e.target_label, "data": e.data, "before": e.before,
        "after": e.after, "ip": e.ip, "request_id": e.request_id,
    }


def rechain(apps, schema_editor):
    AuditEvent = apps.get_model("audit", "AuditEvent")
    key = settings.SMART_AUDIT_KEY.encode()
    old_prev = new_prev = GENESIS
    for expected, event in enumerate(list(AuditEvent.objects.order_by("seq")), start=1):
        old_hash = hashlib.sha256((old_prev + _canonical(_old_payload(event))).encode())
        if (event.seq != expected or event.prev_hash != old_prev
                or event.hash != old_hash.hexdigest()):
            raise RuntimeError(
                f"Rantai audit lama putus pada kejadian #{event.seq}; "
                "periksa sebelum migrasi ke rantai ber-kunci.")
        old_prev = event.hash
        # Plt/Plh moves carried the holder inside data; it has its own column now.
        if "on_behalf_of" in event.data:
            event.acting_for = event.data.pop("on_behalf_of") or ""
        event.prev_hash = new_prev
        event.hash = hmac.new(key, (new_prev + _canonical(_new_payload(event))).encode(),
                              hashlib.sha256).hexdigest()
        event.save(update_fields=["acting_for", "data", "prev_hash", "hash"])
        new_prev = event.hash


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0002_event_origin_and_values"),
    ]

    operations = [
        migrations.RunPython(rechain, migrations.RunPython.noop, elidable=True),
    ]
