"""R-USE, R-CONF-2 (Pasal 24(2)): the DUK page and its Excel and PDF files."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from smart.audit.models import AuditEvent
from smart.references.models import Unit
from smart.releases.policies import Export
from smart.releases.services import release_move, release_request
from smart.reports.tests.builders import D, pns
from smart.reports.tests.xlsx import excel_date, read_xlsx, row

pytestmark = pytest.mark.django_db


@pytest.fixture
def dinkes(cast):
    """Three PNS in Dinkes besides the cast, one of them named like a formula."""
    return [pns("DINKES.PKM05", "=HYPERLINK(1)", golongan="41"),
            pns("DINKES.PKM05", "BUDI", golongan="34"),
            pns("DISDIK.KORWIL03.SD1", "GURU LAIN", golongan="44")]


def test_the_page_lists_the_scope_only(client, cast, dinkes):
    client.force_login(cast.admin_a)
    response = client.get(reverse("reports:duk"))
    names = [row.name for row in response.context["page"].object_list]
    assert "BUDI" in names and "GURU LAIN" not in names
    assert names.index("=HYPERLINK(1)") < names.index("BUDI")


def test_a_unit_outside_the_scope_shows_the_error_and_no_rows(client, cast, dinkes):
    """A filter that cannot apply never widens the list (as the employee list)."""
    client.force_login(cast.admin_a)
    disdik = Unit.objects.get(code="DISDIK")
    response = client.get(reverse("reports:duk"), {"unit": disdik.pk})
    assert response.context["form"].errors
    assert list(response.context["page"].object_list) == []
    assert client.get(reverse("reports:duk_xlsx"), {"unit": disdik.pk}).status_code == 404


def test_the_excel_file_has_typed_cells_a_frozen_header_and_neutralised_text(
        client, cast, dinkes):
    client.force_login(cast.verifier)
    dinkes_unit = Unit.objects.get(code="DINKES")
    response = client.get(reverse("reports:duk_xlsx"),
                          {"unit": dinkes_unit.pk, "on": "2026-01-01"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    book = read_xlsx(response.content)
    assert book["freeze"] == "A6" and book["filter"].startswith("A5:Q")
    first = row(book, 6, header=5)
    assert first["Nama"] == "'=HYPERLINK(1)"  # OWASP CSV injection, decision 62
    assert first["No"] == 1 and book["types"]["P6"] == "n"  # Usia: a number
    assert excel_date(first["TMT golongan"]) == D(2019, 4, 1)
    assert AuditEvent.objects.filter(action="reports.export").count() == 1


def test_the_excel_and_the_pdf_print_the_nip_grouped_like_the_page(client, cast, dinkes):
    """Decision 212: NIPs are printed 8-6-1-3 everywhere (the Excel had 18 digits)."""
    budi = dinkes[1]
    client.force_login(cast.verifier)
    query = {"unit": Unit.objects.get(code="DINKES").pk, "on": "2026-01-01"}
    book = read_xlsx(client.get(reverse("reports:duk_xlsx"), query).content)
    nips = [value for ref, value in book["cells"].items()
            if ref.startswith("C") and ref[1:].isdigit() and int(ref[1:]) > 5]
    assert budi.nip_grouped in nips and budi.nip not in nips
    assert book["types"]["C6"] == "s"  # text, never a number Excel would round
    pdf = client.get(reverse("reports:duk_pdf"), query).content
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert f"NIP {budi.nip_grouped}" in text


def test_the_pdf_has_the_letterhead_pages_and_the_signer(client, cast, dinkes):
    head = pns("BKPP", "KEPALA BADAN", golongan="43", echelon="22")
    head.echelon_id = Unit.objects.get(code="BKPP").head_echelon_id
    head.position_name = "Kepala Badan Kepegawaian, Pendidikan dan Pelatihan"
    head.save()
    client.force_login(cast.system_manager)
    response = client.get(reverse("reports:duk_pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "PEMERINTAH KABUPATEN KUANTAN SINGINGI" in text
    assert "BADAN KEPEGAWAIAN, PENDIDIKAN DAN PELATIHAN" in text  # BKPP, domain.md
    assert "Halaman 1 dari 1" in text
    assert "KEPALA BADAN" in text and head.nip_grouped in text


def test_a_long_list_needs_a_data_release_and_then_carries_it(client, cast, dinkes, settings):
    """Pasal 24(2): more rows than the threshold → the gate's 403; with the
    user's approved release the file opens and names the release."""
    settings.SMART_RELEASE_ROW_THRESHOLD = 2
    client.force_login(cast.verifier)
    url = reverse("reports:duk_xlsx")
    assert client.get(url, {"on": "2026-01-01"}).status_code == 403
    rows = client.get(reverse("reports:duk"), {"on": "2026-01-01"}).context["page"]
    export = Export(code="reports.duk", label="DUK", rows=rows.paginator.count,
                    specific=False, params={"on": "2026-01-01", "unit": None})
    release = release_request(requester=cast.verifier, export=export, purpose="Baperjakat.")
    release_move(release=release, actor=cast.system_manager, move_name="approve")
    response = client.get(url, {"on": "2026-01-01"})
    assert response.status_code == 200
    assert read_xlsx(response.content)["cells"]["A3"].endswith(f"permohonan #{release.pk}")


def test_a_large_list_keeps_its_order_a_few_minutes_but_shows_current_rows(
        client, cast, dinkes, settings):
    """Issue 10 (decision 149): above SMART_LIST_EXACT_COUNT_UP_TO PNS the order
    is computed once per few minutes and the page says when; the rows on the page
    are read again, so a validated promotion shows at once, in its old place."""
    from django.core.cache import cache

    from smart.reports.tests.builders import rank

    cache.clear()
    settings.SMART_LIST_EXACT_COUNT_UP_TO = 2
    client.force_login(cast.admin_a)
    first = client.get(reverse("reports:duk"))
    assert first.context["ordered_at"] is None  # ordered for this request
    names = [r.name for r in first.context["page"].object_list]
    assert names.index("=HYPERLINK(1)") < names.index("BUDI")
    budi = next(e for e in dinkes if e.name == "BUDI")
    rank(budi, "44", D(2026, 4, 1))  # now above IV/a
    again = client.get(reverse("reports:duk"))
    assert again.context["ordered_at"] is not None
    assert "Urutan dihitung pukul" in again.content.decode()
    rows = {r.name: r for r in again.context["page"].object_list}
    assert rows["BUDI"].golongan_name == "IV/d"  # the row is current …
    assert [r.name for r in again.context["page"].object_list] == names  # … the order kept
    settings.SMART_LIST_EXACT_COUNT_UP_TO = 5000
    small = client.get(reverse("reports:duk"))  # a small list is never cached
    small_names = [r.name for r in small.context["page"].object_list]
    assert small.context["ordered_at"] is None
    assert small_names.index("BUDI") < small_names.index("=HYPERLINK(1)")


def test_the_index_names_the_release_threshold_and_the_nominatif_formats(
        client, cast, settings):
    """User test: "lebih dari beberapa baris" and a nominatif "CSV" only."""
    settings.SMART_RELEASE_ROW_THRESHOLD = 1500
    client.force_login(cast.admin_a)
    page = client.get(reverse("reports:index")).content.decode()
    assert "lebih dari 1.500 baris" in page and "beberapa baris" not in page
    assert "Excel, PDF, dan CSV" in page


def test_a_scoped_user_is_offered_their_scope_not_the_whole_regency(client, cast):
    client.force_login(cast.admin_a)
    for name in ("reports:duk", "reports:statistics", "reports:kgb", "reports:promotion",
                 "reports:leave"):
        page = client.get(reverse(name)).content.decode()
        assert "Seluruh lingkup Anda: " in page, name
        assert "Seluruh kabupaten" not in page, name
    client.force_login(cast.verifier)
    assert "Seluruh kabupaten" in client.get(reverse("reports:duk")).content.decode()
