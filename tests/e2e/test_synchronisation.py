"""E2E (R-PROC-2 "sinkronisasi"): the verifier loads a newer SIASN export, the
comparison runs as a background job, the report shows the classified
differences, a filter narrows them, and one becomes a change request.

Set SMART_SCREENSHOT_DIR to keep a screenshot of every page.
"""

import pytest

from smart.changes.models import ChangeRequest, Stage
from smart.documents.tests.samples import pdf_bytes
from smart.synchronisation.tests.scenery import build_scenery
from tests.e2e.conftest import sign_in
from tests.e2e.test_onboarding import _shot
from tests.personas import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_verifier_compares_an_export_and_opens_a_request(page, live_server, cast, tmp_path,
                                                          settings):
    settings.DATA_DIR = tmp_path
    scenery = build_scenery(cast)
    export = tmp_path / "siasn-juni-2026.csv"
    export.write_bytes(scenery.data)
    sk = tmp_path / "sk.pdf"
    sk.write_bytes(pdf_bytes())
    sign_in(page, live_server, cast.verifier.username, PASSWORD)
    page.get_by_role("link", name="Sinkronisasi SIASN").click()
    page.get_by_label("Ekspor SIASN (CSV)").set_input_files(str(export))
    page.get_by_label("Tanggal ekspor").fill("2026-06-01")
    _shot(page, "sync-1-upload")
    page.get_by_role("button", name="Bandingkan dengan SMART").click()
    _shot(page, "sync-2-job")
    page.get_by_role("link", name="Lihat hasil").click()

    assert page.get_by_text("Laporan sinkronisasi").first.is_visible()
    assert page.locator("tbody tr").count() == 8
    _shot(page, "sync-3-report")
    page.get_by_label("Klasifikasi").select_option(label="Konflik")
    page.get_by_role("button", name="Tampilkan").click()
    assert page.locator("tbody tr").count() == 3
    _shot(page, "sync-4-conflicts")

    page.get_by_label("Klasifikasi").select_option(label="SIASN lebih baru")
    page.get_by_label("Data", exact=True).select_option(label="Golongan")
    page.get_by_role("button", name="Tampilkan").click()
    row = page.locator("tbody tr", has_text="ANA LESTARI")
    row.get_by_role("link", name="Buat usulan").click()
    # The export has no masa kerja for this row: the verifier reads it from the SK.
    page.get_by_label("Masa kerja golongan (tahun)").fill("12")
    page.get_by_label("Masa kerja golongan (bulan)").fill("3")
    page.get_by_label("Nomor SK", exact=True).fill("823/BKPP/2026/77")
    page.get_by_label("Tanggal SK", exact=True).fill("2026-03-20")
    page.get_by_label("Jenis dokumen").select_option(label="SK Kenaikan Pangkat")
    page.get_by_label("Berkas").set_input_files(str(sk))
    _shot(page, "sync-5-propose")
    page.get_by_role("button", name="Kirim ke verifikasi").click()

    assert page.get_by_text("Dalam verifikasi").first.is_visible()
    _shot(page, "sync-6-request")
    request = ChangeRequest.objects.get(employee=scenery.ana, kind="pangkat")
    assert request.stage == Stage.VERIFICATION and request.proposer == cast.verifier
