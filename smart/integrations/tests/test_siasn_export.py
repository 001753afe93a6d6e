"""Reading the SIASN "Export Data ASN" CSV: the shared cases and the reader's rules."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings

from smart.integrations.siasn.export import (
    COLUMNS,
    ExportFileError,
    ExportReferences,
    employee_values,
    parse_export_date,
    read_export,
)
from smart.people.models import AsnKind
from smart.people.services import identity_findings
from smart.references.models import Unit

CASES = Path(settings.BASE_DIR).parent / "shared" / "cases" / "import"


@pytest.fixture
def cases() -> Path:
    if not (CASES / "siasn-ok.csv").exists():
        pytest.skip(f"the shared import cases are not at {CASES}")
    return CASES


def _results(path_or_bytes) -> dict[int, object]:
    refs = ExportReferences.load()
    return {number: employee_values(row, refs) for number, row in read_export(path_or_bytes)}


def _csv(rows: list[dict[str, str]], *, header: list[str] | None = None,
         delimiter: str = ",") -> bytes:
    """A small export: the given cells, everything else ``null``."""
    header = header or list(COLUMNS)
    lines = [delimiter.join(header)]
    for row in rows:
        lines.append(delimiter.join(row.get(name.lower(), "null") for name in header))
    return ("\n".join(lines) + "\n").encode()


GOOD_ROW = {
    "nip_baru": "'198503122010012004", "nama": "RINA MARLINA", "tanggal_lahir": "12-03-1985",
    "jenis_kelamin": "F", "nik": "'1409025203850001", "tmt_cpns": "01-01-2010",
    "gol_akhir_id": "33", "tmt_golongan": "01-04-2018", "status_cpns_pns": "P",
    "unor_nama": "SD Negeri 001 Kuantan Tengah",
}


# --- the shared cases --------------------------------------------------------------------------

@pytest.mark.django_db
@pytest.mark.parametrize("name", ["siasn-ok.csv", "siasn-ok-semicolon-bom.csv"])
def test_the_ok_files_give_the_five_expected_employees(cases, name):
    results = _results(cases / name)
    assert sorted(results) == [2, 3, 4, 5, 6]
    assert all(result.is_valid for result in results.values()), {
        n: [str(e) for e in r.errors] for n, r in results.items()}
    values = {n: r.values for n, r in results.items()}

    rina = values[2]
    assert rina["nip"] == "198503122010012004"
    assert (rina["name"], rina["back_title"]) == ("RINA MARLINA", "S.Pd.")
    assert rina["sex"].code == "F"
    assert rina["birth_date"] == datetime.date(1985, 3, 12)
    assert rina["tmt_cpns"] == datetime.date(2010, 1, 1)
    assert rina["golongan"].code == "33" and rina["initial_golongan"].code == "31"
    assert rina["tmt_golongan"] == datetime.date(2018, 4, 1)
    assert (rina["mk_years"], rina["mk_months"]) == (8, 3)
    assert rina["position_name"] == "Guru Ahli Muda"
    assert rina["unit"].name == "SD Negeri 001 Kuantan Tengah"
    assert rina["nik"] == "1409025203850001"
    assert rina["asn_kind"] == AsnKind.PNS

    fauzi = values[3]
    assert (fauzi["front_title"], fauzi["name"], fauzi["back_title"]) == (
        "Drs.", "AHMAD FAUZI", "M.Si.")
    assert fauzi["golongan"].code == "41"
    assert fauzi["tmt_golongan"] == datetime.date(2020, 10, 1)
    assert fauzi["position_type"].code == "1"
    assert fauzi["unit"].code == "BKPP"
    assert fauzi["npwp"] == fauzi["nik"] == "1409042507780003"

    siti = values[4]
    assert siti["sex"].code == "F" and siti["golongan"].code == "23"
    assert siti["education_level"].code == "30"
    assert siti["unit"].code == "RSUD"  # found by its short name "RSUD Teluk Kuantan"

    zulkifli = values[5]
    assert (zulkifli["name"], zulkifli["back_title"], zulkifli["sex"].code) == (
        "ZULKIFLI", "S.Sos.", "M")
    assert zulkifli["position_type"].code == "4" and zulkifli["unit"].code == "SETDA"

    rizki = values[6]
    assert rizki["asn_kind"] == AsnKind.CPNS
    assert rizki["tmt_pns"] is None and rizki["sk_pns_number"] == ""
    assert rizki["unit"].code == "DISDUKCAPIL"


@pytest.mark.django_db
def test_semicolon_bom_crlf_reads_exactly_like_the_comma_file(cases):
    comma = _results(cases / "siasn-ok.csv")
    semicolon = _results(cases / "siasn-ok-semicolon-bom.csv")
    assert {n: r.values for n, r in comma.items()} == {n: r.values for n, r in semicolon.items()}


@pytest.mark.django_db
@pytest.mark.parametrize(("row", "expected"), [
    (2, "kolom nip_baru: NIP '1.98503E+17' adalah angka yang diubah spreadsheet"),
    (5, "kolom gol_akhir_id: kode golongan '99' tidak dikenal"),
    (6, "kolom tanggal_lahir: '31-02-1990' bukan tanggal yang sah"),
    (7, "kolom nama: wajib diisi"),
    (8, "kolom tmt_golongan: TMT golongan 01-01-2005 lebih awal dari TMT CPNS 01-04-2006"),
    (9, "kolom nik: NIK harus 16 digit (tertulis 15 digit)"),
])
def test_the_error_file_refuses_rows_with_a_reason_per_column(cases, row, expected):
    result = _results(cases / "siasn-errors.csv")[row]
    assert not result.is_valid
    assert any(str(error).startswith(expected) for error in result.errors), [
        str(error) for error in result.errors]


@pytest.mark.django_db
def test_an_impossible_date_is_refused_in_every_column_that_carries_it(cases):
    result = _results(cases / "siasn-errors.csv")[6]
    assert [error.column for error in result.errors] == ["nip_baru", "tanggal_lahir", "nik"]


@pytest.mark.django_db
def test_the_error_file_rows_with_findings_only_are_not_refused(cases):
    from smart.people.models import Employee

    results = _results(cases / "siasn-errors.csv")
    assert results[3].is_valid and results[10].is_valid
    # The inconsistencies become findings when the record is written.
    findings = identity_findings(Employee(**results[10].values))
    assert any("NIK menunjukkan laki-laki" in finding for finding in findings)


# --- the reader's rules --------------------------------------------------------------------

def test_dates_are_dd_mm_yyyy_strictly():
    assert parse_export_date("05-05-1998") == datetime.date(1998, 5, 5)
    with pytest.raises(ValueError, match="tahun empat digit"):
        parse_export_date("05-05-98")
    with pytest.raises(ValueError, match="bukan tanggal yang sah"):
        parse_export_date("29-02-2023")
    with pytest.raises(ValueError, match="dd-mm-yyyy"):
        parse_export_date("1998-05-05")


@pytest.mark.django_db
def test_a_two_digit_year_refuses_the_row():
    result = _results(_csv([{**GOOD_ROW, "tanggal_lahir": "12-03-85"}]))[2]
    assert [str(error) for error in result.errors] == [
        "kolom tanggal_lahir: '12-03-85' bukan tanggal berformat dd-mm-yyyy (tahun empat digit)"]


@pytest.mark.django_db
def test_header_is_case_insensitive_and_order_free_and_values_are_cleaned():
    header = ["UNOR_NAMA", "Nama", "Tanggal_Lahir", "NIP_BARU", "Jenis_Kelamin", "NIK",
              "gelar_depan", "email"]
    data = _csv([{**GOOD_ROW, "gelar_depan": "NULL", "email": " null "}], header=header)
    result = _results(data)[2]
    assert result.is_valid, [str(error) for error in result.errors]
    assert result.values["nip"] == "198503122010012004"
    assert result.values["front_title"] == "" and result.values["email"] == ""
    assert result.values["unit"].name == "SD Negeri 001 Kuantan Tengah"


@pytest.mark.django_db
def test_windows_1252_is_read_when_the_file_is_not_utf8():
    data = _csv([{**GOOD_ROW, "alamat": "Jl. Café No. 1"}], delimiter=";")
    data = data.decode().encode("cp1252")
    result = _results(data)[2]
    assert result.is_valid and result.values["address"] == "Jl. Café No. 1"


@pytest.mark.django_db
def test_units_are_found_by_siasn_id_before_their_name():
    unit = Unit.objects.get(code="DINKES.PKM05")
    unit.siasn_id = "ABCDEF0123456789ABCDEF0123456789"
    unit.save()
    row = {**GOOD_ROW, "unor_id": "abcdef0123456789abcdef0123456789", "unor_nama": "Sekretariat"}
    assert _results(_csv([row]))[2].values["unit"] == unit


@pytest.mark.django_db
def test_a_name_shared_by_several_units_is_not_guessed():
    result = _results(_csv([{**GOOD_ROW, "unor_nama": "sekretariat"}]))[2]
    assert [error.column for error in result.errors] == ["unor_nama"]
    assert "isi unor_id" in result.errors[0].message


@pytest.mark.django_db
def test_a_pppk_golongan_on_a_pns_is_refused():
    result = _results(_csv([{**GOOD_ROW, "gol_akhir_id": "IX"}]))[2]
    assert [str(error) for error in result.errors] == [
        "kolom gol_akhir_id: golongan IX adalah golongan PPPK, padahal pegawai ini PNS"]


@pytest.mark.django_db
def test_a_pppk_nip_makes_a_pppk_and_dropped_leading_zeros_are_tolerated():
    row = {**GOOD_ROW, "nip_baru": "'199001152022212015", "tanggal_lahir": "15-01-1990",
           "nik": "'1409025501900001", "gol_akhir_id": "IX", "tmt_cpns": "01-03-2022",
           "tmt_golongan": "01-03-2022", "kedudukan_hukum_id": "1"}
    result = _results(_csv([row]))[2]
    assert result.is_valid, [str(error) for error in result.errors]
    assert result.values["asn_kind"] == AsnKind.PPPK
    assert result.values["legal_status"].code == "01"


@pytest.mark.django_db
def test_a_row_broken_by_an_unquoted_comma_is_refused():
    data = _csv([GOOD_ROW]).replace(b"RINA MARLINA", b"RINA, MARLINA")
    result = _results(data)[2]
    assert not result.is_valid
    assert "kepala kolom berisi 65 kolom" in str(result.errors[0])


def test_a_file_without_required_columns_is_refused_as_a_whole():
    with pytest.raises(ExportFileError, match="nip_baru") as raised:
        list(read_export(b"nama,tanggal_lahir,jenis_kelamin,unor_nama\nA,01-01-1990,M,X\n"))
    assert raised.value.row == 1 and raised.value.column == "nip_baru"


@pytest.mark.django_db
def test_blank_lines_are_skipped_but_counted():
    data = _csv([GOOD_ROW]).replace(b"\n", b"\n\n", 1)
    assert [number for number, _ in read_export(data)] == [3]


@pytest.mark.django_db
def test_empty_masa_kerja_and_status_say_nothing():
    """Empty mk_tahun, mk_bulan, status_cpns_pns are None (leave as recorded), not 0/PNS."""
    row = {**GOOD_ROW, "status_cpns_pns": "null"}
    values = _results(_csv([row]))[2].values
    assert (values["mk_years"], values["mk_months"], values["asn_kind"]) == (None, None, None)


@pytest.mark.django_db
def test_an_unknown_status_refuses_the_row():
    result = _results(_csv([{**GOOD_ROW, "status_cpns_pns": "X"}]))[2]
    assert [(e.column, e.message) for e in result.errors] == [
        ("status_cpns_pns", "'X' bukan status yang dikenal (C atau P)")]


@pytest.mark.django_db
@pytest.mark.parametrize(("cells", "column", "message"), [
    ({"tmt_golongan": "01-01-0201"}, "tmt_golongan", "tidak masuk akal"),
    ({"tmt_jabatan": "01-01-2999"}, "tmt_jabatan", "tidak masuk akal"),
    ({"tanggal_lahir": "01-01-2099"}, "tanggal_lahir", "tidak masuk akal"),
    ({"tanggal_lahir": "12-03-2026"}, "tanggal_lahir", "Tanggal lahir 12-03-2026 ada di masa "
                                                         "depan"),
    ({"tmt_cpns": "01-01-1989", "tmt_golongan": ""}, "tmt_cpns",
     "Pada TMT CPNS 01-01-1989 pegawai baru berusia 3 tahun; usia minimal 18 tahun"),
])
def test_the_import_applies_the_forms_date_rules(cells, column, message):
    """Defects 13 and 19: the import refuses what the onboarding form refuses
    (smart.people.dates): implausible years, a birth date in the future, TMT
    CPNS before age 18 — each with its row's column and an Indonesian reason."""
    refs = ExportReferences.load()
    rows = dict(read_export(_csv([{**GOOD_ROW, **cells}])))
    result = employee_values(rows[2], refs, today=datetime.date(2026, 1, 10))
    assert [error.column for error in result.errors] == [column]
    assert message in result.errors[0].message


def test_column_letters_are_the_spreadsheets():
    from smart.integrations.siasn.export import column_letter

    assert [column_letter(i) for i in (0, 5, 25, 26, 51, 701, 702)] == [
        "A", "F", "Z", "AA", "AZ", "ZZ", "AAA"]
