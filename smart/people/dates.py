"""The date rules every way into an employee's record applies the same way:
the forms (onboarding, history entries) and the import of national exports
(defects 13 and 19: the same person gets the same answer from both).

Each rule raises ``ValidationError`` with its reason in Indonesian.
"""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from smart.people.career import age_on
from smart.people.identity import MIN_AGE_AT_TMT


def date_input() -> forms.DateInput:
    """The browser's date picker for every form. Its value must be written
    year-month-day (ISO 8601), whatever the page's language: a date the
    browser cannot read ("04-12-2026") is dropped and the field shows empty."""
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


EARLIEST_DATE = datetime.date(1900, 1, 1)
FUTURE_YEARS = 10


def check_plausible_date(value: datetime.date, *, today: datetime.date | None = None) -> None:
    """Dates in personnel records lie between 1900 and a few years ahead
    (an SK may be dated for a TMT to come); anything else is a typing error."""
    today = today or timezone.localdate()
    latest = datetime.date(today.year + FUTURE_YEARS, 12, 31)
    if value < EARLIEST_DATE or value > latest:
        raise ValidationError(
            f"Tanggal {value:%d-%m-%Y} tidak masuk akal: isikan tanggal antara "
            f"{EARLIEST_DATE:%d-%m-%Y} dan {latest:%d-%m-%Y}."
        )


def check_birth_date(value: datetime.date, *, today: datetime.date | None = None) -> None:
    """A plausible date that is not in the future."""
    today = today or timezone.localdate()
    check_plausible_date(value, today=today)
    if value > today:
        raise ValidationError(f"Tanggal lahir {value:%d-%m-%Y} ada di masa depan.")


def check_age_at_tmt_cpns(birth_date: datetime.date, tmt_cpns: datetime.date) -> None:
    """Nobody becomes a CPNS before the minimum age (18)."""
    age = age_on(birth_date, tmt_cpns)
    if age < MIN_AGE_AT_TMT:
        raise ValidationError(
            f"Pada TMT CPNS {tmt_cpns:%d-%m-%Y} pegawai baru berusia {max(age, 0)} tahun; "
            f"usia minimal {MIN_AGE_AT_TMT} tahun."
        )
