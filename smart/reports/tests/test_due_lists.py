"""R-USE (issue 7 §4, domain.md §5.1–5.3): retirement projection, KGB due list
and KP candidates, against hand-computed dates, each row with its rule."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from smart.people.models import AsnKind
from smart.references.models import Echelon, EducationLevel, Golongan, PositionType, Unit
from smart.reports.due import kgb_due, promotion_candidates, retirement_projection
from smart.reports.tests.builders import D
from smart.reports.tests.xlsx import read_xlsx, row
from tests.personas import make_employee

pytestmark = pytest.mark.django_db
UNIT = "DINKES.PKM05"


BORN, GRADE_TMT = D(1980, 1, 1), D(2020, 4, 1)


def person(name, *, kind="4", position="Pelaksana", echelon=None, birth=BORN,
           golongan="33", tmt=GRADE_TMT, mk=(10, 0), asn_kind=AsnKind.PNS, education="40"):
    employee = make_employee(UNIT, name=name, birth=birth, asn_kind=asn_kind)
    employee.position_type = PositionType.objects.get(code=kind)
    employee.position_name = position
    employee.echelon = Echelon.objects.get(code=echelon) if echelon else None
    employee.golongan = Golongan.objects.get(code=golongan)
    employee.tmt_golongan, (employee.mk_years, employee.mk_months) = tmt, mk
    employee.education_level = EducationLevel.objects.get(code=education)
    employee.save()
    return employee


@pytest.fixture
def retiring():
    """BUP: administrators 58, JPT 60, ahli madya 60, ahli utama 65, guru 60,
    ahli pertama 58 (PPPK too); the others retire outside 2030."""
    person("ADMINISTRATOR", kind="1", position="Kepala Bagian Umum", echelon="31",
           birth=D(1972, 3, 15))
    person("JPT", kind="1", position="Kepala Dinas", echelon="22", birth=D(1970, 6, 10))
    person("ESELON III SAMA UMUR", kind="1", position="Kepala Bidang", echelon="31",
           birth=D(1970, 6, 10))
    person("MADYA", kind="2", position="Analis Kebijakan Ahli Madya", birth=D(1970, 1, 20))
    person("MUDA", kind="2", position="Analis Kebijakan Ahli Muda", birth=D(1970, 1, 20))
    person("UTAMA", kind="2", position="Peneliti Ahli Utama", birth=D(1965, 8, 1))
    person("GURU", kind="2", position="Guru Ahli Muda", birth=D(1970, 11, 30))
    person("PELAKSANA DESEMBER", birth=D(1972, 12, 5))
    person("PERAWAT PPPK", kind="2", position="Perawat Ahli Pertama", birth=D(1972, 5, 5),
           asn_kind=AsnKind.PPPK, golongan="IX")
    person("DOKTER TANPA JENJANG", kind="2", position="Dokter", birth=D(1968, 1, 1))


def test_the_retirement_projection_uses_the_bup_of_each_position(cast, retiring):
    result = retirement_projection(cast.system_manager, D(2030, 1, 1), D(2030, 12, 31))
    assert [(r.name, r.date) for r in result.rows] == [
        ("MADYA", D(2030, 2, 1)), ("ADMINISTRATOR", D(2030, 4, 1)),
        ("PERAWAT PPPK", D(2030, 6, 1)), ("JPT", D(2030, 7, 1)), ("UTAMA", D(2030, 9, 1)),
        ("GURU", D(2030, 12, 1)),
    ]
    rules = {r.name: r.rule for r in result.rows}
    assert rules["JPT"].startswith("BUP 60 tahun: pejabat pimpinan tinggi")
    assert rules["UTAMA"].startswith("BUP 65 tahun: jabatan fungsional jenjang ahli utama")
    assert rules["GURU"].startswith("BUP 60 tahun: guru")
    assert "lahir 15-03-1972 → TMT pensiun 01-04-2030" in rules["ADMINISTRATOR"]
    assert [name for name, *_ in result.undetermined] == ["DOKTER TANPA JENJANG"]
    assert [month for month, _ in result.by_month()][:2] == ["Februari 2030", "April 2030"]


def test_kgb_falls_on_odd_mkg_years_for_i_b_to_ii_d_and_even_ones_otherwise(cast):
    """Same SK (MKG 4 years, TMT 2024-01-01): II/b reaches MKG 5 in 2025 and 7 in
    2027; III/a reaches 6 in 2026 and 8 in 2028 — so only II/b is due in 2027."""
    person("II/b", golongan="22", tmt=D(2024, 1, 1), mk=(4, 0))
    person("III/a", golongan="31", tmt=D(2024, 1, 1), mk=(4, 0))
    person("I/a", golongan="11", tmt=D(2025, 3, 1), mk=(0, 0))
    person("PPPK", golongan="IX", tmt=D(2025, 6, 1), asn_kind=AsnKind.PPPK, kind="2",
           position="Perawat Ahli Pertama")
    person("PENSIUN DULU", golongan="11", tmt=D(2025, 3, 1), mk=(0, 0), birth=D(1969, 1, 15))
    result = kgb_due(cast.system_manager, D(2027, 1, 1), D(2027, 12, 31))
    rows = {r.name: r for r in result.rows}
    assert {name: row.date for name, row in rows.items()} == {
        "II/b": D(2027, 1, 1), "I/a": D(2027, 3, 1), "PPPK": D(2027, 6, 1)}
    assert "MKG mencapai 7 tahun" in rows["II/b"].rule and "ganjil" in rows["II/b"].rule
    assert "MKG mencapai 2 tahun" in rows["I/a"].rule and "genap" in rows["I/a"].rule
    assert rows["PPPK"].rule.startswith("PPPK: setiap 2 tahun")


def test_kp_candidates_meet_four_years_and_stay_below_their_ceiling(cast):
    person("EMPAT TAHUN", golongan="32", tmt=D(2022, 10, 1))
    person("BELUM EMPAT", golongan="32", tmt=D(2022, 11, 1))
    person("PLAFON SLTA", golongan="32", tmt=D(2010, 4, 1), education="15")  # ceiling III/b
    person("ESELON IV.B", golongan="33", tmt=D(2015, 4, 1), kind="1", echelon="42",
           position="Kepala Seksi")  # IV.b tops at III/c
    person("PENSIUN SEBELUM", golongan="32", tmt=D(2015, 4, 1), birth=D(1968, 9, 1))
    result = promotion_candidates(cast.system_manager, D(2026, 10, 1))
    assert [r.name for r in result.rows] == ["EMPAT TAHUN"]
    assert "reguler ke III/c" in result.rows[0].rule


def test_the_lists_stay_within_the_scope_and_use_one_query(cast, retiring):
    admin_b = cast.admin_b
    assert retirement_projection(admin_b, D(2030, 1, 1), D(2030, 12, 31)).rows == []
    retirement_projection(cast.system_manager, D(2030, 1, 1), D(2030, 12, 31))
    with CaptureQueriesContext(connection) as queries:
        retirement_projection(cast.system_manager, D(2030, 1, 1), D(2030, 12, 31))
        kgb_due(cast.system_manager, D(2030, 1, 1), D(2030, 12, 31))
        promotion_candidates(cast.system_manager, D(2030, 2, 1))
    assert len(queries) == 3


def test_the_pages_and_files_show_the_rule(client, cast, retiring):
    client.force_login(cast.admin_a)
    dinkes = Unit.objects.get(code="DINKES").pk
    params = {"start": "2030-01-01", "end": "2030-12-31", "unit": dinkes}
    page = client.get(reverse("reports:retirement"), params)
    assert "BUP 65 tahun" in page.content.decode()
    assert page.context["page"].paginator.count == 6
    book = read_xlsx(client.get(reverse("reports:retirement_xlsx"), params).content)
    assert book["cells"]["I6"].startswith("BUP 60 tahun: jabatan fungsional jenjang ahli madya")
    bad = client.get(reverse("reports:kgb"), {"start": "2030-02-01", "end": "2030-01-01"})
    assert "Tanggal akhir tidak boleh sebelum tanggal awal." in bad.content.decode()
    assert client.get(reverse("reports:promotion"), {"on": "2026-09-15"}).context[
        "start"] == D(2026, 10, 1)


def test_kgb_counts_the_months_of_the_sk_towards_the_next_odd_or_even_year(cast):
    """Hand-computed for 2026 (TMT golongan 2024-01-01 unless said): IV/a with SK MKG
    3 y 6 m reaches 4 years on 2024-07-01 and 6 on 2026-07-01 (even: due); II/c with
    2 y 6 m reaches 3 and then 5 on 2026-07-01 (odd: due); III/b with 5 y 0 m
    reaches 6 on 2025-01-01 and 8 on 2027-01-01 (not due); II/a from TMT
    2025-03-01 with no MKG reaches 1 year on 2026-03-01 (odd: due)."""
    person("IV/a", golongan="41", tmt=D(2024, 1, 1), mk=(3, 6))
    person("II/c", golongan="23", tmt=D(2024, 1, 1), mk=(2, 6))
    person("III/b", golongan="32", tmt=D(2024, 1, 1), mk=(5, 0))
    person("II/a", golongan="21", tmt=D(2025, 3, 1), mk=(0, 0))
    rows = {r.name: r for r in kgb_due(cast.system_manager, D(2026, 1, 1), D(2026, 12, 31)).rows}
    assert {name: row.date for name, row in rows.items()} == {
        "IV/a": D(2026, 7, 1), "II/c": D(2026, 7, 1), "II/a": D(2026, 3, 1)}
    assert "MKG mencapai 6 tahun" in rows["IV/a"].rule and "genap" in rows["IV/a"].rule
    assert "MKG mencapai 5 tahun" in rows["II/c"].rule and "ganjil" in rows["II/c"].rule
    assert "MKG mencapai 1 tahun" in rows["II/a"].rule and "SK: MKG 0 th 0 bl" in rows[
        "II/a"].rule


def test_bup_of_the_skill_levels_ahli_muda_and_a_dual_position(cast):
    """Hand-computed for 2030: Perawat Terampil (keterampilan) and an Ahli Muda retire
    at 58, a dual position (rangkap: eselon IV.a plus Ahli Madya) at the higher BUP, 60;
    TMT pensiun is the first of the month after the birthday."""
    person("TERAMPIL", kind="2", position="Perawat Terampil", birth=D(1972, 7, 20))
    person("AHLI MUDA", kind="2", position="Analis SDM Aparatur Ahli Muda",
           birth=D(1972, 2, 10))
    person("RANGKAP", kind="3", position="Kepala Puskesmas / Dokter Ahli Madya",
           echelon="41", birth=D(1970, 10, 5))
    rows = {r.name: r for r in retirement_projection(cast.system_manager, D(2030, 1, 1),
                                                     D(2030, 12, 31)).rows}
    assert {name: row.date for name, row in rows.items()} == {
        "AHLI MUDA": D(2030, 3, 1), "TERAMPIL": D(2030, 8, 1), "RANGKAP": D(2030, 11, 1)}
    assert rows["TERAMPIL"].rule.startswith("BUP 58 tahun: jabatan fungsional jenjang terampil")
    assert rows["RANGKAP"].rule.startswith("BUP 60 tahun: jabatan rangkap")


@pytest.mark.parametrize("name, params", [
    ("reports:kgb", {"start": "9999-12-31"}), ("reports:retirement", {"start": "0001-01-01"}),
    ("reports:promotion", {"on": "9999-12-31"}), ("reports:duk", {"on": "9999-12-31"}),
])
def test_a_date_the_rules_cannot_count_with_is_a_form_error_not_a_500(client, cast, name,
                                                                      params):
    client.force_login(cast.verifier)
    response = client.get(reverse(name), params)
    assert response.status_code == 200
    assert "Tanggal harus antara tahun 1900 dan 2100." in response.content.decode()


def test_people_the_rule_cannot_check_are_listed_in_the_files_not_dropped(client, cast):
    """A PNS without golongan, or without its TMT, is on neither the KGB nor the
    KP list: the page, the Excel and the PDF say who and why ("Data tidak lengkap")."""
    no_grade = person("TANPA GOLONGAN")
    no_grade.golongan = None
    no_grade.save()
    no_tmt = person("TANPA TMT")
    no_tmt.tmt_golongan = None
    no_tmt.save()
    result = kgb_due(cast.verifier, D(2026, 1, 1), D(2026, 12, 31))
    assert sorted(why for name, _nip, why in result.undetermined
                  if name.startswith("TANPA")) == ["TMT golongan kosong", "golongan kosong"]
    result = promotion_candidates(cast.verifier, D(2026, 10, 1))
    reasons = {name: why for name, _nip, why in result.undetermined}
    assert reasons["TANPA GOLONGAN"] == "golongan kosong"
    assert reasons["TANPA TMT"] == "TMT golongan kosong"
    client.force_login(cast.verifier)
    params = {"start": "2026-01-01", "end": "2026-12-31"}
    content = client.get(reverse("reports:kgb_xlsx"), params).content
    first = read_xlsx(content)
    assert first["sheets"][-1] == "Data tidak lengkap"
    incomplete = read_xlsx(content, sheet=len(first["sheets"]))
    listed = {line["Nama"]: line["Mengapa tidak dapat diperiksa"]
              for line in (row(incomplete, n, header=5) for n in range(6, 6 + 20)) if line}
    assert listed["TANPA GOLONGAN"] == "golongan kosong"
    assert listed["TANPA TMT"] == "TMT golongan kosong"
    pdf = client.get(reverse("reports:promotion_pdf"), {"on": "2026-09-15"}).content
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Data tidak lengkap" in text and "TANPA GOLONGAN" in text
    assert "golongan kosong" in text and no_grade.nip_grouped in text
    assert listed and all(" " in line["NIP"] for line in (
        row(incomplete, n, header=5) for n in range(6, 6 + 20)) if line)


def test_the_kgb_and_kp_lists_group_the_nip_on_the_page_and_in_the_files(client, cast):
    """User test: KP and KGB printed 197405052008031019, everywhere else
    "19740505 200803 1 019"."""
    employee = person("BERKALA")
    client.force_login(cast.verifier)
    params = {"start": "2026-01-01", "end": "2026-12-31"}
    page = client.get(reverse("reports:kgb"), params)
    rows = [r for r in page.context["page"].object_list if r.nip == employee.nip]
    assert rows and rows[0].nip_grouped == employee.nip_grouped
    assert employee.nip_grouped in page.content.decode()
    assert employee.nip not in page.content.decode().replace(f"/{employee.pk}/", "")
    book = read_xlsx(client.get(reverse("reports:kgb_xlsx"), params).content)
    nips = [line["NIP"] for line in (row(book, n, header=5) for n in range(6, 40)) if line]
    assert employee.nip_grouped in nips and employee.nip not in nips
    pdf = client.get(reverse("reports:kgb_pdf"), params).content
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert employee.nip_grouped in text


def test_a_functional_position_takes_the_bup_of_its_jf_reference(cast):
    """domain.md §5.1: the JF's own BUP (SIASN usiaBup) before the table. Hand-computed
    TMT pensiun = the 1st of the month after the BUP birthday:
    * BUP 62: born 20-05-1968 → 62 on 20-05-2030 → 01-06-2030 (the table's ahli madya
      60 would give 01-06-2028, outside 2030);
    * BUP 70: born 03-11-1960 → 70 on 03-11-2030 → 01-12-2030 (ahli utama 65: 2025);
    * "Dokter" without a jenjang, linked to Dokter Ahli Madya (60): born 31-03-1970 →
      60 on 31-03-2030 → 01-04-2030, no longer on the "cannot be determined" list."""
    from smart.references.models import FunctionalPosition

    def linked(name, position, birth, *, bup, jf_name):
        employee = person(name, kind="2", position=position, birth=birth)
        employee.functional_position = FunctionalPosition.objects.create(
            code=name[:20], name=jf_name, retirement_age=bup)
        employee.save()

    linked("BUP 62", "Widyaiswara Ahli Madya", D(1968, 5, 20), bup=62,
           jf_name="Widyaiswara Ahli Madya")
    linked("BUP 70", "Peneliti Ahli Utama", D(1960, 11, 3), bup=70,
           jf_name="Peneliti Ahli Utama (profesor riset)")
    linked("DOKTER", "Dokter", D(1970, 3, 31), bup=60, jf_name="Dokter Ahli Madya")
    person("DOKTER TANPA REFERENSI", kind="2", position="Dokter", birth=D(1970, 3, 31))
    result = retirement_projection(cast.system_manager, D(2030, 1, 1), D(2030, 12, 31))
    assert [(r.name, r.date) for r in result.rows] == [
        ("DOKTER", D(2030, 4, 1)), ("BUP 62", D(2030, 6, 1)), ("BUP 70", D(2030, 12, 1))]
    rules = {r.name: r.rule for r in result.rows}
    assert rules["BUP 62"] == ("BUP 62 tahun: referensi jabatan fungsional Widyaiswara Ahli "
                               "Madya; lahir 20-05-1968 → TMT pensiun 01-06-2030")
    assert rules["BUP 70"].startswith("BUP 70 tahun: referensi jabatan fungsional Peneliti")
    assert rules["DOKTER"].startswith("BUP 60 tahun: referensi jabatan fungsional Dokter Ahli")
    assert [name for name, *_ in result.undetermined] == ["DOKTER TANPA REFERENSI"]
    # By the table, BUP 62 would have retired on 01-06-2028 (ahli madya 60).
    assert retirement_projection(cast.system_manager, D(2028, 6, 1), D(2028, 6, 1)).rows == []


def test_a_new_validated_position_links_the_jf_of_its_name_and_drops_the_old_one(cast):
    """The current position comes from validated history (records.services): a
    new position takes the JF of the reference with its name, and never keeps the
    BUP of the JF held before."""
    from smart.records.services import employee_refresh_current
    from smart.references.models import FunctionalPosition
    from smart.reports.tests.builders import position

    madya = FunctionalPosition.objects.create(code="WI-MA", name="Widyaiswara Ahli Madya",
                                              retirement_age=62)
    employee = person("WIDYAISWARA", kind="2", position="Widyaiswara Ahli Muda")
    position(employee, tmt=D(2024, 1, 1), kind="2", name="Widyaiswara Ahli Madya")
    employee_refresh_current(employee)
    employee.refresh_from_db()
    assert employee.functional_position == madya
    position(employee, tmt=D(2025, 1, 1), kind="1", echelon="31", name="Kepala Bidang")
    employee_refresh_current(employee)
    employee.refresh_from_db()
    assert employee.functional_position is None


def test_the_dashboards_link_opens_the_list_of_its_sixty_months(client, cast, retiring):
    """The dashboard's "≤ 60 months" total and the retirement list it links to
    count the same people (the link once opened the default 12 months: 0)."""
    import html
    import re

    client.force_login(cast.leader)
    dashboard = client.get(reverse("reports:dashboard"))
    within_60 = dashboard.context["board"].retirement_totals[-1]
    link = re.search(r'href="([^"]*/pensiun/\?[^"]*)"', dashboard.content.decode()).group(1)
    listing = client.get(html.unescape(link))
    assert listing.context["form"].errors == {}
    assert listing.context["page"].paginator.count == within_60 > 0


def test_a_refused_period_does_not_say_the_list_is_empty(client, cast, retiring):
    client.force_login(cast.admin_a)
    page = client.get(reverse("reports:retirement"), {"start": "2026-01-01",
                                                      "end": "2031-12-31"})
    body = page.content.decode()
    assert "Periode paling lama 60 bulan" in body
    assert "Tidak ada pegawai dalam daftar" not in body
    accepted = client.get(reverse("reports:retirement"), {"start": "2026-01-01",
                                                          "end": "2030-12-31"})
    assert accepted.context["form"].errors == {}
