"""Sign-in lockout (security.md G10, A4, A5; attack case 14): django-axes, on in tests too.

5 failures within 15 minutes lock the NIP (from any address) and, separately,
the client address (whatever NIPs it tries). The lockout page is SMART's own,
status 429, and the same for a real NIP and an unknown one.
"""

import datetime
import importlib.util
import re
from unittest import mock

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
HOME = reverse("portal:home")
LOCKED = "Terlalu banyak percobaan masuk. Coba lagi dalam 15 menit atau hubungi admin SMART."
UNKNOWN_NIP = "199001012015031999"


def attempt(username, password, ip="127.0.0.1", client=None, **headers):
    """One sign-in from ``ip``; a fresh browser unless ``client`` is given."""
    client = client or Client()
    return client.post(LOGIN, {"username": username, "password": password},
                       REMOTE_ADDR=ip, **headers)


def fail(username, times, ip="127.0.0.1"):
    return [attempt(username, "salah-sekali-123", ip) for _ in range(times)]


def without_csrf_tokens(html: str) -> str:
    return re.sub(r'("X-CSRFToken": "|name="csrfmiddlewaretoken" value=")[^"]+', r"\1", html)


def test_axes_is_on_and_checks_before_the_password():
    assert settings.AXES_ENABLED is True
    assert settings.AUTHENTICATION_BACKENDS[0] == "smart.accounts.backends.LockoutBackend"


def test_five_wrong_passwords_lock_the_nip_even_for_the_right_password(cast):
    nip = cast.employee.username
    answers = fail(nip, 5)
    assert [a.status_code for a in answers] == [200, 200, 200, 200, 429]
    client = Client()
    locked = attempt(nip, PASSWORD, client=client)
    assert locked.status_code == 429
    assert LOCKED in locked.content.decode()
    assert locked["Retry-After"] == "900"
    assert "<title>Terlalu banyak percobaan masuk · SMART</title>" in locked.content.decode()
    assert client.get(HOME).status_code == 302  # not signed in


def test_the_lock_ends_after_the_cool_off(cast):
    nip = cast.employee.username
    fail(nip, 5)
    recorded = list(AccessAttempt.objects.values_list("attempt_time", "failures_since_start"))
    assert attempt(nip, PASSWORD).status_code == 429
    # Failures while locked do not extend the lock: "15 menit" stays true.
    assert attempt(nip, "salah-lagi-456").status_code == 429
    assert list(AccessAttempt.objects.values_list(
        "attempt_time", "failures_since_start")) == recorded
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))
    client = Client()
    assert attempt(nip, PASSWORD, client=client).status_code == 302
    assert client.get(HOME).status_code == 200


def test_the_lockout_page_is_the_same_for_an_unknown_nip(cast):
    real = fail(cast.employee.username, 5, ip="10.1.0.1")[-1]
    unknown = fail(UNKNOWN_NIP, 5, ip="10.1.0.2")[-1]
    with mock.patch.object(ModelBackend, "authenticate", autospec=True) as password_check:
        real_again = attempt(cast.employee.username, "salah-sekali-123", "10.1.0.1")
        unknown_again = attempt(UNKNOWN_NIP, "salah-sekali-123", "10.1.0.2")
    # Neither reaches the password check, so both take the same (short) time.
    password_check.assert_not_called()
    for a, b in [(real, unknown), (real_again, unknown_again)]:
        assert a.status_code == b.status_code == 429
        # The request id is new for every request, whoever asks (smart.audit.middleware).
        assert a["X-Request-ID"] != b["X-Request-ID"]
        assert (sorted(a.headers.items() - {("X-Request-ID", a["X-Request-ID"])})
                == sorted(b.headers.items() - {("X-Request-ID", b["X-Request-ID"])}))
        assert without_csrf_tokens(a.content.decode()) == without_csrf_tokens(
            b.content.decode())
        assert cast.employee.username not in a.content.decode()
        assert UNKNOWN_NIP not in b.content.decode()


def test_the_nip_stays_locked_from_another_address(cast):
    fail(cast.employee.username, 5, ip="10.2.0.1")
    assert attempt(cast.employee.username, PASSWORD, ip="10.2.0.99").status_code == 429


def test_many_nips_from_one_address_lock_the_address(cast):
    answers = [attempt(f"19900101201503100{n}", "salah-sekali-123", "10.3.0.1")
               for n in range(5)]
    assert answers[-1].status_code == 429
    # Now even a right password from that address is refused ...
    assert attempt(cast.verifier.username, PASSWORD, "10.3.0.1").status_code == 429
    # ... while the same person elsewhere signs in.
    assert attempt(cast.verifier.username, PASSWORD, "10.3.0.2").status_code == 302


def test_a_successful_sign_in_resets_the_count(cast):
    nip = cast.employee.username
    assert {a.status_code for a in fail(nip, 4)} == {200}
    assert attempt(nip, PASSWORD).status_code == 302
    assert not AccessAttempt.objects.exists()
    assert {a.status_code for a in fail(nip, 4)} == {200}
    assert attempt(nip, PASSWORD).status_code == 302


def test_a_spaced_nip_counts_as_the_same_nip(cast):
    nip = cast.employee_record.nip
    cast.employee.username = nip
    cast.employee.save()
    spaced = f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    for n in range(5):
        attempt(spaced if n % 2 else nip, "salah-sekali-123", ip=f"10.4.0.{n}")
    assert attempt(nip, PASSWORD, ip="10.4.0.99").status_code == 429


def test_without_a_proxy_a_forged_x_forwarded_for_is_ignored(cast):
    answers = [attempt(UNKNOWN_NIP[:-1] + str(n), "salah", "127.0.0.1",
                       HTTP_X_FORWARDED_FOR=f"36.68.0.{n}") for n in range(5)]
    assert answers[-1].status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"127.0.0.1"}


def _proxy_settings(monkeypatch, proxies: int) -> dict:
    """The client-address settings config/settings.py derives for SMART_PROXY_COUNT."""
    monkeypatch.setenv("SMART_PROXY_COUNT", str(proxies))
    spec = importlib.util.spec_from_file_location(
        "settings_with_proxy", settings.BASE_DIR / "config" / "settings.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return {name: getattr(module, name) for name in (
        "AXES_IPWARE_PROXY_COUNT", "AXES_IPWARE_META_PRECEDENCE_ORDER", "IPWARE_STRICT")}


def test_behind_one_proxy_the_address_the_proxy_saw_counts(cast, monkeypatch):
    with override_settings(**_proxy_settings(monkeypatch, 1)):
        # nginx appends the address it received from; what the client sent stays left.
        answers = [attempt(UNKNOWN_NIP[:-1] + str(n), "salah", "127.0.0.1",
                           HTTP_X_FORWARDED_FOR=f"8.8.{n}.8, 36.68.1.1") for n in range(5)]
        assert answers[-1].status_code == 429
        assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"36.68.1.1"}
        # Another client behind the same proxy is not locked with it.
        other = attempt(cast.employee.username, PASSWORD, "127.0.0.1",
                        HTTP_X_FORWARDED_FOR="36.68.2.2")
        assert other.status_code == 302
