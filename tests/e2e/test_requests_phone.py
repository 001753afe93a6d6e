"""E2E: an employee's own proposals fit a phone (390 px): each request is a card
naming its columns, not a table whose stage and deadline are cut off (R-PROC-1)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from smart.changes.models import Action, ChangeRequest, Stage
from tests.e2e.conftest import FITS, sign_in
from tests.personas import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

def test_my_proposals_are_cards_on_a_phone(phone_page, live_server, cast, tmp_path):
    page = phone_page
    today = timezone.localdate()
    for stage, kind in ((Stage.SUBMITTED, "penghargaan"), (Stage.CLARIFICATION, "pangkat")):
        ChangeRequest.objects.create(
            employee=cast.employee_record, kind=kind, action=Action.ADD,
            proposer=cast.employee, stage=stage, submitted_at=timezone.now(),
            document_received_on=today, forward_deadline=today + datetime.timedelta(days=14),
            close_deadline=today + datetime.timedelta(days=14))
    sign_in(page, live_server, cast.employee.username, PASSWORD)
    page.goto(live_server.url + reverse("changes:mine"))
    assert page.evaluate(FITS, "#requests")
    stage = page.locator("#requests tbody td[data-label='Tahap']").filter(
        has_text="Perlu klarifikasi")
    assert stage.count() == 1 and stage.is_visible()
    deadline = page.locator("#requests tbody td[data-label='Tenggat']").first
    assert deadline.is_visible() and deadline.inner_text() != ""
    page.screenshot(path=tmp_path / "mine.png", full_page=True)
