"""The working-day calendar page: everyone reads it, the Pengelola SMART edits it,
every change moves deadlines and is audited."""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.messages import constants, get_messages
from django.urls import reverse
from django.utils import timezone

from smart.audit.models import AuditEvent
from smart.audit.services import audit_verify_chain
from smart.workdays.calendar import add_working_days
from smart.workdays.models import Holiday
from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db

D = datetime.date
LIST = reverse("portal:holidays")
ADD = reverse("portal:holiday_add")
START = D(2026, 8, 10)  # Monday; 17 Aug and 25 Aug 2026 are holidays in the 10 days after


def _login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def _messages(response) -> list[tuple[int, str]]:
    return [(m.level, str(m)) for m in get_messages(response.wsgi_request)]


def _add(client, **values):
    data = {"date": "2026-08-18", "name": "Dispensasi banjir Kuansing",
            "kind": Holiday.Kind.REGIONAL, "decree": "SK Bupati 100/2026", **values}
    return client.post(ADD, data)


def _cancel(client, holiday, **values):
    data = {"reason": "Banjir sudah surut", "decree": "SK Bupati 101/2026", **values}
    return client.post(reverse("portal:holiday_cancel", args=[holiday.pk]), data)


def test_it_lists_the_seeded_days_of_2026_and_its_working_days(client, cast):
    body = _login(client, cast.employee).get(LIST, {"tahun": 2026}).content.decode()
    assert "Hari Kemerdekaan Republik Indonesia" in body
    assert "Cuti Bersama Hari Raya Idul Fitri" in body
    assert "Senin, 17-08-2026" in body  # Indonesian weekday and d-m-Y
    assert re.search(r'id="working-days">240 ', body)
    assert f'href="{LIST}?tahun=2028"' in body


def test_readers_see_no_edit_controls(client, cast):
    body = _login(client, cast.verifier).get(LIST, {"tahun": 2026}).content.decode()
    assert ADD not in body and "/batal/" not in body


def test_an_unknown_year_shows_the_current_one(client, cast):
    response = _login(client, cast.employee).get(LIST, {"tahun": "1999"})
    assert response.context["year"] == timezone.localdate().year


def test_the_page_costs_a_fixed_number_of_queries(client, cast, django_assert_num_queries):
    _login(client, cast.system_manager)
    # session, user, the year's days, roles, delegations, the bell's unread count,
    # and the session's new idle expiry (savepoint, update, release: SESSION_SAVE_EVERY_REQUEST)
    with django_assert_num_queries(9):  # + the second-factor device named in the session
        assert client.get(LIST, {"tahun": 2026}).status_code == 200


def test_the_manager_adds_a_day_and_a_deadline_moves(client, cast):
    before = add_working_days(START, 10)
    response = _add(_login(client, cast.system_manager))
    assert response.status_code == 302 and response.url == f"{LIST}?tahun=2026"
    holiday = Holiday.objects.get(date=D(2026, 8, 18))
    assert (holiday.source, holiday.kind, holiday.decree, holiday.is_active) == (
        Holiday.Source.MANUAL, Holiday.Kind.REGIONAL, "SK Bupati 100/2026", True)
    assert add_working_days(START, 10) == before + datetime.timedelta(days=1)
    event = AuditEvent.objects.get(action="workdays.holiday.add")
    assert (event.actor, event.target_id) == (cast.system_manager, str(holiday.pk))
    assert event.data["date"] == "2026-08-18" and event.data["decree"] == "SK Bupati 100/2026"
    assert audit_verify_chain() is None
    assert re.search(r'id="working-days">239 ', client.get(response.url).content.decode())


def test_an_existing_holiday_is_refused_with_a_message(client, cast):
    response = _add(_login(client, cast.system_manager), date="2026-08-17")
    assert response.status_code == 200
    assert any(level == constants.ERROR and "sudah menjadi hari libur" in text
               for level, text in _messages(response))
    assert Holiday.objects.get(date=D(2026, 8, 17)).name == "Hari Kemerdekaan Republik Indonesia"
    assert not AuditEvent.objects.filter(action="workdays.holiday.add").exists()


def test_an_incomplete_form_is_a_message_not_an_error(client, cast):
    response = _add(_login(client, cast.system_manager), date="bukan-tanggal", name="")
    assert response.status_code == 200
    assert [level for level, _ in _messages(response)] == [constants.ERROR, constants.ERROR]
    assert not Holiday.objects.filter(name="Dispensasi banjir Kuansing").exists()


def test_a_weekend_day_is_added_with_a_warning(client, cast):
    response = _add(_login(client, cast.system_manager), date="2026-08-22")  # Saturday
    assert response.status_code == 302
    assert Holiday.objects.get(date=D(2026, 8, 22)).is_active
    assert constants.WARNING in [level for level, _ in _messages(response)]


def test_cancelling_needs_a_reason_and_moves_the_deadline_back(client, cast):
    _login(client, cast.system_manager)
    original = add_working_days(START, 10)
    _add(client)
    holiday = Holiday.objects.get(date=D(2026, 8, 18))

    response = _cancel(client, holiday, reason="")
    assert response.status_code == 302
    assert _messages(response)[-1][0] == constants.ERROR
    holiday.refresh_from_db()
    assert holiday.is_active is True
    assert not AuditEvent.objects.filter(action="workdays.holiday.cancel").exists()

    _cancel(client, holiday)
    holiday.refresh_from_db()
    assert (holiday.is_active, holiday.decree) == (False, "SK Bupati 101/2026")
    assert add_working_days(START, 10) == original
    event = AuditEvent.objects.get(action="workdays.holiday.cancel")
    assert event.actor == cast.system_manager
    assert event.data["reason"] == "Banjir sudah surut"
    assert audit_verify_chain() is None


def test_cancelling_a_seeded_day_makes_it_a_working_day(client, cast):
    holiday = Holiday.objects.get(date=D(2026, 8, 25))
    before = add_working_days(START, 10)
    _cancel(_login(client, cast.system_manager), holiday)
    assert add_working_days(START, 10) == before - datetime.timedelta(days=1)
    response = _cancel(client, holiday)  # twice: refused, not a 500
    assert response.status_code == 302
    assert _messages(response)[-1][0] == constants.ERROR
    assert AuditEvent.objects.filter(action="workdays.holiday.cancel").count() == 1


@pytest.mark.parametrize("persona", ["verifier", "employee", "admin_a", "hr_manager_b",
                                     "super_admin"])
def test_anyone_but_the_manager_gets_404_and_nothing_changes(client, cast, persona):
    holiday = Holiday.objects.get(date=D(2026, 8, 17))
    _login(client, getattr(cast, persona))
    assert _add(client).status_code == 404
    assert _cancel(client, holiday).status_code == 404
    holiday.refresh_from_db()
    assert holiday.is_active is True
    assert not Holiday.objects.filter(date=D(2026, 8, 18)).exists()
    assert not AuditEvent.objects.filter(action__startswith="workdays.").exists()


def test_an_unknown_holiday_is_a_404_for_the_manager(client, cast):
    response = _login(client, cast.system_manager).post(
        reverse("portal:holiday_cancel", args=[999999]), {"reason": "x"})
    assert response.status_code == 404
