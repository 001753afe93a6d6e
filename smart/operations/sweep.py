"""The upload sweep: what interrupted uploads leave behind (issue 8, faults).

A server killed while a large upload is being read leaves Django's spool file
in ``FILE_UPLOAD_TEMP_DIR``; those are never documents and are removed once
older than the grace period. A worker killed between writing a document's file
and committing its row leaves a file in the store that no row names and no
"documents.document.store" audit event mentions: the sweep moves it to
``SMART_QUARANTINE_DIR`` (nothing in the store is ever deleted) and reports
it. A row-less file that *does* have a store event is not an interrupted
upload but lost data; it stays for the archive check and a person to decide.
Other apps' leftovers (uploaded exports of imports that went no further) are
swept by their own functions, named in ``settings.SMART_UPLOAD_SWEEPS``.
A backup killed midway leaves its unencrypted work folder and a half archive in
``SMART_BACKUP_DIR``: removed when no backup holds the folder's lock.
"""

from __future__ import annotations

import datetime
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

from smart.audit.models import AuditEvent
from smart.documents.models import Document
from smart.operations.backups import backup_leftovers_remove, backup_lock, document_files

GRACE = datetime.timedelta(hours=1)
_STORED_NAME = re.compile(r"\d+/(?P<uuid>[0-9a-f-]{36})\.[a-z0-9]+")


@dataclass
class UploadSweep:
    spool_removed: list[str] = field(default_factory=list)
    quarantined: list[str] = field(default_factory=list)
    others_removed: list[str] = field(default_factory=list)
    backup_leftovers: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.quarantined

    @property
    def summary(self) -> str:
        return (f"{len(self.spool_removed)} berkas unggahan yang terputus dihapus, "
                f"{len(self.quarantined)} berkas tanpa catatan dipindahkan ke karantina, "
                f"{len(self.others_removed)} berkas impor lama dihapus, "
                f"{len(self.backup_leftovers)} sisa pencadangan yang terputus dihapus.")


def _older_than(path: Path, limit: datetime.datetime) -> bool:
    modified = datetime.datetime.fromtimestamp(path.stat().st_mtime, tz=datetime.UTC)
    return modified < limit


def upload_sweep(now: datetime.datetime | None = None) -> UploadSweep:
    now = now or timezone.now()
    limit = now - GRACE
    result = UploadSweep()
    spool = Path(settings.FILE_UPLOAD_TEMP_DIR)
    if spool.is_dir():
        for path in sorted(spool.iterdir()):
            if path.is_file() and _older_than(path, limit):
                path.unlink(missing_ok=True)
                result.spool_removed.append(path.name)
    backup_dir = Path(settings.SMART_BACKUP_DIR)
    if backup_dir.is_dir():
        with backup_lock(backup_dir) as locked:
            if locked:  # else a backup is running: its work folder is not a leftover
                result.backup_leftovers = backup_leftovers_remove(backup_dir)
    root = Path(settings.MEDIA_ROOT)
    on_disk = dict(document_files(root))
    named = set(Document.objects.filter(file__in=list(on_disk)).values_list("file", flat=True))
    quarantine = Path(settings.SMART_QUARANTINE_DIR) / f"{now:%Y%m%dT%H%M%S}"
    for name in sorted(set(on_disk) - named):
        match = _STORED_NAME.fullmatch(name)
        path = on_disk[name]
        if match is None or not _older_than(path, limit):
            continue  # not one of ours, or an upload still being committed
        if AuditEvent.objects.filter(action="documents.document.store",
                                     data__uuid=match["uuid"]).exists():
            continue  # a stored document whose row is gone: for the archive check
        target = quarantine / name
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        shutil.move(path, target)
        result.quarantined.append(name)
    for dotted in settings.SMART_UPLOAD_SWEEPS:
        result.others_removed += import_string(dotted)(now=now)
    return result
