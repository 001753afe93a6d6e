"""The month an M&E figure is about ("2026-11"), and its Indonesian name."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.utils import timezone

from smart.records.drh import MONTHS

SHORT_MONTHS = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @property
    def first(self) -> datetime.date:
        return datetime.date(self.year, self.month, 1)

    @property
    def last(self) -> datetime.date:
        return self.next().first - datetime.timedelta(days=1)

    @property
    def key(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def label(self) -> str:
        """"November 2026" (the same in both languages: a report's period)."""
        return f"{MONTHS[self.month - 1]} {self.year}"

    @property
    def short_label(self) -> str:
        """"Nov 2026", for table heads and chart axes."""
        return f"{SHORT_MONTHS[self.month - 1]} {self.year}"

    def next(self) -> Month:
        return Month(self.year + self.month // 12, self.month % 12 + 1)

    def previous(self) -> Month:
        return Month(self.year - (self.month == 1), (self.month - 2) % 12 + 1)

    def back(self, n: int) -> Month:
        month = self
        for _ in range(n):
            month = month.previous()
        return month


def month_of(day: datetime.date) -> Month:
    return Month(day.year, day.month)


def this_month() -> Month:
    return month_of(timezone.localdate())


def parse_month(text: str | None, default: Month) -> Month | None:
    """"2026-11" → that month; empty → ``default``; anything else (or a month in
    the future or before 2020) → None, and the page answers 404."""
    if not text:
        return default
    match = re.fullmatch(r"(\d{4})-(\d{2})", text.strip())
    if not match:
        return None
    year, month = int(match[1]), int(match[2])
    if not 1 <= month <= 12 or year < 2020:
        return None
    chosen = Month(year, month)
    if chosen.first > timezone.localdate():
        return None
    return chosen
