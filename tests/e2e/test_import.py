"""E2E (issue 6, R-PROC-1): the Pengelola SMART uploads a SIASN export, reads
the preview, confirms "keep the valid rows" and sees the result."""

import pytest
from django.conf import settings

from smart.people.models import Employee
from tests.e2e.conftest import sign_in
from tests.personas import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
CASES = settings.BASE_DIR.parent / "shared" / "cases" / "import"


ROW_2_NIP = "198503122010012004"


def test_upload_preview_apply_and_result(page, live_server, cast):
    """Case siasn-ok.csv: SMART already has the employee of row 2 (same NIP),
    so the preview shows 4 new and 1 changed; after the apply the result page
    names what was written."""
    if not (CASES / "siasn-ok.csv").exists():
        pytest.skip(f"the shared import cases are not at {CASES}")
    # The cast's NIPs follow a counter shared by the whole test run: give row 2's
    # NIP to a colleague unless the counter already did.
    if not Employee.objects.filter(nip=ROW_2_NIP).exists():
        Employee.objects.filter(pk=cast.colleague_a.pk).update(nip=ROW_2_NIP)
    before = Employee.objects.count()
    sign_in(page, live_server, cast.system_manager.username, PASSWORD)
    page.get_by_role("link", name="Impor dari SIASN").first.click()
    page.get_by_label("Berkas ekspor (CSV atau XLSX)").set_input_files(
        str(CASES / "siasn-ok.csv"))
    page.get_by_role("button", name="Unggah dan pratinjau").click()
    page.get_by_role("link", name="Lihat hasilnya").click()  # the preview job is done
    assert page.get_by_role("heading", name="Pratinjau impor: siasn-ok.csv").is_visible()
    assert page.locator("#count-new").inner_text() == "4"
    assert page.locator("#count-changed").inner_text() == "1"
    page.get_by_role("link", name="Baris baru").click()
    assert page.get_by_text("batas usia pensiun").is_visible()  # row 5's finding
    assert Employee.objects.count() == before  # the preview wrote nothing
    page.get_by_label("Simpan baris yang sah: baris yang tidak sah dilewati").check()
    page.get_by_role("button", name="Konfirmasi impor").click()
    page.get_by_role("link", name="Lihat hasilnya").click()
    assert page.get_by_role("heading", name="Hasil impor: siasn-ok.csv").is_visible()
    assert "Tersimpan: 4 pegawai baru, 1 pegawai diperbarui" in page.locator(
        "#import-done").inner_text()
    assert Employee.objects.count() == before + 4
