"""The benchmark of SMART's pages against the current database (issue 10).

Rules:

* In process, with Django's test client against the real database: each
  page gets ``warmup`` unmeasured requests, then ``repeat`` measured ones;
  the table shows median and p95 in ms, the median CPU time of this process
  (SQLite's work included, PostgreSQL's not; it hardly moves when other
  programs share the cores), queries per request and the peak Python memory
  of one further request (tracemalloc, which slows a request down, so it is
  never timed).
* Signed in as the demo accounts (``load_demo`` / ``scale_generate``); the
  administrative ones past the second factor the way the test client does
  (a confirmed authenticator on the session), since a TOTP code may not be
  used twice.
* The floor of the list and profile pages is the bare SQL the page ran:
  the reads of each measured request, captured, then executed directly on
  the cursor in a transaction that is rolled back; writes (the session,
  the profile's audit event) are left out. ``ratio`` is page time over
  floor time.
* Every failed answer (not 200, or 302 for the sign-in) is reported as an
  error in the row, never hidden.
* The SIASN import row runs ``bench_import`` (a generated export of
  ``import_rows`` rows, preview + apply) in a child process on a fresh SQLite
  database in a temporary folder: the import's figures are for a first import
  into an empty regency (issue 6), which the benchmark's own database is not.
  One run, so median = that run; ``--import-rows 0`` leaves it out.
* No timing is asserted anywhere: this reports, the tests only check that
  every row is produced.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from smart.access.models import Role
from smart.accounts.models import User
from smart.api.pagination import cursor_for
from smart.demo.bench_import import ImportBench, Pass
from smart.demo.loader import DEMO_PASSWORD
from smart.demo.logins import demo_login
from smart.people.models import Employee
from smart.references.models import Golongan, Unit

IMPORT_ROW = "SIASN import"
FIRST_IMPORT = ("pratinjau pertama", "terapkan pertama")
HOST = "127.0.0.1"  # in ALLOWED_HOSTS by default, unlike the test client's "testserver"
_READS = ("SELECT", "WITH")


@dataclass
class Row:
    name: str
    status: str = "ok"  # ok, error: …, not built yet
    median_ms: float | None = None
    p95_ms: float | None = None
    cpu_ms: float | None = None  # median CPU time of this process (robust to a busy machine)
    queries: int | None = None
    peak_kib: int | None = None
    floor_ms: float | None = None
    ratio: float | None = None
    note: str = ""


@dataclass
class Case:
    name: str
    request: Callable[[], object]  # one request; returns the response
    expect: int = 200
    floor: bool = False
    note: str = ""
    repeat: int | None = None  # at most this many measured requests (the heavy files)


@dataclass
class Report:
    vendor: str
    employees: int
    entries: int
    warmup: int
    repeat: int
    rows: list[Row] = field(default_factory=list)

    def as_json(self) -> str:
        return json.dumps(asdict(self), indent=2)


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (p95 of 20 values is the 19th)."""
    ordered = sorted(values)
    rank = max(1, -(-int(share * 100) * len(ordered) // 100))
    return ordered[min(rank, len(ordered)) - 1]


def signed_in_client(user: User) -> Client:
    """A client signed in past both factors (see ``conftest.SecondFactorClient``)."""
    client = Client(HTTP_HOST=HOST)
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def demo_user(role: str) -> User:
    """The demo login holding ``role`` (``logins.demo_login``)."""
    user = demo_login(role)
    if user is None:
        raise LookupError(f"Tidak ada akun demo dengan peran {role}: muat data dengan "
                          f"load_demo atau scale_generate lebih dahulu.")
    return user


def employee_only_user() -> User:
    """The demo employee: the demo login whose only role is "pegawai"."""
    user = demo_login(Role.EMPLOYEE)
    if user is None:
        raise LookupError("Tidak ada akun demo pegawai: muat data demo lebih dahulu.")
    return user


def _sign_in(username: str) -> object:
    response = Client(HTTP_HOST=HOST).post(reverse("accounts:login"),
                             {"username": username, "password": DEMO_PASSWORD})
    return response


def _uncached(request: Callable):
    """``request`` with every kept order and count forgotten first."""
    cache.clear()
    return request()


def page_cases() -> list[Case]:
    """The measured pages, on fixed parameters chosen from the data."""
    verifier = signed_in_client(demo_user(Role.VERIFIER))
    employee_user = employee_only_user()
    employee = signed_in_client(employee_user)
    own = Employee.objects.filter(user=employee_user).only("pk").first()
    total = Employee.objects.count()
    middle = Employee.objects.order_by("nip").only("pk", "name")[total // 2]
    word = max(middle.name.split(), key=len)
    subtree = Unit.objects.filter(code="DISDIK").first()
    golongan = Golongan.objects.filter(code="32").first()  # III/b, common in schools
    employees_url = reverse("people:employee_list")
    pages = max(1, -(-total // 25))
    statistics_url, duk_url = reverse("reports:statistics"), reverse("reports:duk")
    duk_xlsx_url = reverse("reports:duk_xlsx")
    api_url = reverse("api:employee_list")
    disdik = {"unit": subtree.pk} if subtree else {}
    filters = {"unit": subtree.pk if subtree else "", "golongan": golongan.pk if golongan else ""}
    api_cursor = cursor_for(middle.pk)
    cases = [
        Case("login (employee, password)", lambda: _sign_in(employee_user.username), 302,
             note="one password hash per request"),
        Case("employee list: first page", lambda: verifier.get(employees_url), floor=True),
        Case("employee list: name search", lambda: verifier.get(employees_url, {"q": word}),
             floor=True, note=f"q={word}"),
        Case("employee list: unit subtree + golongan",
             lambda: verifier.get(employees_url, filters), floor=True,
             note="DISDIK + " + (golongan.code if golongan else "-")),
        # The last page: "page" for the numbered pagination of before issue 10's
        # fix, "last" for the keyset one (each ignores the other's parameter).
        Case("employee list: deep page",
             lambda: verifier.get(employees_url, {"page": pages, "last": 1}), floor=True,
             note=f"last page ({pages})"),
        Case("employee list: keyset page (middle)",
             lambda: verifier.get(employees_url, {"after": middle.pk}), floor=True,
             note="after= the middle employee"),
        Case("profile (verifier)",
             lambda: verifier.get(reverse("records:profile", args=[middle.pk])), floor=True,
             note="seen before: sections kept on PostgreSQL (decision 219)"),
        Case("profile (verifier): sections not kept",
             lambda: _not_kept(verifier, reverse("records:profile", args=[middle.pk])),
             floor=True, note="every view reads and renders (a first view)"),
    ]
    if own is not None:
        cases.append(Case("own profile (employee)",
                          lambda: employee.get(reverse("records:profile", args=[own.pk])),
                          floor=True))
    cases += [
        Case("verifier queue", lambda: verifier.get(reverse("changes:queue"))),
        Case("statistics page", lambda: verifier.get(statistics_url), note="whole regency"),
        # The first view orders the list; above 5,000 PNS the order is then kept a
        # few minutes (decision 149), so the next pages only read their rows.
        Case("DUK page: first view (ordering)", lambda: _uncached(
            lambda: verifier.get(duk_url, disdik)), repeat=5, note="DISDIK subtree, today"),
        Case("DUK page", lambda: verifier.get(duk_url, disdik), repeat=5,
             note="DISDIK subtree, today; order kept from the first view"),
        Case("DUK page (whole regency)", lambda: verifier.get(duk_url), repeat=3),
        Case("DUK Excel export", lambda: _file_in_the_request(
            lambda: verifier.get(duk_xlsx_url, disdik)), repeat=3,
             note="DISDIK subtree; made in the request, as the worker would"),
        Case("API list endpoint", lambda: verifier.get(api_url, {"limit": 50}), floor=True,
             note="first page, limit 50, session"),
        Case("API list endpoint: after a cursor",
             lambda: verifier.get(api_url, {"limit": 50, "cursor": api_cursor}), floor=True,
             note="cursor at the middle id"),
    ]
    return cases


def _file_in_the_request(request: Callable[[], object]) -> object:
    """A big export needs an approved data release (Pasal 24(2)) and is made by a
    background job; the bench times the file, not the approval or the queue, so
    both thresholds are lifted: the request makes the file as the worker would."""
    with override_settings(SMART_RELEASE_ROW_THRESHOLD=10**9, SMART_LARGE_EXPORT_ROWS=10**9):
        return request()


def _floor(queries: list[dict]) -> float:
    """Seconds to run the captured reads bare, in a transaction rolled back
    afterwards. Writes (the audit event, the session) are left out: an audit
    event's hash is unique, so it cannot be inserted twice."""
    statements = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(_READS)]
    with transaction.atomic():
        started = time.perf_counter()
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
                if cursor.description is not None:
                    cursor.fetchall()
        elapsed = time.perf_counter() - started
        transaction.set_rollback(True)
    return elapsed


def _not_kept(client: Client, url: str):
    """A profile view that keeps and finds no sections, as a first view."""
    with override_settings(SMART_PROFILE_SECTIONS_SECONDS=0):
        return client.get(url)


def measure(case: Case, *, warmup: int, repeat: int) -> Row:
    row = Row(case.name, note=case.note)
    try:
        for _ in range(min(warmup, case.repeat or warmup)):
            case.request()
        times, cpu, floors = [], [], []
        for _ in range(min(repeat, case.repeat or repeat)):
            with CaptureQueriesContext(connection) as captured:
                started, cpu_started = time.perf_counter(), time.process_time()
                response = case.request()
                times.append(time.perf_counter() - started)
                cpu.append(time.process_time() - cpu_started)
            if response.status_code != case.expect:
                row.status = f"error: HTTP {response.status_code}"
                return row
            if case.floor:
                floors.append(_floor(captured.captured_queries))
        row.queries = len(captured.captured_queries)
        tracemalloc.start()
        case.request()
        row.peak_kib = tracemalloc.get_traced_memory()[1] // 1024
        tracemalloc.stop()
    except Exception as error:  # noqa: BLE001 - a broken page is a row, not a crash
        row.status = f"error: {type(error).__name__}: {error}"
        return row
    row.median_ms = round(statistics.median(times) * 1000, 1)
    row.p95_ms = round(percentile(times, 0.95) * 1000, 1)
    row.cpu_ms = round(statistics.median(cpu) * 1000, 1)
    if floors:
        row.floor_ms = round(statistics.median(floors) * 1000, 2)
        row.ratio = round(statistics.median(times) / max(statistics.median(floors), 1e-6), 1)
    return row


def import_row(result: ImportBench) -> Row:
    """The import benchmark's figures as a row: time = preview + apply of the first
    import (what a user waits for after the upload)."""
    first = [p for p in result.passes if p.name in FIRST_IMPORT]
    again = [p for p in result.passes if p.name not in FIRST_IMPORT]
    seconds = sum(p.seconds for p in first)
    return Row(IMPORT_ROW, median_ms=round(seconds * 1000, 1),
               cpu_ms=round(sum(p.cpu_seconds for p in first) * 1000, 1),
               note=(f"{result.rows:,} rows, SQLite: {result.rows_per_second(*FIRST_IMPORT):,.0f}"
                     f" rows/s end to end; same file again {sum(p.seconds for p in again):.1f} s;"
                     f" peak RSS {result.max_rss_mb:.0f} MB; one run"))


def measure_import(rows: int) -> Row:
    """``bench_import`` in a child process on a fresh SQLite database."""
    manage = str(Path(settings.BASE_DIR) / "manage.py")
    with tempfile.TemporaryDirectory(prefix="smart-bench-import-") as folder:
        env = {**os.environ, "SMART_DATA_DIR": folder, "DATABASE_URL": ""}
        output = Path(folder) / "import.json"
        for command in (["migrate", "-v0"],
                        ["bench_import", "--rows", str(rows), "--json", str(output)]):
            done = subprocess.run([sys.executable, manage, *command], env=env,
                                  capture_output=True, text=True, check=False)
            if done.returncode:
                last = (done.stderr.strip().splitlines() or ["?"])[-1]
                return Row(IMPORT_ROW, status=f"error: {command[0]}: {last}")
        data = json.loads(output.read_text(encoding="utf-8"))
    passes = [Pass(**step) for step in data.pop("passes")]
    return import_row(ImportBench(passes=passes, **data))


def run_bench(*, warmup: int = 3, repeat: int = 20, only: str = "", import_rows: int = 10_000,
              progress: Callable[[str], None] | None = None) -> Report:
    from smart.records.registry import KINDS

    report = Report(vendor=connection.vendor, employees=Employee.objects.count(),
                    entries=sum(kind.model.objects.count() for kind in KINDS),
                    warmup=warmup, repeat=repeat)
    for case in page_cases():
        if only and not any(part.strip() and part.strip() in case.name
                            for part in only.split(",")):
            continue
        row = measure(case, warmup=warmup, repeat=repeat)
        if progress:
            progress(f"{row.name}: {row.status}")
        report.rows.append(row)
    if not only or "import" in only:
        row = (measure_import(import_rows) if import_rows
               else Row(IMPORT_ROW, status="skipped", note="--import-rows 0"))
        if progress:
            progress(f"{row.name}: {row.status}")
        report.rows.append(row)
    return report


def _cell(value) -> str:
    return "–" if value is None else f"{value:g}" if isinstance(value, float) else str(value)


def table(report: Report) -> str:
    """The report as a Markdown table (also readable in a terminal)."""
    head = ("page", "median ms", "p95 ms", "CPU ms", "queries", "peak KiB", "floor ms",
            "page/floor", "status", "note")
    lines = [f"{report.employees} employees, {report.entries} history entries, "
             f"{report.vendor}; {report.warmup} warm-ups, {report.repeat} repetitions",
             "", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for row in report.rows:
        cells = (row.name, row.median_ms, row.p95_ms, row.cpu_ms, row.queries, row.peak_kib,
                 row.floor_ms, row.ratio, row.status, row.note)
        lines.append("| " + " | ".join(_cell(cell) for cell in cells) + " |")
    return "\n".join(lines)
