"""E2E (R-PROC-2): an employee proposes a new rank with its SK PDF, the unit
admin forwards, the verifier asks for clarification, the employee answers,
the verifier validates, and the profile shows the new golongan."""

import pytest

from smart.documents.tests.samples import pdf_bytes
from tests.e2e.conftest import sign_in
from tests.personas import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _sign_out(page):
    page.get_by_role("button", name="Keluar").click()


def _step(page, live_server, user, request_url, *buttons, note=""):
    sign_in(page, live_server, user.username, PASSWORD)
    for button in buttons:
        page.goto(live_server.url + request_url)
        if note:
            page.get_by_label("Catatan").fill(note)
        page.get_by_role("button", name=button).click()
        assert page.get_by_text("Selesai: usulan berpindah ke tahap berikutnya.").is_visible()
    _sign_out(page)


def test_a_rank_proposal_goes_all_the_way_to_the_profile(page, live_server, cast, tmp_path):
    sk = tmp_path / "sk-pangkat.pdf"
    sk.write_bytes(pdf_bytes())
    sign_in(page, live_server, cast.employee.username, PASSWORD)
    page.get_by_role("link", name="Buka data saya").click()
    page.locator("#riwayat-pangkat").get_by_role("link", name="Usulkan data baru").click()
    page.get_by_label("Golongan", exact=True).select_option(label="III/d Penata Tingkat I")
    page.get_by_label("TMT", exact=True).fill("2018-04-01")
    page.get_by_label("Nomor SK", exact=True).fill("823/BKPP/2018/44")
    page.get_by_label("Tanggal SK", exact=True).fill("2018-03-01")
    page.get_by_label("Jenis dokumen").select_option(label="SK Kenaikan Pangkat")
    page.get_by_label("Berkas").set_input_files(str(sk))
    page.get_by_role("button", name="Kirim usulan").click()
    assert page.get_by_text("Diajukan ke admin OPD").first.is_visible()
    request_url = page.url.removeprefix(live_server.url)
    _sign_out(page)

    _step(page, live_server, cast.admin_a, request_url, "Teruskan ke verifikator")
    _step(page, live_server, cast.verifier, request_url, "Minta klarifikasi",
          note="Mohon lampirkan SK yang dilegalisir")
    _step(page, live_server, cast.employee, request_url, "Kirim jawaban",
          note="SK legalisir sudah diserahkan ke BKPP")
    _step(page, live_server, cast.verifier, request_url,
          "Dokumen sudah diperiksa: terverifikasi",
          "Sudah dibandingkan dengan SIASN: tersinkron", "Validasi dan terapkan")

    sign_in(page, live_server, cast.employee.username, PASSWORD)
    page.get_by_role("link", name="Buka data saya").click()
    assert page.get_by_text("III/d Penata Tingkat I").first.is_visible()
    assert page.locator("#riwayat-pangkat").get_by_text("823/BKPP/2018/44").is_visible()
