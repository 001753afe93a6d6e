"""R-USE (issue 7 §3): rekap/bezetting — counts with totals, the OPD × golongan
table, and the drill-down from each number to the same employees in the list."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from smart.people.career import add_months
from smart.people.models import AsnKind, Employee
from smart.references.models import Golongan, LegalStatus, Religion, Unit
from smart.reports.statistics import statistics_tables, unit_by_golongan
from smart.reports.templatetags.report_links import employee_list_url
from tests.personas import make_employee

pytestmark = pytest.mark.django_db


def born(age: int):
    """A birth date that makes ``age`` (and a half) years today."""
    return add_months(timezone.localdate(), -(age * 12 + 6))


@pytest.fixture
def staff(cast):
    """Besides the cast (3 employees in Dinkes, 2 in Disdik, 2 in BKPP, all women
    in III/c): four more in Dinkes, one of them no longer in service."""
    iv_a = Golongan.objects.get(code="41")
    people = [
        make_employee("DINKES.PKM05", sex="M", birth=born(60)),
        make_employee("DINKES.PKM05", sex="M", birth=born(24), asn_kind=AsnKind.PPPK),
        make_employee("DINKES.01", birth=born(37)),
        make_employee("DINKES.01", birth=born(56)),
    ]
    people[0].golongan, people[0].religion = iv_a, Religion.objects.get(code="2")
    people[0].save()
    people[3].legal_status = LegalStatus.objects.get(code="88")  # pensioned
    people[3].save()
    return people


def table(tables, key):
    return next(t for t in tables if t.key == key)


def test_it_counts_the_scope_in_service_with_totals(cast, staff):
    tables = statistics_tables(cast.admin_a)
    asn = {line.label: line.count for line in table(tables, "asn").lines}
    assert asn == {"PNS": 5, "PPPK": 1}  # 3 of the cast + 3 in service
    sex = {line.label: line.count for line in table(tables, "sex").lines}
    assert sex == {"Laki-laki": 2, "Perempuan": 4}
    assert all(t.total == 6 for t in tables)
    ages = {line.label: line.count for line in table(tables, "age").lines}
    assert (ages["< 26"], ages["36–40"], ages["56–60"]) == (1, 1, 1)


def test_every_number_opens_the_same_employees_in_the_list(client, cast, staff):
    """Drill-down: the list behind a number has exactly that many rows."""
    client.force_login(cast.admin_a)
    tables = statistics_tables(cast.admin_a)
    checked = 0
    for t in tables:
        for line in t.lines:
            if line.query is None:
                continue
            response = client.get(employee_list_url(line.query))
            assert response.context["page"].paginator.count == line.count, (t.key, line)
            checked += 1
    assert checked >= 15


def test_the_cross_table_adds_up_and_drills_down(client, cast, staff):
    client.force_login(cast.system_manager)
    cross = unit_by_golongan(cast.system_manager)
    assert cross.total == Employee.objects.active().count()
    assert [name for _, name in cross.columns] == ["III/c", "IV/a"]
    rows = {name: (cells, total) for name, cells, total, _ in cross.rows}
    cells, total = rows["Dinas Kesehatan"]
    assert [count for count, _ in cells] == [5, 1] and total == 6
    response = client.get(employee_list_url(cells[1][1]))
    assert response.context["page"].paginator.count == 1


def test_a_unit_admin_never_counts_outside_the_scope(cast, staff):
    disdik = Unit.objects.get(code="DISDIK")
    names = [name for name, *_ in unit_by_golongan(cast.admin_a).rows]
    assert names == ["Dinas Kesehatan"]
    assert disdik.pk not in [line.query.get("unit") for line in
                             table(statistics_tables(cast.admin_a), "unit").lines]


def test_its_query_count_does_not_grow_with_the_employees(cast, staff):
    statistics_tables(cast.system_manager)
    with CaptureQueriesContext(connection) as few:
        statistics_tables(cast.system_manager)
        unit_by_golongan(cast.system_manager)
    for n in range(10):
        make_employee("DISDIK.01", birth=born(30 + n))
    with CaptureQueriesContext(connection) as many:
        statistics_tables(cast.system_manager)
        unit_by_golongan(cast.system_manager)
    assert len(many) == len(few) <= 12


def test_the_page_shows_the_tables_and_the_chart_data(client, cast, staff):
    client.force_login(cast.verifier)
    response = client.get(reverse("reports:statistics"))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="report-charts" type="application/json"' in body
    assert "chart.umd.min.js" in body and "report_charts.js" in body


def test_big_scopes_are_counted_once_per_few_minutes_small_ones_every_time(
        client, cast, settings):
    """Issue 10, cached counts: above SMART_LIST_EXACT_COUNT_UP_TO employees the
    figures are kept per scope and unit and the page says when they were
    counted; below it every request counts afresh."""
    from django.core.cache import cache

    from smart.reports.statistics import statistics_snapshot

    cache.clear()
    fresh = statistics_snapshot(cast.verifier)
    assert fresh.counted_at is None
    settings.SMART_LIST_EXACT_COUNT_UP_TO = 2
    first = statistics_snapshot(cast.verifier)
    assert first.counted_at is not None
    make_employee("DINKES.01")
    kept = statistics_snapshot(cast.verifier)
    assert kept.counted_at == first.counted_at
    assert kept.tables[0].total == first.tables[0].total
    # Another scope (unit A's admin) and another unit are counted on their own.
    assert statistics_snapshot(cast.admin_a).tables[0].total == Employee.objects.visible_to(
        cast.admin_a).active().count()
    assert client.login(username=cast.verifier.username, password="Persona-Test-Pass-2026")
    page = client.get(reverse("reports:statistics")).content.decode()
    assert "Dihitung pukul" in page
    cache.clear()
    assert statistics_snapshot(cast.verifier).tables[0].total == first.tables[0].total + 1
    cache.clear()


def test_a_share_under_one_percent_keeps_one_decimal():
    """User test: CPNS 39 of 8,000 showed as "0%"."""
    from smart.reports.templatetags.report_links import share

    assert share(39, 8000) == "0,5"
    assert share(0, 8000) == "0"
    assert share(4000, 8000) == "50"
    assert share(1, 0) == "–"
