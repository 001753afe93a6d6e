"""R-INT, R-USE: the reports' data through the API — the same read functions as
the pages (statistics, retirement, KGB, KP), scoped exactly as the pages."""

import datetime

import pytest
from django.test import Client

from smart.api.tests.test_api_read import API, key_for, signed_in
from smart.audit.models import AuditEvent
from smart.reports.due import retirement_projection
from smart.reports.statistics import statistics_tables
from tests.personas import make_employee

pytestmark = pytest.mark.django_db

START, END = datetime.date(2026, 1, 1), datetime.date(2030, 12, 31)


@pytest.fixture
def retiring(cast):
    """One person near retirement age in unit A and one in unit B. Without a
    position type their BUP cannot be determined: both are "undetermined"."""
    return (make_employee("DINKES.01", name="TUA DINKES", birth=datetime.date(1968, 5, 2)),
            make_employee("DISDIK.01", name="TUA DISDIK", birth=datetime.date(1968, 6, 3)))


def _period():
    return {"start": START.isoformat(), "end": END.isoformat()}


def test_statistics_are_the_pages_figures(client, cast):
    signed_in(client, cast.verifier)
    body = client.get(f"{API}/statistics").json()
    expected = statistics_tables(cast.verifier)
    assert [t["key"] for t in body["tables"]] == [t.key for t in expected]
    assert {t["key"] for t in body["tables"]} >= {"asn", "golongan", "education", "sex", "age",
                                                  "religion", "position_type", "echelon",
                                                  "unit"}
    for table, page_table in zip(body["tables"], expected, strict=True):
        assert table["total"] == page_table.total
        assert [line["count"] for line in table["lines"]] == [x.count for x in page_table.lines]
    cross = body["unit_by_golongan"]
    assert cross["total"] == expected[0].total
    assert all(len(row["cells"]) == len(cross["columns"]) for row in cross["rows"])


def test_statistics_of_a_unit_admin_cover_their_unit_only(client, cast):
    signed_in(client, cast.admin_a)
    mine = client.get(f"{API}/statistics").json()
    assert mine["tables"][0]["total"] == statistics_tables(cast.admin_a)[0].total
    client.logout()
    signed_in(client, cast.verifier)
    everyone = client.get(f"{API}/statistics").json()
    assert 0 < mine["tables"][0]["total"] < everyone["tables"][0]["total"]


def test_a_unit_outside_the_scope_is_404_and_an_unknown_one_too(client, cast):
    signed_in(client, cast.admin_a)
    assert client.get(f"{API}/statistics", {"unit": "DINKES.01"}).status_code == 200
    for code in ("DISDIK", "NOPE"):
        response = client.get(f"{API}/statistics", {"unit": code})
        assert (response.status_code, response.json()["code"]) == (404, "not_found")
        response = client.get(f"{API}/reports/kgb", {"unit": code})
        assert response.status_code == 404


@pytest.mark.parametrize("who", ["employee", "super_admin"])
def test_no_reports_for_those_the_pages_refuse(client, cast, who):
    """As reports:statistics and the due lists: employees and the Super
    Administrator (no personnel role) get a 404."""
    signed_in(client, getattr(cast, who))
    for path in ("statistics", "reports/retirement", "reports/kgb", "reports/promotion"):
        assert client.get(f"{API}/{path}").status_code == 404, path


def test_retirement_list_is_the_pages_list_scoped_and_audited(client, cast, retiring):
    ours, theirs = retiring
    signed_in(client, cast.admin_a)
    body = client.get(f"{API}/reports/retirement", _period()).json()
    expected = retirement_projection(cast.admin_a, START, END)
    assert [row["id"] for row in body["rows"]] == [row.pk for row in expected.rows]
    nips = {u["nip"] for u in body["undetermined"]}
    assert ours.nip in nips and theirs.nip not in nips
    assert body["start"] == START.isoformat() and body["end"] == END.isoformat()
    assert AuditEvent.objects.filter(action="api.report.retirement").exists()
    client.logout()
    signed_in(client, cast.verifier)
    nips = {u["nip"] for u in client.get(f"{API}/reports/retirement",
                                         _period()).json()["undetermined"]}
    assert {ours.nip, theirs.nip} <= nips


def test_kgb_and_promotion_lists_answer_with_their_period(client, cast):
    signed_in(client, cast.verifier)
    kgb = client.get(f"{API}/reports/kgb", _period()).json()
    assert kgb["list"] == "kgb" and kgb["title"].startswith("Daftar kenaikan gaji")
    promotion = client.get(f"{API}/reports/promotion", {"on": "2026-02-10"}).json()
    assert promotion["start"] == promotion["end"] == "2026-04-01"  # the next KP period


def test_a_key_reads_the_reports_of_its_units_only(cast, retiring):
    ours, theirs = retiring
    _, headers = key_for(cast, "DINKES")
    client = Client()
    body = client.get(f"{API}/reports/retirement", _period(), **headers).json()
    nips = {u["nip"] for u in body["undetermined"]}
    assert ours.nip in nips and theirs.nip not in nips
    assert client.get(f"{API}/statistics", {"unit": "DISDIK"}, **headers).status_code == 404
    assert client.get(f"{API}/statistics", **headers).status_code == 200


def test_a_bad_period_is_a_422_with_the_pages_message(client, cast):
    signed_in(client, cast.verifier)
    response = client.get(f"{API}/reports/kgb", {"start": "2027-01-01", "end": "2026-01-01"})
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid"
    assert body["detail"][0]["msg"] == "Tanggal akhir tidak boleh sebelum tanggal awal."
    assert body["message"]["en"] and body["message"]["id"]
    wrong_type = client.get(f"{API}/reports/kgb", {"start": "2026-13-45"})
    assert (wrong_type.status_code, wrong_type.json()["code"]) == (422, "invalid")
    too_long = client.get(f"{API}/reports/retirement", {"start": "2026-01-01",
                                                         "end": "2036-01-01"})
    assert too_long.json()["detail"][0]["msg"] == (
        "Periode paling lama 60 bulan (lima tahun) dari tanggal awal.")


def test_dates_the_rules_cannot_count_with_are_a_422_not_a_500(client, cast):
    signed_in(client, cast.verifier)
    for path, params in (("reports/retirement", {"start": "0001-01-01"}),
                         ("reports/kgb", {"start": "9999-12-31"}),
                         ("reports/promotion", {"on": "9999-12-31"})):
        response = client.get(f"{API}/{path}", params)
        assert (response.status_code, response.json()["code"]) == (422, "invalid"), path


def test_every_report_read_is_a_use_in_the_monthly_summary(client, cast, retiring):
    """Pasal 22(3): a report read through the API is counted like a page or a
    file (kind "api"), and the Bupati's summary PDF shows it."""
    import io

    from django.urls import reverse
    from django.utils import timezone
    from pypdf import PdfReader

    from smart.reports.models import ReportUse, UseKind
    from smart.reports.usage import monthly_summary

    signed_in(client, cast.verifier)
    client.get(f"{API}/statistics")
    client.get(f"{API}/reports/retirement", _period())
    client.get(f"{API}/reports/kgb", _period())
    client.get(f"{API}/reports/promotion", {"on": "2026-02-10"})
    uses = ReportUse.objects.filter(kind=UseKind.API).order_by("pk")
    assert [u.report for u in uses] == ["reports.statistics", "reports.retirement",
                                        "reports.kgb", "reports.promotion"]
    assert uses[1].params == {"unit": None, "start": START.isoformat(),
                              "end": END.isoformat()}
    assert uses[1].rows >= 2 and uses[0].data_label.startswith("Pemerintah")
    lines = {line.report: line for line in monthly_summary(timezone.localdate())}
    retirement = lines["Proyeksi pensiun (BUP)"]
    assert (retirement.pages, retirement.files, retirement.api, retirement.uses) == (
        0, 0, 1, 1)
    client.logout()
    client.force_login(cast.system_manager)
    pdf = client.get(reverse("reports:usage_summary")).content
    text = " ".join("".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
                    .split())
    assert "Dibaca lewat API" in text and "Proyeksi pensiun (BUP)" in text
