"""R-ME, Pasal 28: the public M&E page publishes aggregates only. No NIP, name or
other personal value of any employee appears; small counts are hidden."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from smart.accounts.models import User
from smart.monitoring.public import PublicCell, deadline_marks
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
    marks, _ = deadline_marks([[40, 3, 0, 0], [12, 0, 0, 0], [7, 30, 0, 0], [25, 8, 0, 0]])
    assert [mark[:2] for mark in marks] == [["", "small"], ["", ""], ["", ""],
                                            ["", "secondary"]]
    # Two small cells in a column hide each other: nothing more is hidden.
    marks, _ = deadline_marks([[2, 9, 0, 0], [4, 9, 0, 0], [9, 9, 0, 0]])
    assert [mark[0] for mark in marks] == ["small", "small", ""]
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


# --- the deadline table: nothing hidden may be worked out from what is shown --------

def _worked_out(printed: list[list[str]], totals: list[str]) -> list[tuple[int, int, int]]:
    """The hidden counts a reader can work out, as (row, column, value): for each
    column, what each "<5" (1 to 4: zeros are shown) or "*" (0, or 5 and more)
    can be, given the shown cells and the regency's total (exact, "<5" for 1 to
    4, "*" for not given). Columns are independent: a share is printed only with
    both of its counts. Enumerated here, not with the page's own arithmetic."""
    found = []
    for column in range(len(totals)):
        cells = [row[column] for row in printed]
        hidden = [r for r, cell in enumerate(cells) if cell in ("<5", "*")]
        shown = sum(int(cell.replace(".", "")) for cell in cells if cell not in ("<5", "*"))
        total = totals[column]
        if total == "0":
            continue  # a column of zeros: nothing is hidden in it
        cap = (int(total.replace(".", "")) if total not in ("<5", "*") else 4 + shown) + 20
        wanted = ({int(total.replace(".", "")) - shown} if total not in ("<5", "*")
                  else {n - shown for n in range(1, 5)} if total == "<5"
                  else set(range(cap + 1)))
        can_be = {r: set(range(1, 5)) if cells[r] == "<5" else {0, *range(5, cap + 1)}
                  for r in hidden}
        for r in hidden:
            others = {0}
            for other in hidden:
                if other != r:
                    others = {s + v for s in others for v in can_be[other] if s + v <= cap}
            values = {v for v in can_be[r] if any(v + s in wanted for s in others)}
            if len(values) == 1:
                found.append((r, column, values.pop()))
    return found


def _printed(rows: list[list[int]]) -> tuple[list[list[str]], list[str]]:
    """The public deadline table of these [forward within, over, completion
    within, over] rows, counts only (the shares are left out)."""
    from types import SimpleNamespace

    from smart.monitoring.deadlines import COMPLETION, FORWARD, Tally
    from smart.monitoring.public import deadline_table

    def line(counts):
        return SimpleNamespace(name="", stages={FORWARD: Tally(counts[0], counts[1]),
                                                COMPLETION: Tally(counts[2], counts[3])})

    table, regency = deadline_table([line(row) for row in rows],
                                    line([sum(column) for column in zip(*rows, strict=True)]))
    counts = (0, 1, 3, 4)  # the printed line is within, over, share, within, over, share
    return ([[str(line.cells[i]) for i in counts] for line in table],
            [str(regency.cells[i]) for i in counts])


def test_the_check_finds_a_count_given_away_by_the_regency_total():
    """Before: one OPD alone with late forwards printed "<5" over a regency total
    of 2; two "<5" adding up to 2 are 1 each."""
    assert _worked_out([["10", "<5"], ["7", "0"], ["20", "0"]], ["37", "2"]) == [(0, 1, 2)]
    assert sorted(_worked_out([["<5"], ["<5"], ["9"]], ["11"])) == [(0, 0, 1), (1, 0, 1)]
    assert _worked_out([["<5"], ["*"], ["9"]], ["17"]) == []


def test_one_opd_alone_with_late_requests_is_not_given_away_by_the_total():
    printed, totals = _printed([[10, 2, 8, 0], [7, 0, 9, 0], [20, 0, 12, 0]])
    assert [row[1] for row in printed] == ["<5", "0", "0"]
    assert totals == ["37", "<5", "29", "0"]
    assert _worked_out(printed, totals) == []


def test_no_hidden_deadline_count_can_be_worked_out_from_the_shown_ones():
    """Two thousand regencies of one to seven OPDs with counts around the
    threshold: every hidden count keeps at least two possible values."""
    import random

    generator = random.Random(2026)
    for _ in range(2000):
        rows = [[generator.choice([0, 0, 0, 1, 1, 2, 3, 4, 5, 5, 6, 8, 12, 30])
                 for _ in range(4)] for _ in range(generator.randint(1, 7))]
        printed, totals = _printed(rows)
        assert _worked_out(printed, totals) == [], (rows, printed, totals)
        for row, line in zip(rows, printed, strict=True):  # small counts are never shown
            assert all(cell in ("<5", "*") for n, cell in zip(row, line, strict=True)
                       if 0 < n < 5)


def test_the_public_page_prints_the_deadline_totals_it_may(client, cast, november):
    """November: Dinkes forwarded 2 within, 1 over and completed 1 within, 2 over;
    Disdik 1, 1 and 0, 2. The page printed the regency's 3, 2, 1, 4 beside Disdik's
    "0" completed within, which said Dinkes's "<5" was 1; each total is small
    itself, so it is "<5" in the table and in the card, and so are the shares."""
    response = client.get(URL, {"bulan": "2026-11"})
    assert [str(cell) for cell in response.context["deadline_total"].cells] == [
        "<5", "<5", "–", "<5", "<5", "–"]
    assert "&lt;5 tepat waktu, &lt;5 melewati tenggat" in response.content.decode()
    printed = [[str(line.cells[i]) for i in (0, 1, 3, 4)]
               for line in response.context["deadlines"]]
    totals = [str(response.context["deadline_total"].cells[i]) for i in (0, 1, 3, 4)]
    assert _worked_out(printed, totals) == []
