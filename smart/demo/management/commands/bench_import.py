"""``manage.py bench_import --rows N``: a generated SIASN export through the importer."""

import json as json_module
from dataclasses import asdict
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from smart.demo.bench_import import bench_import, vendor
from smart.demo.loader import DEFAULT_SEED, DemoError


class Command(BaseCommand):
    help = ("Membuat ekspor SIASN berisi N baris lalu mengimpornya (pratinjau + terapkan) ke "
            "basis data tanpa pegawai; mencetak baris/detik dan memori puncak.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("--rows", type=int, default=10_000, help="Jumlah baris (10000).")
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED + 1,
                            help="Benih acak (bawaan 2027).")
        parser.add_argument("--trace-memory", action="store_true",
                            help="Ukur memori Python puncak tiap tahap (tracemalloc; lebih "
                                 "lambat, jadi kecepatannya jangan dipakai).")
        parser.add_argument("--json", type=Path, default=None,
                            help="Berkas keluaran JSON (dipakai oleh manage.py bench).")

    def handle(self, *args, rows: int, seed: int, trace_memory: bool, json: Path | None = None,
               **options) -> None:
        if rows < 100:
            raise CommandError("Jumlah baris harus paling sedikit 100.")
        try:
            result = bench_import(rows=rows, seed=seed, trace_memory=trace_memory)
        except DemoError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Impor {result.rows} baris ke {vendor()}:")
        for step in result.passes:
            counts = {k: step.result.get(k) for k in ("new", "changed", "unchanged", "invalid",
                                                      "created", "updated")}
            memory = (f", memori Python puncak {step.traced_peak_mb:.1f} MB"
                      if step.traced_peak_mb is not None else "")
            self.stdout.write(f"  {step.name:<20} {step.seconds:6.1f} s "
                              f"(CPU {step.cpu_seconds:5.1f} s) "
                              f"{result.rows / step.seconds:8,.0f} baris/detik{memory}  "
                              f"{counts}")
        first = ("pratinjau pertama", "terapkan pertama")
        self.stdout.write(
            f"Ujung ke ujung (pratinjau + terapkan, impor pertama): "
            f"{result.rows_per_second(*first):,.0f} baris/detik menurut jam dinding, "
            f"{result.rows_per_second(*first, cpu=True):,.0f} baris/detik menurut waktu CPU; "
            f"ukuran resident puncak proses {result.max_rss_mb:.0f} MB.")
        if json is not None:
            json_module.dump(asdict(result), json.open("w", encoding="utf-8"), indent=2)
