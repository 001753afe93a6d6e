"""Time and peak memory of the DUK page query and its files (issue 7, not a test).

    manage.py benchmark_reports [--rows 10000] [--pdf-rows 3000]

Runs as the first regency-wide reader it finds (or --user NIP). When the regency
has fewer PNS than --rows, the list is repeated to reach it: the cost of the
files depends on the number of rows, not on who is in them.
"""

from __future__ import annotations

import time
import tracemalloc

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from smart.access.models import Role, RoleAssignment
from smart.accounts.models import User
from smart.reports.duk import duk_rows
from smart.reports.duk_files import duk_pdf, duk_xlsx
from smart.reports.signing import signing_official


def _measure(function):
    started = time.perf_counter()
    result = function()
    seconds = time.perf_counter() - started
    tracemalloc.start()
    function()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return result, seconds, peak / 2**20


class Command(BaseCommand):
    help = "Measure the DUK query, its Excel and PDF files (time and peak memory)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--rows", type=int, default=10_000)
        parser.add_argument("--pdf-rows", type=int, default=3_000)
        parser.add_argument("--user", default="")

    def handle(self, *args, rows: int, pdf_rows: int, user: str, **options) -> None:
        reader = (User.objects.filter(username=user).first() if user else next(
            (a.user for a in RoleAssignment.objects.filter(
                role__in=[Role.SYSTEM_MANAGER, Role.HR_MANAGER], unit__isnull=True)
                .select_related("user")), None))
        if reader is None:
            raise CommandError("Tidak ada pengguna dengan cakupan seluruh kabupaten.")
        on = timezone.localdate()
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            listed, seconds, peak = _measure(lambda: duk_rows(reader, on))
        self.stdout.write(f"DUK query: {len(listed)} PNS in {seconds:.2f} s, "
                          f"{len(queries) // 2} queries, peak {peak:.0f} MB")
        if not listed:
            raise CommandError("DUK kosong: muat data demo dulu (make run).")
        many = (listed * (rows // len(listed) + 1))[:rows]
        content, seconds, peak = _measure(
            lambda: duk_xlsx(many, scope_label="Kabupaten", on=on))
        self.stdout.write(f"DUK Excel: {len(many)} rows in {seconds:.2f} s, "
                          f"{len(content) / 2**20:.1f} MB file, peak {peak:.0f} MB")
        signer = signing_official()
        few = many[:pdf_rows]
        content, seconds, peak = _measure(lambda: duk_pdf(
            few, scope_label="Kabupaten", on=on, signer=signer, printed_by=reader))
        self.stdout.write(f"DUK PDF: {len(few)} rows in {seconds:.2f} s, "
                          f"{len(content) / 2**20:.1f} MB file, peak {peak:.0f} MB")
