"""E2E: sign in and open a profile, on a desktop and on a phone."""

import pytest

from tests.e2e.conftest import sign_in
from tests.personas import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_verifier_finds_an_employee_and_opens_the_profile(page, live_server, cast):
    sign_in(page, live_server, cast.verifier.username, PASSWORD)
    page.get_by_role("link", name="Pegawai", exact=True).first.click()
    page.get_by_label("Nama atau NIP").fill("rekan dinkes")
    page.get_by_role("button", name="Cari").click()
    page.get_by_role("link", name="REKAN DINKES").click()
    page.wait_for_url(f"**/pegawai/{cast.colleague_a.pk}/")
    assert page.get_by_role("heading", name="REKAN DINKES", exact=True).is_visible()
    assert page.get_by_text("Informasi pribadi").is_visible()
    # Nothing was requested from outside the server (no CDN, no web fonts).
    assert page.evaluate(
        "performance.getEntriesByType('resource')"
        ".every(e => e.name.startsWith(location.origin))"
    )


def test_an_employee_on_a_phone_opens_their_own_record(phone_page, live_server, cast):
    page = phone_page
    sign_in(page, live_server, cast.employee.username, PASSWORD)
    page.get_by_role("link", name="Buka data saya").click()
    assert page.get_by_role("heading", name=cast.employee_record.name, exact=True).is_visible()
    # The sidebar is behind the menu button on a phone.
    page.get_by_role("button", name="Menu").click()
    assert page.get_by_role("link", name="Data saya", exact=True).is_visible()
    # No horizontal scrolling on a 390-px screen.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
