"""The public M&E page (Perbup 35/2020 Pasal 28): aggregates only, small numbers
hidden so nobody can be recognised.

Every count of people or requests per unit from 1 to ``threshold - 1`` is
shown as "<5"; while the exact total of a column, less its shown cells, still
leaves a hidden cell only one possible value, the next smallest count of that
column is hidden too and shown as "*" (secondary suppression,
``_protect_columns``). Counts that add up within a row (employees = complete +
incomplete) are hidden together (``completeness_marks``); a regency total of
the deadlines is hidden when it is small itself or would still give a cell away
(``deadline_marks``). A share is shown only when none of the counts it is made
of is hidden. The completeness totals are exact. No name, NIP or other value of
a person ever reaches this module's output: it receives counts.
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


def _sums(marks: list[str], cap: int, least: int) -> int:
    """The sums from 0 to ``cap`` that hidden cells with these marks can make, as
    bits: a "<5" is ``least`` to threshold - 1, a "*" is 0 or at least the
    threshold (a smaller one would be "<5")."""
    limit = threshold()
    below_cap = (1 << (cap + 1)) - 1
    sums = 1
    for mark in marks:
        if mark == "secondary":
            lowest = (sums & -sums).bit_length() - 1
            if lowest + limit <= cap:
                sums |= below_cap & ~((1 << (lowest + limit)) - 1)
        else:
            spread = 0
            for value in range(least, limit):
                spread |= sums << value
            sums = spread & below_cap
    return sums


def gives_away(column: list[int], marks: list[str], *, least: int = 1,
               total_hidden: bool = False) -> bool:
    """Whether the exact total of ``column``, less its shown cells, leaves a
    hidden cell only one possible value: a single hidden cell, "<5" + "<5" = 2
    (both 1), "<5" + "*" = 4 (the "*" can only be 0), a hidden 0 beside shown
    cells that make the whole total. A "<5" stands for ``least`` to
    threshold - 1: 1 where only counts from 1 are hidden as small, 0 where a
    small unit hides its zeros too. ``total_hidden``: the column's total is
    shown as "<5" instead of exactly. A column of zeros has a total of 0 that
    says so: there is nothing to hide in it."""
    limit = threshold()
    hidden = [i for i, mark in enumerate(marks) if mark]
    if not hidden or not any(column):
        return False
    if total_hidden:
        # The total shows as "<5" too: 1 to threshold - 1, all of it in cells
        # below it, so hidden as "<5". k of them, each at least ``least``, leave
        # each one value once k * least reaches threshold - 1 (four OPDs with 1).
        small = sum(1 for i in hidden if marks[i] != "secondary")
        return least > 0 and small * least >= limit - 1
    rest = sum(column[i] for i in hidden)
    for i in hidden:
        others = _sums([marks[j] for j in hidden if j != i], rest, least)
        if marks[i] == "secondary":  # 0, or from the threshold up to ``rest``
            possible = (others >> rest) & 1
            if rest >= limit:
                possible += (others & ((1 << (rest - limit + 1)) - 1)).bit_count()
        else:  # ``least`` to threshold - 1
            possible = sum((others >> (rest - v)) & 1
                           for v in range(least, min(limit - 1, rest) + 1))
        if possible <= 1:
            return True
    return False


def _protect_columns(rows: list[list[int]], marks: list[list[str]], columns, *,
                     counted=lambda r: True, least: int = 1) -> tuple[bool, set[int]]:
    """Hide, in each column, the next smallest shown cell (a zero only when no
    other is left) while the column ``gives_away`` a hidden one; ``counted``
    says which rows take part (a unit without employees holds zeros only).
    Returns whether anything was hidden and the columns that still give a cell
    away with every counted cell hidden: only their total can be hidden then."""
    changed, lost = False, set()
    taking_part = [r for r in range(len(rows)) if counted(r)]
    for c in columns:
        while gives_away([rows[r][c] for r in taking_part],
                         [marks[r][c] for r in taking_part], least=least):
            shown = [(rows[r][c] == 0, rows[r][c], r) for r in taking_part if not marks[r][c]]
            if not shown:
                lost.add(c)
                break
            marks[min(shown)[2]][c] = "secondary"
            changed = True
    return changed, lost


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
    - a column whose exact total, less its shown cells, would give a hidden
      cell (of a unit that has employees) away hides its next smallest shown
      cell (``_protect_columns``), and then the rows again, until nothing
      changes. The regency's totals stay exact: with thousands of employees a
      column never has every unit's cell hidden.
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
        changed |= _protect_columns(rows, marks, range(3), counted=lambda r: rows[r][0] > 0,
                                    least=0)[0]
    return marks


DEADLINE_PAIRS = ((0, 1), (2, 3))  # within and over of forwarding, then of completion


def deadline_marks(rows: list[list[int]]) -> tuple[list[list[str]], list[str]]:
    """Per cell of [forward within, forward over, completion within, completion
    over], and per regency total of these columns: "" shown, "small" or
    "secondary" hidden. The same protection as ``completeness_marks``:

    - a count from 1 to threshold - 1 is "<5" (zeros stay visible, so a "<5"
      here is never 0), and so is a regency total from 1 to threshold - 1;
    - a column whose exact total, less its shown cells, would give a hidden cell
      away hides its next smallest shown cell (``_protect_columns``), and when
      every cell is hidden and it still would, its total: one OPD alone with
      late requests showed "<5" over the deadline beside a regency total of 2;
    - a "<5" total whose "<5" cells could only be 1 each is shown as "*".

    A row shows no total of its own (a share is shown only with both its
    counts, ``deadline_table``), so within and over are not hidden for each
    other, and the columns are independent.
    """
    limit = threshold()
    marks = [["small" if 0 < n < limit else "" for n in row] for row in rows]
    totals = [sum(row[c] for row in rows) for c in range(4)]
    total_marks = ["small" if 0 < n < limit else "" for n in totals]
    for c in _protect_columns(rows, marks, [c for c in range(4) if not total_marks[c]])[1]:
        total_marks[c] = "secondary"
    for c in range(4):
        if total_marks[c] == "small" and gives_away(
                [row[c] for row in rows], [mark[c] for mark in marks], total_hidden=True):
            total_marks[c] = "secondary"
    return marks, total_marks


def _deadline_line(name: str, line, cells: list[PublicCell]) -> PublicLine:
    shares = [PublicCell(line.stages[stage].on_time_percent, is_percent=True,
                         hidden=any(cells[c].hidden for c in pair))
              for stage, pair in zip((FORWARD, COMPLETION), DEADLINE_PAIRS, strict=True)]
    return PublicLine(name, [cells[0], cells[1], shares[0], cells[2], cells[3], shares[1]])


def deadline_table(lines, total) -> tuple[list[PublicLine], PublicLine]:
    """Per OPD, and for the regency, within/over of both deadlines and the
    on-time share when both of its counts are shown (``deadline_marks``)."""
    rows = [[line.stages[FORWARD].within, line.stages[FORWARD].over,
             line.stages[COMPLETION].within, line.stages[COMPLETION].over] for line in lines]
    marks, total_marks = deadline_marks(rows)
    result = [
        _deadline_line(line.name, line, [
            PublicCell(value, hidden=bool(mark), secondary=mark == "secondary")
            for value, mark in zip(row, mark_row, strict=True)])
        for line, row, mark_row in zip(lines, rows, marks, strict=True)]
    sums = [total.stages[FORWARD].within, total.stages[FORWARD].over,
            total.stages[COMPLETION].within, total.stages[COMPLETION].over]
    regency = _deadline_line("", total, [
        PublicCell(value, hidden=bool(mark), secondary=mark == "secondary")
        for value, mark in zip(sums, total_marks, strict=True)])
    return result, regency
