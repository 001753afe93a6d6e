"""Cursor pagination: pages of at most ``MAX_LIMIT`` rows in id order.

The cursor is the last id of the page, signed, so a client cannot craft one
and a page never shifts when rows are added (unlike page numbers).
"""

from __future__ import annotations

from django.core import signing

MAX_LIMIT = 100
DEFAULT_LIMIT = 50
_SALT = "smart.api.cursor"


class CursorUnknown(Exception):
    """A cursor SMART did not issue (forged, mistyped or from another list)."""


def cursor_for(last_id: int) -> str:
    """The cursor of the page after the row with this id."""
    return signing.dumps(last_id, salt=_SALT)


def page_of(queryset, *, cursor: str, limit: int) -> tuple[list, str | None]:
    """One page of ``queryset`` after ``cursor``, and the cursor of the next page."""
    if cursor:
        try:
            after = signing.loads(cursor, salt=_SALT)
        except signing.BadSignature:
            # The page "after this cursor" does not exist: 404, like an unknown id.
            raise CursorUnknown from None
        queryset = queryset.filter(pk__gt=after)
    rows = list(queryset.order_by("pk")[:limit + 1])
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    return rows, cursor_for(rows[-1].pk)
