"""Manual changes by the Pengelola SMART move deadlines."""

from __future__ import annotations

import datetime

import pytest

from smart.workdays.calendar import deadline
from smart.workdays.models import Holiday
from smart.workdays.services import HolidayError, holiday_add, holiday_cancel

pytestmark = pytest.mark.django_db

D = datetime.date


def test_a_manual_holiday_moves_a_deadline_one_working_day_later():
    assert deadline(D(2025, 2, 11)) == D(2025, 2, 25)
    holiday = holiday_add(date=D(2025, 2, 14), name="Dispensasi banjir Kuansing",
                          kind=Holiday.Kind.REGIONAL, decree="SK Bupati 100/2025")
    assert (holiday.source, holiday.is_active) == (Holiday.Source.MANUAL, True)
    assert deadline(D(2025, 2, 11)) == D(2025, 2, 26)


def test_cancelling_a_seeded_holiday_moves_a_deadline_earlier():
    assert deadline(D(2025, 3, 26)) == D(2025, 4, 21)
    holiday_cancel(holiday=Holiday.objects.get(date=D(2025, 4, 2)), decree="SKB pembatalan")
    assert deadline(D(2025, 3, 26)) == D(2025, 4, 17)
    cancelled = Holiday.objects.get(date=D(2025, 4, 2))
    assert (cancelled.is_active, cancelled.decree) == (False, "SKB pembatalan")


def test_a_cancelled_day_can_be_declared_again_by_hand():
    holiday_cancel(holiday=Holiday.objects.get(date=D(2025, 8, 18)))
    holiday = holiday_add(date=D(2025, 8, 18), name="Cuti bersama HUT RI ke-80",
                          kind=Holiday.Kind.COLLECTIVE, decree="SKB 933/1/3/2025")
    assert holiday.is_active is True
    assert Holiday.objects.filter(date=D(2025, 8, 18)).count() == 1


def test_an_active_holiday_is_not_relabelled():
    with pytest.raises(HolidayError, match="sudah menjadi hari libur"):
        holiday_add(date=D(2025, 12, 25), name="Dispensasi", kind=Holiday.Kind.REGIONAL)
    assert Holiday.objects.get(date=D(2025, 12, 25)).kind == Holiday.Kind.PUBLIC


def test_a_cancelled_day_cannot_be_cancelled_twice():
    holiday = holiday_cancel(holiday=Holiday.objects.get(date=D(2025, 8, 18)))
    with pytest.raises(HolidayError):
        holiday_cancel(holiday=holiday)
