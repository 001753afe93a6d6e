"""Issue 10: the scale generator, the page benchmark and the load run's summary.

No timing is asserted: speed is shown by ``manage.py bench``, not by tests.
"""

import io
import json

import pytest
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.management import CommandError, call_command
from django.db import connection

from smart.accounts.models import User
from smart.changes.models import ChangeRequest
from smart.demo.bench import (
    IMPORT_ROW,
    employee_only_user,
    import_row,
    measure,
    page_cases,
    percentile,
)
from smart.demo.load import MIX, _summary
from smart.demo.loader import ROLE_ORDER
from smart.demo.requests import FEWEST
from smart.demo.scale import scale_generate, split
from smart.demo.tests.test_history import _snapshot
from smart.documents.models import Document
from smart.people.models import AsnKind, Employee
from smart.records import models as m
from smart.records.profile import kinds_present
from smart.records.registry import KINDS


@pytest.fixture
def data_dir(db, tmp_path, settings):
    settings.DATA_DIR = tmp_path
    return tmp_path


def _empty() -> None:
    ChangeRequest.objects.all().delete()
    Document.objects.all().delete()
    Employee.objects.all().delete()
    User.objects.all().delete()


def test_the_generator_writes_n_consistent_employees_in_batches(data_dir):
    result = scale_generate(employees=230, seed=7, batch=100)  # three batches
    assert result.employees == Employee.objects.count() == 230
    n_pns, n_pppk = split(230)
    assert Employee.objects.filter(asn_kind=AsnKind.PPPK).count() == n_pppk
    assert Employee.objects.exclude(asn_kind=AsnKind.PPPK).count() == n_pns
    counts = {kind.slug: kind.model.objects.count() for kind in KINDS}
    assert result.history == counts and result.entries == sum(counts.values())
    assert result.entries >= 10 * 230  # about a dozen entries per employee
    for kind in KINDS:  # every entry validated, each with its history row
        assert not kind.model.objects.filter(validated_at__isnull=True).exists()
        assert kind.model.history.count() == counts[kind.slug]
    assert Employee.history.filter(history_type="+").count() == 230
    assert result.rows == 2 * (230 + result.entries)  # each with its history row
    # The rank and position histories end at the employee's current values.
    for employee in Employee.objects.all():
        rank = m.RankHistory.objects.filter(employee=employee).order_by("-tmt").first()
        assert (rank.golongan_id, rank.tmt) == (employee.golongan_id, employee.tmt_golongan)
        position = m.PositionHistory.objects.filter(employee=employee).order_by("-tmt").first()
        assert (position.unit_id, position.position_name) == (employee.unit_id,
                                                              employee.position_name)
    assert Employee.objects.exclude(appraiser=None).count() > 200
    # One login per role; the proposers and OPD admins of the requests in flight
    # (smart.demo.requests) have accounts without a password.
    logins = User.objects.filter(role_assignments__role__in=ROLE_ORDER).exclude(
        password__startswith=UNUSABLE_PASSWORD_PREFIX).distinct()
    assert logins.count() == len(ROLE_ORDER)
    assert ChangeRequest.objects.count() == FEWEST + 3


def test_the_same_seed_gives_the_same_data_and_another_seed_does_not(data_dir):
    def requests():  # the requests in flight: who proposed what, at which stage
        return sorted(ChangeRequest.objects.values_list("employee__nip", "stage", "proposed"),
                      key=repr)

    scale_generate(employees=200, seed=7, batch=80)
    first, first_requests = _snapshot(), requests()
    _empty()
    scale_generate(employees=200, seed=7, batch=80)
    assert _snapshot() == first and requests() == first_requests
    _empty()
    scale_generate(employees=200, seed=8, batch=80)
    assert _snapshot() != first and requests() != first_requests


def test_the_generator_refuses_too_few_employees(data_dir):
    with pytest.raises(CommandError, match="paling sedikit 200"):
        call_command("scale_generate", "--employees", "199", stdout=io.StringIO(),
                     stderr=io.StringIO())


def test_the_generator_refuses_a_database_with_employees(data_dir):
    call_command("scale_generate", "--employees", "200", stdout=io.StringIO(),
                 stderr=io.StringIO())
    with pytest.raises(CommandError, match="sudah berisi pegawai"):
        call_command("scale_generate", "--employees", "200", stdout=io.StringIO(),
                     stderr=io.StringIO())
    assert Employee.objects.count() == 200


def test_the_command_reports_rows_per_second(data_dir):
    out = io.StringIO()
    call_command("scale_generate", "--employees", "200", "--seed", "3", stdout=out,
                 stderr=io.StringIO())
    assert "200 pegawai" in out.getvalue() and "baris/detik" in out.getvalue()


def test_the_bench_prints_and_writes_every_row(data_dir):
    call_command("scale_generate", "--employees", "200", stdout=io.StringIO(),
                 stderr=io.StringIO())
    out, path = io.StringIO(), data_dir / "bench.json"
    call_command("bench", "--size", "200", "--warmup", "0", "--repeat", "2", "--json", str(path),
                 "--import-rows", "0", stdout=out, stderr=io.StringIO())
    report = json.loads(path.read_text())
    assert report["employees"] == 200 and report["repeat"] == 2
    names = [row["name"] for row in report["rows"]]
    measured = [case.name for case in page_cases()]
    assert names == [*measured, IMPORT_ROW]
    for row in report["rows"]:
        assert row["name"] in out.getvalue()
        if row["name"] == IMPORT_ROW:  # a child process on its own database, tested below
            assert (row["status"], row["note"]) == ("skipped", "--import-rows 0")
            continue
        assert row["status"] == "ok", row
        assert row["median_ms"] > 0 and row["p95_ms"] >= row["median_ms"] and row["queries"]
        assert row["cpu_ms"] is not None
    floors = [row for row in report["rows"] if row["floor_ms"] is not None]
    assert {row["name"] for row in floors} >= {"employee list: first page",
                                              "profile (verifier)"}
    assert all(row["ratio"] > 0 for row in floors)


def test_the_import_row_reports_a_real_first_import_and_its_repetition(data_dir, tmp_path):
    """bench_import --json (what the bench's child process runs) on an empty
    database: the first import creates every row, the same file again changes
    nothing, and the bench row is the first preview + apply."""
    path = tmp_path / "import.json"
    call_command("bench_import", "--rows", "120", "--json", str(path), stdout=io.StringIO())
    data = json.loads(path.read_text())
    assert Employee.objects.count() == data["rows"] == 120
    passes = {step["name"]: step for step in data["passes"]}
    assert passes["terapkan pertama"]["result"]["created"] == 120
    assert passes["terapkan ulang"]["result"]["created"] == 0
    assert passes["terapkan ulang"]["result"]["updated"] == 0
    from smart.demo.bench_import import ImportBench, Pass

    row = import_row(ImportBench(passes=[Pass(**p) for p in data.pop("passes")], **data))
    first = passes["pratinjau pertama"]["seconds"] + passes["terapkan pertama"]["seconds"]
    assert row.name == IMPORT_ROW and row.status == "ok"
    assert row.median_ms == round(first * 1000, 1)
    assert row.note.startswith("120 rows, SQLite:")


def test_the_bench_refuses_a_database_of_another_size(data_dir):
    call_command("scale_generate", "--employees", "200", stdout=io.StringIO(),
                 stderr=io.StringIO())
    with pytest.raises(CommandError, match="200 pegawai, bukan 1000"):
        call_command("bench", "--size", "1000", "--repeat", "1", "--warmup", "0",
                     stdout=io.StringIO(), stderr=io.StringIO())


# Queries per page, pinned: they must not grow with the number of employees.
# The list's code-table selects come from the held code tables (references.held);
# its count is capped (people.listing); with no filter chosen the filter form is
# kept rendered and reads no unit (decision 221). On PostgreSQL each audit write also takes
# the chain's advisory lock: one query more for every page that audits.
QUERIES = {
    "login (employee, password)": 20,  # + 6 with the production hasher (rehash on sign-in)
    "employee list: first page": 7,
    "employee list: name search": 8,
    "employee list: unit subtree + golongan": 10,
    "employee list: deep page": 7,
    "employee list: keyset page (middle)": 8,
    # The profiles: these + one query per record kind the employee has entries in
    # (and one for their documents, if any): decision 156. Never more than 16 kinds.
    "profile (verifier)": 11,
    "profile (verifier): sections not kept": 11,
    "own profile (employee)": 6,
    "verifier queue": 8,  # with requests in it (smart.demo.requests): a page of rows
    # The report pages and files also write their line of the usage log (Pasal 22(3)).
    "statistics page": 19,
    "DUK page: first view (ordering)": 15,
    "DUK page": 15,
    "DUK page (whole regency)": 14,
    "DUK Excel export": 20,
    "API list endpoint": 9,
    "API list endpoint: after a cursor": 9,
}
AUDITED = ("login (employee, password)", "profile (verifier)",
           "profile (verifier): sections not kept", "DUK Excel export",
           "API list endpoint", "API list endpoint: after a cursor")


def _profile_reads(employee, *, kept: bool = True) -> int:
    """The queries a profile spends on the employee's entries (decision 156): none
    on PostgreSQL, where the page seen before keeps its sections (decision 219)."""
    presence = kinds_present(employee.pk, list(KINDS))
    if kept and presence.fingerprint is not None:
        return 0
    return len(presence.found) + int(presence.has_documents)


@pytest.mark.parametrize("employees", [200, 500])
def test_queries_per_page_do_not_grow_with_the_number_of_employees(data_dir, employees):
    scale_generate(employees=employees, seed=5, batch=250)
    found = {case.name: measure(case, warmup=1, repeat=1).queries for case in page_cases()}
    # On PostgreSQL each audit write also takes the chain's advisory lock: the
    # sign-in event and the audited profile read cost one query more there.
    chain_lock = int(connection.vendor == "postgresql")
    expected = {**QUERIES, **{name: QUERIES[name] + chain_lock for name in AUDITED}}
    middle = Employee.objects.order_by("nip")[Employee.objects.count() // 2]
    own = Employee.objects.get(user=employee_only_user())
    expected["profile (verifier)"] += _profile_reads(middle)
    expected["profile (verifier): sections not kept"] += _profile_reads(middle, kept=False)
    expected["own profile (employee)"] += _profile_reads(own)
    assert found == expected


def test_percentile_is_nearest_rank():
    values = [float(n) for n in range(1, 21)]
    assert percentile(values, 0.95) == 19.0
    assert percentile(values, 0.5) == 10.0
    assert percentile([3.0], 0.95) == 3.0


def test_the_load_summary_counts_failures_and_splits_by_kind():
    kind = MIX[0][0]
    samples = [(kind, 0.010 * n, 200) for n in range(1, 20)] + [(MIX[1][0], 0.5, 500)]
    result = _summary(samples, elapsed=2.0)
    assert (result.requests, result.failures, result.requests_per_second) == (20, 1, 10.0)
    assert result.by_kind[kind]["requests"] == 19
    assert result.by_kind[MIX[1][0]]["p95_ms"] == 500.0


def test_copy_writes_the_rows_bulk_create_would_write(data_dir):
    """On PostgreSQL the entries go through COPY: each keeps its values and gets
    its "+" history row with the same values, the import's reason and no user."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("COPY is PostgreSQL's; SQLite uses bulk_create_with_history")
    scale_generate(employees=200, seed=4, batch=200)
    for kind in KINDS:
        model = kind.model
        tracked = [field.attname for field in model.history.model.tracked_fields]
        entries = {row["id"]: row for row in model.objects.values(*tracked)}
        rows = model.history.values(*tracked, "history_type", "history_change_reason",
                                    "history_user_id")
        assert len(rows) == len(entries), kind.slug
        for row in rows:
            assert (row.pop("history_type"), row.pop("history_change_reason"),
                    row.pop("history_user_id")) == ("+", "impor demo", None)
            assert row == entries[row["id"]], kind.slug
        assert not model.objects.filter(created_at__isnull=True).exists()
