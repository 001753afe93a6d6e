"""Time, peak memory and queries of the reports (issue 7 §Performance; not a test).

    manage.py benchmark_reports [--rows 10000] [--pdf-rows 3000] [--user NIP]

Runs as the first regency-wide reader it finds (or --user). Prints, for the
DUK query, its Excel file of --rows rows and its PDF of --pdf-rows rows: the
time, the peak memory (tracemalloc, a second run) and the targets (Excel < 5 s,
PDF < 10 s, memory < 200 MB); then the queries of the statistics page, the
DUK page and the executive dashboard, through the test client as that user.
When the regency has fewer PNS than --rows, the list is repeated to reach it:
the cost of the files depends on the number of rows, not on who is in them.
"""

from __future__ import annotations

import time
import tracemalloc

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from smart.access.models import Role, RoleAssignment
from smart.accounts.models import User
from smart.people.models import Employee
from smart.reports.dashboard import executive_dashboard
from smart.reports.duk import duk_rows
from smart.reports.duk_files import duk_pdf, duk_xlsx
from smart.reports.signing import signing_official
from smart.reports.statistics import statistics_tables, unit_by_golongan

TARGETS = {"excel": 5.0, "pdf": 10.0, "memory": 200.0}


def _measure(function):
    """(result, seconds of a first run, peak MB of a second run under tracemalloc)."""
    started = time.perf_counter()
    result = function()
    seconds = time.perf_counter() - started
    tracemalloc.start()
    function()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return result, seconds, peak / 2**20


def _verdict(seconds: float, limit: float, peak: float) -> str:
    ok = seconds < limit and peak < TARGETS["memory"]
    return (f"target < {limit:.0f} s and < {TARGETS['memory']:.0f} MB: "
            f"{'met' if ok else 'NOT met'}")


class Command(BaseCommand):
    help = "Measure the DUK query and files, and the report pages' queries."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--rows", type=int, default=10_000)
        parser.add_argument("--pdf-rows", type=int, default=3_000)
        parser.add_argument("--user", default="")

    def _reader(self, username: str):
        if username:
            return User.objects.filter(username=username).first()
        return next((a.user for a in RoleAssignment.objects.filter(
            role__in=[Role.SYSTEM_MANAGER, Role.HR_MANAGER, Role.LEADERSHIP],
            unit__isnull=True).select_related("user")), None)

    def handle(self, *args, rows: int, pdf_rows: int, user: str, **options) -> None:
        reader = self._reader(user)
        if reader is None:
            raise CommandError("Tidak ada pengguna dengan cakupan seluruh kabupaten.")
        on = timezone.localdate()
        self.stdout.write(f"Employees in the database: {Employee.objects.count():,}; "
                          f"reading as {reader.get_username()}")
        with CaptureQueriesContext(connection) as queries:
            listed, seconds, peak = _measure(lambda: duk_rows(reader, on))
        self.stdout.write(f"DUK query: {len(listed):,} PNS in {seconds:.2f} s, "
                          f"{len(queries) // 2} queries, peak {peak:.0f} MB")
        if not listed:
            raise CommandError("DUK kosong: muat data demo dulu (make run).")
        many = (listed * (rows // len(listed) + 1))[:rows]
        content, seconds, peak = _measure(
            lambda: duk_xlsx(many, scope_label="Kabupaten", on=on))
        self.stdout.write(f"DUK Excel: {len(many):,} rows in {seconds:.2f} s, "
                          f"{len(content) / 2**20:.1f} MB file, peak {peak:.0f} MB — "
                          f"{_verdict(seconds, TARGETS['excel'], peak)}")
        signer = signing_official()
        few = many[:pdf_rows]
        content, seconds, peak = _measure(lambda: duk_pdf(
            few, scope_label="Kabupaten", on=on, signer=signer, printed_by=reader))
        self.stdout.write(f"DUK PDF: {len(few):,} rows in {seconds:.2f} s, "
                          f"{len(content) / 2**20:.1f} MB file, peak {peak:.0f} MB — "
                          f"{_verdict(seconds, TARGETS['pdf'], peak)}")
        self._functions(reader)
        self._pages(reader)

    def _functions(self, reader) -> None:
        for label, function in (
                ("statistics tables + units × golongan",
                 lambda: (statistics_tables(reader), unit_by_golongan(reader))),
                ("executive dashboard", lambda: executive_dashboard(reader))):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                function()
            self.stdout.write(f"{label}: {time.perf_counter() - started:.2f} s, "
                              f"{len(queries)} queries")

    def _pages(self, reader) -> None:
        """The pages as the reader opens them (second factor taken as done)."""
        client = Client()
        client.force_login(reader)
        device = TOTPDevice.objects.filter(user=reader, confirmed=True).first()
        if device is not None:  # an administrator: the sign-in code counts as given
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
        for label, url in (("statistics page", reverse("reports:statistics")),
                           ("DUK page", reverse("reports:duk")),
                           ("dashboard page", reverse("reports:dashboard"))):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url, HTTP_HOST="127.0.0.1")
            self.stdout.write(f"{label}: HTTP {response.status_code} in "
                              f"{time.perf_counter() - started:.2f} s, {len(queries)} queries")
