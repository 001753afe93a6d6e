"""Seeding the holiday table from the ``holidays`` package.

``holidays_seed`` takes the model as an argument so the data migration can pass
its historical model and the ``seed_holidays`` command the current one.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

import holidays
from django.db import models

# PUBLIC = libur nasional, GOVERNMENT = cuti bersama (holidays >= 0.99 for 2026).
PUBLIC, COLLECTIVE = "public", "collective"
_CATEGORIES = {PUBLIC: "public", COLLECTIVE: "government"}


def national_holidays(years: Iterable[int]) -> dict[datetime.date, tuple[str, str]]:
    """Date -> (kind, Indonesian name) for the years, as the package lists them.

    A date that is both a public holiday and cuti bersama counts as public.
    Dates beyond the package's confirmed range carry "(perkiraan)" in the name.
    """
    years = sorted(set(years))
    days: dict[datetime.date, tuple[str, str]] = {}
    for kind in (COLLECTIVE, PUBLIC):  # public last, so it wins a shared date
        listed = holidays.country_holidays(
            "ID", years=years, categories=(_CATEGORIES[kind],), language="id")
        for day, name in listed.items():
            days[day] = (kind, name)
    return days


def holidays_seed(years: Iterable[int], model: type[models.Model]) -> int:
    """Add the package's holidays for ``years``; return how many rows were added.

    Idempotent: a date already in the table is left exactly as it is, whether it
    was seeded, entered by hand or cancelled (``is_active=False``), so a re-seed
    never revives a cancelled day nor overwrites a manual correction.
    """
    days = national_holidays(years)
    if not days:
        return 0
    existing = set(
        model.objects.filter(date__range=(min(days), max(days))).values_list("date", flat=True))
    new = [
        model(date=day, name=name[:200], kind=kind, source="package")
        for day, (kind, name) in sorted(days.items()) if day not in existing
    ]
    model.objects.bulk_create(new)
    return len(new)
