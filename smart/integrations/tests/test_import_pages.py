"""The import pages end to end through the test client and the (immediate)
job queue, and the bad files of issue 6: each gives a clear Indonesian
message, writes nothing and never answers 500."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from python_calamine import CalamineWorkbook

from smart.access.models import Role
from smart.integrations.imports import import_dir
from smart.integrations.models import ColumnMapping, ImportBatch, ReferenceMapping
from smart.integrations.tables import MAX_FILE_BYTES
from smart.integrations.tests.importing import CASES, GOOD_ROW, csv_bytes
from smart.jobs.models import Job, JobStatus
from smart.people.models import Employee
from smart.references.models import Unit
from tests.personas import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(client):
    user = make_user("pengelola", Role.SYSTEM_MANAGER)
    client.force_login(user)
    return user


def _upload(client, capture, name: str, data: bytes):
    with capture(execute=True):
        return client.post(reverse("integrations:import_list"),
                           {"file": SimpleUploadedFile(name, data)})


def _nothing_written():
    return (Employee.objects.count(), ImportBatch.objects.count(), Job.objects.count()) == (
        0, 0, 0)


def test_upload_preview_apply_and_result(client, manager, django_capture_on_commit_callbacks):
    """R-PROC-1, case siasn-ok.csv through the pages: preview job → preview page
    with counts → confirm → apply job → result page; the file is then deleted."""
    if not (CASES / "siasn-ok.csv").exists():
        pytest.skip(f"the shared import cases are not at {CASES}")
    response = _upload(client, django_capture_on_commit_callbacks, "siasn-ok.csv",
                       (CASES / "siasn-ok.csv").read_bytes())
    batch = ImportBatch.objects.get()
    assert response.url == reverse("jobs:detail", args=[batch.preview_job])
    job = Job.objects.get(pk=batch.preview_job)
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert job.result["next_url"] == reverse("integrations:import_detail", args=[batch.pk])
    page = client.get(job.result["next_url"], {"tampil": "baru"})
    assert page.status_code == 200
    assert b"RINA MARLINA" in page.content and b"batas usia pensiun" in page.content
    assert Employee.objects.count() == 0  # the preview writes nothing
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("integrations:import_apply", args=[batch.pk]),
                               {"mode": "all"})
    batch.refresh_from_db()
    assert response.url == reverse("jobs:detail", args=[batch.apply_job])
    assert Job.objects.get(pk=batch.apply_job).status == JobStatus.SUCCEEDED
    assert (batch.status, batch.created, Employee.objects.count()) == ("applied", 5, 5)
    result = client.get(reverse("integrations:import_detail", args=[batch.pk]))
    assert "5 pegawai baru" in result.content.decode()
    assert not list(import_dir().iterdir())  # the uploaded file is gone once applied


def test_a_second_apply_of_the_same_batch_is_refused(client, manager,
                                                     django_capture_on_commit_callbacks):
    _upload(client, django_capture_on_commit_callbacks, "a.csv", csv_bytes([GOOD_ROW]))
    batch = ImportBatch.objects.get()
    url = reverse("integrations:import_apply", args=[batch.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"mode": "valid"})
    response = client.post(url, {"mode": "valid"}, follow=True)
    assert "tidak dalam keadaan siap diterapkan" in response.content.decode()
    assert Employee.objects.count() == 1


def test_the_error_report_has_row_column_reason_and_the_neutralised_cells(
        client, manager, django_capture_on_commit_callbacks):
    """Issue 6 item 3: the .xlsx lists row, column, Indonesian reason and the
    original values; a cell starting with = is neutralised."""
    bad = {**GOOD_ROW, "nama": "=HYPERLINK(\"http://x\")", "gol_akhir_id": "99"}
    _upload(client, django_capture_on_commit_callbacks, "b.csv", csv_bytes([bad]))
    batch = ImportBatch.objects.get()
    response = client.get(reverse("integrations:import_errors", args=[batch.pk]))
    assert response.status_code == 200
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(response.content)).get_sheet_by_index(0)
    header, line = sheet.to_python()
    assert header[:4] == ["Baris", "Kolom", "Alasan", "pns_id"]
    assert line[:3] == [2, "gol_akhir_id", "kode golongan '99' tidak dikenal"]
    cells = dict(zip(header, line, strict=True))
    assert cells["nama"] == "'=HYPERLINK(\"http://x\")"  # text, never a formula
    assert cells["nip_baru"] == "'198503122010012004"  # as the file had it


def test_an_unknown_extra_column_asks_for_its_mapping_then_previews(
        client, manager, django_capture_on_commit_callbacks):
    header = ["nip_baru", "nama", "tanggal_lahir", "jenis_kelamin", "unor_nama", "no_hp_kantor"]
    data = csv_bytes([{**GOOD_ROW, "no_hp_kantor": "'0761"}], header=header)
    response = _upload(client, django_capture_on_commit_callbacks, "d.csv", data)
    batch = ImportBatch.objects.get()
    assert response.url == reverse("integrations:import_columns", args=[batch.pk])
    page = client.get(response.url)
    assert b"no_hp_kantor" in page.content
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response.url, {"kolom_0": "nomor_hp"})
    assert ColumnMapping.objects.get(header="no_hp_kantor").column == "nomor_hp"
    batch.refresh_from_db()
    assert batch.status == "previewed"
    # The next file with that header goes straight to its preview.
    response = _upload(client, django_capture_on_commit_callbacks, "e.csv", data)
    assert "/tugas/" in response.url


def test_the_administrator_edits_a_mapping(client, manager):
    mapping = ReferenceMapping.objects.create(kind="unor", siasn_id="FFFF", siasn_name="X")
    unit = Unit.objects.get(code="DINKES")
    response = client.post(reverse("integrations:mapping_edit", args=[mapping.pk]),
                           {"unit": unit.pk})
    assert response.status_code == 302
    mapping.refresh_from_db()
    assert (mapping.unit, mapping.source, mapping.updated_by) == (unit, "admin", manager)
    assert b"FFFF" in client.get(reverse("integrations:mapping_list")).content


def test_the_administrator_keeps_the_jf_reference_and_links_a_position_to_it(client, manager):
    """The JF reference with each JF's BUP is kept beside the mapping; a position
    mapping links a SIASN jabatan id to a JF, and the change is audited."""
    from smart.audit.models import AuditEvent
    from smart.references.models import FunctionalPosition

    response = client.post(reverse("integrations:functional_position_add"), {
        "code": "JF-WI-MA", "name": "Widyaiswara Ahli Madya", "siasn_id": "",
        "retirement_age": "62", "is_active": "on"})
    assert response.status_code == 302
    jf = FunctionalPosition.objects.get()
    assert (jf.name, jf.retirement_age) == ("Widyaiswara Ahli Madya", 62)
    response = client.post(reverse("integrations:functional_position_edit", args=[jf.pk]), {
        "code": "JF-WI-MA", "name": "Widyaiswara Ahli Madya", "siasn_id": "",
        "retirement_age": "80", "is_active": "on"})
    assert response.status_code == 200  # BUP 80 is refused (50–75)
    mapping = ReferenceMapping.objects.create(kind="jabatan", siasn_id="J-1",
                                              siasn_name="Widyaiswara Ahli Madya")
    response = client.post(reverse("integrations:mapping_edit", args=[mapping.pk]),
                           {"local_name": "Widyaiswara Ahli Madya",
                            "functional_position": jf.pk})
    assert response.status_code == 302
    mapping.refresh_from_db()
    assert (mapping.functional_position, mapping.source) == (jf, "admin")
    assert b"BUP 62" in client.get(reverse("integrations:mapping_list")).content
    assert AuditEvent.objects.filter(action="integrations.functional_position.save").count() == 1


# --- bad files ---------------------------------------------------------------------------

def _refused(response) -> str:
    assert response.status_code in (200, 413)
    text = response.content.decode()
    assert 'id="import-error"' in text
    return text.split('id="import-error">', 1)[1].split("</div>", 1)[0]


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (20 * 1024 * 1024))
    return buffer.getvalue()


@pytest.mark.parametrize(("name", "data", "reason"), [
    ("pdf.csv", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n", "bukan CSV atau XLSX"),
    ("kosong.csv", b"", "Berkas kosong"),
    ("gambar.xlsx", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "bukan CSV atau XLSX"),
    ("lama.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "format Excel lama"),
    ("arsip.xlsx", b"PK\x03\x04garbage", "rusak"),
    ("bom.xlsx", None, "bom zip"),
    ("tanpa-nip.csv", b"nama,tanggal_lahir\nA,01-01-1990\n", "Kolom wajib tidak ada"),
])
def test_a_bad_file_is_refused_with_a_clear_message_and_nothing_written(
        client, manager, django_capture_on_commit_callbacks, name, data, reason):
    """Issue 6 bad input: not a CSV/XLSX (a PDF renamed .csv), empty, an old
    .xls, a broken zip, a zip bomb disguised as .xlsx (refused from its declared
    sizes before calamine opens it), a header without the NIP."""
    data = _zip_bomb() if data is None else data
    message = _refused(_upload(client, django_capture_on_commit_callbacks, name, data))
    assert reason in message
    assert _nothing_written()


def test_a_header_only_file_is_refused_at_the_upload(client, manager,
                                                     django_capture_on_commit_callbacks):
    """Issue 6 bad input: only the header (SIASN's 65 columns, then nothing)."""
    message = _refused(_upload(client, django_capture_on_commit_callbacks, "kepala.csv",
                               csv_bytes([])))
    assert message == "Berkas hanya berisi kepala kolom; tidak ada baris data."
    assert _nothing_written()


def test_a_header_only_file_is_also_refused_by_the_preview(manager):
    from smart.integrations.imports import preview_import
    from smart.integrations.tests.importing import RecordingRun, batch_from

    batch = batch_from(csv_bytes([]), manager)
    assert preview_import(batch, RecordingRun())["refused"].startswith("Berkas hanya berisi")
    batch.refresh_from_db()
    assert batch.status == "refused" and Employee.objects.count() == 0


def test_a_file_over_50_mb_is_refused_before_its_body_is_read(client, manager):
    """The request's declared length decides: 413 with the limit named, no
    upload parsed (the CSRF check, which reads the body, comes after)."""
    response = client.generic(
        "POST", reverse("integrations:import_list"), b"x" * 1024,
        content_type="multipart/form-data; boundary=xyz",
        CONTENT_LENGTH=str(MAX_FILE_BYTES + 10 * 1024 * 1024))
    assert response.status_code == 413
    assert "Berkas terlalu besar" in _refused(response)
    assert _nothing_written()


def test_a_large_file_inside_the_limit_is_still_checked_on_disk(tmp_path):
    from smart.integrations.tables import TableFileError, check_table_file

    big = tmp_path / "besar.csv"
    with big.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(TableFileError, match="Berkas terlalu besar"):
        check_table_file(big)


def test_smart_s_own_large_export_is_read_past_the_upload_limit(tmp_path):
    """The benchmark's 100,000-row export is 77 MB: SMART's own file is streamed,
    only uploads keep the 50 MB limit."""
    from smart.integrations.tables import check_table_file

    big = tmp_path / "skala.csv"
    with big.open("wb") as handle:
        handle.write(b"nip_baru,nama\n" + b"'198503122010012004,RINA\n" * 20_000)
        handle.truncate(MAX_FILE_BYTES + 1)
    assert check_table_file(big, max_bytes=None).kind == "csv"


def test_windows_1252_is_read(client, manager, django_capture_on_commit_callbacks):
    data = csv_bytes([{**GOOD_ROW, "tempat_lahir_nama": "PEKANBARU–RIAU"}]).decode().encode(
        "cp1252")
    _upload(client, django_capture_on_commit_callbacks, "w.csv", data)
    batch = ImportBatch.objects.get()
    assert (batch.status, batch.new) == ("previewed", 1)


def test_another_importers_batch_is_not_there(client, db):
    """Attack case 1 for imports (security.md §8): the HR manager of Dinkes aims
    at the Disdik HR manager's batch — 404 on every URL, GET and POST; the
    Pengelola SMART reads it."""
    owner = make_user("kepeg_disdik", Role.HR_MANAGER, "DISDIK")
    other = make_user("kepeg_dinkes", Role.HR_MANAGER, "DINKES")
    batch = ImportBatch.objects.create(owner=owner, filename="disdik.csv", total=1, new=1,
                                       status=ImportBatch.Status.PREVIEWED)
    names = ["import_detail", "import_columns", "import_apply", "import_errors"]
    client.force_login(other)
    for name in names:
        url = reverse(f"integrations:{name}", args=[batch.pk])
        assert client.get(url).status_code in (404, 405), url
        assert client.post(url, {"mode": "valid"}).status_code == 404, url
    batch.refresh_from_db()
    assert (batch.status, batch.apply_job) == ("previewed", None)
    client.force_login(make_user("pengelola", Role.SYSTEM_MANAGER))
    detail = client.get(reverse("integrations:import_detail", args=[batch.pk]))
    assert detail.status_code == 200


def test_a_failed_apply_job_resumes_from_its_checkpoint(client, manager, settings,
                                                        django_capture_on_commit_callbacks):
    """Issue 6 item 5 through smart.jobs: the apply job fails in its second chunk
    (a row the database refuses), the first chunk stays; "resume" goes on from
    the checkpoint and ends with every row written once."""
    from smart.integrations.tests.test_imports import (
        _allow_inserts,
        _five_rows,
        _refuse_insert_of,
    )
    from smart.jobs.services import job_resume

    _upload(client, django_capture_on_commit_callbacks, "lima.csv", _five_rows())
    batch = ImportBatch.objects.get()
    _refuse_insert_of("198503122010012004")
    settings.SMART_IMPORT_CHUNK_ROWS = 2
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("integrations:import_apply", args=[batch.pk]), {"mode": "valid"})
    batch.refresh_from_db()
    job = Job.objects.get(pk=batch.apply_job)
    assert job.status == JobStatus.FAILED and job.state["after_row"] == 3
    assert Employee.objects.count() == 2
    _allow_inserts()
    with django_capture_on_commit_callbacks(execute=True):
        job_resume(job, actor=manager)
    job.refresh_from_db()
    batch.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert (batch.status, batch.created, Employee.objects.count()) == ("applied", 5, 5)


def test_a_workbook_with_a_broken_sheet_is_refused(client, manager,
                                                   django_capture_on_commit_callbacks):
    """A real zip with xl/workbook.xml but garbage inside: calamine's error
    becomes the Indonesian refusal, never a 500."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook><sheets><sheet")
    message = _refused(_upload(client, django_capture_on_commit_callbacks, "rusak.xlsx",
                               buffer.getvalue()))
    assert "tidak dapat dibaca" in message
    assert _nothing_written()


def _cancel_after_first_chunk(monkeypatch):
    """The owner presses "cancel" while the apply job writes its first chunk."""
    from smart.integrations import imports

    write_chunk = imports._write_chunk

    def write_then_cancel(batch, *args, **kwargs):
        write_chunk(batch, *args, **kwargs)
        Job.objects.filter(pk=batch.apply_job).update(cancel_requested=True)

    monkeypatch.setattr(imports, "_write_chunk", write_then_cancel)
    monkeypatch.setattr("smart.jobs.runner.PROGRESS_INTERVAL", 0)  # check at every chunk


def test_a_cancelled_all_or_nothing_apply_says_it_was_partly_written_and_can_run_again(
        client, manager, settings, monkeypatch, django_capture_on_commit_callbacks):
    """Issue 6 item 5 through smart.jobs: a cancel after the first chunk ends the
    job *and* the batch ("cancelled", 2 rows written, "all or nothing" not met,
    in plain Indonesian); the preview runs again and the apply completes."""
    from smart.integrations.tests.test_imports import _five_rows

    _upload(client, django_capture_on_commit_callbacks, "lima.csv", _five_rows())
    batch = ImportBatch.objects.get()
    settings.SMART_IMPORT_CHUNK_ROWS = 2
    _cancel_after_first_chunk(monkeypatch)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("integrations:import_apply", args=[batch.pk]), {"mode": "all"})
    batch.refresh_from_db()
    job = Job.objects.get(pk=batch.apply_job)
    assert job.status == JobStatus.CANCELLED
    assert (batch.status, batch.created, Employee.objects.count()) == ("cancelled", 2, 2)
    assert "dibatalkan setelah 2 baris ditulis" in batch.message
    assert "semua atau tidak sama sekali\" TIDAK terpenuhi" in batch.message
    assert reverse("integrations:import_detail", args=[batch.pk]).encode() in client.get(
        reverse("jobs:detail", args=[job.pk])).content  # the way back from the job page
    page = client.get(reverse("integrations:import_detail", args=[batch.pk])).content.decode()
    assert "TIDAK terpenuhi" in page
    assert reverse("integrations:import_preview_again", args=[batch.pk]) in page

    monkeypatch.undo()
    settings.SMART_IMPORT_CHUNK_ROWS = 2
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("integrations:import_preview_again", args=[batch.pk]))
    batch.refresh_from_db()
    assert response.url == reverse("jobs:detail", args=[batch.preview_job])
    assert (batch.status, batch.message, batch.unchanged, batch.new) == ("previewed", "", 2, 3)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("integrations:import_apply", args=[batch.pk]), {"mode": "all"})
    batch.refresh_from_db()
    assert (batch.status, batch.created, Employee.objects.count()) == ("applied", 3, 5)


def test_a_preview_cancelled_in_the_queue_leaves_a_batch_that_can_run_again(
        client, manager, django_capture_on_commit_callbacks):
    from smart.jobs.services import job_cancel

    with django_capture_on_commit_callbacks(execute=False):  # the worker never gets to it
        client.post(reverse("integrations:import_list"),
                    {"file": SimpleUploadedFile("uji.csv", csv_bytes([GOOD_ROW]))})
    batch = ImportBatch.objects.get()
    job_cancel(Job.objects.get(pk=batch.preview_job), actor=manager)
    page = client.get(reverse("integrations:import_detail", args=[batch.pk]))
    batch.refresh_from_db()
    assert (batch.status, Employee.objects.count()) == ("cancelled", 0)
    assert "Pratinjau dibatalkan sebelum selesai" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("integrations:import_preview_again", args=[batch.pk]))
    batch.refresh_from_db()
    assert (batch.status, batch.new) == ("previewed", 1)


def test_only_a_cancelled_import_is_previewed_again(client, manager,
                                                    django_capture_on_commit_callbacks):
    _upload(client, django_capture_on_commit_callbacks, "uji.csv", csv_bytes([GOOD_ROW]))
    batch = ImportBatch.objects.get()
    response = client.post(reverse("integrations:import_preview_again", args=[batch.pk]),
                           follow=True)
    assert "hanya dapat dijalankan lagi untuk impor yang dibatalkan" in response.content.decode()
    assert Job.objects.count() == 1


# --- the remembered column mapping -------------------------------------------------------

_NIP_HEADER = ["NIP", "nama", "tanggal_lahir", "jenis_kelamin", "unor_nama", "no_hp_kantor"]


def _nip_file() -> bytes:
    return csv_bytes([{**GOOD_ROW, "nip": GOOD_ROW["nip_baru"], "no_hp_kantor": "'0761"}],
                     header=_NIP_HEADER)


def test_a_file_headed_nip_is_offered_the_mapping_and_remembered(
        client, manager, django_capture_on_commit_callbacks):
    """A required column under another name (NIP for nip_baru) is not refused at
    the upload: the mapping form appears, says what is missing, and the mapping
    is remembered for the next file."""
    response = _upload(client, django_capture_on_commit_callbacks, "nip.csv", _nip_file())
    batch = ImportBatch.objects.get()
    assert response.url == reverse("integrations:import_columns", args=[batch.pk])
    page = client.get(response.url).content.decode()
    assert "nip_baru" in page and 'id="columns-missing"' in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response.url, {"kolom_0": "nip_baru", "kolom_1": ""})
    assert ColumnMapping.objects.get(header="nip").column == "nip_baru"
    batch.refresh_from_db()
    assert (batch.status, batch.new) == ("previewed", 1)
    response = _upload(client, django_capture_on_commit_callbacks, "nip2.csv", _nip_file())
    assert "/tugas/" in response.url


@pytest.mark.parametrize("posted, error", [
    ({"kolom_0": "nip_baru", "kolom_1": "nip_baru"},
     "Kolom no_hp_kantor dan nip dipetakan ke kolom SIASN yang sama (nip_baru)."),
    ({"kolom_0": "nama", "kolom_1": ""},
     "Kolom nip dan nama dipetakan ke kolom SIASN yang sama (nama)."),
    ({"kolom_0": "", "kolom_1": "nomor_hp"}, "Kolom wajib tidak ada di kepala kolom: nip_baru."),
])
def test_a_mapping_that_cannot_work_is_refused_in_the_form_before_saving(
        client, manager, django_capture_on_commit_callbacks, posted, error):
    """Two headers onto one SIASN column (or onto one the file has), or a
    required column still missing: the form says so, nothing is remembered."""
    response = _upload(client, django_capture_on_commit_callbacks, "nip.csv", _nip_file())
    page = client.post(response.url, posted)
    assert page.status_code == 200
    assert error in page.content.decode()
    assert ColumnMapping.objects.count() == 0
    assert ImportBatch.objects.get().status == "needs-columns"


def test_a_header_too_long_to_remember_is_refused_at_the_upload(
        client, manager, django_capture_on_commit_callbacks):
    """ColumnMapping.header holds 100 characters: a longer unknown header is
    refused with a clear message (never a database error)."""
    long_name = "keterangan_" + "x" * 140
    header = ["nip_baru", "nama", "tanggal_lahir", "jenis_kelamin", "unor_nama", long_name]
    message = _refused(_upload(client, django_capture_on_commit_callbacks, "panjang.csv",
                               csv_bytes([GOOD_ROW], header=header)))
    assert "Kepala kolom ke-6 terlalu panjang (151 karakter; paling banyak 100)" in message
    assert _nothing_written()


def test_the_demo_load_without_an_uploader_is_listed_and_opens(client, manager):
    """The demo regency is loaded by SMART itself (no owner): the Pengelola SMART's
    import list and the batch page name the system instead of failing (user test)."""
    batch = ImportBatch.objects.create(filename="siasn-export-demo.csv", owner=None,
                                       status=ImportBatch.Status.APPLIED)
    listing = client.get(reverse("integrations:import_list"))
    assert listing.status_code == 200
    assert "SMART (sistem)" in listing.content.decode()
    detail = client.get(reverse("integrations:import_detail", args=[batch.pk]))
    assert detail.status_code == 200 and "SMART (sistem)" in detail.content.decode()
