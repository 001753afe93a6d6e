"""E2E: the campaign's employees and the dashboard's retirements fit a phone
(390 px): their rows become cards instead of cutting off the last column."""

import datetime

import pytest
from django.urls import reverse

from smart.monitoring.tests.scenery import fill_gaps, make_campaign
from smart.references.models import PositionType
from tests.e2e.conftest import FITS, sign_in
from tests.personas import PASSWORD, make_employee

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

def test_the_campaign_and_retirement_tables_fit_a_phone(phone_page, live_server, cast,
                                                        tmp_path):
    page = phone_page
    fill_gaps(cast)
    campaign = make_campaign(cast)
    retiree = make_employee("DINKES.PKM05", name="PENSIUN", birth=datetime.date(1968, 12, 10))
    retiree.position_type = PositionType.objects.get(code="4")  # pelaksana: BUP 58
    retiree.position_name = "Pelaksana"
    retiree.save()
    sign_in(page, live_server, cast.system_manager.username, PASSWORD)
    page.goto(live_server.url + reverse("monitoring:campaign_detail", args=[campaign.pk])
              + "?status=semua")
    table = page.locator("#campaign-people")
    table.scroll_into_view_if_needed()
    assert page.evaluate(FITS, "#campaign-people")
    assert table.get_by_text("Still missing").count() == 0  # the Indonesian page
    page.screenshot(path=tmp_path / "campaign.png", full_page=True)
    page.goto(live_server.url + reverse("reports:dashboard"))
    page.locator("#retirements").scroll_into_view_if_needed()
    assert page.evaluate(FITS, "#retirements")
    cell = page.locator("#retirements tbody td[data-label='≤ 60 bulan']").first
    assert cell.is_visible() and cell.inner_text() == "1"
    page.screenshot(path=tmp_path / "dashboard.png", full_page=True)
