"""Employees sign in with their NIP, typed with or without the printed spaces."""

from urllib.parse import quote

import pytest
from django.urls import reverse

from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db


def test_an_employee_signs_in_with_a_spaced_nip(client, cast):
    nip = cast.employee_record.nip
    cast.employee.username = nip
    cast.employee.save()
    spaced = f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    response = client.post(reverse("accounts:login"), {"username": spaced, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("portal:home")).status_code == 200


def test_sign_out_ends_the_session(client, cast):
    client.login(username=cast.employee.username, password=PASSWORD)
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("portal:home")).status_code == 302


def test_a_deactivated_account_cannot_sign_in(client, cast):
    cast.employee.is_active = False
    cast.employee.save()
    assert client.login(username=cast.employee.username, password=PASSWORD) is False


def test_the_home_page_shows_the_scope_headcount(client, cast):
    client.login(username=cast.admin_a.username, password=PASSWORD)
    page = client.get(reverse("portal:home")).content.decode()
    assert "Pegawai dalam lingkup Anda" in page
    assert "Administrator OPD" in page


def test_an_old_sign_out_bookmark_asks_before_signing_out(client, cast):
    client.login(username=cast.employee.username, password=PASSWORD)
    page = client.get(reverse("accounts:logout"))
    assert page.status_code == 200
    assert "Keluar dari SMART?" in page.content.decode()
    assert client.get(reverse("portal:home")).status_code == 200  # still signed in
    response = client.post(reverse("accounts:logout"), follow=True)
    assert "Anda telah keluar." in response.content.decode()


@pytest.mark.parametrize("target", [
    "https://evil.example/", "//evil.example/", "http://evil.example/akun/masuk/",
    "https:evil.example", "/\\evil.example/", "javascript:alert(1)",
])
def test_v4_a_next_to_another_host_falls_back_to_the_home_page(client, cast, target):
    """V4 (ASVS 3.7.2): after sign-in only same-site next= targets are followed."""
    response = client.post(f"{reverse('accounts:login')}?next={quote(target)}",
                           {"username": cast.employee.username, "password": PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == reverse("portal:home")


def test_v4_a_next_on_this_site_is_followed(client, cast):
    target = reverse("people:my_profile")
    response = client.post(f"{reverse('accounts:login')}?next={quote(target)}",
                           {"username": cast.employee.username, "password": PASSWORD})
    assert response.headers["Location"] == target
