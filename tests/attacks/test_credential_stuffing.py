"""Attack case 14 (security.md §8), checklists A4–A6: NIP credential stuffing.

NIPs are not secret: birth date, TMT CPNS, sex and a serial number, printed
on every SK. The attacker builds them by the hundred and tries one common
password.
smart/accounts/tests/test_lockout.py checks the lockout rules one by one;
here they meet a real stuffing run, and the second factor stands behind a
password that was guessed. The A5 timing figure is not measured here: the
test settings hash passwords with MD5, so a timing test would measure nothing
(the lockout tests check that a locked NIP never reaches the password check).
"""

from __future__ import annotations

import datetime
import itertools
import re
from email.utils import parsedate_to_datetime
from unittest import mock

import pytest
from django.contrib.auth.backends import ModelBackend
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from smart.audit.models import AuditEvent
from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
COMMON = PASSWORD  # the victims really use it: that is what stuffing relies on


def public_nips(count: int) -> list[str]:
    """NIPs as an attacker builds them: birth dates of one year, TMT 2010-01,
    either sex, serial 001."""
    days = (datetime.date(1985, 1, 1) + datetime.timedelta(days=n) for n in range(366))
    combos = itertools.product(days, "12")
    return [f"{day:%Y%m%d}201001{sex}001" for day, sex in itertools.islice(combos, count)]


def _as_nip_account(user):
    """The persona signs in with their NIP, as every real account does."""
    user.username = user.employee.nip
    user.save()
    return user.username


def _try(client, nip, password, ip):
    return client.post(LOGIN, {"username": nip, "password": password}, REMOTE_ADDR=ip)


def _bare(html: str) -> str:
    return re.sub(r'("X-CSRFToken": "|name="csrfmiddlewaretoken" value=")[^"]+', r"\1", html)


def test_case_14_a_stuffing_run_from_one_address_stops_after_five(cast):
    """Case 14 / A4: public NIPs with the common password from one address (50
    here: every try after the fifth is the same locked answer, so 200 would
    only take longer):
    five reach the password check, everything after is 429 — including the
    victim whose password it is — and nobody is signed in."""
    victim = _as_nip_account(cast.employee)
    nips = public_nips(50)
    nips[40] = victim
    browser = Client()
    with mock.patch.object(ModelBackend, "authenticate", autospec=True,
                           side_effect=ModelBackend.authenticate) as password_check:
        answers = [_try(browser, nip, COMMON, "36.68.10.7") for nip in nips]
    statuses = [a.status_code for a in answers]
    assert statuses[:4] == [200] * 4 and set(statuses[4:]) == {429}
    assert password_check.call_count <= 5
    assert "_auth_user_id" not in browser.session
    assert statuses[40] == 429


def test_case_14_a_real_nip_and_an_unknown_one_fail_alike(cast):
    """Case 14 / A5: before any lock, a wrong password for a real NIP and for
    an unknown one give the same status, headers and page."""
    real = _as_nip_account(cast.employee)
    unknown = public_nips(1)[0]
    a = _try(Client(), real, "Tebakan-Umum-2026", "36.68.20.1")
    b = _try(Client(), unknown, "Tebakan-Umum-2026", "36.68.20.2")
    assert a.status_code == b.status_code == 200
    # Cookies and the request id differ on every answer; Expires is the answer's own
    # second (never_cache), so two answers a second apart differ there: both must
    # expire at once, which says nothing about the account.
    drop = {"Set-Cookie", "X-Request-ID", "Expires"}
    now = datetime.datetime.now(datetime.UTC)
    assert {parsedate_to_datetime(r.headers["Expires"]) <= now for r in (a, b)} == {
        True}
    assert sorted((k, v) for k, v in a.headers.items() if k not in drop) == sorted(
        (k, v) for k, v in b.headers.items() if k not in drop)
    assert _bare(a.content.decode()).replace(real, "") == _bare(
        b.content.decode()).replace(unknown, "")


def _code(device: TOTPDevice, steps_ahead: int = 0) -> str:
    import time

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def test_case_14_a_guessed_admin_password_still_meets_the_second_factor(cast):
    """Case 14 / A6: spread over many addresses (no lock), the run hits a unit
    admin's NIP with their real password: the password passes, but every page
    sends them to the code page, and guessing codes is slowed down — after a
    wrong guess even the right code is refused for now."""
    admin = _as_nip_account(cast.admin_a)
    device = TOTPDevice.objects.create(user=cast.admin_a, name="HP", confirmed=True)
    browser = Client()
    for n, nip in enumerate(public_nips(3)):
        _try(Client(), nip, COMMON, f"36.68.30.{n}")
    assert _try(browser, admin, COMMON, "36.68.30.99").status_code == 302
    for page in ("portal:home", "people:employee_list", "changes:inbox"):
        response = browser.get(reverse(page))
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:otp_verify"))
    verify = reverse("accounts:otp_verify")
    wrong = [browser.post(verify, {"token": f"{n:06d}"}) for n in range(3)]
    assert {w.status_code for w in wrong} == {200}
    right = browser.post(verify, {"token": _code(device, steps_ahead=1)})
    assert right.status_code == 200  # throttled: the device waits after failures
    assert browser.get(reverse("portal:home")).status_code == 302
    assert AuditEvent.objects.filter(action="accounts.otp.failure",
                                     actor_id=cast.admin_a.pk).count() == 4
