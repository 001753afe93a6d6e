"""Decision 211: an approved data release links its requester to the report
with the released choices, and the file made there is the released one.

Bug: the KP list's release keeps the period as ``start``/``end`` while its page
reads ``on``, so the link opened the default period and its file was refused.
Each report with a file that can be released is followed here as the
requester would: the file refused, the request, the approval, the link, the
page's own file button."""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse

from smart.references.models import Unit
from smart.releases.models import DataRelease
from smart.releases.services import release_move
from smart.reports.tests.builders import D, pns

pytestmark = pytest.mark.django_db

# The page, the file its button makes, and choices other than the page's default.
CASES = {
    "kgb": ("reports:kgb", "reports:kgb_xlsx", {"start": "2027-02-01", "end": "2027-05-31"}),
    "promotion": ("reports:promotion", "reports:promotion_xlsx", {"on": "2028-03-15"}),
    "retirement": ("reports:retirement", "reports:retirement_pdf",
                   {"start": "2030-01-01", "end": "2031-06-30"}),
    "duk": ("reports:duk", "reports:duk_xlsx", {"on": "2025-06-30"}),
    "nominatif": ("reports:nominatif", "reports:nominatif_csv",
                  {"columns": ["nip", "age"], "asn_kind": "PNS"}),
    "statistics": ("reports:statistics", "reports:statistics_xlsx", {}),
    "leave": ("reports:leave", "reports:leave_xlsx", {"start": "2025-03-01", "end": "2025-08-31"}),
    "discipline": ("reports:discipline", "reports:discipline_pdf",
                   {"start": "2024-01-01", "end": "2024-12-31"}),
}


def _approved_release(client, cast, file_url: str, query: dict) -> DataRelease:
    """The release of the file the requester was refused, as the gate described it."""
    refused = client.get(file_url, query)
    assert refused.status_code == 403
    client.post(reverse("releases:request", args=[refused.context["token"]]),
                {"purpose": "Bahan rapat Baperjakat."})
    release = DataRelease.objects.get(requester=cast.verifier)
    return release_move(release=release, move_name="approve", actor=cast.system_manager)


def _file_button(page, file_url: str) -> str:
    found = re.search(rf'href="({re.escape(file_url)}\?[^"]*)"', page.content.decode())
    assert found, f"no link to {file_url} on the page"
    return html.unescape(found[1])


@pytest.mark.parametrize("kind", CASES)
def test_the_release_link_opens_the_released_choices_and_their_file(
        client, cast, settings, kind):
    settings.SMART_RELEASE_ROW_THRESHOLD = -1  # every file needs a release
    pns("DINKES.PKM05", "BUDI", golongan="34")
    page_name, file_name, choices = CASES[kind]
    query = {**choices, "unit": Unit.objects.get(code="DINKES").pk}
    client.force_login(cast.verifier)
    release = _approved_release(client, cast, reverse(file_name), query)

    link = client.get(reverse("releases:detail", args=[release.pk])).context["export_url"]
    assert link.startswith(reverse(page_name))
    page = client.get(link)
    assert page.status_code == 200
    assert page.context["form"].is_valid()
    response = client.get(_file_button(page, reverse(file_name)))
    assert response.status_code == 200
    assert release.uses.count() == 1


def test_the_kp_release_link_shows_the_released_period(client, cast, settings):
    """The reported case: 15 March 2028 falls in the KP period of 1 April 2028."""
    settings.SMART_RELEASE_ROW_THRESHOLD = -1
    client.force_login(cast.verifier)
    release = _approved_release(client, cast, reverse("reports:promotion_xlsx"),
                                {"on": "2028-03-15"})
    link = client.get(reverse("releases:detail", args=[release.pk])).context["export_url"]
    page = client.get(link)
    assert page.context["start"] == page.context["end"] == D(2028, 4, 1)
