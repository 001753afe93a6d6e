"""Archive integrity (R-PROC-4): every supporting document against its SHA-256.

Finds documents whose file is missing or changed (size or SHA-256 differ from
the row), and orphans both ways: files in the store that no row names, and
rows without a file. It only reports; nothing is deleted or repaired, because
deciding which side is right needs a person (D-5).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from smart.documents.models import Document
from smart.operations.backups import document_files, file_sha256


@dataclass
class ArchiveCheck:
    checked: int = 0
    missing: list[str] = field(default_factory=list)  # document uuids whose file is gone
    changed: list[str] = field(default_factory=list)  # document uuids whose file differs
    orphan_files: list[str] = field(default_factory=list)  # store names without a row
    report: str = ""  # the report's file name under SMART_REPORT_DIR

    @property
    def ok(self) -> bool:
        return not (self.missing or self.changed or self.orphan_files)

    def summary(self) -> str:
        return (f"{self.checked} dokumen diperiksa: {len(self.missing)} tanpa berkas, "
                f"{len(self.changed)} berkas berubah, {len(self.orphan_files)} berkas yatim.")


def archive_check() -> ArchiveCheck:
    root = Path(settings.MEDIA_ROOT)
    on_disk = dict(document_files(root))
    result = ArchiveCheck()
    named: set[str] = set()
    rows = Document.objects.order_by("pk").values_list("uuid", "file", "size", "sha256")
    for uuid, name, size, sha256 in rows.iterator(chunk_size=2000):
        result.checked += 1
        named.add(name)
        path = on_disk.get(name)
        if path is None:
            result.missing.append(str(uuid))
        elif path.stat().st_size != size or file_sha256(path) != sha256:
            result.changed.append(str(uuid))
    result.orphan_files = sorted(set(on_disk) - named)
    result.report = _write_report(result)
    return result


def _write_report(result: ArchiveCheck) -> str:
    directory = Path(settings.SMART_REPORT_DIR)
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    now = timezone.now()
    name = f"archive-check-{now:%Y%m%dT%H%M%S%f}Z.json"
    content = {"at": now.isoformat(), "summary": result.summary(),
               **{key: value for key, value in asdict(result).items() if key != "report"}}
    path = directory / name
    path.write_text(json.dumps(content, indent=1, ensure_ascii=False))
    path.chmod(0o600)
    return name
