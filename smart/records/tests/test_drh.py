"""The DRH prints the whole record as a PDF, names who printed it on every page,
is read like the profile (out of scope: 404) and is audited."""

import datetime
import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from smart.audit.models import AuditEvent
from smart.records.drh import LAYOUT, drh_pdf, indonesian_date
from smart.records.models import RankHistory
from smart.records.registry import KINDS
from smart.references.models import Golongan
from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db

SECTIONS = ["I. KETERANGAN PERORANGAN", "II. PENDIDIKAN", "III. DIKLAT",
            "IV. RIWAYAT KEPANGKATAN", "V. RIWAYAT JABATAN", "VI. PENGHARGAAN",
            "VII. HUKUMAN DISIPLIN", "VIII. KETERANGAN KELUARGA", "IX. RIWAYAT CUTI"]


def _add_ranks(employee, n, sk="823/BKPP/{}"):
    golongan = Golongan.objects.get(code="31")
    RankHistory.objects.bulk_create(
        RankHistory(employee=employee, golongan=golongan, sk_number=sk.format(i),
                    tmt=datetime.date(2011, 1, 1) + datetime.timedelta(days=30 * i),
                    sk_date=datetime.date(2011, 1, 1))
        for i in range(n)
    )


def _pages(pdf: bytes) -> list[str]:
    # Text extraction may break a line anywhere; compare with single spaces.
    return [re.sub(r"\s+", " ", page.extract_text())
            for page in PdfReader(io.BytesIO(pdf)).pages]


def _get(client, user, employee):
    client.login(username=user.username, password=PASSWORD)
    return client.get(reverse("records:drh", args=[employee.pk]))


def test_the_drh_holds_the_record_the_sections_and_the_printer(client, cast):
    employee = cast.colleague_a
    _add_ranks(employee, 1, sk="SK-PANGKAT-{}/2011")
    response = _get(client, cast.verifier, employee)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="DRH-{employee.nip}.pdf"'
    assert response["Cache-Control"] == "private, no-store"
    text = " ".join(_pages(response.content))
    assert "PEMERINTAH KABUPATEN KUANTAN SINGINGI" in text
    assert "DAFTAR RIWAYAT HIDUP" in text
    for heading in SECTIONS:
        assert heading in text
    assert employee.name in text
    assert employee.nip_grouped in text
    assert "SK-PANGKAT-0/2011" in text
    assert "1 Januari 2011" in text  # its TMT, in Indonesian
    assert "Tidak ada data" in text  # e.g. no award recorded
    assert f"Dicetak dari SMART oleh {cast.verifier.full_name}" in text
    assert "Halaman 1 dari" in text
    assert "Yang membuat," in text


def test_a_long_history_runs_over_pages_each_with_the_footer(cast):
    _add_ranks(cast.colleague_a, 100)
    on = datetime.datetime(2026, 3, 12, 7, 30, tzinfo=datetime.UTC)
    pages = _pages(drh_pdf(cast.colleague_a, printed_by=cast.verifier, on=on))
    assert len(pages) > 2
    for number, text in enumerate(pages, start=1):
        assert (f"oleh {cast.verifier.full_name} pada 12 Maret 2026 pukul 14.30 WIB"
                f" · Halaman {number} dari {len(pages)}") in text
    assert "Teluk Kuantan, 12 Maret 2026" in pages[-1]
    everything = " ".join(pages)
    assert "823/BKPP/99" in everything
    assert everything.index("823/BKPP/0") < everything.index("823/BKPP/99")  # oldest first


def test_text_is_printed_as_text_not_as_markup(cast):
    employee = cast.colleague_a
    employee.back_title = "<b>S.Kom.</b> & co"
    employee.save()
    text = " ".join(_pages(drh_pdf(employee, printed_by=cast.verifier)))
    assert "<b>S.Kom.</b> & co" in text


def test_out_of_scope_employees_are_404_and_not_audited(client, cast):
    assert _get(client, cast.admin_b, cast.colleague_a).status_code == 404
    assert _get(client, cast.employee, cast.colleague_a).status_code == 404
    assert not AuditEvent.objects.filter(action="people.employee.read").exists()


def test_printing_someone_elses_drh_is_audited(client, cast):
    _get(client, cast.admin_a, cast.colleague_a)
    event = AuditEvent.objects.get(action="people.employee.read")
    assert event.actor == cast.admin_a
    assert event.target_id == str(cast.colleague_a.pk)
    assert event.data == {"what": "drh"}


def test_one_can_print_ones_own_drh(client, cast):
    response = _get(client, cast.employee, cast.employee_record)
    assert response.status_code == 200
    assert cast.employee_record.nip_grouped in " ".join(_pages(response.content))


def test_the_profile_links_to_the_drh(client, cast):
    client.login(username=cast.verifier.username, password=PASSWORD)
    page = client.get(reverse("records:profile", args=[cast.colleague_a.pk])).content.decode()
    assert reverse("records:drh", args=[cast.colleague_a.pk]) in page


def test_every_kind_of_the_registry_has_its_place_in_the_drh():
    placed = [slug for _, _, kinds in LAYOUT for _, slug in kinds]
    assert sorted(placed) == sorted(kind.slug for kind in KINDS)


@pytest.mark.parametrize(("date", "text"), [
    (datetime.date(1985, 3, 12), "12 Maret 1985"),
    (datetime.date(2026, 1, 1), "1 Januari 2026"),
    (datetime.date(2000, 12, 31), "31 Desember 2000"),
    (None, "-"),
])
def test_dates_are_written_in_indonesian(date, text):
    assert indonesian_date(date) == text
