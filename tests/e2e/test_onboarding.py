"""E2E (R-PROC-1, Perbup 35/2020 Pasal 20(1)): on a phone, the Dinkes admin
records a CPNS candidate through the five steps, going back once; the
employee exists and the three initial entries wait for the verifier.

Set SMART_SCREENSHOT_DIR to keep a screenshot of every step.
"""

import os
from pathlib import Path

import pytest

from smart.changes.models import ChangeRequest, Stage
from smart.documents.tests.samples import pdf_bytes
from smart.people.models import Employee
from smart.references.models import Unit
from tests.e2e.conftest import sign_in
from tests.personas import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _shot(page, name: str) -> None:
    folder = os.environ.get("SMART_SCREENSHOT_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def test_a_unit_admin_records_a_cpns_candidate_on_a_phone(phone_page, live_server, cast,
                                                          tmp_path):
    page = phone_page
    files = []
    for name in ("sk-cpns.pdf", "sk-jabatan.pdf", "ijazah.pdf"):
        path = tmp_path / name
        path.write_bytes(pdf_bytes())
        files.append(str(path))
    sign_in(page, live_server, cast.admin_a.username, PASSWORD)
    page.goto(f"{live_server.url}/perekaman-awal/")
    _shot(page, "onboarding-0-list")
    page.get_by_role("link", name="Rekam pegawai baru").click()

    page.get_by_label("Calon CPNS").check()
    page.get_by_label("NIP", exact=True).fill("19950115 202003 2 001")
    page.get_by_label("Nama (tanpa gelar)").fill("SITI AMINAH")
    page.get_by_label("Gelar belakang").fill("S.Kep.")
    page.get_by_label("Tanggal lahir").fill("1995-01-15")
    page.get_by_label("Jenis kelamin").select_option(index=2)
    _shot(page, "onboarding-1-identity")
    page.get_by_role("button", name="Berikutnya").click()

    assert page.get_by_text("Langkah 2 dari 5").is_visible()
    page.locator("#id_kepegawaian-unit").select_option(
        value=str(Unit.objects.get(code="DINKES.PKM05").pk))
    page.get_by_label("TMT CPNS").fill("2020-03-01")
    page.locator("#id_pangkat-golongan").select_option(label="III/a Penata Muda")
    page.locator("#id_pangkat-tmt").fill("2020-03-01")
    page.locator("#id_pangkat-sk_number").fill("800/BKPP/CPNS/2020/14")
    page.locator("#id_pangkat-sk_date").fill("2020-02-20")
    _shot(page, "onboarding-2-employment")
    page.get_by_role("button", name="Berikutnya").click()

    page.locator("#id_jabatan-position_name").fill("Perawat Terampil")
    page.locator("#id_jabatan-position_type").select_option(label="Jabatan Fungsional Tertentu")
    page.locator("#id_jabatan-tmt").fill("2020-03-01")
    page.locator("#id_jabatan-sk_number").fill("821/DINKES/2020/3")
    page.locator("#id_jabatan-sk_date").fill("2020-02-25")
    # Back to step 2 and on again: what was typed stays.
    page.get_by_role("button", name="Kembali").click()
    assert page.locator("#id_pangkat-sk_number").input_value() == "800/BKPP/CPNS/2020/14"
    page.get_by_role("button", name="Berikutnya").click()
    assert page.locator("#id_jabatan-position_name").input_value() == "Perawat Terampil"
    _shot(page, "onboarding-3-position")
    page.get_by_role("button", name="Berikutnya").click()

    page.locator("#id_pendidikan-education_level").select_option(label="S-1/Sarjana")
    page.locator("#id_pendidikan-institution_name").fill("Universitas Riau")
    page.locator("#id_pendidikan-graduation_year").fill("2017")
    _shot(page, "onboarding-4-education")
    page.get_by_role("button", name="Berikutnya").click()

    assert page.get_by_text("SITI AMINAH").first.is_visible()  # the summary
    for prefix, document, path in (("pangkat", "SK CPNS", files[0]),
                                   ("jabatan", "SK Jabatan", files[1]),
                                   ("pendidikan", "Ijazah", files[2])):
        page.locator(f"#id_dokumen-{prefix}-document_type").select_option(label=document)
        page.locator(f"#id_dokumen-{prefix}-file").set_input_files(path)
    _shot(page, "onboarding-5-send")
    page.get_by_role("button", name="Rekam dan kirim ke verifikator").click()

    assert page.get_by_text("SITI AMINAH, S.Kep. telah direkam").is_visible()
    _shot(page, "onboarding-6-done")
    employee = Employee.objects.get(nip="199501152020032001")
    assert employee.golongan is None
    assert set(ChangeRequest.objects.filter(employee=employee).values_list(
        "stage", flat=True)) == {Stage.VERIFICATION}
    assert ChangeRequest.objects.filter(employee=employee).count() == 3
