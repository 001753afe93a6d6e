"""R-ME, Pasal 28: the public M&E page publishes aggregates only. No NIP, name or
other personal value of any employee appears; small counts are hidden."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from smart.accounts.models import User
from smart.monitoring.public import PublicCell, suppress
from smart.monitoring.tests.scenery import fill_gaps, make_campaign
from smart.people.models import Employee

pytestmark = pytest.mark.django_db
URL = reverse("monitoring:public")


def personal_values() -> set[str]:
    """Every text and date an employee or user row holds, as a page could print
    it (the NIP grouped too), leaving out short codes shared by many (sex, blood
    type, ASN kind)."""
    values = set()
    for employee in Employee.objects.all():
        values |= {employee.nip, employee.nip_grouped, employee.display_name, employee.name,
                   employee.birth_date.isoformat(), f"{employee.birth_date:%d-%m-%Y}"}
        for field in Employee._meta.concrete_fields:
            value = getattr(employee, field.attname)
            if isinstance(value, str) and len(value) >= 6:
                values.add(value)
    # Users by their full names; the personas' login names are plain words of the
    # page's own text ("pegawai", "pimpinan"), so they are left out.
    values |= set(User.objects.values_list("full_name", flat=True))
    return {value for value in values if value and len(value) >= 5}


def test_the_public_page_holds_no_personal_data(client, cast, november):
    """Pasal 28, R-ME: anonymous, with a campaign, requests and gaps in the data,
    none of the employees' or users' values is in the page."""
    fill_gaps(cast)
    make_campaign(cast, start=datetime.date(2026, 11, 2), deadline=datetime.date(2027, 2, 1))
    response = client.get(URL, {"bulan": "2026-11"})
    assert response.status_code == 200
    body = response.content.decode()
    leaked = sorted(value for value in personal_values() if value in body)
    assert leaked == []
    assert "Perekaman 2026" in body  # the page is not empty: it shows the campaign
    assert "Dinas Kesehatan" in body


def test_the_leak_check_can_fail(client, cast):
    """The same check finds a NIP when one is there (the signed-in campaign page)."""
    campaign = make_campaign(cast)
    client.force_login(cast.system_manager)
    body = client.get(reverse("monitoring:campaign_detail", args=[campaign.pk])).content.decode()
    assert any(value in body for value in personal_values())


def test_small_counts_are_hidden_and_totals_exact(client, cast, november, settings):
    """Dinkes has 3 employees (< 5): the page shows "<5" for each of its numbers,
    even its 0 complete; with the threshold at 1 the same cells show 3, 0, 3."""
    fill_gaps(cast)
    response = client.get(URL, {"bulan": "2026-11"})
    line = next(line for line in response.context["completeness"]
                if line.name == "Dinas Kesehatan")
    assert [str(cell) for cell in line.cells] == ["<5", "<5", "<5", "–"]
    total = response.context["figures"].completeness.total
    assert f">{total.employees}<" in response.content.decode().replace(" ", "")
    settings.SMART_PUBLIC_MIN_COUNT = 1
    response = client.get(URL, {"bulan": "2026-11"})
    line = next(line for line in response.context["completeness"]
                if line.name == "Dinas Kesehatan")
    assert [str(cell) for cell in line.cells][:3] == ["3", "0", "3"]


def test_one_hidden_cell_hides_the_next_smallest_of_its_column():
    """Secondary suppression: the total minus the shown cells must not reveal a
    hidden one; zeros stay visible."""
    table = suppress([[40, 3], [12, 0], [7, 30], [25, 8]])
    shown = [[str(cell) for cell in row] for row in table]
    assert shown == [["40", "<5"], ["12", "0"], ["7", "30"], ["25", "*"]]
    # Two small cells in a column hide each other: nothing more is hidden.
    assert [str(c) for c, in suppress([[2], [4], [9]])] == ["<5", "<5", "9"]
    assert str(PublicCell(7)) == "7"


def test_a_future_or_malformed_month_is_not_found(client):
    next_year = datetime.date.today().year + 1
    assert client.get(URL, {"bulan": f"{next_year}-01"}).status_code == 404
    assert client.get(URL, {"bulan": "bulan-lalu"}).status_code == 404
    assert client.get(URL, {"bulan": "2026-13"}).status_code == 404


def test_the_public_page_needs_no_login_and_sets_no_session(client, cast):
    response = client.get(URL)
    assert response.status_code == 200
    assert "sessionid" not in response.cookies and "__Host-sessionid" not in response.cookies


def test_a_hidden_incomplete_count_cannot_be_worked_out_from_its_row_or_column():
    """incomplete = employees − complete, and the share is complete / employees:
    a small "incomplete" hidden alone would be given away by its own row. Its
    row hides "complete" and the share too, and each column with one hidden
    cell hides another, so neither the row nor the exact totals tell it."""
    from smart.monitoring.public import completeness_marks

    rows = [[40, 38, 2], [30, 10, 20], [50, 25, 25], [60, 45, 15]]
    marks = completeness_marks(rows)
    assert marks[0] == ["", "secondary", "small"]  # employees shown, the split hidden
    for c in (1, 2):  # no column with a single hidden cell
        assert sum(bool(m[c]) for m in marks) != 1
    for mark in marks:  # no row solvable from what is shown
        assert sum(bool(m) for m in mark) != 1 and (not mark[1]) == (not mark[2])


def test_a_line_with_a_small_incomplete_hides_its_complete_count_and_share():
    """The public lines as the page prints them: 40 employees of whom 2 are
    incomplete showed "40, 38, <5, 95%", which says 2."""
    from types import SimpleNamespace

    from smart.monitoring.public import completeness_lines

    lines = [SimpleNamespace(name=f"OPD {n}", employees=e, complete=c, incomplete=e - c,
                             percent=100 * c / e)
             for n, (e, c) in enumerate([(40, 38), (30, 10), (50, 25), (60, 45)])]
    printed = [[str(cell) for cell in line.cells]
               for line in completeness_lines(SimpleNamespace(lines=lines))]
    assert printed[0] == ["40", "*", "<5", "–"]
    assert all(row[3] == "–" for row in printed if "*" in row or "<5" in row)
