"""Security.md D-2 and checklist A6: administrative roles pass a TOTP code (or a
backup code) after the password before any page; employees may enrol.

These tests use a plain ``Client`` that signs in through the sign-in page, and
real TOTP codes computed from the enrolled secret, as the phone app would.
"""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from smart.accounts.mfa import second_factor_reset
from smart.audit.models import AuditEvent
from tests.otp import code_for, last_accepted_code
from tests.personas import PASSWORD
from tests.test_access_matrix import MATRIX

pytestmark = pytest.mark.django_db

HOME = reverse("portal:home")


def signed_in_with_password(user) -> Client:
    browser = Client()
    response = browser.post(reverse("accounts:login"),
                            {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return browser


def enrol(browser: Client, user) -> list[str]:
    page = browser.get(reverse("accounts:otp_setup"))
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    # The page shows the secret for typing, grouped by four.
    shown = re.search(r'id="otp-secret">([A-Z2-7 ]+)<', page.content.decode()).group(1)
    assert shown.replace(" ", "").rstrip("=")
    done = browser.post(reverse("accounts:otp_setup"), {"token": code_for(device)})
    assert done.status_code == 200
    return re.findall(r'<li class="col">([a-z2-7]{8})</li>', done.content.decode())


def test_an_administrator_reaches_no_page_before_the_second_factor(cast):
    """A6: every page the unit admin may open redirects to enrolment first; the
    JSON API's operations answer 401 ("second_factor") instead of a redirect."""
    browser = signed_in_with_password(cast.admin_a)
    # Public pages (the anonymous visitor gets them too) need neither factor.
    reachable = [name for name, (args, expected) in MATRIX.items()
                 if expected["admin_a"] == 200 and expected["anonymous"] != 200
                 and not name.startswith("accounts:")]
    assert len(reachable) > 10
    api_operations = 0
    for name in reachable:
        args_of = MATRIX[name][0]
        url = reverse(name, args=args_of(cast) if args_of else None)
        response = browser.get(url)
        if name.startswith("api:") and name not in ("api:openapi-json", "api:openapi-view"):
            api_operations += 1
            assert (response.status_code, response.json()["code"]) == (401, "second_factor")
            continue
        assert response.status_code == 302, name
        assert response.url.startswith(reverse("accounts:otp_setup")), name
    assert api_operations > 5


def test_htmx_requests_are_sent_to_the_code_page_with_a_full_redirect(cast):
    browser = signed_in_with_password(cast.verifier)
    response = browser.get(reverse("people:employee_list"), headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(reverse("accounts:otp_setup"))


def test_enrolment_confirms_with_a_real_code_and_gives_ten_backup_codes(cast):
    browser = signed_in_with_password(cast.admin_a)
    codes = enrol(browser, cast.admin_a)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert TOTPDevice.objects.filter(user=cast.admin_a, confirmed=True).count() == 1
    assert browser.get(HOME).status_code == 200
    assert AuditEvent.objects.filter(action="accounts.otp.enrol",
                                     target_id=str(cast.admin_a.pk)).exists()


def test_a_wrong_enrolment_code_is_refused_in_indonesian(cast):
    browser = signed_in_with_password(cast.admin_a)
    browser.get(reverse("accounts:otp_setup"))
    page = browser.post(reverse("accounts:otp_setup"), {"token": "000000"})
    assert "Kode tidak cocok" in page.content.decode()
    assert not TOTPDevice.objects.filter(user=cast.admin_a, confirmed=True).exists()
    assert browser.get(HOME).status_code == 302


def test_an_enrolled_administrator_signs_in_with_a_code_and_a_wrong_one_is_audited(cast):
    enrol(signed_in_with_password(cast.verifier), cast.verifier)
    device = TOTPDevice.objects.get(user=cast.verifier, confirmed=True)
    browser = signed_in_with_password(cast.verifier)
    first = browser.get(reverse("changes:queue"))
    assert first.url.startswith(reverse("accounts:otp_verify"))
    wrong = browser.post(reverse("accounts:otp_verify"), {"token": "123456",
                                                          "next": reverse("changes:queue")})
    assert wrong.status_code == 200 and "Kode salah" in wrong.content.decode()
    assert AuditEvent.objects.filter(action="accounts.otp.failure").exists()
    device.refresh_from_db()
    device.throttling_failure_count = 0  # the failure slowed tries down; wait it out
    device.throttling_failure_timestamp = None
    device.save()
    right = browser.post(reverse("accounts:otp_verify"),
                         {"token": code_for(device, steps_ahead=1),
                          "next": reverse("changes:queue")})
    assert right.status_code == 302 and right.url == reverse("changes:queue")
    assert browser.get(reverse("changes:queue")).status_code == 200


def test_a_backup_code_works_once(cast):
    codes = enrol(signed_in_with_password(cast.admin_b), cast.admin_b)
    browser = signed_in_with_password(cast.admin_b)
    assert browser.post(reverse("accounts:otp_verify"), {"token": codes[0]}).status_code == 302
    assert browser.get(HOME).status_code == 200
    assert StaticToken.objects.filter(device__user=cast.admin_b).count() == 9
    again = signed_in_with_password(cast.admin_b)
    refused = again.post(reverse("accounts:otp_verify"), {"token": codes[0]})
    assert refused.status_code == 200
    assert again.get(HOME).status_code == 302


def test_an_employee_is_not_asked_until_they_turn_the_second_step_on(cast):
    browser = signed_in_with_password(cast.employee)
    assert browser.get(HOME).status_code == 200
    enrol(browser, cast.employee)
    later = signed_in_with_password(cast.employee)
    assert later.get(HOME).url.startswith(reverse("accounts:otp_verify"))


def test_the_next_parameter_never_leaves_the_site(cast):
    """V4 for the code page: an outside address falls back to the home page."""
    enrol(signed_in_with_password(cast.admin_a), cast.admin_a)
    device = TOTPDevice.objects.get(user=cast.admin_a, confirmed=True)
    browser = signed_in_with_password(cast.admin_a)
    response = browser.post(reverse("accounts:otp_verify"),
                            {"token": code_for(device, steps_ahead=1),
                             "next": "https://evil.example/steal"})
    assert response.status_code == 302 and response.url == HOME


def test_a_reset_second_factor_ends_sessions_and_asks_for_enrolment_again(cast):
    browser = signed_in_with_password(cast.admin_a)
    enrol(browser, cast.admin_a)
    assert browser.get(HOME).status_code == 200
    second_factor_reset(user=cast.admin_a, actor=cast.super_admin, reason="Ponsel hilang.")
    assert not TOTPDevice.objects.filter(user=cast.admin_a).exists()
    assert browser.get(HOME).status_code == 302  # the session ended
    again = signed_in_with_password(cast.admin_a)
    assert again.get(HOME).url.startswith(reverse("accounts:otp_setup"))
    event = AuditEvent.objects.get(action="accounts.otp.reset")
    assert event.data["reason"] == "Ponsel hilang." and event.actor_id == cast.super_admin.pk


def test_a_code_used_a_moment_ago_gets_its_own_message(cast):
    """User test: signing in twice within one period reuses the code; the page
    says to wait for the next one rather than "wrong code"."""
    enrol(signed_in_with_password(cast.verifier), cast.verifier)
    device = TOTPDevice.objects.get(user=cast.verifier, confirmed=True)
    used = last_accepted_code(device)  # the code that confirmed the enrolment
    browser = signed_in_with_password(cast.verifier)
    page = browser.post(reverse("accounts:otp_verify"), {"token": used})
    assert "Kode ini baru saja dipakai" in page.content.decode()
    assert browser.get(HOME).status_code == 302
