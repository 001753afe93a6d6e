"""Backups that restore (R-PROC-4, security.md G3/G4, D-4), on the database the suite
runs on: SQLite by default, PostgreSQL with DATABASE_URL.

The backup reads committed data through other connections (pg_dump, the backup
API), so these tests commit for real (transaction=True) and put the seeded
reference tables back afterwards (serialized_rollback).
"""

from __future__ import annotations

import datetime
import gzip
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connections

from smart.audit.models import AuditEvent
from smart.audit.services import audit_record
from smart.changes.models import ChangeRequest, StageEvent
from smart.documents.tests.samples import make_document, pdf_bytes
from smart.notifications.models import Notification
from smart.operations import databases
from smart.operations.backups import (
    archives_in,
    backup_create,
    backup_lock,
    backup_restore,
    backup_unpacked,
    file_sha256,
    rotation_keep,
)
from smart.operations.canonical import canonical_export
from smart.operations.jobs import backup_job, restore_drill_job
from smart.operations.models import Job, OperationRun
from tests.personas import build_cast

committed = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _synthetic_regency():
    """A small regency: the personas, a rank history row, documents, a change
    request with its stage event, and audit events (from the document store)."""
    from tests.test_access_matrix import make_rank

    cast = build_cast()
    make_rank(cast)
    make_document(cast.colleague_a, actor=cast.admin_a)
    make_document(cast.person_b, actor=cast.admin_b, name="ijazah.pdf",
                  content=pdf_bytes(padding=2000))
    change = ChangeRequest.objects.create(
        employee=cast.employee_record, kind="pangkat", action="add",
        proposer=cast.employee, proposed={"sk_number": "823/BKPP/2026/7"}, note="uji")
    StageEvent.objects.create(request=change, to_stage="submitted", move="submit",
                              actor=cast.employee, actor_label="PEGAWAI")
    audit_record(actor=cast.employee, action="changes.request.propose", target=change)
    return cast


# --- Rotation (pure) --------------------------------------------------------------

def test_rotation_keeps_newest_per_day_week_and_month_r_proc_4():
    """R-PROC-4: two archives a day for 400 days keep 1 per day for 14 days, 1 per
    week for 8 weeks, 1 per month for 12 months; the newest always."""
    start = datetime.datetime(2025, 1, 1, 1, 0, tzinfo=datetime.UTC)
    moments = [start + datetime.timedelta(hours=12 * i) for i in range(800)]
    keep = rotation_keep(moments, daily=14, weekly=8, monthly=12)
    newest = max(moments)
    assert newest in keep
    jakarta_days = {m.astimezone(datetime.timezone(datetime.timedelta(hours=7))).date()
                    for m in keep}
    assert len(keep) == len(jakarta_days)  # never two of the same day
    assert 14 <= len(keep) <= 14 + 8 + 12
    assert min(keep) >= newest - datetime.timedelta(days=366)
    recent = [m for m in keep if m > newest - datetime.timedelta(days=14)]
    assert len(recent) == 14
    assert rotation_keep(moments, daily=0, weekly=0, monthly=0) == {newest}


# --- Making a backup ------------------------------------------------------------------

@committed
def test_backup_is_encrypted_with_a_manifest_of_every_file_r_proc_4(backup_settings):
    """R-PROC-4, G3: one archive, not readable without the key, whose manifest holds
    the SHA-256 of the database copy and of every document."""
    cast = _synthetic_regency()
    run = backup_job()
    assert run.ok, run.summary
    [(_, archive)] = archives_in(Path(backup_settings.SMART_BACKUP_DIR))
    raw = archive.read_bytes()
    assert cast.colleague_a.nip.encode() not in raw
    with pytest.raises(gzip.BadGzipFile):
        gzip.decompress(raw)
    with backup_unpacked(archive) as unpacked:
        stored = {name: entry["sha256"] for name, entry in unpacked.manifest["documents"].items()}
        assert unpacked.manifest["database"]["sha256"] == file_sha256(unpacked.database)
    media = Path(backup_settings.MEDIA_ROOT)
    on_disk = {p.relative_to(media).as_posix(): file_sha256(p)
               for p in media.rglob("*") if p.is_file()}
    assert stored == on_disk and len(stored) == 2
    assert run.details["sha256"] == file_sha256(archive)
    assert AuditEvent.objects.filter(action="operations.backup.create").count() == 1


@pytest.mark.django_db
def test_no_key_no_backup_and_the_system_manager_is_told_r_proc_4(backup_settings, cast):
    """R-PROC-4: without the public key nothing unencrypted is written; the failure
    is recorded and the Pengelola SMART notified."""
    backup_settings.SMART_BACKUP_GPG_PUBLIC_KEY = ""
    run = backup_job()
    assert run.ok is False and "SMART_BACKUP_GPG_PUBLIC_KEY" in run.summary
    assert not Path(backup_settings.SMART_BACKUP_DIR).exists()
    assert Notification.objects.filter(user=cast.system_manager,
                                       message__contains="GAGAL").exists()


@pytest.mark.django_db
def test_a_key_with_another_fingerprint_is_refused(backup_settings, cast):
    backup_settings.SMART_BACKUP_GPG_RECIPIENT = "0" * 40
    with pytest.raises(Exception, match="sidik jari"):
        backup_create()
    assert not Path(backup_settings.SMART_BACKUP_DIR).exists()


@committed
def test_the_dr_copy_is_identical_and_rotated_r_ops(backup_settings, tmp_path):
    """Pasal 16 (R-OPS): the second location receives a byte-identical archive."""
    backup_settings.SMART_BACKUP_DR_DIR = str(tmp_path / "drc")
    build_cast()
    result = backup_create()
    assert result.dr_copy is not None
    assert file_sha256(result.dr_copy) == result.sha256 == file_sha256(result.archive)
    assert not list((tmp_path / "drc").glob("*.partial"))


@committed
def test_rotation_deletes_what_it_does_not_keep(backup_settings):
    backup_settings.SMART_BACKUP_KEEP_DAILY = 2
    backup_settings.SMART_BACKUP_KEEP_WEEKLY = 0
    backup_settings.SMART_BACKUP_KEEP_MONTHLY = 0
    base = datetime.datetime(2026, 3, 2, 1, 0, tzinfo=datetime.UTC)
    for day in range(4):
        backup_create(now=base + datetime.timedelta(days=day))
    names = [path.name for _, path in archives_in(Path(backup_settings.SMART_BACKUP_DIR))]
    assert names == ["smart-20260304T010000.000000Z.tar.gz.gpg",
                     "smart-20260305T010000.000000Z.tar.gz.gpg"]


def _killed_run_leftovers(backup_dir: Path) -> list[Path]:
    """What a backup killed midway leaves: its work folder with the unencrypted
    database copy and the plain tar of the documents, and a half archive."""
    work = backup_dir / ".work-k1ll3d"
    work.mkdir(parents=True)
    (work / "database.sqlite3").write_bytes(b"SQLite format 3\x00 unencrypted")
    (work / "archive.tar.gz").write_bytes(b"plain tar of the documents")
    half = backup_dir / "smart-20260301T010000.000000Z.tar.gz.gpg.partial"
    half.write_bytes(b"half an archive")
    return [work, half]


@committed
def test_a_killed_backups_leftovers_are_removed_by_the_next_backup(backup_settings, tmp_path):
    backup_settings.SMART_BACKUP_DR_DIR = str(tmp_path / "drc")
    backup_dir = Path(backup_settings.SMART_BACKUP_DIR)
    leftovers = _killed_run_leftovers(backup_dir)
    dr_half = tmp_path / "drc" / "smart-20260301T010000.000000Z.tar.gz.gpg.partial"
    dr_half.parent.mkdir()
    dr_half.write_bytes(b"half a DR copy")
    build_cast()
    result = backup_create()
    assert not any(path.exists() for path in [*leftovers, dr_half])
    assert sorted(result.leftovers) == sorted([leftovers[0].name, leftovers[1].name,
                                               dr_half.name])
    assert [p.name for p in backup_dir.iterdir() if p.name != ".backup.lock"] == [
        result.archive.name]


@pytest.mark.django_db
def test_the_upload_sweep_removes_them_unless_a_backup_is_running(backup_settings):
    from smart.operations.sweep import upload_sweep

    backup_dir = Path(backup_settings.SMART_BACKUP_DIR)
    leftovers = _killed_run_leftovers(backup_dir)
    with backup_lock(backup_dir) as locked:  # a backup in progress holds the lock
        assert locked
        assert upload_sweep().backup_leftovers == []
        assert all(path.exists() for path in leftovers)
        with backup_lock(backup_dir) as second:  # and a second backup does not start
            assert second is False
    assert len(upload_sweep().backup_leftovers) == 2
    assert not any(path.exists() for path in leftovers)


# --- Restore and the drill ---------------------------------------------------------------

@committed
def test_restore_drill_proves_the_backup_r_proc_4_g3_d4(backup_settings):
    """G3 / D-4: restored into a scratch database (a scratch PostgreSQL database on
    PostgreSQL), the canonical export hashes as before, the documents match the
    manifest and the audit chain verifies."""
    _synthetic_regency()
    before = canonical_export()
    backup_job()
    run = restore_drill_job()
    assert run.ok, run.summary
    assert run.details["checks"] == {"canonical_export": True, "documents": True,
                                     "audit_chain": True}
    assert run.details["canonical_sha256"] == before.sha256
    assert before.rows["people_employee"] >= 7 and before.rows["audit_auditevent"] >= 3
    assert before.rows["changes_changerequest"] == 1
    assert OperationRun.objects.last_successful(Job.RESTORE_DRILL) == run
    if databases.engine_of(connections["default"].settings_dict) == databases.POSTGRESQL:
        drill_db = databases.postgresql_settings(
            connections["default"].settings_dict["NAME"][:57] + "_drill")
        with pytest.raises(Exception):  # noqa: B017 - the scratch database was dropped
            databases.postgresql_is_empty(drill_db)


@committed
def test_a_changed_database_no_longer_matches_the_backup_g3(backup_settings, tmp_path):
    """G3: the canonical export sees a single changed value (the check can fail)."""
    cast = _synthetic_regency()
    result = backup_create()
    target = _scratch_target(tmp_path)
    try:
        backup_restore(archive=result.archive, database=target,
                       documents_dir=tmp_path / "restored")
        with databases.scratch_alias(target) as alias:
            from smart.people.models import Employee

            assert canonical_export(using=alias).sha256 == result.manifest["canonical"]["sha256"]
            Employee.objects.using(alias).filter(pk=cast.colleague_a.pk).update(name="DIUBAH")
            assert canonical_export(using=alias).sha256 != result.manifest["canonical"]["sha256"]
    finally:
        _drop_scratch(target)


@committed
def test_a_corrupted_archive_fails_the_drill_instead_of_restoring_garbage_g3(
        backup_settings):
    """Issue 8 fault: a damaged backup file; the drill says so and names it."""
    build_cast()
    result = backup_create()
    data = bytearray(result.archive.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 64] = bytes(64)
    result.archive.write_bytes(bytes(data))
    run = restore_drill_job()
    assert run.ok is False
    assert result.archive.name in run.summary and "GAGAL" in run.summary
    assert Notification.objects.filter(message__contains="Latihan pemulihan").exists()


@committed
def test_restore_refuses_a_target_that_is_not_empty(backup_settings, tmp_path):
    """R-PROC-4: restore only into an empty database and folder, with an Indonesian
    message; the live database (not empty) is refused untouched."""
    build_cast()
    result = backup_create()
    employees_before = canonical_export().sha256
    with pytest.raises(CommandError, match="Basis data tujuan tidak kosong"):
        call_command("backup_restore", str(result.archive), "--documents",
                     str(tmp_path / "new-docs"))
    full_folder = tmp_path / "full"
    full_folder.mkdir()
    (full_folder / "x.pdf").write_bytes(b"%PDF-")
    target = _scratch_target(tmp_path)
    try:
        with pytest.raises(Exception, match="Folder dokumen tujuan tidak kosong"):
            backup_restore(archive=result.archive, database=target, documents_dir=full_folder)
    finally:
        _drop_scratch(target)
    assert canonical_export().sha256 == employees_before


@committed
def test_restore_command_into_an_empty_target(backup_settings, tmp_path):
    """R-PROC-4: ``backup_restore`` fills an empty database and document folder."""
    _synthetic_regency()
    result = backup_create()
    target = _scratch_target(tmp_path)
    try:
        if databases.engine_of(target) == databases.SQLITE:
            url = f"sqlite:///{target['NAME']}"
        else:
            url = (f"postgres://{target['USER']}@{target['HOST']}:{target['PORT']}/"
                   f"{target['NAME']}")
        call_command("backup_restore", str(result.archive), "--database-url", url,
                     "--documents", str(tmp_path / "restored"))
        with databases.scratch_alias(target) as alias:
            assert canonical_export(using=alias).sha256 == result.manifest["canonical"]["sha256"]
        assert len(list((tmp_path / "restored").rglob("*.pdf"))) == 2
    finally:
        _drop_scratch(target)


def _scratch_target(tmp_path) -> dict:
    default = connections["default"].settings_dict
    if databases.engine_of(default) == databases.SQLITE:
        return databases.sqlite_settings(tmp_path / "restored.sqlite3")
    target = databases.postgresql_settings(default["NAME"][:50] + "_restore")
    databases.postgresql_drop(target)
    databases.postgresql_create(target)
    return target


def _drop_scratch(target: dict) -> None:
    if databases.engine_of(target) == databases.POSTGRESQL:
        databases.postgresql_drop(target)


@committed
def test_a_document_changed_inside_a_reencrypted_archive_is_refused_g3(backup_settings,
                                                                        tmp_path):
    """G3: even a validly encrypted archive whose document differs from its manifest
    restores nothing (someone with the public key could have rebuilt it)."""
    import tarfile

    from smart.operations.encryption import decrypt_file, encrypt_file

    _synthetic_regency()
    result = backup_create()
    plain, content = tmp_path / "plain.tar.gz", tmp_path / "content"
    decrypt_file(result.archive, plain)
    with tarfile.open(plain) as tar:
        tar.extractall(content, filter="data")
    document = next((content / "documents").rglob("*.pdf"))
    document.write_bytes(document.read_bytes() + b"%diubah")
    with tarfile.open(plain, "w:gz") as tar:
        for path in sorted(content.rglob("*")):
            if path.is_file():
                tar.add(path, arcname=path.relative_to(content).as_posix())
    result.archive.unlink()
    encrypt_file(plain, result.archive)
    run = restore_drill_job()
    assert run.ok is False
    assert "dokumen tidak cocok dengan manifest" in run.summary and "berubah 1" in run.summary
