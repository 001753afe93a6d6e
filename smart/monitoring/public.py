"""The public M&E page (Perbup 35/2020 Pasal 28): aggregates only, small numbers
hidden so nobody can be recognised.

Every count of people or requests per unit from 1 to ``threshold - 1`` is
shown as "<5"; when a column has exactly one such cell, the next smallest count
of that column is hidden too and shown as "*", so the total minus the other
cells does not give the small one away (secondary suppression). Counts that
add up within a row (employees = complete + incomplete) are hidden together
(``completeness_marks``). A share is shown only when none of the counts it is
made of is hidden. The regency's totals
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


SECONDARY = "*"


def _hide_small(column: list[int]) -> list[str]:
    """Per cell: "" shown, "small" below the threshold, "secondary" hidden with it."""
    limit = threshold()
    hidden = ["small" if 0 < n < limit else "" for n in column]
    if hidden.count("small") == 1:
        candidates = [(n, i) for i, n in enumerate(column) if n and not hidden[i]]
        if candidates:
            hidden[min(candidates)[1]] = "secondary"
    return hidden


@dataclass
class PublicCell:
    value: int | float | None
    hidden: bool = False
    is_percent: bool = False
    secondary: bool = False  # not small itself, hidden so a small one cannot be worked out

    def __str__(self) -> str:
        if self.hidden:
            if self.is_percent:
                return "–"  # a share of hidden counts
            return SECONDARY if self.secondary else suppressed_label()
        if self.value is None:
            return "-"
        return percent(self.value) if self.is_percent else number(self.value)


def suppress(rows: list[list[int]]) -> list[list[PublicCell]]:
    """Hide small counts, column by column (see the module docstring)."""
    if not rows:
        return []
    width = len(rows[0])
    hidden_by_column = [_hide_small([row[c] for row in rows]) for c in range(width)]
    return [[PublicCell(row[c], hidden=bool(hidden_by_column[c][r]),
                        secondary=hidden_by_column[c][r] == "secondary") for c in range(width)]
            for r, row in enumerate(rows)]


@dataclass
class PublicLine:
    name: str
    cells: list[PublicCell]


def completeness_lines(completeness) -> list[PublicLine]:
    """Per OPD: employees, complete, incomplete and the completeness share, hidden
    as ``completeness_marks`` decides; the share only when its row shows all."""
    lines = completeness.lines
    rows = [[line.employees, line.complete, line.incomplete] for line in lines]
    result = []
    for line, row, marks in zip(lines, rows, completeness_marks(rows), strict=True):
        cells = [PublicCell(value, hidden=bool(mark), secondary=mark == "secondary")
                 for value, mark in zip(row, marks, strict=True)]
        share = PublicCell(line.percent, hidden=any(marks), is_percent=True)
        result.append(PublicLine(line.name, [*cells, share]))
    return result


def completeness_marks(rows: list[list[int]]) -> list[list[str]]:
    """Per cell of [employees, complete, incomplete]: "" shown, "small" or
    "secondary" hidden. Besides the columns' rule (``suppress``), the row's own
    sum gives cells away (incomplete = employees − complete), so:

    - a unit with fewer employees than the threshold shows none of its numbers
      ("0 complete" of a hidden handful would tell about each of them);
    - a row with complete or incomplete hidden hides the other one too;
    - a column with exactly one hidden cell (of a unit that has employees)
      hides its next smallest shown cell, since the exact total minus the shown
      cells would give it away, and then the rows again, until nothing changes.
    """
    limit = threshold()
    by_column = [_hide_small([row[c] for row in rows]) for c in range(3)]
    marks = [[by_column[c][r] for c in range(3)] for r in range(len(rows))]

    def hide(r: int, c: int, mark: str) -> bool:
        if marks[r][c]:
            return False
        marks[r][c] = mark
        return True

    changed = True
    while changed:
        changed = False
        for r, row in enumerate(rows):
            if marks[r][0] or row[0] < limit:
                for c in range(3):
                    changed |= hide(r, c, "small")
            elif marks[r][1] or marks[r][2]:
                for c in (1, 2):
                    changed |= hide(r, c, "secondary")
        for c in range(3):
            hidden = [r for r, row in enumerate(rows) if marks[r][c] and row[0]]
            if len(hidden) == 1:
                shown = [(rows[r][c] == 0, rows[r][c], r) for r in range(len(rows))
                         if not marks[r][c] and rows[r][0]]
                if shown:
                    changed |= hide(min(shown)[2], c, "secondary")
    return marks


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
