"""Field-level history of an entry (R-DATA-5): who, when, old → new."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext

from smart.records.registry import RecordKind


@dataclass
class HistoryStep:
    when: object
    who: str
    reason: str
    kind: str  # "+", "~", "-"
    changes: list[tuple[str, object, object]]


def entry_history(entry, kind: RecordKind) -> list[HistoryStep]:
    """The entry's history, newest first, with the changed fields of each step."""
    records = list(entry.history.select_related("history_user").order_by("-history_date"))
    steps = []
    for newer, older in zip(records, [*records[1:], None], strict=True):
        changes = []
        if older is not None:
            delta = newer.diff_against(older, included_fields=list(kind.fields))
            for change in delta.changes:
                label = entry._meta.get_field(change.field).verbose_name
                changes.append((label, change.old, change.new))
        who = str(newer.history_user) if newer.history_user else gettext("system")
        steps.append(HistoryStep(
            newer.history_date, who,
            newer.history_change_reason or "", newer.history_type, changes,
        ))
    return steps
