"""Working-day arithmetic for the "n hari kerja" deadlines.

A working day is Monday to Friday and not an active holiday (libur nasional,
cuti bersama or a regional dispensation). The arithmetic is pure: each function
takes the set of holiday dates. Given ``holidays=None`` it loads the range it
needs from the table itself, in one query per call.
"""

from __future__ import annotations

import datetime
from collections.abc import Set

from smart.workdays.models import Holiday

ONE_DAY = datetime.timedelta(days=1)
SATURDAY = 5
DEFAULT_DEADLINE_DAYS = 10  # the usual "10 hari kerja" of BKPP procedures


def _check_date(value: datetime.date) -> None:
    # A datetime never equals a date, so it would silently miss every holiday.
    if isinstance(value, datetime.datetime) or not isinstance(value, datetime.date):
        raise TypeError(f"expected a date, got {type(value).__name__}")


def _window(n: int) -> datetime.timedelta:
    """Calendar days that hold n working days even through weekends and a long
    Lebaran stretch: n working days span at most ~1.4n days plus the holidays."""
    return datetime.timedelta(days=n * 3 + 30)


def non_working_dates(start: datetime.date, end: datetime.date) -> frozenset[datetime.date]:
    """The active holiday dates from ``start`` to ``end`` inclusive, in one query.

    Weekends are a rule, not data, so they are not in the set (a holiday that
    falls on a weekend is, but changes nothing).
    """
    return frozenset(
        Holiday.objects.active().between(start, end).values_list("date", flat=True))


def is_working_day(day: datetime.date, holidays: Set[datetime.date] | None = None) -> bool:
    """Monday to Friday and not a holiday."""
    _check_date(day)
    if day.weekday() >= SATURDAY:
        return False
    if holidays is None:
        holidays = non_working_dates(day, day)
    return day not in holidays


def _walk(start: datetime.date, n: int, holidays: Set[datetime.date],
          until: datetime.date | None) -> datetime.date | None:
    """The n-th working day after start, or None if it lies beyond ``until``."""
    day, left = start, n
    while left:
        day += ONE_DAY
        if until is not None and day > until:
            return None
        if day.weekday() < SATURDAY and day not in holidays:
            left -= 1
    return day


def add_working_days(start: datetime.date, n: int,
                     holidays: Set[datetime.date] | None = None) -> datetime.date:
    """The date n working days after ``start``; the start day itself is not
    counted, so it may be a weekend or holiday. n = 0 returns ``start``."""
    _check_date(start)
    if n < 0:
        raise ValueError("n must not be negative")
    if n == 0:
        return start
    if holidays is not None:
        return _walk(start, n, holidays, until=None)  # type: ignore[return-value]
    # Load a window that holds the answer; only a table with holidays on most
    # weekdays of the window needs a further query.
    loaded: frozenset[datetime.date] = frozenset()
    loaded_from, until = start, start
    while True:
        until = until + _window(n)
        loaded |= non_working_dates(loaded_from + ONE_DAY, until)
        result = _walk(start, n, loaded, until=until)
        if result is not None:
            return result
        loaded_from = until


def _weekdays_between(start: datetime.date, end: datetime.date) -> int:
    """Monday-to-Friday days after ``start`` up to and including ``end``."""
    days = (end - start).days
    full_weeks, rest = divmod(days, 7)
    count = full_weeks * 5
    weekday = start.weekday()
    for _ in range(rest):
        weekday = (weekday + 1) % 7
        count += weekday < SATURDAY
    return count


def working_days_between(start: datetime.date, end: datetime.date,
                         holidays: Set[datetime.date] | None = None) -> int:
    """Working days after ``start`` up to and including ``end``; 0 when end <= start.

    The inverse of ``add_working_days``: for n >= 0,
    ``working_days_between(s, add_working_days(s, n)) == n``.
    """
    _check_date(start)
    _check_date(end)
    if end <= start:
        return 0
    if holidays is None:
        holidays = non_working_dates(start + ONE_DAY, end)
    off = sum(1 for day in holidays if start < day <= end and day.weekday() < SATURDAY)
    return _weekdays_between(start, end) - off


def deadline(start: datetime.date, n: int = DEFAULT_DEADLINE_DAYS,
             holidays: Set[datetime.date] | None = None) -> datetime.date:
    """The last day of an "n hari kerja" period that starts on ``start``
    (the day a file is received): 10 working days unless told otherwise."""
    return add_working_days(start, n, holidays)
