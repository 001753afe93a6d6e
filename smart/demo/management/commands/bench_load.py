"""``manage.py bench_load``: a bounded load run against gunicorn with 2 workers (issue 10)."""

import json as jsonlib
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from smart.demo.load import MIX, run_load


class Command(BaseCommand):
    help = ("Menjalankan gunicorn (2 worker) di 127.0.0.1 dan mengirim campuran permintaan "
            "pegawai dan verifikator, dibatasi waktu dan jumlah; mencetak permintaan/detik "
            "dan p95.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("--seconds", type=float, default=20, help="Batas waktu (detik).")
        parser.add_argument("--requests", type=int, default=3000,
                            help="Batas jumlah permintaan.")
        parser.add_argument("--concurrency", type=int, default=8, help="Klien serentak.")
        parser.add_argument("--json", type=Path, default=None, help="Berkas keluaran JSON.")

    def handle(self, *args, seconds: float, requests: int, concurrency: int,
               json: Path | None, **options) -> None:
        if not (0 < seconds <= 600 and 0 < requests <= 100_000 and 0 < concurrency <= 64):
            raise CommandError("Batas: 0 < --seconds ≤ 600, 0 < --requests ≤ 100000, "
                               "0 < --concurrency ≤ 64.")
        try:
            result = run_load(seconds=seconds, requests=requests, concurrency=concurrency)
        except (LookupError, RuntimeError) as error:
            raise CommandError(str(error)) from None
        mix = ", ".join(f"{kind} {weight}" for kind, _, weight in MIX)
        self.stdout.write(f"gunicorn 2 workers, {concurrency} clients, mix: {mix}")
        self.stdout.write(f"{result.requests} requests in {result.seconds} s: "
                          f"{result.requests_per_second} req/s, median {result.median_ms} ms, "
                          f"p95 {result.p95_ms} ms, failures {result.failures}")
        if result.cpu_ms_per_request:
            self.stdout.write("CPU ms per request: " + ", ".join(
                f"{name} {ms}" for name, ms in result.cpu_ms_per_request.items()))
        for kind, figures in result.by_kind.items():
            self.stdout.write(f"  {kind}: {figures['requests']} requests, median "
                              f"{figures['median_ms']} ms, p95 {figures['p95_ms']} ms")
        if json is not None:
            json.parent.mkdir(parents=True, exist_ok=True)
            json.write_text(_dumps(result.as_dict()) + "\n", encoding="utf-8")


def _dumps(data) -> str:
    return jsonlib.dumps(data, indent=2)
