"""The restore drill (security.md G3, D-4): restore the latest backup into a
scratch database and folder, and prove it restored what was backed up.

Three checks, all must hold: the canonical export of the restored database
has the SHA-256 recorded in the manifest when the backup was made; the
restored documents match the manifest file by file; the audit chain of the
restored database verifies. A corrupt or undecryptable archive fails the drill
with the reason; nothing is restored over live data (the scratch targets are
created for the drill and removed after it).

``from_dr=True`` drills the disaster-recovery copy instead of the local
archive: the newest object is downloaded from S3-compatible storage (checked
against the SHA-256 stored when it was shipped) or taken from the DR folder,
which proves the copy at the DRC can be restored. Its duration includes the
download: that is what a restore at the DRC takes.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connections

from smart.audit.services import audit_verify_chain
from smart.operations import databases, objectstore
from smart.operations.backups import (
    BackupError,
    backup_restore,
    documents_manifest,
    latest_archive,
)
from smart.operations.canonical import canonical_export


@dataclass
class DrillResult:
    archive: str
    ok: bool
    seconds: float
    checks: dict[str, bool] = field(default_factory=dict)
    error: str = ""
    canonical_sha256: str = ""
    source: str = "lokal"


def _scratch_database(scratch: Path) -> dict:
    default = connections["default"].settings_dict
    if databases.engine_of(default) == databases.SQLITE:
        return databases.sqlite_settings(scratch / "drill.sqlite3")
    # Derived from the live (or test) database's name, so parallel test runs on
    # one server each get their own; PostgreSQL names stop at 63 bytes.
    target = databases.postgresql_settings(f"{default['NAME']}"[:57] + "_drill")
    databases.postgresql_drop(target)
    databases.postgresql_create(target)
    return target


def restore_drill_from_dr() -> DrillResult:
    """The drill on the newest archive of the disaster-recovery copy."""
    started = time.monotonic()
    fetched = objectstore.scratch_dir()
    try:
        try:
            archive, source = objectstore.dr_fetch_latest(fetched)
        except BackupError as error:
            return DrillResult(archive="", ok=False, seconds=time.monotonic() - started,
                               error=str(error), source="DR")
        result = restore_drill(archive=archive)
        result.source = f"DR {source}"
        result.seconds = time.monotonic() - started
        return result
    finally:
        shutil.rmtree(fetched, ignore_errors=True)


def restore_drill(*, archive: Path | None = None) -> DrillResult:
    archive = archive or latest_archive()
    started = time.monotonic()
    if archive is None:
        return DrillResult(archive="", ok=False, seconds=0.0,
                           error=f"Belum ada arsip cadangan di {Path(settings.SMART_BACKUP_DIR)}.")
    scratch = Path(tempfile.mkdtemp(prefix="smart-drill-"))
    target = None
    try:
        target = _scratch_database(scratch)
        manifest = backup_restore(archive=archive, database=target,
                                  documents_dir=scratch / "documents")
        with databases.scratch_alias(target) as alias:
            export = canonical_export(using=alias)
            broken_at = audit_verify_chain(using=alias)
        checks = {
            "canonical_export": export.sha256 == manifest["canonical"]["sha256"],
            "documents": documents_manifest(scratch / "documents") == manifest["documents"],
            "audit_chain": broken_at is None,
        }
        failed = [name for name, passed in checks.items() if not passed]
        error = ""
        if failed:
            error = "Pemeriksaan gagal: " + ", ".join(failed)
            if broken_at is not None:
                error += f" (rantai audit putus pada #{broken_at})"
        return DrillResult(archive=archive.name, ok=not failed, checks=checks, error=error,
                           seconds=time.monotonic() - started,
                           canonical_sha256=export.sha256)
    except (BackupError, databases.DatabaseTargetError) as error:
        return DrillResult(archive=archive.name, ok=False, error=str(error),
                           seconds=time.monotonic() - started)
    finally:
        if target is not None and databases.engine_of(target) == databases.POSTGRESQL:
            databases.postgresql_drop(target)
        shutil.rmtree(scratch, ignore_errors=True)
