"""security.md L4 (ASVS 16.2.5): the Python logging output of a sign-in attempt
and a profile view contains neither the password nor any full NIK."""

import logging

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.otp import code_for
from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db


def test_l4_logs_hold_no_password_and_no_full_nik(cast, caplog):
    caplog.set_level(logging.DEBUG)
    colleague_nik = cast.colleague_a.nik
    client = Client()
    login = reverse("accounts:login")
    client.post(login, {"username": cast.verifier.username, "password": "salah-" + PASSWORD})
    client.post(login, {"username": colleague_nik, "password": PASSWORD})
    device = TOTPDevice.objects.create(user=cast.verifier, name="ponsel", confirmed=True)
    assert client.post(login, {"username": cast.verifier.username,
                               "password": PASSWORD}).status_code == 302
    assert client.post(reverse("accounts:otp_verify"),
                       {"token": code_for(device)}).status_code == 302
    # The verifier sees NIKs in full (D-3): the page has it, the logs must not.
    page = client.get(reverse("records:profile", args=[cast.colleague_a.pk]))
    assert page.status_code == 200 and colleague_nik in page.content.decode()
    client.get(reverse("records:profile", args=[10**9]))  # a 404, logged by Django
    assert caplog.records, "nothing was logged: the test would prove nothing"
    logged = caplog.text + "".join(str(r.args) for r in caplog.records)
    assert PASSWORD not in logged
    assert colleague_nik not in logged
