"""The sidebar marks exactly one entry as the current page."""

import pytest

from smart.portal.navigation import navigation_for

pytestmark = pytest.mark.django_db


def _active(user, path):
    return [item["url"] for item in navigation_for(user, path) if item["active"]]


def test_a_page_under_another_entrys_address_marks_only_the_closest_entry(cast):
    assert _active(cast.system_manager, "/akses/kelas-data/") == ["/akses/kelas-data/"]
    assert _active(cast.system_manager, "/akses/12/") == ["/akses/"]


def test_the_home_page_is_active_only_on_itself(cast):
    assert _active(cast.employee, "/") == ["/"]
    assert "/" not in _active(cast.employee, "/kalender/")


def test_the_kept_addresses_follow_the_script_prefix(cast, script_prefix):
    """Addresses are reversed once per prefix: SMART served under /smart/ (a
    reverse proxy's SCRIPT_NAME) links there, and at the root again at the root."""
    plain = [item["url"] for item in navigation_for(cast.employee, "/")]
    script_prefix("/smart/")
    prefixed = [item["url"] for item in navigation_for(cast.employee, "/smart/")]
    script_prefix("/")
    assert prefixed == ["/smart" + url for url in plain]
    assert [item["url"] for item in navigation_for(cast.employee, "/")] == plain
