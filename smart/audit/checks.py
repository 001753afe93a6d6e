"""Verifying the audit chain over time: checkpoints in the database and anchors
outside it (R-CONF-1, security.md L6).

* ``audit_chain_check(full=True)`` walks the whole chain (nightly and
  ``manage.py verify_audit``); ``full=False`` walks only what came after the last
  good check, after confirming that check's event still carries its hash.
* Anchors: every check (and the worker every few minutes) appends the last
  event's ``seq`` and hash to ``SMART_AUDIT_ANCHOR_FILE``, a file outside the
  database (production: another disk or host). Whoever holds the database *and*
  the key could rewrite the whole chain consistently; the anchors written
  before still name the old hashes, so the rewrite shows.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from smart.audit.models import AuditCheck, AuditEvent
from smart.audit.services import ChainBreak, audit_first_break

ANCHOR_BATCH = 1000


@dataclass(frozen=True)
class AnchorBreak:
    """An anchor the database no longer agrees with."""

    seq: int
    at: str
    reason: str  # "missing": the event is gone; "anchor": it has another hash now


def _anchor_file() -> Path:
    return Path(settings.SMART_AUDIT_ANCHOR_FILE)


def _last_event() -> tuple[int, str] | None:
    last = AuditEvent.objects.order_by("-seq").values_list("seq", "hash").first()
    return (last[0], last[1]) if last else None


def _read_anchors() -> list[dict]:
    path = _anchor_file()
    if not path.is_file():
        return []
    anchors = []
    for line in path.read_text().splitlines():
        try:
            anchor = json.loads(line)
            anchors.append({"seq": int(anchor["seq"]), "hash": str(anchor["hash"]),
                            "at": str(anchor.get("at", ""))})
        except (ValueError, KeyError, TypeError):
            continue  # a torn last line after a crash; the rest still counts
    return anchors


def audit_anchor_write() -> bool:
    """Append the last event's seq and hash, unless the last anchor already names it."""
    last = _last_event()
    if last is None:
        return False
    anchors = _read_anchors()
    if anchors and anchors[-1]["seq"] == last[0] and anchors[-1]["hash"] == last[1]:
        return False
    path = _anchor_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps({"at": timezone.now().isoformat(timespec="seconds"),
                       "seq": last[0], "hash": last[1]})
    with path.open("a") as file:
        file.write(line + "\n")
    path.chmod(0o600)
    return True


def audit_anchors_break() -> AnchorBreak | None:
    """The first anchor whose event is gone or has another hash now."""
    anchors = _read_anchors()
    for start in range(0, len(anchors), ANCHOR_BATCH):
        batch = anchors[start:start + ANCHOR_BATCH]
        stored = dict(AuditEvent.objects.filter(seq__in=[a["seq"] for a in batch])
                      .values_list("seq", "hash"))
        for anchor in batch:
            if anchor["seq"] not in stored:
                return AnchorBreak(anchor["seq"], anchor["at"], "missing")
            if stored[anchor["seq"]] != anchor["hash"]:
                return AnchorBreak(anchor["seq"], anchor["at"], "anchor")
    return None


def _last_good_check() -> AuditCheck | None:
    return AuditCheck.objects.filter(ok=True).order_by("-through_seq", "-pk").first()


def audit_chain_check(*, full: bool) -> AuditCheck:
    """Verify the chain (whole, or since the last good check) and its anchors;
    record the outcome and anchor the chain's end."""
    start = None if full else _last_good_check()
    broken: ChainBreak | None = audit_first_break(
        after=(start.through_seq, start.through_hash) if start and start.through_seq else None)
    anchor = audit_anchors_break() if broken is None else None
    last = _last_event() or (0, "")
    check = AuditCheck.objects.create(
        full=full, ok=broken is None and anchor is None,
        through_seq=last[0] if broken is None else 0,
        through_hash=last[1] if broken is None else "",
        broken_seq=(broken.event.seq if broken else anchor.seq if anchor else None),
        reason=(broken.reason if broken else anchor.reason if anchor else ""),
    )
    if check.ok:
        audit_anchor_write()
    return check


def last_full_check() -> AuditCheck | None:
    return AuditCheck.objects.filter(full=True).order_by("-checked_at", "-pk").first()
