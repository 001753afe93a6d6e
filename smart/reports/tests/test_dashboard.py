"""R-USE (issue 7 §6): the executive dashboard — the headcount trend from
point-in-time history, coming retirements by OPD within 12/24/60 months, the
verification backlog and data completeness — hand-computed, in a fixed number
of queries."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from smart.changes.models import Action, ChangeRequest, Stage
from smart.people.models import AsnKind, Employee
from smart.references.models import LegalStatus, PositionType
from smart.reports.dashboard import executive_dashboard, month_ends
from smart.reports.tests.builders import D
from tests.personas import make_employee

pytestmark = pytest.mark.django_db
TODAY = D(2026, 6, 15)
UNIT = "DINKES.PKM05"


def aware(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))


def retiree(name, birth):
    employee = make_employee(UNIT, name=name, birth=birth)
    employee.position_type = PositionType.objects.get(code="4")  # pelaksana: BUP 58
    employee.position_name = "Pelaksana"
    employee.save()
    return employee


@pytest.fixture
def health_office(cast):
    """Retirees first (in service throughout), then the baseline, then the
    employees whose dates move the trend."""
    retiree("PENSIUN 2027-01", D(1968, 12, 10))  # 58 on 10-12-2026: TMT 01-01-2027
    retiree("PENSIUN 2027-11", D(1969, 10, 10))  # TMT 01-11-2027
    retiree("PENSIUN 2030-02", D(1972, 1, 10))  # TMT 01-02-2030
    baseline = Employee.objects.visible_to(cast.admin_a).count()
    joined = make_employee(UNIT, name="CPNS 2025")
    joined.tmt_cpns = D(2025, 9, 10)
    joined.address = "Jl. Sudirman 1"
    joined.save()
    contract = make_employee(UNIT, name="PPPK", asn_kind=AsnKind.PPPK)
    contract.tmt_cpns = None
    contract.save()
    left = make_employee(UNIT, name="BERHENTI")
    left.legal_status = LegalStatus.objects.filter(counts_as_active=False).first()
    left.save()
    first, second = left.history.order_by("history_date", "history_id")
    type(first).objects.filter(pk=first.pk).update(history_date=aware(D(2024, 1, 1)))
    type(second).objects.filter(pk=second.pk).update(history_date=aware(D(2025, 12, 5)))
    return baseline


def test_month_ends_run_24_months_up_to_today():
    ends = month_ends(TODAY)
    assert len(ends) == 24
    assert ends[0] == D(2024, 7, 31) and ends[-2] == D(2026, 5, 31) and ends[-1] == TODAY
    assert D(2025, 2, 28) in ends


def test_the_headcount_trend_reads_the_status_of_each_month_end(cast, health_office):
    """PPPK and the one who left later count from the start; the CPNS of
    September 2025 from that month on; the one who left in December 2025 no
    longer from then on."""
    b = health_office
    trend = dict(executive_dashboard(cast.admin_a, TODAY).trend)
    assert trend[D(2024, 7, 31)] == b + 2
    assert trend[D(2025, 8, 31)] == b + 2
    assert trend[D(2025, 9, 30)] == b + 3
    assert trend[D(2025, 11, 30)] == b + 3
    assert trend[D(2025, 12, 31)] == b + 2
    assert trend[TODAY] == b + 2
    board = executive_dashboard(cast.admin_a, TODAY)
    assert board.headcount == b + 2 and board.by_asn[AsnKind.PPPK] == 1


def test_retirements_are_counted_within_12_24_and_60_months(cast, health_office):
    board = executive_dashboard(cast.admin_a, TODAY)
    line = next(line for line in board.retirements if "Kesehatan" in line.agency)
    assert line.counts == [1, 2, 3]
    assert board.retirement_totals == [1, 2, 3]


def test_the_backlog_counts_open_requests_by_stage_and_past_their_deadline(cast, health_office):
    employee = Employee.objects.get(name="CPNS 2025")

    def request(stage, **dates):
        return ChangeRequest.objects.create(employee=employee, kind="pangkat",
                                            action=Action.ADD, proposer=cast.employee,
                                            stage=stage, **dates)

    request(Stage.SUBMITTED, forward_deadline=D(2026, 6, 1), close_deadline=D(2026, 7, 1))
    request(Stage.VERIFICATION, forward_deadline=D(2026, 5, 1), close_deadline=D(2026, 7, 1))
    request(Stage.CLARIFICATION, close_deadline=D(2026, 6, 10))
    request(Stage.DRAFT)
    request(Stage.VALIDATED, close_deadline=D(2026, 1, 1))
    backlog = executive_dashboard(cast.admin_a, TODAY).backlog
    assert backlog.total == 3
    assert len(backlog.by_stage) == 3
    assert backlog.over_deadline == 2  # forwarding late, and the clarification's close


def test_completeness_counts_each_required_item(cast, health_office):
    completeness = executive_dashboard(cast.admin_a, TODAY).completeness
    employees = completeness.progress.employees
    items = {code: completeness.progress.recorded(code)
             for code in (element.code for element in completeness.elements)}
    assert items["data:nik"] == employees  # every test employee has one
    assert items["data:address"] == 1  # only the CPNS of 2025
    assert items["data:tmt_cpns"] == employees - 1  # the PPPK needs none
    assert completeness.progress.recorded_percent("data:tmt_cpns") == 100.0


def test_the_dashboard_reads_a_fixed_number_of_queries(cast, health_office):
    """Issue 7 performance: aggregation in the database, pinned."""
    user = cast.admin_a
    executive_dashboard(user, TODAY)
    with CaptureQueriesContext(connection) as few:
        executive_dashboard(user, TODAY)
    for n in range(10):
        retiree(f"LAGI {n}", D(1969, 1 + n, 3))
    with CaptureQueriesContext(connection) as many:
        executive_dashboard(user, TODAY)
    assert len(few) == len(many) == 13


def test_the_page_draws_the_charts_and_the_leadership_opens_it(client, cast, health_office):
    client.force_login(cast.leader)
    page = client.get(reverse("reports:dashboard"))
    assert page.status_code == 200
    ids = [chart["id"] for chart in page.context["charts"]]
    assert ids == ["chart-trend", "chart-golongan", "chart-education", "chart-sex",
                   "chart-age", "chart-asn"]
    assert "report-charts" in page.content.decode()


def test_the_retirement_cells_name_their_column_for_the_phone_cards(client, cast,
                                                                   health_office):
    """On a phone the table's rows become cards (``smart-stack``): each count
    says which horizon it is, so "≤ 60 months" is no longer cut off."""
    client.force_login(cast.leader)
    body = client.get(reverse("reports:dashboard")).content.decode()
    assert 'id="retirements"' in body and "smart-stack smart-stack-pairs" in body
    assert body.count('data-label="≤ 60 bulan"') >= 2  # an OPD's row and the total
