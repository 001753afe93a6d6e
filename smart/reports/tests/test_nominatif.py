"""R-USE (issue 7 §2, §7): the daftar nominatif with chosen columns and its CSV
(scoped, neutralised, through the release gate)."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

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
    assert [c.header for c in response.context["columns"]] == ["Nama", "Usia", "Unit kerja"]
    names = [row[0] for row in response.context["rows"]]
    assert "@SUM(A1)" in names and "GURU DISDIK" not in names


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
    assert line["Nama"] == "'@SUM(A1)" and book["types"]["A6"] == "s"
    assert [book["types"][f"{c}6"] for c in "BCDE"] == ["n", "n", "n", "n"]
    assert excel_date(line["Tanggal lahir"]) == D(1985, 3, 12)
    assert excel_date(line["TMT golongan"]) == D(2019, 4, 1)
    assert excel_date(line["TMT CPNS"]) == D(2010, 1, 1)
    assert line["Usia"] == career.age_on(D(1985, 3, 12), timezone.localdate())
    rows = _csv(client.get(reverse("reports:nominatif_csv"), params))
    assert rows[1][1] == "12-03-1985" and rows[1][3] == "01-04-2019"
    page = client.get(reverse("reports:nominatif"), params)
    assert page.context["rows"][0][1] == "12-03-1985"


def test_a_long_csv_needs_a_release(client, cast, formula, settings):
    settings.SMART_RELEASE_ROW_THRESHOLD = 1
    client.force_login(cast.system_manager)
    assert client.get(reverse("reports:nominatif_csv")).status_code == 403
