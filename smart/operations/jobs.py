"""The operations jobs as plain functions: what a command runs, and what the
schedule (``operations.schedule``, woken by the huey worker) runs.

Each job records its run (``OperationRun`` plus audit event) whatever the
outcome, and tells the system managers (Pengelola SMART) when something needs
a person: a failed backup or drill, or findings of the archive check.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone

from smart.audit.checks import audit_chain_check
from smart.changes.notices import remind_due_requests
from smart.notifications.recipients import system_managers
from smart.notifications.services import notify
from smart.operations import backups, drill, integrity, objectstore, sweep
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
    summary = f"Cadangan {result.archive.name}: {len(manifest['documents'])} dokumen"
    if result.dr_copy:
        summary += ", salinan DR di folder dibuat"
    if result.dr_s3_key:
        summary += ", salinan DR di S3 dikirim dan diperiksa"
    if result.dr_failures:
        summary += ". Salinan DR GAGAL: " + " | ".join(result.dr_failures)
    # The backup itself is good (it counts for /sehat/); the missing DR copy is told.
    run = operation_run_record(
        job=Job.BACKUP, started_at=started, ok=True, archive=result.archive.name, actor=actor,
        summary=summary,
        details={"sha256": result.sha256, "size": result.archive.stat().st_size,
                 "engine": manifest["engine"], "documents": len(manifest["documents"]),
                 "canonical_sha256": manifest["canonical"]["sha256"],
                 "dr_copy": result.dr_copy is not None or bool(result.dr_s3_key),
                 "dr_s3_key": result.dr_s3_key, "dr_failures": result.dr_failures,
                 "removed": result.removed},
    )
    if result.dr_failures:
        _tell_system_managers(
            f"Cadangan SMART {result.archive.name} dibuat dan tetap tersimpan di server, "
            f"tetapi salinan pemulihan bencana (DR) GAGAL: {' | '.join(result.dr_failures)}")
    return run


def restore_drill_job(*, archive=None, from_dr=False, actor=None) -> OperationRun:
    started = timezone.now()
    result = drill.restore_drill_from_dr() if from_dr else drill.restore_drill(archive=archive)
    what = f"Latihan pemulihan {'dari salinan DR ' if from_dr else ''}{result.archive}".strip()
    summary = (f"{what} berhasil dalam {result.seconds:.1f} detik."
               if result.ok else f"{what} GAGAL: {result.error}")
    run = operation_run_record(
        job=Job.RESTORE_DRILL, started_at=started, ok=result.ok, archive=result.archive,
        summary=summary, actor=actor,
        details={"checks": result.checks, "seconds": round(result.seconds, 3),
                 "canonical_sha256": result.canonical_sha256, "source": result.source},
    )
    if not result.ok:
        _tell_system_managers(summary)
    return run


def restore_drill_recorded(*, ok: bool, at, note: str, archive: str = "",
                           seconds: float | None = None, actor=None) -> OperationRun:
    """A drill run elsewhere (at the DRC, whose own SMART copy the dashboard does
    not see), recorded as the same ``OperationRun`` the dashboard and the
    monthly report read; its audit event names who recorded it."""
    what = f"Latihan pemulihan di DRC {archive}".strip()
    summary = f"{what} {'berhasil' if ok else 'GAGAL'} (dicatat): {note}"
    started = at - datetime.timedelta(seconds=seconds) if seconds is not None else at
    run = operation_run_record(
        job=Job.RESTORE_DRILL, started_at=started, finished_at=at, ok=ok, archive=archive,
        summary=summary, actor=actor,
        details={"source": "drc-record", "note": note,
                 **({"seconds": round(seconds, 3)} if seconds is not None else {})},
    )
    if not ok:
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


def scheduled_restore_drill_dr() -> OperationRun | str:
    """The weekly drill from the disaster-recovery copy, when there is one."""
    if not (objectstore.dr_s3_configured() or settings.SMART_BACKUP_DR_DIR):
        return "Tidak ada salinan DR yang diatur; latihan pemulihan dari DR dilewati."
    return restore_drill_job(from_dr=True)


def scheduled_upload_sweep() -> sweep.UploadSweep:
    return upload_sweep_job()


def scheduled_reminders() -> str:
    """The working-day deadline reminders of change requests (changes.notices)."""
    return f"{remind_due_requests()} pengingat tenggat usulan dikirim."


def scheduled_audit_check() -> str:
    """The nightly walk of the whole audit chain and its anchors (security.md L6)."""
    from smart.audit.management.commands.verify_audit import break_message

    check = audit_chain_check(full=True)
    if check.ok:
        return f"Rantai audit utuh sampai kejadian #{check.through_seq}."
    message = break_message(check)
    _tell_system_managers(f"PERINGATAN: {message} Laporkan ke penanggung jawab keamanan.",
                          dedup_key=f"audit-break:{check.broken_seq}")
    raise AuditChainBroken(message)


class AuditChainBroken(Exception):
    """Makes the scheduled run count as failed."""
