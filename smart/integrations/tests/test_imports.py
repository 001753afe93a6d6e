"""The import workflow (R-PROC-1, issue 6 items 1–5): the shared cases, the
formats, idempotency, the two modes, chunk atomicity, resume and cancel."""

import datetime
import io

import pytest
import xlsxwriter
from django.db import connection

from smart.access.models import Role
from smart.audit.models import AuditEvent
from smart.integrations.imports import apply_import, preview_import
from smart.integrations.models import ColumnMapping, ImportBatch, ImportRow, ReferenceMapping
from smart.integrations.tests.importing import (
    CASES,
    GOOD_ROW,
    RecordingRun,
    batch_from,
    csv_bytes,
)
from smart.people.models import Employee
from smart.references.models import Unit
from tests.personas import make_employee, make_user

pytestmark = pytest.mark.django_db
OK_NIPS = ["198503122010012004", "197807252005011003", "199011022019032001",
           "196806151990031002", "199805052024031001"]


@pytest.fixture
def cases():
    if not (CASES / "siasn-ok.csv").exists():
        pytest.skip(f"the shared import cases are not at {CASES}")
    return CASES


@pytest.fixture
def manager(db):
    return make_user("pengelola", Role.SYSTEM_MANAGER)


def _import(source, owner, *, mode=ImportBatch.Mode.KEEP_VALID, suffix=".csv", **kwargs):
    batch = batch_from(source, owner, mode=mode, suffix=suffix)
    preview = preview_import(batch, RecordingRun())
    batch.refresh_from_db()
    if batch.status != ImportBatch.Status.PREVIEWED:
        return batch, preview, None
    applied = apply_import(batch, RecordingRun(), **kwargs)
    batch.refresh_from_db()
    return batch, preview, applied


def _rows(batch, phase=ImportRow.Phase.PREVIEW):
    return {row.number: row for row in batch.rows.filter(phase=phase)}


# --- the shared cases (shared/cases/import/README.md) -------------------------------------

@pytest.mark.parametrize("name", ["siasn-ok.csv", "siasn-ok-semicolon-bom.csv"])
def test_the_ok_files_import_five_employees_and_a_second_run_changes_nothing(cases, manager,
                                                                            name):
    """R-PROC-1, cases siasn-ok.csv and siasn-ok-semicolon-bom.csv: 5 new rows;
    row 5 is imported with the past-BUP finding; again → 0 new, 0 changed."""
    batch, preview, applied = _import(cases / name, manager)
    assert (preview["new"], preview["invalid"]) == (5, 0)
    assert (applied["created"], applied["updated"]) == (5, 0)
    assert set(Employee.objects.values_list("nip", flat=True)) == set(OK_NIPS)
    rina = Employee.objects.get(nip=OK_NIPS[0])
    assert (rina.name, rina.back_title, rina.sex.code) == ("RINA MARLINA", "S.Pd.", "F")
    assert rina.birth_date == datetime.date(1985, 3, 12)
    assert (rina.golongan.code, rina.tmt_golongan) == ("33", datetime.date(2018, 4, 1))
    assert rina.findings == []
    zulkifli = Employee.objects.get(nip=OK_NIPS[3])
    assert zulkifli.findings == ["Sudah melewati batas usia pensiun (58 tahun; TMT pensiun "
                                 "01-07-2026) tetapi masih berstatus aktif."]
    rizki = Employee.objects.get(nip=OK_NIPS[4])
    assert (rizki.asn_kind, rizki.tmt_pns) == ("CPNS", None)
    history = rina.history.get()
    assert history.history_change_reason == f"import {name}, baris 2"
    assert (history.history_type, history.history_user_id) == ("+", manager.pk)
    event = AuditEvent.objects.get(action="people.employee.import")
    assert event.data["rows"][0] == [2, OK_NIPS[0]] and event.data["file"] == name

    again, preview, applied = _import(cases / name, manager)
    assert (preview["new"], preview["changed"], preview["unchanged"]) == (0, 0, 5)
    assert (applied["created"], applied["updated"]) == (0, 0)
    assert rina.history.count() == 1


def test_the_errors_file_refuses_seven_rows_and_imports_two_with_findings(cases, manager):
    """Case siasn-errors.csv, "keep the valid rows": rows 3 and 10 imported with
    their findings; rows 2, 4–9 refused with row, column and reason."""
    batch, preview, applied = _import(cases / "siasn-errors.csv", manager)
    rows = _rows(batch)
    errors = {n: dict(rows[n].errors) for n in rows if rows[n].outcome == "invalid"}
    assert sorted(errors) == [2, 4, 5, 6, 7, 8, 9]
    assert "notasi ilmiah" in errors[2]["nip_baru"]
    assert "sudah ada di baris 3" in errors[4]["nip_baru"]
    assert "baris 3 yang dipakai" in errors[4]["nip_baru"]  # says the first row is kept
    assert errors[5] == {"gol_akhir_id": "kode golongan '99' tidak dikenal"}
    assert "31-02-1990" in errors[6]["tanggal_lahir"]
    assert errors[7] == {"nama": "wajib diisi"}
    assert "lebih awal dari TMT CPNS" in errors[8]["tmt_golongan"]
    assert "16 digit" in errors[9]["nik"]
    assert rows[2].cells[1] == "1.98503E+17"  # the original values, for the report
    assert applied["created"] == 2
    # The result card counts the findings the "new rows" tab lists (user test).
    assert preview["with_findings"] == applied["with_findings"] == batch.with_findings == 2
    assert batch.rows.filter(phase="apply", outcome="new").exclude(findings=[]).count() == 2
    dedi = Employee.objects.get(nip="198602142011011005")
    assert dedi.name == "DEDI SAPUTRA"  # row 3, never mixed with row 4
    assert dedi.birth_date == datetime.date(1986, 2, 15)
    assert any("NIP memuat tanggal lahir 14-02-1986" in f for f in dedi.findings)
    woman = Employee.objects.get(nip="198311112009012003")
    assert any("NIK menunjukkan laki-laki" in f for f in woman.findings)
    assert Employee.objects.count() == 2


def test_all_or_nothing_writes_nothing_and_reports_every_refused_row(cases, manager):
    """Case siasn-errors.csv with "all or nothing": nothing written, all seven
    refusals listed at once, the batch back at the preview."""
    batch, preview, applied = _import(cases / "siasn-errors.csv", manager,
                                      mode=ImportBatch.Mode.ALL_OR_NOTHING)
    assert "Tidak ada yang disimpan: 7 dari 9 baris" in applied["refused"]
    assert Employee.objects.count() == 0
    assert batch.status == ImportBatch.Status.PREVIEWED
    assert batch.rows.filter(phase="preview", outcome="invalid").count() == 7
    assert not AuditEvent.objects.filter(action__startswith="people.").exists()


def test_all_or_nothing_writes_a_clean_file(cases, manager):
    batch, _preview, applied = _import(cases / "siasn-ok.csv", manager,
                                       mode=ImportBatch.Mode.ALL_OR_NOTHING)
    assert applied["created"] == 5 and batch.status == ImportBatch.Status.APPLIED


# --- updates -------------------------------------------------------------------------------

def test_a_changed_row_updates_only_the_changed_fields_with_history_and_audit(manager):
    """Field-level differences in the preview; the update goes through
    people.services.employee_update with reason "import <file>, baris N"."""
    _import(csv_bytes([GOOD_ROW]), manager)
    rina = Employee.objects.get(nip="198503122010012004")
    rina.phone = "08111"  # recorded locally, not in the file: kept
    rina.save()
    changed = {**GOOD_ROW, "nama": "RINA MARLINA SARI", "gol_akhir_id": "34"}
    batch, preview, applied = _import(csv_bytes([changed]), manager)
    assert (preview["changed"], applied["updated"]) == (1, 1)
    diff = _rows(batch)[2].diff
    assert ["name", "RINA MARLINA", "RINA MARLINA SARI"] in diff
    assert ["golongan", "III/c", "III/d"] in [[n, o.split()[0], v.split()[0]] for n, o, v in diff
                                             if n == "golongan"]
    rina.refresh_from_db()
    assert (rina.name, rina.golongan.code, rina.phone) == ("RINA MARLINA SARI", "34", "08111")
    assert rina.history.first().history_change_reason == "import uji.csv, baris 2"
    event = AuditEvent.objects.filter(action="people.employee.update").get()
    assert event.data == {"reason": "import uji.csv, baris 2", "file": "uji.csv", "row": 2}
    assert event.after["name"] == "RINA MARLINA SARI"


def test_an_empty_cell_never_erases_a_recorded_value(manager):
    _import(csv_bytes([{**GOOD_ROW, "nomor_hp": "'0812"}]), manager)
    batch, preview, _applied = _import(csv_bytes([GOOD_ROW]), manager)
    assert preview["unchanged"] == 1
    assert Employee.objects.get().phone == "0812"


def test_empty_masa_kerja_cells_keep_the_recorded_masa_kerja(manager):
    """Decision 115: an empty mk_tahun/mk_bulan is "not in the file", never 0."""
    _import(csv_bytes([{**GOOD_ROW, "mk_tahun": "8", "mk_bulan": "3"}]), manager)
    batch, preview, _applied = _import(csv_bytes([GOOD_ROW]), manager)
    assert preview["unchanged"] == 1
    rina = Employee.objects.get()
    assert (rina.mk_years, rina.mk_months) == (8, 3)


def test_a_new_employee_without_masa_kerja_gets_zero(manager):
    _import(csv_bytes([GOOD_ROW]), manager)
    assert Employee.objects.values_list("mk_years", "mk_months").get() == (0, 0)


def test_an_empty_status_keeps_a_recorded_cpns(manager):
    """An empty (null) status_cpns_pns says nothing: the CPNS stays CPNS."""
    _import(csv_bytes([{**GOOD_ROW, "status_cpns_pns": "C"}]), manager)
    assert Employee.objects.get().asn_kind == "CPNS"
    batch, preview, _applied = _import(csv_bytes([{**GOOD_ROW, "status_cpns_pns": "null"}]),
                                       manager)
    assert preview["unchanged"] == 1
    assert Employee.objects.get().asn_kind == "CPNS"


def test_a_new_employee_without_status_is_recorded_as_pns(manager):
    _import(csv_bytes([{**GOOD_ROW, "status_cpns_pns": ""}]), manager)
    assert Employee.objects.get().asn_kind == "PNS"


def test_a_nik_already_recorded_for_another_nip_is_refused(manager):
    other = make_employee("DINKES.01")
    row = {**GOOD_ROW, "nik": f"'{other.nik}"}
    batch, preview, _ = _import(csv_bytes([row]), manager)
    assert preview["invalid"] == 1
    assert f"sudah tercatat untuk pegawai NIP {other.nip}" in dict(_rows(batch)[2].errors)["nik"]


# --- scope ---------------------------------------------------------------------------------

def test_a_unit_scoped_hr_manager_imports_only_into_their_units(db):
    """R-ROLE-2: the Pengelola Kepegawaian of Disdik imports Disdik's employees
    (the school is under Disdik) and not a Dinkes one."""
    hr = make_user("kepeg", Role.HR_MANAGER, "DISDIK")
    dinkes = {**GOOD_ROW, "nip_baru": "'197807252005011003", "tanggal_lahir": "25-07-1978",
              "jenis_kelamin": "M", "nik": "'1409042507780003", "tmt_cpns": "01-01-2005",
              "unor_nama": "Dinas Kesehatan"}
    batch, preview, applied = _import(csv_bytes([GOOD_ROW, dinkes]), hr)
    assert (preview["new"], preview["invalid"]) == (1, 1)
    assert "di luar cakupan tugas Anda" in dict(_rows(batch)[3].errors)["unor_nama"]
    assert list(Employee.objects.values_list("nip", flat=True)) == ["198503122010012004"]


# --- formats ------------------------------------------------------------------------------

SAPK_HEADER = ["ID", "PNS_ID", "NIP_LAMA", "NIP_BARU", "NAMA", "GELAR_DEPAN", "GELAR_BELAKANG",
               "TGL_LAHIR", "JENIS_KELAMIN", "AGAMA_ID", "NIK", "NPWP", "KEDUDUKAN_HUKUM_ID",
               "STATUS_CPNS_PNS", "TGL_SK_CPNS", "TMT_CPNS", "GOL_AWAL_ID", "GOL_ID",
               "TMT_GOLONGAN", "MK_TAHUN", "MK_BULAN", "UNOR_ID", "GOLONGAN_DARAH", "BUP"]


def test_the_sapk_layout_maps_onto_the_same_fields_and_finds_the_unit_by_mapping(manager):
    """domain.md §3.2: TGL_LAHIR → tanggal_lahir, GOL_ID → gol_akhir_id, NPWP…;
    SAPK has no unit name: the UNOR_ID is found through the mapping table."""
    school = Unit.objects.get(name="SD Negeri 001 Kuantan Tengah")
    ReferenceMapping.objects.create(kind="unor", siasn_id="8AE483A56E7B4C3D", unit=school,
                                    source="admin")
    line = ["1", "abc", "", "198503122010012004", "RINA MARLINA", "", "S.Pd.", "12-03-1985",
            "F", "1", "1409025203850001", "1409025203850001", "01", "P", "01-01-2010",
            "01-01-2010", "31", "33", "01-04-2018", "8", "3", "8ae483a56e7b4c3d", "A", "58"]
    data = ("\n".join([",".join(SAPK_HEADER), ",".join(line)]) + "\n").encode()
    batch, preview, applied = _import(data, manager)
    assert batch.layout == "SAPK" and applied["created"] == 1
    rina = Employee.objects.get()
    assert (rina.birth_date, rina.golongan.code, rina.npwp, rina.unit) == (
        datetime.date(1985, 3, 12), "33", "1409025203850001", school)


def test_an_unknown_unor_id_is_refused_and_listed_for_the_administrator(manager):
    line = ["1", "", "", "198503122010012004", "RINA", "", "", "12-03-1985", "F", "1", "", "",
            "01", "P", "", "01-01-2010", "", "33", "01-04-2018", "0", "0", "FFFF0000", "", ""]
    data = ("\n".join([",".join(SAPK_HEADER), ",".join(line)]) + "\n").encode()
    batch, preview, applied = _import(data, manager)
    assert preview["invalid"] == 1 and "tidak ditemukan" in _rows(batch)[2].errors[0][1]
    mapping = ReferenceMapping.objects.get(siasn_id="FFFF0000")
    assert (mapping.kind, mapping.unit, mapping.source) == ("unor", None, "unmatched")


def test_a_name_match_fills_the_mapping_table(manager):
    row = {**GOOD_ROW, "unor_id": "abcdef0123456789", "jabatan_id": "J-1",
           "jabatan_nama": "Guru Ahli Muda"}
    _import(csv_bytes([row]), manager)
    unit = ReferenceMapping.objects.get(kind="unor")
    assert (unit.siasn_id, unit.unit.name, unit.source) == (
        "ABCDEF0123456789", "SD Negeri 001 Kuantan Tengah", "name")
    position = ReferenceMapping.objects.get(kind="jabatan")
    assert (position.siasn_id, position.local_name) == ("J-1", "Guru Ahli Muda")


def test_an_administrators_position_mapping_is_used(manager):
    ReferenceMapping.objects.create(kind="jabatan", siasn_id="J-1", local_name="Guru Kelas",
                                    source="admin")
    _import(csv_bytes([{**GOOD_ROW, "jabatan_id": "J-1", "jabatan_nama": "GURU"}]), manager)
    assert Employee.objects.get().position_name == "Guru Kelas"


def test_a_remembered_column_mapping_is_applied(manager):
    ColumnMapping.objects.create(header="nomor_induk_pegawai", column="nip_baru")
    header = ["nomor_induk_pegawai", "nama", "tanggal_lahir", "jenis_kelamin", "unor_nama"]
    data = csv_bytes([{"nomor_induk_pegawai": "'198503122010012004", "nama": "RINA",
                       "tanggal_lahir": "12-03-1985", "jenis_kelamin": "F",
                       "unor_nama": "Dinas Kesehatan"}], header=header)
    _batch, _preview, applied = _import(data, manager)
    assert applied["created"] == 1


def _xlsx(rows: list[list]) -> bytes:
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = workbook.add_worksheet()
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, datetime.date):
                sheet.write_datetime(r, c, datetime.datetime.combine(value, datetime.time()),
                                     workbook.add_format({"num_format": "dd/mm/yyyy"}))
            else:
                sheet.write(r, c, value)
    workbook.close()
    return buffer.getvalue()


def test_xlsx_cells_are_read_as_text_and_a_numeric_nip_is_refused(manager):
    """Issue 6 item 3: an 18-digit NIP stored as a number (1.98503E+17) is
    refused, never guessed; a date cell and a whole number read as typed."""
    header = ["nip_baru", "nama", "tanggal_lahir", "jenis_kelamin", "gol_akhir_id",
              "tmt_golongan", "tmt_cpns", "unor_nama"]
    good = ["'198503122010012004", "RINA", datetime.date(1985, 3, 12), "F", 33,
            "01-04-2018", "01-01-2010", "Dinas Kesehatan"]
    number = [197807252005011003, "AHMAD", "25-07-1978", "M", 41, "", "", "Dinas Kesehatan"]
    batch, preview, applied = _import(_xlsx([header, good, number]), manager, suffix=".xlsx")
    assert (preview["new"], preview["invalid"]) == (1, 1)
    assert "notasi ilmiah" in dict(_rows(batch)[3].errors)["nip_baru"]
    rina = Employee.objects.get()
    assert (rina.birth_date, rina.golongan.code) == (datetime.date(1985, 3, 12), "33")


# --- chunks, checkpoints, resume, cancel -------------------------------------------------

def _five_rows() -> bytes:
    rows = []
    for n in range(1, 6):
        rows.append({**GOOD_ROW, "nip_baru": f"'19850312201001200{n}", "nama": f"PEGAWAI {n}",
                     "nik": f"'14090252038500{n:02d}"})
    return csv_bytes(rows)


def _refuse_insert_of(nip: str) -> None:
    """A database trigger refusing one employee row, as a constraint would."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE FUNCTION refuse_row() RETURNS trigger AS $$ BEGIN "
                f"IF NEW.nip = '{nip}' THEN RAISE EXCEPTION 'constraint failed'; END IF; "
                "RETURN NEW; END $$ LANGUAGE plpgsql")
            cursor.execute("CREATE TRIGGER refuse_row BEFORE INSERT ON people_employee "
                           "FOR EACH ROW EXECUTE FUNCTION refuse_row()")
        else:
            cursor.execute(f"CREATE TRIGGER refuse_row BEFORE INSERT ON people_employee "
                           f"WHEN NEW.nip = '{nip}' "
                           f"BEGIN SELECT RAISE(ABORT, 'constraint failed'); END")


def _allow_inserts() -> None:
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER refuse_row" + (
            " ON people_employee" if connection.vendor == "postgresql" else ""))


def test_a_failing_row_leaves_nothing_of_its_chunk_and_a_rerun_completes(manager):
    """Issue 6 item 5: with chunks of 2, chunk 2 (rows 4–5) holds a row the
    database refuses (a trigger standing in for any constraint); chunk 1 stays
    written, nothing of chunk 2 lands, and the re-run resumes after chunk 1."""
    batch = batch_from(_five_rows(), manager)
    preview_import(batch, RecordingRun())
    _refuse_insert_of("198503122010012004")
    run = RecordingRun()
    with pytest.raises(Exception, match="constraint failed"):
        apply_import(batch, run, chunk_size=2)
    # Chunk 1 = rows 2–3 committed with its checkpoint; chunk 2 = rows 4–5 not at all.
    assert sorted(Employee.objects.values_list("nip", flat=True)) == [
        "198503122010012001", "198503122010012002"]
    assert run.states[-1]["after_row"] == 3
    assert batch.rows.filter(phase="apply").count() == 2
    _allow_inserts()
    result = apply_import(batch, RecordingRun(), state=run.states[-1], chunk_size=2)
    assert (result["created"], result["total"]) == (5, 5)
    assert Employee.objects.count() == 5
    assert AuditEvent.objects.filter(action="people.employee.import").count() == 3


def test_cancel_stops_between_chunks(manager):
    batch = batch_from(_five_rows(), manager)
    preview_import(batch, RecordingRun())
    run = RecordingRun(cancel_after=1)
    with pytest.raises(RecordingRun.Cancelled):
        apply_import(batch, run, chunk_size=2)
    assert Employee.objects.count() == 2  # the first chunk, whole
    assert run.states == [{"after_row": 3, "counts": run.states[0]["counts"]}]


def test_the_preview_writes_nothing_but_its_verdicts(cases, manager):
    batch = batch_from(cases / "siasn-ok.csv", manager)
    events = AuditEvent.objects.count()
    preview_import(batch, RecordingRun())
    assert Employee.objects.count() == 0 and ReferenceMapping.objects.count() == 0
    assert AuditEvent.objects.count() == events


def test_the_sapk_layout_as_xlsx(manager):
    """Issue 6 item 1: the SAPK layout saved as .xlsx reads like its CSV; numbers
    (GOL_ID 33, MK 8) are whole numbers, the NIP a text cell."""
    school = Unit.objects.get(name="SD Negeri 001 Kuantan Tengah")
    ReferenceMapping.objects.create(kind="unor", siasn_id="8AE483A56E7B4C3D", unit=school,
                                    source="admin")
    line = [1, "abc", "", "198503122010012004", "RINA MARLINA", "", "S.Pd.",
            datetime.date(1985, 3, 12), "F", 1, "1409025203850001", "", "01", "P", "",
            "01-01-2010", 31, 33, datetime.date(2018, 4, 1), 8, 3, "8ae483a56e7b4c3d", "A", 58]
    batch, preview, applied = _import(_xlsx([SAPK_HEADER, line]), manager, suffix=".xlsx")
    assert (batch.layout, applied["created"]) == ("SAPK", 1), _rows(batch)
    rina = Employee.objects.get()
    assert (rina.golongan.code, rina.mk_years, rina.tmt_golongan, rina.unit) == (
        "33", 8, datetime.date(2018, 4, 1), school)


# --- workbooks (defect 21) ----------------------------------------------------------------

_WORKBOOK_HEADER = ["nip_baru", "nama", "tanggal_lahir", "jenis_kelamin", "unor_nama"]
_WORKBOOK_ROW = ["'198503122010012004", "RINA", "12-03-1985", "F", "Dinas Kesehatan"]


def _workbook(sheets: list[tuple[str, list[list], bool]]) -> bytes:
    """An .xlsx of (name, rows, hidden) sheets; the first visible one is active."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    made = [(workbook.add_worksheet(name), rows, hidden) for name, rows, hidden in sheets]
    next(sheet for sheet, _rows, hidden in made if not hidden).activate()
    for sheet, rows, hidden in made:
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                sheet.write(r, c, value)
        if hidden:
            sheet.hide()
    workbook.close()
    return buffer.getvalue()


def test_a_hidden_first_sheet_is_passed_over_for_the_first_visible_one(manager):
    """Defect 21: sheet 0 is a hidden helper sheet; the data is on the first
    visible sheet, and only that one is read."""
    hidden = ["nip_baru", "nama"], ["'197807252005011003", "AHMAD"]
    data = _workbook([("Referensi", list(hidden), True),
                      ("Data", [_WORKBOOK_HEADER, _WORKBOOK_ROW], False)])
    batch, preview, applied = _import(data, manager, suffix=".xlsx")
    assert (preview["new"], applied["created"]) == (1, 1)
    assert Employee.objects.get().nip == "198503122010012004"


def test_a_header_problem_in_a_workbook_names_the_sheet(manager):
    data = _workbook([("Data Pegawai", [["nama", "tanggal_lahir"], ["RINA", "12-03-1985"]],
                       False)])
    batch, preview, _applied = _import(data, manager, suffix=".xlsx")
    assert batch.status == ImportBatch.Status.REFUSED
    assert batch.message.startswith("Lembar 'Data Pegawai': Kolom wajib tidak ada")


def test_data_under_a_blank_header_cell_is_reported_not_dropped(manager):
    """A value in a column whose header cell is empty refuses its row, naming
    the column letter; the other rows import."""
    header = [*_WORKBOOK_HEADER, "", "nomor_hp"]
    second = ["'197807252005011003", "AHMAD", "25-07-1978", "M", "Dinas Kesehatan", "", "0812"]
    data = _workbook([("Data", [header, [*_WORKBOOK_ROW, "catatan penting", "0811"], second],
                       False)])
    batch, preview, applied = _import(data, manager, suffix=".xlsx")
    assert (preview["new"], preview["invalid"]) == (1, 1)
    assert _rows(batch)[2].errors == [
        ["", "kolom F ('catatan penting') berisi data tetapi kepala kolomnya kosong; beri "
             "nama kolom itu atau hapus isinya"]]
    assert Employee.objects.get().nip == "197807252005011003"


def test_a_jabatan_id_of_the_jf_reference_links_the_jf_and_another_position_unlinks_it(
        manager):
    """domain.md §5.1: the BUP of a JF is read from the JF reference, so the
    importer links the employee to the JF whose SIASN id the export names; a
    later file with a position that is no known JF removes the link."""
    from smart.references.models import FunctionalPosition

    jf = FunctionalPosition.objects.create(code="JF-DOK-MA", name="Dokter Ahli Madya",
                                           siasn_id="8ae483a5jf", retirement_age=60)
    row = {**GOOD_ROW, "jenis_jabatan_id": "2", "jabatan_id": "8AE483A5JF",
           "jabatan_nama": "Dokter"}
    _import(csv_bytes([row]), manager)
    rina = Employee.objects.get()
    assert (rina.functional_position, rina.position_name) == (jf, "Dokter")
    assert ReferenceMapping.objects.get(kind="jabatan").functional_position == jf
    _import(csv_bytes([{**row, "jenis_jabatan_id": "4", "jabatan_id": "PELAKSANA-1",
                        "jabatan_nama": "Pengadministrasi Umum"}]), manager)
    rina.refresh_from_db()
    assert (rina.functional_position, rina.position_name) == (None, "Pengadministrasi Umum")


def test_an_administrators_jf_link_of_a_position_mapping_is_used(manager):
    from smart.references.models import FunctionalPosition

    jf = FunctionalPosition.objects.create(code="JF-70", name="Profesor", retirement_age=70)
    ReferenceMapping.objects.create(kind="jabatan", siasn_id="J-7", local_name="Dosen",
                                    functional_position=jf, source="admin")
    _import(csv_bytes([{**GOOD_ROW, "jenis_jabatan_id": "2", "jabatan_id": "J-7",
                        "jabatan_nama": "DOSEN"}]), manager)
    assert Employee.objects.get().functional_position == jf
