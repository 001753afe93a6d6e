"""Session lifetime (security.md G9, S3): 30 minutes idle, 8 hours at most after sign-in."""

import datetime
import time

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore as DjangoStore
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from smart.accounts.middleware import EXPIRED_MESSAGE, RENEWED_AT, SIGNED_IN_AT
from smart.accounts.sessions import SessionStore
from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
HOME = reverse("portal:home")
HOURS_8 = 8 * 60 * 60


def sign_in(client, user):
    response = client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_the_idle_limit_is_30_minutes_renewed_once_a_minute():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is False  # decision 155
    assert settings.SMART_SESSION_RENEW_SECONDS == 60
    assert settings.SMART_SESSION_MAX_AGE == HOURS_8


def _renewed_ago(client, seconds):
    session = client.session
    session[RENEWED_AT] = int(time.time()) - seconds
    session.save()


def test_a_request_a_minute_after_the_last_renewal_moves_the_idle_expiry_forward(client, cast):
    sign_in(client, cast.employee)
    _renewed_ago(client, 61)
    Session.objects.update(expire_date=timezone.now() + datetime.timedelta(minutes=1))
    assert client.get(HOME).status_code == 200
    expiry = Session.objects.get().expire_date
    assert expiry > timezone.now() + datetime.timedelta(minutes=29)
    assert abs(client.session[RENEWED_AT] - time.time()) < 5


def test_requests_within_the_minute_do_not_write_the_session(client, cast):
    sign_in(client, cast.employee)
    _renewed_ago(client, 10)
    Session.objects.update(expire_date=timezone.now() + datetime.timedelta(minutes=29))
    before = Session.objects.get().expire_date
    assert client.get(HOME).status_code == 200
    assert Session.objects.get().expire_date == before  # no UPDATE, no commit


def test_a_clock_set_back_renews_rather_than_waiting(client, cast):
    sign_in(client, cast.employee)
    _renewed_ago(client, -3600)  # a renewal "in the future": the clock moved back
    assert client.get(HOME).status_code == 200
    assert abs(client.session[RENEWED_AT] - time.time()) < 5


def test_a_visitor_with_a_stale_cookie_gets_no_session(client):
    client.cookies[settings.SESSION_COOKIE_NAME] = "x" * 32
    assert client.get(LOGIN).status_code == 200
    assert not Session.objects.exists()


def test_a_session_idle_for_31_minutes_is_gone(client, cast):
    sign_in(client, cast.employee)
    # What 31 idle minutes leave behind: the stored expiry lies in the past.
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(minutes=1))
    response = client.get(HOME)
    assert response.status_code == 302 and response.url.startswith(LOGIN)


def test_signing_in_stamps_the_time(client, cast):
    before = int(time.time())
    sign_in(client, cast.employee)
    assert before <= client.session[SIGNED_IN_AT] <= int(time.time())


def _signed_in_ago(client, seconds):
    session = client.session
    session[SIGNED_IN_AT] = int(time.time()) - seconds
    session.save()


def test_eight_hours_after_sign_in_the_session_ends_however_active(client, cast):
    sign_in(client, cast.employee)
    _signed_in_ago(client, HOURS_8 - 60)
    assert client.get(HOME).status_code == 200  # 7 h 59 min: still in
    _signed_in_ago(client, HOURS_8 + 60)
    old_key = client.session.session_key
    response = client.get(HOME)
    assert response.status_code == 302
    assert response.url == f"{LOGIN}?next={HOME}"
    assert not Session.objects.filter(session_key=old_key).exists()  # ended on the server
    page = client.get(response.url)
    assert page.status_code == 200 and EXPIRED_MESSAGE in page.content.decode()
    assert client.get(HOME).status_code == 302  # still signed out


def test_a_session_made_without_the_sign_in_page_starts_its_clock(client, cast):
    # client.login (code, not a browser) does not pass SignInView.
    client.login(username=cast.employee.username, password=PASSWORD)
    assert SIGNED_IN_AT not in client.session
    assert client.get(HOME).status_code == 200
    assert abs(client.session[SIGNED_IN_AT] - time.time()) < 5


def test_a_new_sign_in_gets_a_new_session_key_and_a_new_clock(client, cast):
    client.get(LOGIN)
    sign_in(client, cast.employee)
    first_key = client.session.session_key
    _signed_in_ago(client, HOURS_8 + 60)
    client.get(HOME)  # ends the old session
    sign_in(client, cast.employee)
    assert client.session.session_key != first_key
    assert client.get(HOME).status_code == 200


def test_the_store_reads_a_live_session_and_forgets_an_expired_or_unknown_one():
    """The written-once SELECT (smart.accounts.sessions) answers as Django's own
    store: a live row's data, and for an expired or unknown key an empty session
    whose key is dropped, so the next save makes a new one."""
    assert settings.SESSION_ENGINE == "smart.accounts.sessions"
    live = SessionStore()
    live["nip"] = "198503302010012005"
    live.save()
    expired = SessionStore()
    expired["nip"] = "197001011990031001"
    expired.save()
    Session.objects.filter(session_key=expired.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1))
    for key in (live.session_key, expired.session_key, "u" * 32):
        ours, django = SessionStore(key), DjangoStore(key)
        assert ours.load() == django.load()
        assert ours.session_key == django.session_key
    assert SessionStore(live.session_key).load() == {"nip": "198503302010012005"}
    gone = SessionStore(expired.session_key)
    assert gone.load() == {} and gone.session_key is None
