"""Helpers of the import tests: a batch from a file, a run that records."""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

from django.conf import settings

from smart.integrations.imports import import_dir
from smart.integrations.models import ImportBatch
from smart.integrations.siasn.export import COLUMNS

CASES = Path(settings.BASE_DIR).parent / "shared" / "cases" / "import"

GOOD_ROW = {
    "nip_baru": "'198503122010012004", "nama": "RINA MARLINA", "tanggal_lahir": "12-03-1985",
    "jenis_kelamin": "F", "nik": "'1409025203850001", "tmt_cpns": "01-01-2010",
    "gol_akhir_id": "33", "tmt_golongan": "01-04-2018", "status_cpns_pns": "P",
    "unor_nama": "SD Negeri 001 Kuantan Tengah", "kedudukan_hukum_id": "01",
}


def csv_bytes(rows: list[dict[str, str]], *, header: list[str] | None = None,
              delimiter: str = ",") -> bytes:
    """A small export: the given cells, everything else ``null``."""
    header = header or list(COLUMNS)
    lines = [delimiter.join(header)]
    for row in rows:
        lines.append(delimiter.join(row.get(name.lower(), "null") for name in header))
    return ("\n".join(lines) + "\n").encode()


class RecordingRun:
    """The ``run`` a job handler gets, without the queue: records progress and
    checkpoints; ``cancel_after`` progress reports it raises like a cancel."""

    class Cancelled(Exception):
        pass

    def __init__(self, cancel_after: int | None = None) -> None:
        self.reports: list[tuple[int, int | None]] = []
        self.states: list[dict] = []
        self.cancel_after = cancel_after

    def progress(self, done, total=None, message=""):
        self.reports.append((done, total))
        if self.cancel_after is not None and len(self.reports) >= self.cancel_after:
            raise self.Cancelled

    def save_state(self, state):
        self.states.append(state)


def batch_from(source: Path | bytes, owner, *, name: str = "", suffix: str = ".csv",
               mode: str = ImportBatch.Mode.KEEP_VALID) -> ImportBatch:
    """A batch as the upload leaves it, without the view and the queue."""
    stored = f"{uuid.uuid4()}{suffix}"
    target = import_dir() / stored
    if isinstance(source, bytes):
        target.write_bytes(source)
    else:
        shutil.copyfile(source, target)
        name = name or source.name
    return ImportBatch.objects.create(owner=owner, filename=name or f"uji{suffix}",
                                      stored_name=stored, file_kind=suffix.lstrip("."),
                                      size=target.stat().st_size, mode=mode)
