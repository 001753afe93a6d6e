"""Changes to the holiday table by the Pengelola SMART.

The workdays app is the bottom layer and may not import ``smart.audit``; a
caller in a higher layer that must audit wraps these in its own
``transaction.atomic`` together with ``audit_record``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from smart.workdays.models import Holiday
from smart.workdays.seeding import holidays_seed


class HolidayError(ValueError):
    """A holiday change that the table's rules do not allow."""


def holiday_add(*, date: datetime.date, name: str, kind: str, decree: str = "") -> Holiday:
    """Declare a day off by hand (e.g. a new cuti bersama or a regional dispensation).

    A cancelled day on that date is revived with the new details; an active
    one is refused, so a national holiday is never silently relabelled.
    """
    with transaction.atomic():
        holiday = Holiday.objects.select_for_update().filter(date=date).first()
        if holiday is not None and holiday.is_active:
            raise HolidayError(_("%(date)s is already a holiday: %(name)s.")
                               % {"date": date.isoformat(), "name": holiday.name})
        if holiday is None:
            holiday = Holiday(date=date)
        holiday.name, holiday.kind, holiday.decree = name, kind, decree
        holiday.source, holiday.is_active = Holiday.Source.MANUAL, True
        holiday.full_clean()
        holiday.save()
    return holiday


def holiday_cancel(*, holiday: Holiday, decree: str = "") -> Holiday:
    """Make a holiday a working day again. The row stays (inactive), so seeding
    the year again does not bring the day back."""
    if not holiday.is_active:
        raise HolidayError(_("%(date)s is not a holiday any more.")
                           % {"date": holiday.date.isoformat()})
    with transaction.atomic():
        holiday.is_active = False
        if decree:
            holiday.decree = decree
        holiday.save(update_fields=["is_active", "decree", "updated_at"])
    return holiday


def holidays_seed_years(*, years: Iterable[int]) -> int:
    """Add the national calendar's days for ``years``; days already listed
    (including cancelled ones) are left alone. Returns the number added."""
    with transaction.atomic():
        return holidays_seed(years, Holiday)
