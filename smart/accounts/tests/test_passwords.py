"""The user's own password: change needs the current one (security.md A3) and ends
the other sessions (S5); a forgotten password is reset by a single-use link that
expires after 24 hours (A9), with no difference for an unknown NIP."""

import datetime
import re

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.test import Client
from django.urls import reverse

from smart.accounts.services import password_reset_send
from smart.audit.models import AuditEvent
from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db

HOME = reverse("portal:home")
NEW_PASSWORD = "Sungai-Kuantan-Mengalir-2026"


def signed_in(user, password=PASSWORD) -> Client:
    browser = Client()
    response = browser.post(reverse("accounts:login"),
                            {"username": user.username, "password": password})
    assert response.status_code == 302
    return browser


def test_a_password_change_needs_the_current_password(cast):
    browser = signed_in(cast.employee)
    page = browser.post(reverse("accounts:password_change"), {
        "old_password": "not-the-password", "new_password1": NEW_PASSWORD,
        "new_password2": NEW_PASSWORD})
    assert page.status_code == 200
    cast.employee.refresh_from_db()
    assert cast.employee.check_password(PASSWORD)


def test_a_password_change_ends_the_other_sessions_and_keeps_this_one(cast):
    office, phone = signed_in(cast.employee), signed_in(cast.employee)
    response = office.post(reverse("accounts:password_change"), {
        "old_password": PASSWORD, "new_password1": NEW_PASSWORD,
        "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert office.get(HOME).status_code == 200
    assert phone.get(HOME).status_code == 302
    event = AuditEvent.objects.get(action="accounts.password.change")
    assert event.data["sessions_ended"] == 1
    assert NEW_PASSWORD not in str(event.data)


def test_a_short_or_common_new_password_is_refused(cast):
    browser = signed_in(cast.employee)
    for weak in ("pendek123", "password1234"):
        page = browser.post(reverse("accounts:password_change"), {
            "old_password": PASSWORD, "new_password1": weak, "new_password2": weak})
        assert page.status_code == 200
    cast.employee.refresh_from_db()
    assert cast.employee.check_password(PASSWORD)


def _ask_for_link(nip: str):
    return Client().post(reverse("accounts:password_reset"), {"username": nip})


def test_the_reset_page_answers_the_same_for_a_known_and_an_unknown_nip(cast):
    cast.employee.email = "pegawai@kuansing.go.id"
    cast.employee.save()
    known = _ask_for_link(cast.employee.username)
    unknown = _ask_for_link("198001012005011999")
    assert known.status_code == unknown.status_code == 200
    def without_tokens(page):
        return re.sub(rb'"(X-CSRFToken": "|csrfmiddlewaretoken" value=")[^"]+"', b"", page.content)

    assert without_tokens(known) == without_tokens(unknown)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["pegawai@kuansing.go.id"]


def _link_in_mail() -> str:
    return re.search(r"http://testserver(/akun/atur-sandi/\S+/)", mail.outbox[-1].body).group(1)


def test_the_link_sets_a_new_password_once(cast):
    cast.employee.email = "pegawai@kuansing.go.id"
    cast.employee.save()
    _ask_for_link(cast.employee.username)
    link = _link_in_mail()
    browser = Client()
    form_page = browser.get(link, follow=True)  # Django moves the token into the session
    assert form_page.status_code == 200
    done = browser.post(form_page.redirect_chain[-1][0],
                        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302
    cast.employee.refresh_from_db()
    assert cast.employee.check_password(NEW_PASSWORD)
    again = Client().get(link, follow=True)
    assert "Tautan ini tidak berlaku lagi" in again.content.decode()
    assert AuditEvent.objects.filter(action="accounts.password.reset").exists()


def test_the_link_expires_after_24_hours(cast, monkeypatch):
    cast.employee.email = "pegawai@kuansing.go.id"
    cast.employee.save()
    _ask_for_link(cast.employee.username)
    link = _link_in_mail()
    later = datetime.datetime.now() + datetime.timedelta(hours=24, minutes=1)
    monkeypatch.setattr(default_token_generator, "_now", lambda: later)
    page = Client().get(link, follow=True)
    assert "Tautan ini tidak berlaku lagi" in page.content.decode()


def test_no_link_for_an_account_without_e_mail_or_an_inactive_one(cast):
    assert password_reset_send(user=cast.employee, actor=None, base_url="http://x") is False
    cast.leader.email = "pimpinan@kuansing.go.id"
    cast.leader.is_active = False
    cast.leader.save()
    assert password_reset_send(user=cast.leader, actor=None, base_url="http://x") is False
    assert mail.outbox == []
