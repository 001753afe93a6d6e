"""R-ME, Pasal 21(3)-(4): requests within/over the 10-working-day deadlines per
agency and per stage, counted by hand on a November with a regional holiday."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from smart.changes.models import Action, ChangeRequest, Stage, StageEvent
from smart.monitoring.deadlines import COMPLETION, FORWARD, deadlines_by_unit
from smart.monitoring.figures import change_requests_in, monitoring_scope
from smart.references.models import Unit
from smart.workdays.calendar import add_working_days
from smart.workdays.models import Holiday

pytestmark = pytest.mark.django_db

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
NOV_1, NOV_30 = datetime.date(2026, 11, 1), datetime.date(2026, 11, 30)
TODAY = datetime.date(2026, 12, 4)


def at(day: int, hour: int = 9, minute: int = 0, month: int = 11) -> datetime.datetime:
    return datetime.datetime(2026, month, day, hour, minute, tzinfo=WIB)


def _request(cast, employee, *, stage, submitted=None, closed=None):
    submitted = submitted or at(2, 8)
    received = submitted.date()
    return ChangeRequest.objects.create(
        employee=employee, kind="pangkat", action=Action.ADD, proposer=cast.employee,
        stage=stage, submitted_at=submitted, document_received_on=received,
        forward_deadline=add_working_days(received, 10),
        close_deadline=add_working_days(received, 10), closed_at=closed)


def _event(request, move, when, to_stage):
    event = StageEvent.objects.create(request=request, from_stage=Stage.SUBMITTED,
                                      to_stage=to_stage, move=move, actor_label="admin")
    StageEvent.objects.filter(pk=event.pk).update(at=when)


@pytest.fixture
def november(cast):
    """Seven requests sent on Monday 2 November; Wednesday 11 November is a
    regional holiday, so 10 working days end on Tuesday 17 November (16 without it)."""
    Holiday.objects.create(date=datetime.date(2026, 11, 11), name="Hari jadi (uji)",
                           kind=Holiday.Kind.REGIONAL)
    assert add_working_days(datetime.date(2026, 11, 2), 10) == datetime.date(2026, 11, 17)
    dinkes_1, dinkes_2, dinkes_3 = (cast.employee_record, cast.colleague_a,
                                    cast.admin_a.employee)
    disdik_1, disdik_2 = cast.person_b, cast.admin_b.employee
    # R1 forwarded late on the last day (23.30 WIB: still the 17th), validated the 20th.
    r1 = _request(cast, dinkes_1, stage=Stage.VALIDATED, closed=at(20))
    _event(r1, "forward", at(17, 23, 30), Stage.VERIFICATION)
    # R2 forwarded 00.30 WIB on the 18th (still the 17th in UTC): over; still open.
    r2 = _request(cast, dinkes_2, stage=Stage.VERIFICATION)
    _event(r2, "forward", at(18, 0, 30), Stage.VERIFICATION)
    # R3 never handled by Disdik's admin.
    _request(cast, disdik_1, stage=Stage.SUBMITTED)
    # R4 returned as incomplete on the 5th and not sent again.
    r4 = _request(cast, disdik_2, stage=Stage.RETURNED)
    _event(r4, "return", at(5), Stage.RETURNED)
    # R5 withdrawn by the proposer: counts for neither deadline.
    _request(cast, dinkes_3, stage=Stage.WITHDRAWN, closed=at(3))
    # R6 sent in December: its deadlines are not November's.
    _request(cast, dinkes_3, stage=Stage.SUBMITTED, submitted=at(1, month=12))
    # R7 forwarded the 3rd, validated the 10th: both on time.
    r7 = _request(cast, dinkes_3, stage=Stage.VALIDATED, closed=at(10))
    _event(r7, "forward", at(3), Stage.VERIFICATION)


def _tallies(user):
    requests = change_requests_in(monitoring_scope(user), user)
    return deadlines_by_unit(requests, NOV_1, NOV_30, TODAY)


def _pairs(line):
    return {stage: (line.stages[stage].within, line.stages[stage].over,
                    line.stages[stage].running) for stage in (FORWARD, COMPLETION)}


def test_within_and_over_per_agency_and_stage(cast, november):
    """R-ME: Dinkes forwarded 2 within (R1, R7) and 1 over (R2), completed 1 within
    (R7) and 2 over (R1 closed the 20th, R2 still open); Disdik forwarded 1 within
    (R4 returned) and 1 over (R3), completed none within and 2 over."""
    lines, total = _tallies(cast.system_manager)
    by_unit = {line.unit_id: _pairs(line) for line in lines}
    dinkes, disdik = Unit.objects.get(code="DINKES").pk, Unit.objects.get(code="DISDIK").pk
    assert by_unit == {
        dinkes: {FORWARD: (2, 1, 0), COMPLETION: (1, 2, 0)},
        disdik: {FORWARD: (1, 1, 0), COMPLETION: (0, 2, 0)},
    }
    assert _pairs(total) == {FORWARD: (3, 2, 0), COMPLETION: (1, 4, 0)}
    assert total.stages[FORWARD].on_time_percent == 60.0
    assert total.stages[COMPLETION].on_time_percent == 20.0


def test_a_deadline_not_yet_passed_is_running(cast, november):
    """On 17 November itself, the untouched R3 is still within its time."""
    requests = change_requests_in(monitoring_scope(cast.system_manager), cast.system_manager)
    _lines, total = deadlines_by_unit(requests, NOV_1, NOV_30, datetime.date(2026, 11, 17))
    assert total.stages[FORWARD].running == 1  # R3
    assert total.stages[COMPLETION].running == 3  # R2, R3, R4 open, deadline today


def test_a_scoped_hr_manager_counts_their_agency_only(cast, november):
    lines, total = _tallies(cast.hr_manager_b)
    assert [line.unit_id for line in lines] == [Unit.objects.get(code="DISDIK").pk]
    assert _pairs(total) == {FORWARD: (1, 1, 0), COMPLETION: (0, 2, 0)}


def test_the_month_is_one_query(cast, november):
    requests = change_requests_in(monitoring_scope(cast.system_manager), cast.system_manager)
    with CaptureQueriesContext(connection) as queries:
        deadlines_by_unit(requests, NOV_1, NOV_30, TODAY)
    assert len(queries) == 1
