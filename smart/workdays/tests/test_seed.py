"""The seeded holiday table: the official 2025/2026 lists, the yearly counts,
and a seed that can be run again safely."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from smart.workdays.calendar import working_days_between
from smart.workdays.models import Holiday
from smart.workdays.seeding import holidays_seed

pytestmark = pytest.mark.django_db

D = datetime.date


def _dates(year: int, month_days: str) -> set[datetime.date]:
    return {D(year, int(md[:2]), int(md[3:])) for md in month_days.split()}


# spec/domain.md §7.1 (SKB 1017/2/2 of 2024 amended by SKB 933/1/3 of 2025) and
# §7.2 (SKB 1497/2/5 of 2025).
OFFICIAL = {
    2025: {
        "public": _dates(2025, "01-01 01-27 01-29 03-29 03-31 04-01 04-18 04-20 05-01 05-12 "
                               "05-29 06-01 06-06 06-27 08-17 09-05 12-25"),
        "collective": _dates(2025, "01-28 03-28 04-02 04-03 04-04 04-07 05-13 05-30 06-09 "
                                   "08-18 12-26"),
    },
    2026: {
        "public": _dates(2026, "01-01 01-16 02-17 03-19 03-21 03-22 04-03 04-05 05-01 05-14 "
                               "05-27 05-31 06-01 06-16 08-17 08-25 12-25"),
        "collective": _dates(2026, "02-16 03-18 03-20 03-23 03-24 05-15 05-28 12-24"),
    },
}


@pytest.mark.parametrize("year", [2025, 2026])
def test_the_seeded_year_matches_the_official_skb_lists(year):
    seeded = Holiday.objects.filter(date__year=year)
    for kind, dates in OFFICIAL[year].items():
        assert set(seeded.filter(kind=kind).values_list("date", flat=True)) == dates, kind
    assert not seeded.filter(kind="regional").exists()
    assert set(seeded.values_list("source", "is_active")) == {("package", True)}


@pytest.mark.parametrize(("year", "working_days"), [(2025, 237), (2026, 240)])
def test_a_seeded_year_has_the_official_number_of_working_days(year, working_days):
    assert working_days_between(D(year - 1, 12, 31), D(year, 12, 31)) == working_days


def test_2027_is_seeded_and_names_are_in_indonesian():
    assert Holiday.objects.filter(date__year=2027).count() == 26
    assert Holiday.objects.get(date=D(2025, 8, 18)).name == (
        "Cuti Bersama Hari Kemerdekaan Republik Indonesia")
    assert Holiday.objects.get(date=D(2026, 12, 25)).name == "Hari Raya Natal"


def test_seeding_again_adds_nothing_and_keeps_a_cancelled_day_cancelled():
    Holiday.objects.filter(date=D(2025, 8, 18)).update(is_active=False)
    Holiday.objects.filter(date=D(2026, 12, 24)).update(name="Koreksi manual",
                                                         source="manual")
    before = Holiday.objects.count()
    assert holidays_seed([2025, 2026, 2027], Holiday) == 0
    assert Holiday.objects.count() == before
    assert Holiday.objects.get(date=D(2025, 8, 18)).is_active is False
    assert Holiday.objects.get(date=D(2026, 12, 24)).name == "Koreksi manual"


def test_a_deleted_day_comes_back_on_reseed_but_only_once():
    Holiday.objects.filter(date=D(2025, 8, 18)).delete()
    assert holidays_seed([2025], Holiday) == 1
    assert holidays_seed([2025], Holiday) == 0
    assert Holiday.objects.get(date=D(2025, 8, 18)).kind == "collective"


def test_the_command_seeds_a_new_year_once():
    out = StringIO()
    call_command("seed_holidays", "--year", "2028", stdout=out)
    added = Holiday.objects.filter(date__year=2028).count()
    assert added > 15
    assert out.getvalue().strip() == f"{added} hari libur ditambahkan untuk 2028."
    call_command("seed_holidays", "--year", "2028", "--year", "2025", stdout=out)
    assert "0 hari libur ditambahkan untuk 2025, 2028." in out.getvalue()
    assert Holiday.objects.filter(date__year=2028).count() == added


def test_the_command_refuses_a_year_outside_the_calendar():
    with pytest.raises(CommandError, match="Tahun harus"):
        call_command("seed_holidays", "--year", "1999")
