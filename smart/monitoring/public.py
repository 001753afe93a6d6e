"""The public M&E page (Perbup 35/2020 Pasal 28): aggregates only, small numbers
hidden so nobody can be recognised.

Every count of people or requests per unit from 1 to ``threshold - 1`` is
shown as "<5" (``SUPPRESSED``); when a column has exactly one hidden cell, the
next smallest count of that column is hidden too, so the total minus the
other cells does not give it away (secondary suppression). A share is shown
only when none of the counts it is made of is hidden. The regency's totals
are exact. No name, NIP or other value of a person ever reaches this module's
output: it receives counts.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from smart.monitoring.deadlines import COMPLETION, FORWARD
from smart.monitoring.wording import number, percent

HIDDEN = object()


def threshold() -> int:
    return settings.SMART_PUBLIC_MIN_COUNT


def suppressed_label() -> str:
    return f"<{threshold()}"


def _hide_small(column: list[int]) -> list[bool]:
    limit = threshold()
    hidden = [0 < n < limit for n in column]
    if sum(hidden) == 1:
        candidates = [(n, i) for i, n in enumerate(column) if n and not hidden[i]]
        if candidates:
            hidden[min(candidates)[1]] = True
    return hidden


@dataclass
class PublicCell:
    value: int | float | None
    hidden: bool = False
    is_percent: bool = False

    def __str__(self) -> str:
        if self.hidden:
            return suppressed_label()
        if self.value is None:
            return "-"
        return percent(self.value) if self.is_percent else number(self.value)


def suppress(rows: list[list[int]]) -> list[list[PublicCell]]:
    """Hide small counts, column by column (see the module docstring)."""
    if not rows:
        return []
    width = len(rows[0])
    hidden_by_column = [_hide_small([row[c] for row in rows]) for c in range(width)]
    return [[PublicCell(row[c], hidden_by_column[c][r]) for c in range(width)]
            for r, row in enumerate(rows)]


@dataclass
class PublicLine:
    name: str
    cells: list[PublicCell]


def completeness_lines(completeness) -> list[PublicLine]:
    """Per OPD: employees, complete, incomplete (hidden when small), and the
    completeness share (hidden when the unit itself is small)."""
    lines = completeness.lines
    table = suppress([[line.employees, line.complete, line.incomplete] for line in lines])
    result = []
    for line, cells in zip(lines, table, strict=True):
        share = PublicCell(line.percent, hidden=cells[0].hidden or line.employees < threshold(),
                           is_percent=True)
        result.append(PublicLine(line.name, [*cells, share]))
    return result


def deadline_lines(lines) -> list[PublicLine]:
    """Per OPD: within/over of both deadlines, and the on-time share when both of
    its counts are shown."""
    rows = [[line.stages[FORWARD].within, line.stages[FORWARD].over,
             line.stages[COMPLETION].within, line.stages[COMPLETION].over] for line in lines]
    table = suppress(rows)
    result = []
    for line, cells in zip(lines, table, strict=True):
        shares = []
        for stage, pair in ((FORWARD, cells[0:2]), (COMPLETION, cells[2:4])):
            tally = line.stages[stage]
            hidden = any(c.hidden for c in pair) or 0 < tally.decided < threshold()
            shares.append(PublicCell(tally.on_time_percent, hidden=hidden, is_percent=True))
        result.append(PublicLine(line.name, [cells[0], cells[1], shares[0], cells[2],
                                             cells[3], shares[1]]))
    return result
