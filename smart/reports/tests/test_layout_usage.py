"""Pasal 11h: the report layout the Super Administrator sets (letterhead,
signing official) is what every PDF prints, with the built-in values as
defaults; Pasal 22(3): every report page and file is in the usage log, and the
monthly summary for the Bupati counts uses, users and units per report."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from smart.audit.models import AuditEvent
from smart.reports.layout import current_layout
from smart.reports.models import ReportLayout, ReportUse, UseKind
from smart.reports.signing import signing_official
from smart.reports.tests.builders import pns
from smart.reports.usage import monthly_summary

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


LAYOUT = {"form": "layout", "letterhead_1": "PEMERINTAH KABUPATEN UJI",
          "letterhead_2": "BADAN KEPEGAWAIAN UJI", "letterhead_3": "Jl. Uji No. 1",
          "logo_text": "LOGO", "place": "Kota Uji", "signer_title": "Kepala Badan Uji",
          "signer_name": "Dr. SITI AMINAH, M.Si.", "signer_nip": "197001012000032001",
          "signer_pangkat": "Pembina Utama Muda (IV/c)"}


def test_without_a_layout_the_built_in_letterhead_and_signer_apply(cast):
    layout = current_layout()
    assert layout.letterhead[0] == "PEMERINTAH KABUPATEN KUANTAN SINGINGI"
    assert layout.place == "Teluk Kuantan"
    assert signing_official().title.startswith("KEPALA BADAN KEPEGAWAIAN")


def test_the_super_administrator_sets_the_layout_and_the_pdf_prints_it(client, cast):
    pns("DINKES.PKM05", "BUDI")
    client.force_login(cast.super_admin)
    assert client.post(reverse("reports:layout"), LAYOUT).status_code == 302
    stored = ReportLayout.objects.get()
    assert stored.signer_nip == "19700101 200003 2 001"  # as printed on documents
    assert AuditEvent.objects.filter(action="reports.layout.update").exists()
    client.force_login(cast.admin_a)
    text = pdf_text(client.get(reverse("reports:duk_pdf")).content)
    for expected in ("PEMERINTAH KABUPATEN UJI", "BADAN KEPEGAWAIAN UJI", "Jl. Uji No. 1",
                     "LOGO", "Kota Uji,", "KEPALA BADAN UJI", "Dr. SITI AMINAH, M.Si.",
                     "NIP 19700101 200003 2 001", "Pembina Utama Muda (IV/c)"):
        assert expected in text, expected
    assert "Teluk Kuantan," not in text


def test_a_bad_nip_is_refused_in_indonesian_and_nothing_is_stored(client, cast):
    client.force_login(cast.super_admin)
    response = client.post(reverse("reports:layout"), {**LAYOUT, "signer_nip": "1970-01"})
    assert response.status_code == 400
    assert "NIP terdiri atas 18 angka." in response.content.decode()
    assert not ReportLayout.objects.exists()


def test_only_the_title_set_keeps_the_head_of_the_signing_unit_as_signer(client, cast):
    client.force_login(cast.super_admin)
    client.post(reverse("reports:layout"), {**LAYOUT, "signer_name": "", "signer_nip": ""})
    signer = signing_official()
    assert signer.title == "KEPALA BADAN UJI" and signer.name == ""


def test_every_report_page_and_file_is_in_the_usage_log(client, cast):
    pns("DINKES.PKM05", "BUDI")
    client.force_login(cast.admin_a)
    client.get(reverse("reports:duk"))
    client.get(reverse("reports:duk"), {"page": 2})  # paging on is the same use
    client.get(reverse("reports:duk_xlsx"))
    client.get(reverse("reports:statistics"))
    uses = list(ReportUse.objects.order_by("pk").values_list("report", "kind", "user_label"))
    assert [(r, k) for r, k, _ in uses] == [
        ("reports.duk", UseKind.PAGE), ("reports.duk", UseKind.FILE),
        ("reports.statistics", UseKind.PAGE)]
    assert ReportUse.objects.get(kind=UseKind.FILE).data_label == "Dinas Kesehatan"
    client.force_login(cast.system_manager)
    page = client.get(reverse("reports:usage"), {"report": "reports.duk"})
    assert page.context["page"].paginator.count == 2
    month = timezone.localdate().strftime("%Y-%m")
    assert client.get(reverse("reports:usage"), {"month": "2026-13"}).context[
        "page"].paginator.count == 0
    assert client.get(reverse("reports:usage"), {"month": month, "user": "admin_dinkes"}
                      ).context["page"].paginator.count == 3


def test_the_monthly_summary_counts_uses_users_and_units_per_report(client, cast):
    pns("DINKES.PKM05", "BUDI")
    for user in (cast.admin_a, cast.admin_b, cast.admin_a):
        client.force_login(user)
        client.get(reverse("reports:duk"))
    client.get(reverse("reports:duk_xlsx"))
    lines = {line.report: line for line in monthly_summary(timezone.localdate())}
    duk = lines["Daftar Urut Kepangkatan (DUK)"]
    assert (duk.pages, duk.files, duk.uses) == (3, 1, 4)
    assert duk.users == ["ADMIN_DINKES", "ADMIN_DISDIK"]
    assert duk.data == ["Dinas Kesehatan", "Dinas Pendidikan, Pemuda dan Olahraga"]
    client.force_login(cast.leader)
    response = client.get(reverse("reports:usage_summary"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "LAPORAN PENGGUNAAN DATA KEPEGAWAIAN SMART" in text
    assert "Daftar Urut Kepangkatan (DUK)" in text and "BUDI" not in text
