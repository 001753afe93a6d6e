"""Backups that restore (R-PROC-4, Perbup 35/2020 Pasal 16 and 23).

One run makes one archive: the database (a consistent copy, see
``databases``), every file of the document store and ``manifest.json`` with
the SHA-256 of each file and the canonical export of the copied database, in
a gzip'd tar encrypted to the backup key (``encryption``). The archive is
written under a temporary name and renamed when whole, copied to the
disaster-recovery directory and/or shipped to S3-compatible object storage
(``objectstore``) when set, and old archives are rotated away (daily / weekly /
monthly, newest kept per period) in each place. A disaster-recovery copy that
fails is reported (``BackupResult.dr_failures``) and never costs the local
archive.

The database is copied before the documents are read: a document's file is
written before its row commits, so every row in the copy finds its file.
"""

from __future__ import annotations

import contextlib
import datetime
import fcntl
import hashlib
import io
import json
import os
import re
import shutil
import tarfile
import tempfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils import timezone

from smart.operations import databases
from smart.operations.canonical import canonical_export
from smart.operations.encryption import (
    EncryptionError,
    check_public_key,
    decrypt_file,
    encrypt_file,
)

FORMAT = 1
ARCHIVE_SUFFIX = ".tar.gz.gpg"
_ARCHIVE_NAME = re.compile(r"^smart-(\d{8}T\d{6}\.\d{6})Z\.tar\.gz\.gpg$")
_STAMP = "%Y%m%dT%H%M%S.%f"
# The health endpoint's probe file (smart.operations.health), never a document.
HEALTH_PROBE_PREFIX = ".sehat-"
DATABASE_FILES = {databases.SQLITE: "database.sqlite3",
                  databases.POSTGRESQL: "database.pgdump"}


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the operator (Indonesian)."""


@dataclass
class BackupResult:
    archive: Path
    manifest: dict
    sha256: str
    dr_copy: Path | None = None
    # The object key of the verified copy in S3-compatible storage, if shipped.
    dr_s3_key: str = ""
    dr_failures: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    # What killed runs had left (``.work-*`` folders, ``*.partial`` files), removed first.
    leftovers: list[str] = field(default_factory=list)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def document_files(root: Path) -> list[tuple[str, Path]]:
    """Every file of the document store as (name relative to ``root``, path), sorted."""
    if not root.exists():
        return []
    found = []
    for path in root.rglob("*"):
        if path.is_file() and not path.name.startswith(HEALTH_PROBE_PREFIX):
            found.append((path.relative_to(root).as_posix(), path))
    return sorted(found)


def documents_manifest(root: Path) -> dict[str, dict]:
    return {name: {"sha256": file_sha256(path), "size": path.stat().st_size}
            for name, path in document_files(root)}


# --- Names and rotation ----------------------------------------------------------

def archive_name(moment: datetime.datetime) -> str:
    return f"smart-{moment.astimezone(datetime.UTC).strftime(_STAMP)}Z{ARCHIVE_SUFFIX}"


def archive_moment(name: str) -> datetime.datetime | None:
    """The time in an archive's name, or None for any other name."""
    match = _ARCHIVE_NAME.match(name)
    if not match:
        return None
    return datetime.datetime.strptime(match[1], _STAMP).replace(tzinfo=datetime.UTC)


def archives_in(directory: Path) -> list[tuple[datetime.datetime, Path]]:
    """The archives in ``directory``, oldest first (by the time in their name)."""
    if not directory.is_dir():
        return []
    found = []
    for path in directory.iterdir():
        moment = archive_moment(path.name)
        if moment is not None and path.is_file():
            found.append((moment, path))
    return sorted(found)


def latest_archive(directory: Path | None = None) -> Path | None:
    found = archives_in(directory or Path(settings.SMART_BACKUP_DIR))
    return found[-1][1] if found else None


def rotation_keep(moments: list[datetime.datetime], *, daily: int, weekly: int,
                  monthly: int) -> set[datetime.datetime]:
    """Grandfather-father-son: the newest archive of each of the last ``daily``
    days, ``weekly`` ISO weeks and ``monthly`` months that have one, in
    Jakarta time. The newest archive is always kept."""
    newest_first = sorted(moments, reverse=True)
    keep: set[datetime.datetime] = set(newest_first[:1])
    periods = (
        (daily, lambda d: d.date()),
        (weekly, lambda d: d.isocalendar()[:2]),
        (monthly, lambda d: (d.year, d.month)),
    )
    for count, period_of in periods:
        seen: set = set()
        for moment in newest_first:
            period = period_of(timezone.localtime(moment))
            if period in seen:
                continue
            if len(seen) >= count:
                break
            seen.add(period)
            keep.add(moment)
    return keep


def rotation_drop(found: list[tuple[datetime.datetime, object]]) -> list:
    """Of (time, archive) pairs, the archives the keep settings do not keep."""
    keep = rotation_keep([moment for moment, _ in found],
                         daily=settings.SMART_BACKUP_KEEP_DAILY,
                         weekly=settings.SMART_BACKUP_KEEP_WEEKLY,
                         monthly=settings.SMART_BACKUP_KEEP_MONTHLY)
    return [archive for moment, archive in found if moment not in keep]


def backups_rotate(directory: Path) -> list[str]:
    """Delete the archives rotation does not keep; returns their names."""
    removed = []
    for path in rotation_drop(archives_in(directory)):
        path.unlink()
        removed.append(path.name)
    return removed


# --- Making a backup ---------------------------------------------------------------

def _private_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def _copy_whole(source: Path, directory: Path, sha256: str) -> Path:
    """Copy under a temporary name, check the copy, then rename: never half a file."""
    _private_dir(directory)
    partial = directory / (source.name + ".partial")
    shutil.copyfile(source, partial)
    with partial.open("rb") as stream:
        os.fsync(stream.fileno())
    if file_sha256(partial) != sha256:
        partial.unlink()
        raise BackupError(f"Salinan ke lokasi kedua {directory} tidak sama dengan aslinya.")
    partial.chmod(0o600)
    target = directory / source.name
    os.replace(partial, target)
    return target


def _snapshot_database(target_dir: Path) -> tuple[str, Path, dict]:
    engine = databases.engine_of(connections["default"].settings_dict)
    db_file = target_dir / DATABASE_FILES[engine]
    if engine == databases.SQLITE:
        databases.sqlite_snapshot(db_file)
        with databases.scratch_alias(databases.sqlite_settings(db_file)) as alias:
            export = canonical_export(using=alias)
    else:
        with databases.postgresql_snapshot(db_file) as snapshot:
            export = canonical_export(using=snapshot.alias)
    canonical = {"sha256": export.sha256, "tables": export.tables, "rows": export.rows}
    return engine, db_file, canonical


LOCK_NAME = ".backup.lock"


@contextlib.contextmanager
def backup_lock(backup_dir: Path) -> Iterator[bool]:
    """Whether this process got the backup folder's lock (an exclusive ``flock``,
    not waited for). The kernel drops it when its holder dies, so the holder
    knows that every ``.work-*`` folder and ``*.partial`` file is a killed run's."""
    with (backup_dir / LOCK_NAME).open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def backup_leftovers_remove(backup_dir: Path) -> list[str]:
    """Remove what a killed backup left: its work folder (an unencrypted database
    copy and a plain tar of the documents) and half-written archives, here and in
    the DR folder. Only under ``backup_lock``."""
    removed = []
    for path in sorted(backup_dir.glob(".work-*")):
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path.name)
    folders = [backup_dir]
    if settings.SMART_BACKUP_DR_DIR and Path(settings.SMART_BACKUP_DR_DIR).is_dir():
        folders.append(Path(settings.SMART_BACKUP_DR_DIR))
    for folder in folders:
        for path in sorted(folder.glob("*.partial")):
            path.unlink(missing_ok=True)
            removed.append(path.name)
    return removed


def backup_create(*, now: datetime.datetime | None = None) -> BackupResult:
    """Make one encrypted archive in ``SMART_BACKUP_DIR`` (and the DR directory),
    one run at a time; a killed run's leftovers are removed first."""
    now = now or timezone.now()
    try:
        check_public_key()
    except EncryptionError as error:
        raise BackupError(str(error)) from error
    if connections["default"].in_atomic_block:
        # The copy is taken through this connection; inside a write transaction
        # SQLite's backup would wait for ever and pg_dump would miss the changes.
        raise BackupError("Pencadangan tidak boleh dijalankan di dalam transaksi.")
    backup_dir = _private_dir(Path(settings.SMART_BACKUP_DIR))
    with backup_lock(backup_dir) as locked:
        if not locked:
            raise BackupError("Pencadangan lain sedang berjalan; coba lagi setelah selesai.")
        leftovers = backup_leftovers_remove(backup_dir)
        result = _backup_make(backup_dir, now)
    result.leftovers = leftovers
    return result


def _backup_make(backup_dir: Path, now: datetime.datetime) -> BackupResult:
    name = archive_name(now)
    if (backup_dir / name).exists():
        raise BackupError(f"Arsip {name} sudah ada.")
    work = Path(tempfile.mkdtemp(prefix=".work-", dir=backup_dir))
    try:
        try:
            engine, db_file, canonical = _snapshot_database(work)
        except databases.DatabaseTargetError as error:  # pg_dump failed
            raise BackupError(f"Basis data tidak dapat disalin: {error}") from error
        manifest = {
            "format": FORMAT, "created_at": now.isoformat(), "engine": engine,
            "database": {"file": db_file.name, "sha256": file_sha256(db_file),
                         "size": db_file.stat().st_size},
            "canonical": canonical, "documents": {},
        }
        plain = work / "archive.tar.gz"
        with tarfile.open(plain, "w:gz") as tar:
            tar.add(db_file, arcname=db_file.name)
            for relative, path in document_files(Path(settings.MEDIA_ROOT)):
                manifest["documents"][relative] = {"sha256": file_sha256(path),
                                                   "size": path.stat().st_size}
                tar.add(path, arcname=f"documents/{relative}")
            content = json.dumps(manifest, indent=1, sort_keys=True).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size, info.mtime, info.mode = len(content), int(now.timestamp()), 0o600
            tar.addfile(info, io.BytesIO(content))
        partial = backup_dir / (name + ".partial")
        try:
            encrypt_file(plain, partial)
        except BaseException as error:
            partial.unlink(missing_ok=True)  # never leave half an archive behind
            if isinstance(error, EncryptionError):
                raise BackupError(str(error)) from error
            raise
        partial.chmod(0o600)
        archive = backup_dir / name
        os.replace(partial, archive)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    result = BackupResult(archive=archive, manifest=manifest, sha256=file_sha256(archive))
    result.removed = backups_rotate(backup_dir)
    _dr_copies_make(result)
    return result


def _dr_copies_make(result: BackupResult) -> None:
    """The disaster-recovery copies (Pasal 16); each failure is recorded, not raised:
    the local archive is whole and stays."""
    from smart.operations import objectstore  # it builds on this module

    if settings.SMART_BACKUP_DR_DIR:
        dr_dir = Path(settings.SMART_BACKUP_DR_DIR)
        try:
            result.dr_copy = _copy_whole(result.archive, dr_dir, result.sha256)
            result.removed += [f"DR:{removed}" for removed in backups_rotate(dr_dir)]
        except (BackupError, OSError) as error:
            result.dr_failures.append(f"Folder DR {dr_dir}: {error}")
    if objectstore.dr_s3_configured():
        try:
            shipped = objectstore.dr_s3_ship(result.archive, result.sha256)
        except BackupError as error:
            result.dr_failures.append(f"S3: {error}")
        except Exception as error:  # an SDK surprise must not turn a good backup into a crash
            result.dr_failures.append(f"S3: {type(error).__name__}: {error}")
        else:
            result.dr_s3_key = shipped.key
            result.removed += [f"S3:{removed}" for removed in shipped.removed]


# --- Reading and restoring a backup ----------------------------------------------------

@dataclass
class Unpacked:
    manifest: dict
    database: Path
    documents: Path


def _corrupt(archive: Path, why: str) -> BackupError:
    return BackupError(f"Arsip cadangan {archive.name} rusak: {why}. Tidak ada yang dipulihkan.")


def _verify(archive: Path, content: Path) -> dict:
    try:
        manifest = json.loads((content / "manifest.json").read_text())
        database = manifest["database"]
        listed = manifest["documents"]
        expected_engine = manifest["engine"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise _corrupt(archive, "manifest tidak ada atau tidak terbaca") from error
    if manifest.get("format") != FORMAT or DATABASE_FILES.get(expected_engine) != database["file"]:
        raise _corrupt(archive, "format manifest tidak dikenal")
    db_file = content / database["file"]
    if not db_file.is_file() or file_sha256(db_file) != database["sha256"]:
        raise _corrupt(archive, "berkas basis data tidak cocok dengan manifest")
    present = documents_manifest(content / "documents")
    if present != listed:
        missing = sorted(set(listed) - set(present))
        changed = sorted(n for n in set(listed) & set(present) if listed[n] != present[n])
        extra = sorted(set(present) - set(listed))
        raise _corrupt(archive, f"dokumen tidak cocok dengan manifest (hilang {len(missing)}, "
                                f"berubah {len(changed)}, tak terdaftar {len(extra)})")
    return manifest


@contextlib.contextmanager
def backup_unpacked(archive: Path) -> Iterator[Unpacked]:
    """Decrypt and unpack ``archive`` into a private temporary folder and check
    every file against the manifest; refuses (``BackupError``) anything else."""
    if not archive.is_file():
        raise BackupError(f"Arsip cadangan {archive.name} tidak ditemukan.")
    work = Path(tempfile.mkdtemp(prefix="smart-restore-"))
    try:
        plain = work / "archive.tar.gz"
        try:
            decrypt_file(archive, plain)
        except EncryptionError as error:
            raise BackupError(str(error)) from error
        content = work / "content"
        try:
            with tarfile.open(plain, "r:gz") as tar:
                # "data": no absolute names, no "..", no links out, no devices.
                tar.extractall(content, filter="data")
        except (tarfile.TarError, OSError, EOFError, zlib.error) as error:
            raise _corrupt(archive, "isi arsip tidak dapat dibuka") from error
        plain.unlink()
        manifest = _verify(archive, content)
        yield Unpacked(manifest=manifest, database=content / manifest["database"]["file"],
                       documents=content / "documents")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def documents_dir_is_empty(path: Path) -> bool:
    return not path.exists() or not any(path.iterdir())


def _refuse_full_targets(database: dict, documents_dir: Path) -> None:
    engine = databases.engine_of(database)
    empty = (databases.sqlite_is_empty(database) if engine == databases.SQLITE
             else databases.postgresql_is_empty(database))
    if not empty:
        raise BackupError("Basis data tujuan tidak kosong: pemulihan hanya dilakukan ke basis "
                          "data kosong agar tidak ada data yang tertimpa.")
    if not documents_dir_is_empty(documents_dir):
        raise BackupError("Folder dokumen tujuan tidak kosong: pemulihan hanya dilakukan ke "
                          "folder kosong agar tidak ada dokumen yang tertimpa.")


def backup_restore(*, archive: Path, database: dict | None = None,
                   documents_dir: Path | None = None) -> dict:
    """Restore ``archive`` into an empty database and an empty document folder
    (the configured ones unless given); returns the archive's manifest."""
    database = database or connections["default"].settings_dict
    documents_dir = Path(documents_dir or settings.MEDIA_ROOT)
    _refuse_full_targets(database, documents_dir)  # before the slow decryption
    with backup_unpacked(archive) as unpacked:
        engine = databases.engine_of(database)
        if unpacked.manifest["engine"] != engine:
            raise BackupError(f"Cadangan ini berasal dari {unpacked.manifest['engine']}, "
                              f"basis data tujuan {engine}: tidak dapat dipulihkan.")
        try:
            if engine == databases.SQLITE:
                databases.sqlite_restore(unpacked.database, database)
            else:
                databases.postgresql_restore(unpacked.database, database)
        except databases.DatabaseTargetError as error:
            raise BackupError(str(error)) from error
        _private_dir(documents_dir)
        for relative, path in document_files(unpacked.documents):
            target = documents_dir / relative
            _private_dir(target.parent)
            shutil.copyfile(path, target)
            target.chmod(0o600)
        return unpacked.manifest
