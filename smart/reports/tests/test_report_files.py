"""Issue 7 §7: every report to Excel and PDF — the due lists' PDF, the
statistics' Excel and PDF (with the OPD × golongan table) and the nominatif's
PDF, each through the release gate and in the usage log like the DUK's files."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from smart.references.models import PositionType, Unit
from smart.reports.models import ReportUse, UseKind
from smart.reports.tests.builders import D
from smart.reports.tests.xlsx import read_xlsx, row
from tests.personas import make_employee

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def retiring():
    """A pelaksana (BUP 58) born 15-03-1972 retires on 01-04-2030."""
    employee = make_employee("DINKES.PKM05", name="PELAKSANA PENSIUN", birth=D(1972, 3, 15))
    employee.position_type = PositionType.objects.get(code="4")
    employee.position_name = "Pengadministrasi Umum"
    employee.tmt_golongan = D(2020, 4, 1)
    employee.save()
    return employee


def test_the_due_list_pdf_has_the_letterhead_the_rule_pages_and_the_signer(
        client, cast, retiring):
    client.force_login(cast.admin_a)
    params = {"start": "2030-01-01", "end": "2030-12-31"}
    response = client.get(reverse("reports:retirement_pdf"), params)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    text = pdf_text(response.content)
    assert "PEMERINTAH KABUPATEN KUANTAN SINGINGI" in text
    assert "PROYEKSI PENSIUN (BUP)" in text and "PELAKSANA PENSIUN" in text
    assert "BUP 58 tahun: jabatan pelaksana" in text and "01-04-2030" in text
    assert "Halaman 1 dari 1" in text and "NIP" in text
    use = ReportUse.objects.get(kind=UseKind.FILE)
    assert use.report == "reports.retirement" and use.filename.endswith(".pdf")


@pytest.mark.parametrize("name", ["reports:retirement_pdf", "reports:kgb_pdf",
                                  "reports:promotion_pdf", "reports:statistics_xlsx",
                                  "reports:statistics_pdf", "reports:nominatif_pdf"])
def test_each_new_file_passes_the_release_gate(client, cast, retiring, settings, name):
    """Pasal 24(2): above the row threshold the gate refuses, as for the DUK
    (-1: even an empty list is above it)."""
    settings.SMART_RELEASE_ROW_THRESHOLD = -1
    client.force_login(cast.system_manager)
    params = {"start": "2030-01-01", "end": "2030-12-31"} if "retirement" in name else {}
    response = client.get(reverse(name), params)
    assert response.status_code == 403, response.content[:300]
    assert not ReportUse.objects.filter(kind=UseKind.FILE).exists()


def test_the_statistics_excel_has_one_sheet_per_table_and_the_cross_table(
        client, cast, retiring):
    make_employee("DINKES.PKM05", name="KEDUA")
    client.force_login(cast.verifier)
    dinkes = Unit.objects.get(code="DINKES")
    response = client.get(reverse("reports:statistics_xlsx"), {"unit": dinkes.pk})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    first = read_xlsx(response.content)
    assert first["sheets"][0] == "Jenis ASN" and first["sheets"][-1] == "OPD x golongan"
    assert "Golongan" in first["sheets"] and "Kelompok usia" in first["sheets"]
    assert first["freeze"] == "A6"
    cross = read_xlsx(response.content, sheet=len(first["sheets"]))
    line = row(cross, 6, header=5)
    assert line["Perangkat daerah"] == dinkes.name
    assert line["III/c"] == line["Jumlah"] and cross["types"]["C6"] == "n"
    totals = [row(cross, n, header=5) for n in range(6, 20)
              if row(cross, n, header=5).get("Perangkat daerah") == "Jumlah"]
    assert totals and totals[0]["Jumlah"] == line["Jumlah"]
    use = ReportUse.objects.get(kind=UseKind.FILE)
    assert use.report == "reports.statistics" and use.filename.endswith(".xlsx")


def test_the_statistics_pdf_has_every_table_and_the_cross_table(client, cast, retiring):
    client.force_login(cast.admin_a)
    response = client.get(reverse("reports:statistics_pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "REKAPITULASI PEGAWAI" in text and "Kelompok usia" in text
    assert "Perangkat daerah × golongan" in text and "III/c" in text
    assert "Halaman 1 dari" in text


def test_the_nominatif_pdf_lists_the_chosen_columns_of_the_scope(client, cast, retiring):
    make_employee("DISDIK.KORWIL03.SD1", name="DI LUAR CAKUPAN")
    client.force_login(cast.admin_a)
    response = client.get(reverse("reports:nominatif_pdf"),
                          {"columns": ["name", "birth_date", "age", "unit"]})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "DAFTAR NOMINATIF PEGAWAI" in text and "PELAKSANA PENSIUN" in text
    assert "15-03-1972" in text and "DI LUAR CAKUPAN" not in text
    assert "Halaman 1 dari" in text
    assert ReportUse.objects.get(kind=UseKind.FILE).filename.endswith(".pdf")


def test_the_pages_offer_the_new_files(client, cast, retiring):
    client.force_login(cast.admin_a)
    due = client.get(reverse("reports:kgb")).content.decode()
    assert reverse("reports:kgb_pdf") in due
    statistics = client.get(reverse("reports:statistics")).content.decode()
    assert reverse("reports:statistics_xlsx") in statistics
    assert reverse("reports:statistics_pdf") in statistics
    assert reverse("reports:nominatif_pdf") in client.get(
        reverse("reports:nominatif")).content.decode()
