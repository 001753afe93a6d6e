"""Working-day arithmetic: the shared cases, edge cases, the inverse property
and the loader's query count."""

from __future__ import annotations

import csv
import datetime
from pathlib import Path

import pytest
from django.conf import settings
from hypothesis import given
from hypothesis import strategies as st

from smart.workdays.calendar import (
    add_working_days,
    deadline,
    is_working_day,
    non_working_dates,
    working_days_between,
)
from smart.workdays.models import Holiday

D = datetime.date
CASES = Path(settings.BASE_DIR).parent / "shared" / "cases" / "working-days.csv"


def _case_rows() -> list:
    """One param per row of cases/working-days.csv, named by its line number."""
    if not CASES.exists():
        return [pytest.param(None, None, None, marks=pytest.mark.skip(
            reason=f"{CASES} is absent (the shared cases live next to the repository)"))]
    with CASES.open(newline="") as f:
        return [
            pytest.param(D.fromisoformat(row["start"]), int(row["working_days"]),
                         D.fromisoformat(row["expected_deadline"]),
                         id=f"line{line}-{row['start']}+{row['working_days']}")
            for line, row in enumerate(csv.DictReader(f), start=2)
        ]


@pytest.mark.django_db
@pytest.mark.parametrize(("start", "n", "expected"), _case_rows())
def test_each_shared_case_lands_on_its_deadline(start, n, expected):
    assert add_working_days(start, n) == expected
    assert working_days_between(start, expected) == n


@pytest.mark.django_db
def test_the_default_deadline_is_ten_working_days():
    # Lebaran 2025: 31 Mar-1 Apr libur, 2-7 Apr cuti bersama (domain.md §7.2 vector).
    assert deadline(D(2025, 3, 26)) == D(2025, 4, 21)


@pytest.mark.django_db
def test_a_period_crosses_the_year_end_past_christmas_and_new_year():
    # 29-31 Dec count, 1 Jan 2026 is libur, then Fri 2 Jan, Mon 5 Jan, Tue 6 Jan.
    assert add_working_days(D(2025, 12, 29), 5) == D(2026, 1, 6)
    assert working_days_between(D(2025, 12, 24), D(2026, 1, 2)) == 4


@pytest.mark.django_db
def test_a_start_on_saturday_counts_from_monday():
    saturday = D(2025, 3, 1)
    assert add_working_days(saturday, 1) == D(2025, 3, 3)
    assert add_working_days(saturday, 5) == D(2025, 3, 7)
    assert working_days_between(saturday, D(2025, 3, 3)) == 1


@pytest.mark.django_db
def test_zero_days_is_the_start_itself_even_on_a_holiday():
    assert add_working_days(D(2025, 12, 25), 0) == D(2025, 12, 25)
    assert add_working_days(D(2025, 3, 1), 0) == D(2025, 3, 1)


def test_a_negative_count_is_refused():
    with pytest.raises(ValueError, match="negative"):
        add_working_days(D(2025, 3, 3), -1, frozenset())


def test_a_datetime_is_refused_because_it_would_miss_every_holiday():
    with pytest.raises(TypeError):
        add_working_days(datetime.datetime(2025, 12, 24, 9, 0), 1, frozenset())


def test_no_working_days_between_a_date_and_itself_or_an_earlier_one():
    assert working_days_between(D(2025, 3, 5), D(2025, 3, 5), frozenset()) == 0
    assert working_days_between(D(2025, 3, 5), D(2025, 3, 1), frozenset()) == 0


def test_weekends_and_holidays_are_not_working_days():
    holidays = frozenset({D(2025, 12, 25)})
    assert is_working_day(D(2025, 12, 24), holidays)
    assert not is_working_day(D(2025, 12, 25), holidays)
    assert not is_working_day(D(2025, 12, 27), holidays)  # Saturday


DAYS = st.dates(min_value=D(2024, 12, 1), max_value=D(2027, 12, 31))
HOLIDAY_SETS = st.frozensets(st.dates(min_value=D(2024, 12, 1), max_value=D(2029, 6, 30)),
                             max_size=80)


@given(start=DAYS, n=st.integers(min_value=0, max_value=120), holidays=HOLIDAY_SETS)
def test_counting_the_days_up_to_a_deadline_gives_back_n(start, n, holidays):
    end = add_working_days(start, n, holidays)
    assert working_days_between(start, end, holidays) == n
    if n:
        assert is_working_day(end, holidays)


@given(start=DAYS, days=st.integers(min_value=0, max_value=400), holidays=HOLIDAY_SETS)
def test_adding_the_counted_days_reaches_the_last_working_day_up_to_end(start, days,
                                                                       holidays):
    end = start + datetime.timedelta(days=days)
    n = working_days_between(start, end, holidays)
    reached = add_working_days(start, n, holidays)
    assert reached <= end
    assert working_days_between(reached, end, holidays) == 0
    if end > start and is_working_day(end, holidays):
        assert reached == end


@given(start=DAYS, days=st.integers(min_value=0, max_value=60), holidays=HOLIDAY_SETS)
def test_the_count_equals_counting_day_by_day(start, days, holidays):
    end = start + datetime.timedelta(days=days)
    by_hand = sum(
        is_working_day(start + datetime.timedelta(days=i), holidays)
        for i in range(1, days + 1))
    assert working_days_between(start, end, holidays) == by_hand


@pytest.mark.django_db
def test_each_loading_call_makes_exactly_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        assert add_working_days(D(2025, 3, 26), 10) == D(2025, 4, 21)
    with django_assert_num_queries(1):
        assert add_working_days(D(2024, 12, 31), 237) == D(2025, 12, 31)
    with django_assert_num_queries(1):
        assert working_days_between(D(2024, 12, 31), D(2025, 12, 31)) == 237
    with django_assert_num_queries(1):
        assert deadline(D(2026, 3, 16)) == D(2026, 4, 7)
    with django_assert_num_queries(1):
        assert is_working_day(D(2025, 12, 26)) is False
    with django_assert_num_queries(1):
        assert D(2025, 8, 18) in non_working_dates(D(2025, 8, 1), D(2025, 8, 31))


@pytest.mark.django_db
def test_trivial_calls_need_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert add_working_days(D(2025, 3, 26), 0) == D(2025, 3, 26)
        assert working_days_between(D(2025, 3, 26), D(2025, 3, 20)) == 0
        assert is_working_day(D(2025, 3, 29)) is False  # a Saturday


@pytest.mark.django_db
def test_the_loader_reads_further_when_holidays_fill_its_window(django_assert_num_queries):
    # 60 consecutive days off: far more than any real calendar, but still right.
    start = D(2028, 1, 3)
    Holiday.objects.bulk_create(
        Holiday(date=start + datetime.timedelta(days=i), name="Dispensasi", kind="regional")
        for i in range(1, 61))
    with django_assert_num_queries(2):
        assert add_working_days(start, 1) == D(2028, 3, 6)  # Mon after 3 Mar 2028


@pytest.mark.django_db
def test_a_cancelled_holiday_is_not_loaded():
    Holiday.objects.filter(date=D(2025, 8, 18)).update(is_active=False)
    assert D(2025, 8, 18) not in non_working_dates(D(2025, 8, 1), D(2025, 8, 31))
    assert is_working_day(D(2025, 8, 18))
