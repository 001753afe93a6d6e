"""The operations jobs as plain functions: what a command runs, and what the
schedule (``operations.schedule``, woken by the huey worker) runs.

Each job records its run (``OperationRun`` plus audit event) whatever the
outcome, and tells the system managers (Pengelola SMART) when something needs
a person: a failed backup or drill, or findings of the archive check.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone

from smart.changes.notices import remind_due_requests
from smart.notifications.recipients import system_managers
from smart.notifications.services import notify
from smart.operations import backups, drill, integrity, sweep
from smart.operations.models import Job, OperationRun
from smart.operations.services import operation_run_record


def _tell_system_managers(message: str, dedup_key: str = "") -> None:
    notify(users=system_managers(), message=message, url="", dedup_key=dedup_key)


def backup_job(*, actor=None) -> OperationRun:
    started = timezone.now()
    try:
        result = backups.backup_create(now=started)
    except (backups.BackupError, OSError) as error:
        run = operation_run_record(job=Job.BACKUP, started_at=started, ok=False,
                                   summary=str(error), actor=actor)
        _tell_system_managers(f"Pencadangan SMART GAGAL: {error}")
        return run
    manifest = result.manifest
    return operation_run_record(
        job=Job.BACKUP, started_at=started, ok=True, archive=result.archive.name, actor=actor,
        summary=(f"Cadangan {result.archive.name}: {len(manifest['documents'])} dokumen"
                 + (", salinan DR dibuat" if result.dr_copy else "")),
        details={"sha256": result.sha256, "size": result.archive.stat().st_size,
                 "engine": manifest["engine"], "documents": len(manifest["documents"]),
                 "canonical_sha256": manifest["canonical"]["sha256"],
                 "dr_copy": result.dr_copy is not None, "removed": result.removed},
    )


def restore_drill_job(*, archive=None, actor=None) -> OperationRun:
    started = timezone.now()
    result = drill.restore_drill(archive=archive)
    summary = (f"Latihan pemulihan {result.archive} berhasil dalam {result.seconds:.1f} detik."
               if result.ok else f"Latihan pemulihan {result.archive} GAGAL: {result.error}")
    run = operation_run_record(
        job=Job.RESTORE_DRILL, started_at=started, ok=result.ok, archive=result.archive,
        summary=summary, actor=actor,
        details={"checks": result.checks, "seconds": round(result.seconds, 3),
                 "canonical_sha256": result.canonical_sha256},
    )
    if not result.ok:
        _tell_system_managers(summary)
    return run


def archive_check_job(*, actor=None) -> OperationRun:
    started = timezone.now()
    result = integrity.archive_check()
    run = operation_run_record(
        job=Job.ARCHIVE_CHECK, started_at=started, ok=result.ok, summary=result.summary(),
        actor=actor,
        details={"checked": result.checked, "missing": result.missing[:100],
                 "changed": result.changed[:100], "orphan_files": result.orphan_files[:100],
                 "report": result.report},
    )
    if not result.ok:
        _tell_system_managers(f"Pemeriksaan arsip dokumen menemukan masalah: {result.summary()} "
                              f"Laporan: {result.report}. Tidak ada berkas yang dihapus.")
    return run


def upload_sweep_job() -> sweep.UploadSweep:
    result = sweep.upload_sweep()
    if result.quarantined:
        _tell_system_managers(
            f"Penyapuan unggahan: {len(result.quarantined)} berkas di penyimpanan dokumen tidak "
            f"memiliki catatan (unggahan yang terputus) dan dipindahkan ke karantina "
            f"{settings.SMART_QUARANTINE_DIR}. Tidak ada yang dihapus.")
    return result


# --- What the schedule runs (settings.SMART_SCHEDULES, operations.schedule) -----------

def scheduled_backup() -> OperationRun:
    return backup_job()


def scheduled_archive_check() -> OperationRun:
    return archive_check_job()


def scheduled_restore_drill() -> OperationRun:
    return restore_drill_job()


def scheduled_upload_sweep() -> sweep.UploadSweep:
    return upload_sweep_job()


def scheduled_reminders() -> str:
    """The working-day deadline reminders of change requests (changes.notices)."""
    return f"{remind_due_requests()} pengingat tenggat usulan dikirim."
