"""Marking a released file with who let it out, and keeping spreadsheet cells inert.

Every file opened by a release carries one line naming the requester, the
time and the request number (security.md Z9): PDFs on every page, CSV as
the first line. Spreadsheet cells that start like a formula are neutralised
(security.md V3, OWASP "CSV injection").
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable, Sequence

from django.utils import timezone

from smart.releases.models import DataRelease

# What a spreadsheet reads as the start of a formula, or may strip to reach one:
# = + - @, and a leading tab or carriage return (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def release_note(release: DataRelease, user, on: datetime.datetime | None = None) -> str:
    """ "Dirilis untuk BUDI (198503…) pada 04-12-2026 09.15 WIB — permohonan #12"."""
    local = timezone.localtime(on or timezone.now())
    name = (getattr(user, "full_name", "") or user.get_username())[:80]
    return (f"Dirilis untuk {name} ({user.get_username()}) pada "
            f"{local:%d-%m-%Y %H.%M} {local.tzname() or ''}".rstrip()
            + f" — permohonan #{release.pk}")


def neutralise_cell(value):
    """A text cell that a spreadsheet would run as a formula gets a leading
    apostrophe, so it is shown as the text it is; other values are unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence], *, note: str = "") -> bytes:
    """A CSV file (UTF-8 with BOM, which Excel needs for Indonesian names) whose
    every cell is neutralised; ``note`` (the release line) comes first."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    if note:
        writer.writerow([neutralise_cell(note)])
    writer.writerow([neutralise_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([neutralise_cell(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
