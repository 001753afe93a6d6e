"""Deactivating an account ends its sessions at once, for good (ASVS 7.4.2, security.md S4,
attack case 13 "retiree still logged in")."""

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from smart.accounts.services import account_deactivate
from smart.audit.models import AuditEvent
from smart.audit.services import audit_verify_chain
from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db

HOME = reverse("portal:home")


def signed_in(user) -> Client:
    client = Client()
    response = client.post(reverse("accounts:login"),
                           {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_django_answers_an_inactive_users_next_request_as_anonymous(cast):
    browser = signed_in(cast.employee)
    cast.employee.is_active = False
    cast.employee.save()
    assert browser.get(HOME).status_code == 302  # ModelBackend.get_user refuses inactive users


def test_deactivation_ends_every_session_of_the_account_and_only_those(cast):
    office, phone = signed_in(cast.employee), signed_in(cast.employee)
    colleague = signed_in(cast.leader)  # leadership: no second factor
    assert Session.objects.count() == 3

    assert account_deactivate(user=cast.employee, actor=cast.system_manager) == 2

    cast.employee.refresh_from_db()
    assert cast.employee.is_active is False
    assert Session.objects.count() == 1
    assert office.get(HOME).status_code == 302 and phone.get(HOME).status_code == 302
    assert colleague.get(HOME).status_code == 200
    event = AuditEvent.objects.get(action="accounts.user.deactivate")
    assert (event.actor, event.target_id) == (cast.system_manager, str(cast.employee.pk))
    assert event.data == {"sessions_ended": 2, "reason": ""}
    assert audit_verify_chain() is None


def test_a_reactivated_account_does_not_get_its_old_sessions_back(cast):
    browser = signed_in(cast.employee)
    old_cookie = browser.cookies[settings.SESSION_COOKIE_NAME].value
    account_deactivate(user=cast.employee, actor=cast.system_manager)
    cast.employee.is_active = True
    cast.employee.save()

    assert browser.get(HOME).status_code == 302
    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = old_cookie
    assert replay.get(HOME).status_code == 302
    assert signed_in(cast.employee).get(HOME).status_code == 200  # a new sign-in works
