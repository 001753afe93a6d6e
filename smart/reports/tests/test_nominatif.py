"""R-USE (issue 7 §2, §7): the daftar nominatif with chosen columns and its CSV
(scoped, neutralised, through the release gate)."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from smart.people import career
from smart.references.models import Unit
from smart.reports.tests.builders import D
from smart.reports.tests.xlsx import excel_date, read_xlsx, row
from tests.personas import make_employee

pytestmark = pytest.mark.django_db


@pytest.fixture
def formula(cast):
    return make_employee("DINKES.PKM05", name="@SUM(A1)")


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_it_shows_the_chosen_columns_of_the_scope(client, cast, formula):
    client.force_login(cast.admin_a)
    response = client.get(reverse("reports:nominatif"), {"columns": ["name", "age", "unit"]})
    assert [c.header for c in response.context["columns"]] == ["NIP", "Nama", "Usia",
                                                               "Unit kerja"]
    names = [row[1] for row in response.context["rows"]]
    assert "@SUM(A1)" in names and "GURU DISDIK" not in names


def _ticked(response) -> list[str]:
    form = response.context["form"]
    return list(form["columns"].value() or [])


def test_the_boxes_show_the_default_columns_and_one_more_is_added_to_them(client, cast):
    """User test: the default table's columns were not ticked, and ticking one
    more dropped them all, NIP and name included."""
    client.force_login(cast.admin_a)
    page = client.get(reverse("reports:nominatif"))
    shown = [c.key for c in page.context["columns"]]
    assert shown == ["nip", "name", "golongan", "position", "unit", "education"]
    assert sorted(_ticked(page)) == sorted(shown)
    html = page.content.decode()
    for key in shown:
        assert f'value="{key}" id' in html or f'value="{key}"' in html
    assert html.count(" checked") >= len(shown)
    filtered = client.get(reverse("reports:nominatif"), {"active": "on"})
    assert sorted(_ticked(filtered)) == sorted(shown)  # a filter alone keeps the defaults
    # NIP and name are disabled boxes, so the browser does not send them.
    more = client.get(reverse("reports:nominatif"), {"columns": [*shown[2:], "age"]})
    assert {c.key for c in more.context["columns"]} == {*shown, "age"}
    alone = client.get(reverse("reports:nominatif"), {"columns": ["age"]})
    assert [c.key for c in alone.context["columns"]] == ["nip", "name", "age"]


def test_active_only_defaults_as_in_the_employee_list(client, cast):
    client.force_login(cast.admin_a)
    page = client.get(reverse("reports:nominatif"))
    employees = client.get(reverse("people:employee_list"))
    assert not page.context["form"]["active"].value()
    # The list's form with nothing chosen is kept rendered (decision 221).
    active_box = re.search(r'<input[^>]*name="active"[^>]*>', employees.content.decode())
    assert active_box and "checked" not in active_box.group()
    assert page.context["page"].paginator.count == employees.context["page"].paginator.count


def test_the_echelon_filter_tells_the_two_i_a_apart(client, cast):
    """SIASN has eselon 10 and 11 both named I.a (JPT Utama, JPT Madya)."""
    client.force_login(cast.admin_a)
    form = client.get(reverse("reports:nominatif")).context["form"]
    labels = [label for _value, label in form.fields["echelon"].choices]
    assert "I.a · JPT Utama" in labels and "I.a · JPT Madya" in labels
    assert len(labels) == len(set(labels))


def test_the_csv_is_neutralised_and_filtered_like_the_page(client, cast, formula):
    client.force_login(cast.admin_a)
    unit = Unit.objects.get(code="DINKES.PKM05")
    response = client.get(reverse("reports:nominatif_csv"),
                          {"unit": unit.pk, "columns": ["nip", "name"]})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = _csv(response)
    assert rows[0] == ["NIP", "Nama"]
    assert sorted(row[1] for row in rows[1:]) == ["'@SUM(A1)", "REKAN DINKES"]


def test_the_excel_has_real_dates_and_numbers_and_the_csv_keeps_dd_mm_yyyy(
        client, cast, formula):
    """Issue 7 §7: dates and ages are Excel dates and numbers, not text."""
    formula.birth_date, formula.tmt_golongan = D(1985, 3, 12), D(2019, 4, 1)
    formula.save()
    client.force_login(cast.admin_a)
    params = {"unit": Unit.objects.get(code="DINKES.PKM05").pk, "q": "SUM",
              "columns": ["name", "birth_date", "age", "tmt_golongan", "tmt_cpns"]}
    book = read_xlsx(client.get(reverse("reports:nominatif_xlsx"), params).content)
    line = row(book, 6, header=5)
    assert line["Nama"] == "'@SUM(A1)" and book["types"]["B6"] == "s"  # NIP in A
    assert [book["types"][f"{c}6"] for c in "CDEF"] == ["n", "n", "n", "n"]
    assert excel_date(line["Tanggal lahir"]) == D(1985, 3, 12)
    assert excel_date(line["TMT golongan"]) == D(2019, 4, 1)
    assert excel_date(line["TMT CPNS"]) == D(2010, 1, 1)
    assert line["Usia"] == career.age_on(D(1985, 3, 12), timezone.localdate())
    rows = _csv(client.get(reverse("reports:nominatif_csv"), params))
    assert rows[1][2] == "12-03-1985" and rows[1][4] == "01-04-2019"
    page = client.get(reverse("reports:nominatif"), params)
    assert page.context["rows"][0][2] == "12-03-1985"


def test_people_read_the_nip_grouped_and_the_csv_keeps_its_digits(client, cast, formula):
    """Decision 212: the page, the Excel and the PDF print the NIP 8-6-1-3 as the
    DUK and the due lists do; the CSV, read by other programs, keeps the 18
    stored digits (decision 214)."""
    client.force_login(cast.admin_a)
    params = {"unit": Unit.objects.get(code="DINKES.PKM05").pk, "q": "SUM",
              "columns": ["nip", "name"]}
    grouped = formula.nip_grouped
    page = client.get(reverse("reports:nominatif"), params)
    assert page.context["rows"][0][0] == grouped
    book = read_xlsx(client.get(reverse("reports:nominatif_xlsx"), params).content)
    assert row(book, 6, header=5)["NIP"] == grouped
    pdf = client.get(reverse("reports:nominatif_pdf"), params).content
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert grouped in text
    assert _csv(client.get(reverse("reports:nominatif_csv"), params))[1][0] == formula.nip


def test_a_long_csv_needs_a_release(client, cast, formula, settings):
    settings.SMART_RELEASE_ROW_THRESHOLD = 1
    client.force_login(cast.system_manager)
    assert client.get(reverse("reports:nominatif_csv")).status_code == 403
