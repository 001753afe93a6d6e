"""Change requests in flight in the demo regency (smart.demo.requests): the
verifier's queue and "my proposals" are not empty pages, in the demo or in the
benchmark (issue 10; R-PROC-1, R-PROC-2)."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from smart.access.models import Role, RoleAssignment
from smart.changes.models import ChangeRequest, Stage, StageEvent
from smart.changes.queues import verification_queue
from smart.changes.services import request_move
from smart.demo.bench import demo_user, employee_only_user, signed_in_client
from smart.demo.requests import FEWEST, MOST, requests_in_flight_count
from smart.notifications.models import Notification
from smart.records.models import Award
from smart.workdays.calendar import add_working_days

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(tmp_path, settings):
    settings.DATA_DIR = tmp_path
    call_command("load_demo", "--pns", "150", "--pppk", "120", stdout=io.StringIO(),
                 stderr=io.StringIO())


def test_the_count_follows_the_regency_within_bounds():
    assert [requests_in_flight_count(n) for n in (270, 8_064, 100_000, 4_300_000)] == [
        FEWEST, 80, MOST, MOST]


def test_the_demo_has_requests_at_each_stage_made_as_users_make_them(demo):
    requests = list(ChangeRequest.objects.select_related("employee__unit", "proposer"))
    assert len(requests) == FEWEST + 3
    stages = {stage: sum(r.stage == stage for r in requests) for stage in
              (Stage.SUBMITTED, Stage.VERIFICATION, Stage.CLARIFICATION)}
    assert stages == {Stage.SUBMITTED: 11, Stage.VERIFICATION: 9, Stage.CLARIFICATION: 3}
    now = timezone.now()
    for request in requests:
        # The employee proposed their own award, with a charter, through the service.
        assert request.proposer_id == request.employee.user_id
        assert request.kind == "penghargaan" and request.proposed["year"] >= 2025
        assert [d.document_type.code for d in request.documents.all()] == ["PENGHARGAAN"]
        moves = list(StageEvent.objects.filter(request=request).order_by("at", "pk")
                     .values_list("move", flat=True))
        assert moves == {Stage.SUBMITTED: ["create", "submit"],
                         Stage.VERIFICATION: ["create", "submit", "forward"],
                         Stage.CLARIFICATION: ["create", "submit", "forward", "ask"],
                         }[request.stage]
        # Made up to 20 days ago, every date of one story: the events in order and
        # not in the future, the deadlines from the receipt, the notices and the
        # charter stamped with the event that made them.
        times = list(StageEvent.objects.filter(request=request).order_by("pk")
                     .values_list("at", flat=True))
        assert times == sorted(times) and times[-1] <= now
        assert now - times[0] <= datetime.timedelta(days=21)
        received = request.document_received_on
        assert received == timezone.localdate(request.submitted_at)
        assert request.forward_deadline == add_working_days(received, 10)
        assert request.close_deadline == add_working_days(received, 10)
        assert {d.uploaded_at for d in request.documents.all()} <= set(times)
        notices = Notification.objects.filter(url__endswith=f"/{request.pk}/")
        assert notices.exists()
        assert {notice.created_at for notice in notices} <= set(times)
        # The admin's notice quotes the forwarding deadline the request holds.
        assert any(request.forward_deadline.strftime("%d-%m-%Y") in notice.message
                   for notice in notices)
    assert len({r.document_received_on for r in requests}) > 5  # the deadlines spread
    assert not Award.objects.filter(name__regex=r" 20\d\d$",
                                    employee__in=[r.employee for r in requests]).exists()


def test_each_opd_admin_forwarded_within_their_own_opd_and_holds_no_password(demo):
    for event in StageEvent.objects.filter(move="forward").select_related(
            "actor", "request__employee__unit"):
        grant = RoleAssignment.objects.get(user=event.actor, role=Role.UNIT_ADMIN)
        assert event.request.employee.unit.agency_id == grant.unit_id
        assert event.actor != event.request.proposer
    made_here = RoleAssignment.objects.filter(role=Role.UNIT_ADMIN).exclude(
        user=demo_user(Role.UNIT_ADMIN))
    assert made_here.exists()
    assert not any(grant.user.has_usable_password() for grant in made_here)


def test_the_verifier_and_the_demo_employee_see_them_on_their_pages(demo):
    verifier, employee = demo_user(Role.VERIFIER), employee_only_user()
    queue = verification_queue(verifier)
    assert queue.count() == ChangeRequest.objects.filter(
        stage__in=(Stage.VERIFICATION, Stage.CLARIFICATION)).count() == 12
    page = signed_in_client(verifier).get(reverse("changes:queue")).content.decode()
    first = queue.first()
    assert reverse("changes:detail", args=[first.pk]) in page
    mine = signed_in_client(employee).get(reverse("changes:mine"))
    assert sorted(r.stage for r in mine.context["page"].object_list) == sorted(
        [Stage.CLARIFICATION, Stage.VERIFICATION, Stage.SUBMITTED])


def test_a_demo_request_can_be_carried_to_validation(demo):
    """The data is real data: the verifier validates and the record changes."""
    request = ChangeRequest.objects.filter(stage=Stage.VERIFICATION).first()
    verifier = demo_user(Role.VERIFIER)
    for move in ("verify", "synchronise", "validate"):
        request = request_move(request=request, move_name=move, actor=verifier)
    award = Award.objects.get(pk=request.applied_entry_id)
    assert award.employee_id == request.employee_id and award.is_validated


def test_a_second_load_adds_no_request(demo):
    before = ChangeRequest.objects.count()
    call_command("load_demo", stdout=io.StringIO(), stderr=io.StringIO())
    assert ChangeRequest.objects.count() == before
