"""The demo regency: a deterministic SIASN export and ``manage.py load_demo``."""

import csv
import io
import re
import time
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from smart.access.models import Role, RoleAssignment
from smart.accounts.models import User
from smart.demo.generator import generate_rows, structural_posts, unor_guid, write_demo_export
from smart.demo.loader import DEMO_PASSWORD, ROLE_ORDER
from smart.integrations.siasn.export import COLUMNS, ExportReferences, employee_values, read_export
from smart.people.identity import parse_nik, parse_nip
from smart.people.models import AsnKind, Employee
from smart.references.models import Unit

SMALL = {"n_pns": 150, "n_pppk": 120}
LOGIN = re.compile(r"^(?P<role>[a-z-]+): (?P<username>\d{18}) / (?P<password>\S+)$")
CASES = Path(settings.BASE_DIR).parent / "shared" / "cases" / "import"


def _load(*extra: str) -> list[str]:
    out, note = io.StringIO(), io.StringIO()
    call_command("load_demo", "--pns", "150", "--pppk", "120", *extra, stdout=out, stderr=note)
    return out.getvalue().splitlines()


def _logins(lines: list[str]) -> list[dict[str, str]]:
    return [match.groupdict() for line in lines if (match := LOGIN.match(line))]


# --- the generator -----------------------------------------------------------------------------

def test_the_same_seed_writes_the_same_bytes_and_another_seed_does_not(tmp_path):
    first, again, other = tmp_path / "a.csv", tmp_path / "b.csv", tmp_path / "c.csv"
    write_demo_export(first, seed=7, **SMALL)
    write_demo_export(again, seed=7, **SMALL)
    write_demo_export(other, seed=8, **SMALL)
    assert first.read_bytes() == again.read_bytes()
    assert first.read_bytes() != other.read_bytes()


def test_the_file_has_exactly_the_siasn_export_layout(tmp_path):
    path = tmp_path / "demo.csv"
    assert write_demo_export(path, seed=1, **SMALL) == 270
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == ",".join(COLUMNS)
    if (CASES / "siasn-ok.csv").exists():
        assert lines[0] == (CASES / "siasn-ok.csv").read_text().splitlines()[0]
    row = dict(zip(COLUMNS, next(csv.reader([lines[1]])), strict=True))
    for column in ("nip_baru", "nik", "nomor_hp"):
        assert row[column].startswith("'"), column
    assert "null" in row.values()
    assert re.fullmatch(r"\d\d-\d\d-\d{4}", row["tanggal_lahir"])
    assert re.fullmatch(r"[0-9A-F]{32}", row["unor_id"])


def test_the_full_size_file_is_plausible_and_fast():
    started = time.monotonic()
    rows = [dict(zip(COLUMNS, row, strict=True)) for row in generate_rows(seed=2026)]
    assert time.monotonic() - started < 10
    assert len(rows) == 8064

    def kind(row):
        if row["nip_baru"][13] == "2":
            return "PPPK"
        return "CPNS" if row["status_cpns_pns"] == "C" else "PNS"

    kinds = Counter(kind(row) for row in rows)
    assert kinds["PPPK"] == 3814 and kinds["PNS"] + kinds["CPNS"] == 4250
    assert 20 <= kinds["CPNS"] <= 60
    assert all(row["tmt_pns"] == "null" for row in rows if kind(row) == "CPNS")
    assert len({row["nip_baru"] for row in rows}) == len({row["nik"] for row in rows}) == 8064
    teachers = sum(row["unor_nama"].startswith(("SD Negeri", "SMP Negeri", "Korwil Pendidikan"))
                   for row in rows) / len(rows)
    assert 0.42 <= teachers <= 0.48
    pppk = Counter(row["gol_akhir_id"] for row in rows if kind(row) == "PPPK")
    assert set(pppk) <= {"V", "VII", "IX", "X", "XI"} and pppk["IX"] > pppk["V"]
    heads = {row["jabatan_nama"]: row for row in rows if row["jenis_jabatan_id"] == "1"}
    assert heads["Sekretaris Daerah"]["gol_akhir_id"] in ("43", "44")
    assert heads["Kepala Dinas Kesehatan"]["gol_akhir_id"] in ("42", "43")
    titles = Counter(row["gelar_belakang"] for row in rows)
    assert titles["S.Pd."] > 1000 and titles["A.Md.Kep."] > 50
    assert sum(row["gelar_depan"] == "dr." for row in rows) > 20


def test_every_structural_post_has_an_echelon_of_its_unit():
    posts = structural_posts()
    titles = {post.title: post.echelon for post in posts}
    assert titles["Sekretaris Daerah"] == "21"
    assert titles["Kepala Dinas Kesehatan"] == "22"
    assert titles["Kepala Bidang Mutasi dan Promosi"] == "31"
    assert len({(post.unit_code, post.title) for post in posts}) == len(posts)


@pytest.mark.django_db
def test_a_small_file_round_trips_through_the_reader_without_errors(tmp_path):
    path = tmp_path / "demo.csv"
    write_demo_export(path, seed=3, **SMALL)
    units = list(Unit.objects.all())
    for unit in units:
        unit.siasn_id = unor_guid(unit.code)
    Unit.objects.bulk_update(units, ["siasn_id"])
    refs = ExportReferences.load()
    results = [employee_values(row, refs) for _, row in read_export(path)]
    assert len(results) == 270
    assert [str(error) for result in results for error in result.errors] == []
    nips = [result.values["nip"] for result in results]
    niks = [result.values["nik"] for result in results]
    assert len(set(nips)) == len(set(niks)) == 270
    for nip, nik in zip(nips, niks, strict=True):
        parse_nip(nip)
        assert parse_nik(nik).region_code.startswith("14.09.")
    kinds = Counter(result.values["asn_kind"] for result in results)
    assert kinds[AsnKind.PPPK] == 120 and kinds[AsnKind.PNS] + kinds[AsnKind.CPNS] == 150
    agencies = Unit.objects.filter(depth=2)
    staffed = {result.values["unit"].path[:8] for result in results}
    assert {agency.path for agency in agencies} <= staffed


# --- load_demo ---------------------------------------------------------------------------------

EXPECTED_SCOPES = {
    Role.SYSTEM_MANAGER: None, Role.HR_MANAGER: "DISDIK", Role.SUPER_ADMIN: None,
    Role.DIVISION_ADMIN: None, Role.UNIT_ADMIN: "DINKES", Role.VERIFIER: None,
    Role.EMPLOYEE: None, Role.LEADERSHIP: None,
}
EXPECTED_AGENCY = {
    Role.SYSTEM_MANAGER: "BKPP", Role.HR_MANAGER: "DISDIK", Role.SUPER_ADMIN: "DISKOMINFO",
    Role.DIVISION_ADMIN: "BKPP", Role.UNIT_ADMIN: "DINKES", Role.VERIFIER: "BKPP",
    Role.EMPLOYEE: "DINKES", Role.LEADERSHIP: "SETDA",
}


def _agency_code(employee: Employee) -> str:
    return Unit.objects.get(path=employee.unit.path[:8]).code


@pytest.mark.django_db
def test_load_demo_creates_the_employees_and_one_account_per_role(tmp_path, settings):
    settings.DATA_DIR = tmp_path
    lines = _load()
    assert (tmp_path / "demo" / "siasn-export-demo.csv").exists()
    assert Employee.objects.count() == 270

    logins = _logins(lines)
    assert [login["role"] for login in logins] == ROLE_ORDER == [
        "pengelola-smart", "pengelola-kepegawaian", "super-admin", "admin-bidang", "admin-opd",
        "verifikator", "pegawai", "pimpinan"]
    assert lines == [f"{login['role']}: {login['username']} / {DEMO_PASSWORD}"
                     for login in logins]
    assert len({login["username"] for login in logins}) == 8
    for login in logins:
        role = login["role"]
        user = User.objects.get(username=login["username"])
        employee = user.employee
        assert employee.nip == user.username and user.full_name == employee.display_name
        assert user.check_password(DEMO_PASSWORD)
        assert _agency_code(employee) == EXPECTED_AGENCY[role], role
        grants = set(RoleAssignment.objects.filter(user=user).values_list("role", "unit__code"))
        assert grants == {(role, EXPECTED_SCOPES[role]), (Role.EMPLOYEE, None)}, role

    # The demo employee works where the demo admin-opd can forward their proposals.
    employee = User.objects.get(username=logins[6]["username"]).employee
    assert employee.asn_kind == AsnKind.PNS
    assert employee.unit.kind == Unit.Kind.HEALTH_CENTRE
    assert employee.unit.path.startswith(Unit.objects.get(code="DINKES").path)
    head = User.objects.get(username=logins[7]["username"]).employee
    assert head.position_name == "Sekretaris Daerah" and head.echelon.name == "II.a"
    assert Employee.objects.filter(position_type__code="1", echelon__isnull=True).count() == 0


@pytest.mark.django_db
def test_a_second_load_demo_creates_nothing_new(tmp_path, settings):
    settings.DATA_DIR = tmp_path
    first = _load()
    counts = (Employee.objects.count(), User.objects.count(), RoleAssignment.objects.count())
    second = _load()
    assert (Employee.objects.count(), User.objects.count(),
            RoleAssignment.objects.count()) == counts
    assert first == second and len(first) == 8


@pytest.mark.django_db
def test_demo_otp_prints_codes_that_let_the_demo_administrators_in(tmp_path, settings):
    """D-2 in the demo: administrators come enrolled; ``demo_otp`` prints codes
    that the code page accepts, and nothing for the employee and leadership."""
    from django.test import Client
    from django.urls import reverse

    settings.DATA_DIR = tmp_path
    logins = {login["role"]: login["username"] for login in _logins(_load())}
    out = io.StringIO()
    call_command("demo_otp", stdout=out)
    rows = dict(re.findall(r"^([a-z-]+): \d{18} — (\d{6}) — ", out.getvalue(), re.M))
    assert set(rows) == set(ROLE_ORDER) - {Role.EMPLOYEE, Role.LEADERSHIP}
    browser = Client()
    browser.post(reverse("accounts:login"), {"username": logins["verifikator"],
                                             "password": DEMO_PASSWORD})
    assert browser.get(reverse("changes:queue")).url.startswith(reverse("accounts:otp_verify"))
    assert browser.post(reverse("accounts:otp_verify"),
                        {"token": rows["verifikator"]}).status_code == 302
    assert browser.get(reverse("changes:queue")).status_code == 200


@pytest.mark.django_db
def test_a_corrupted_demo_file_stops_with_one_sentence_and_writes_nothing(tmp_path):
    path = tmp_path / "demo.csv"
    write_demo_export(path, seed=5, **SMALL)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    nip = next(csv.reader([lines[4]]))[1]
    lines[4] = lines[4].replace(nip, "1.98503E+17", 1)
    path.write_text("".join(lines), encoding="utf-8")

    with pytest.raises(CommandError) as raised:
        _load("--file", str(path))
    message = str(raised.value)
    assert str(path) in message and "baris 5, kolom nip_baru" in message
    assert "hapus berkas itu agar dibuat ulang" in message
    assert "\n" not in message and message.endswith(".") and message.count(". ") == 0
    assert Employee.objects.count() == 0 and User.objects.count() == 0
    assert not Unit.objects.exclude(siasn_id="").exists()
