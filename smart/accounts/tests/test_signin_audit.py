"""security.md L1, L5: every sign-in, failed sign-in and sign-out is in the audit
log with the address and UTC time; the name typed is escaped; no password."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from smart.accounts.signin_events import escaped
from smart.audit.models import AuditEvent
from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")


def sign_in(username, password, ip="10.0.0.7"):
    client = Client()
    client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)
    return client


def test_l1_a_sign_in_is_logged_with_actor_address_and_utc_time(cast):
    before = datetime.datetime.now(datetime.UTC)
    sign_in(cast.admin_a.username, PASSWORD)
    event = AuditEvent.objects.get(action="accounts.signin.success")
    assert event.actor == cast.admin_a and event.target_id == str(cast.admin_a.pk)
    assert event.ip == "10.0.0.7" and len(event.request_id) == 36
    assert event.at.utcoffset() == datetime.timedelta(0) and event.at >= before


def test_l1_a_failed_sign_in_is_logged_with_the_name_typed_and_no_password(cast):
    sign_in(cast.admin_a.username, "salah-sekali-123")
    event = AuditEvent.objects.get(action="accounts.signin.failure")
    assert event.actor is None and event.actor_label == cast.admin_a.username
    assert event.data == {"username": cast.admin_a.username}
    assert event.ip == "10.0.0.7"
    stored = " ".join(str(v) for v in AuditEvent.objects.values_list(
        "data", "actor_label", "target_label", "before", "after"))
    assert "salah-sekali-123" not in stored and "*****" not in stored


def test_l1_a_sign_out_is_logged(cast):
    client = sign_in(cast.employee.username, PASSWORD)
    client.post(reverse("accounts:logout"), REMOTE_ADDR="10.0.0.8")
    event = AuditEvent.objects.get(action="accounts.signin.logout")
    assert event.actor == cast.employee and event.ip == "10.0.0.8"


def test_l5_a_username_with_cr_lf_is_logged_escaped(cast):
    sign_in("admin\r\n2026-01-01 INFO signed in: superadmin", "x")
    event = AuditEvent.objects.get(action="accounts.signin.failure")
    assert event.data["username"] == "admin\\r\\n2026-01-01 INFO signed in: superadmin"
    assert "\r" not in event.actor_label and "\n" not in event.actor_label


def test_l5_escaping_keeps_a_typed_backslash_distinguishable():
    assert escaped("a\\nb") == "a\\\\nb"
    assert escaped("a\nb") == "a\\nb"
    assert escaped("a\x1b[31mb\u2028") == "a\\x1b[31mb\\u2028"
    assert escaped("Siti Aisyah") == "Siti Aisyah"


def test_a_nik_typed_as_the_user_name_is_stored_masked(cast):
    nik = cast.colleague_a.nik
    sign_in(nik, "x")
    event = AuditEvent.objects.get(action="accounts.signin.failure")
    assert event.data["username"] == nik[:6] + "*" * 10
    assert nik not in event.actor_label
