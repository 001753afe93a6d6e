"""The import benchmark (issue 6, "Performance"): a generated SIASN export of
N rows through the real importer — preview, then apply — end to end.

Figures, printed and never asserted (docs/performance.md):

* rows per second of preview + apply (the two passes a user waits for);
* peak traced Python memory of each pass (``tracemalloc``) when asked for —
  it must not grow with N, because the file is streamed and written in
  chunks — and the process's peak resident size (``getrusage``).

The database must hold no employees (the figures are for a first import);
the second, identical import is timed too: it must find 0 new, 0 changed.
"""

from __future__ import annotations

import resource
import shutil
import sys
import time
import tracemalloc
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connection

from smart.demo.generator import write_demo_export
from smart.demo.loader import DemoError, _assign_demo_unit_ids
from smart.demo.scale import split
from smart.integrations.imports import SilentRun, apply_import, import_dir, preview_import
from smart.integrations.models import ImportBatch
from smart.people.models import Employee


@dataclass
class Pass:
    name: str
    seconds: float
    cpu_seconds: float  # this process's CPU time: the figure a shared machine distorts least
    traced_peak_mb: float | None
    result: dict = field(default_factory=dict)


@dataclass
class ImportBench:
    rows: int
    passes: list[Pass]
    max_rss_mb: float

    def rows_per_second(self, *names: str, cpu: bool = False) -> float:
        seconds = sum(p.cpu_seconds if cpu else p.seconds for p in self.passes
                      if p.name in names)
        return self.rows / seconds if seconds else 0.0


def bench_export_path(rows: int, seed: int) -> Path:
    return Path(settings.DATA_DIR) / "demo" / f"siasn-export-bench-{rows}-{seed}.csv"


def _timed(name: str, work, trace: bool) -> Pass:
    if trace:
        tracemalloc.start()
    started, cpu = time.perf_counter(), time.process_time()
    result = work()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak = None
    if trace:
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    return Pass(name, seconds, cpu, peak, result)


def _batch(path: Path) -> ImportBatch:
    stored = f"{uuid.uuid4()}.csv"
    shutil.copyfile(path, import_dir() / stored)
    return ImportBatch.objects.create(owner=None, filename=path.name, stored_name=stored,
                                      file_kind="csv", size=path.stat().st_size,
                                      mode=ImportBatch.Mode.KEEP_VALID)


def bench_import(*, rows: int, seed: int, trace_memory: bool = False) -> ImportBench:
    if Employee.objects.exists():
        raise DemoError("Basis data sudah berisi pegawai; benchmark impor butuh basis data "
                        "tanpa pegawai (mis. SMART_DATA_DIR baru, lalu migrate).")
    path = bench_export_path(rows, seed)
    if not path.exists():
        n_pns, n_pppk = split(rows)
        write_demo_export(path, seed=seed, n_pns=n_pns, n_pppk=n_pppk)
    _assign_demo_unit_ids()
    passes = []
    for round_name in ("pertama", "ulang"):
        batch = _batch(path)
        passes.append(_timed(f"pratinjau {round_name}",
                             lambda b=batch: preview_import(b, SilentRun()), trace_memory))
        batch.refresh_from_db()
        passes.append(_timed(f"terapkan {round_name}",
                             lambda b=batch: apply_import(b, SilentRun()), trace_memory))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    rss = peak / 2**20 if sys.platform == "darwin" else peak / 1024
    return ImportBench(rows=Employee.objects.count(), passes=passes, max_rss_mb=rss)


def vendor() -> str:
    return connection.vendor
