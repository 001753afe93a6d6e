"""Writing what an operations job did: the run row and its audit event together."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from smart.audit.services import audit_record
from smart.operations.models import Job, OperationRun

AUDIT_ACTIONS = {
    Job.BACKUP: "operations.backup.create",
    Job.RESTORE_DRILL: "operations.drill.run",
    Job.ARCHIVE_CHECK: "operations.archive.check",
}


def operation_run_record(*, job: str, started_at: datetime.datetime, ok: bool,
                         archive: str = "", summary: str = "",
                         details: dict | None = None, actor=None,
                         finished_at: datetime.datetime | None = None) -> OperationRun:
    """Store one finished job run; ``actor`` is None for scheduled runs ("system").
    ``finished_at`` is now unless the run is recorded afterwards (a drill at the DRC)."""
    with transaction.atomic():
        run = OperationRun.objects.create(
            job=job, started_at=started_at, finished_at=finished_at or timezone.now(), ok=ok,
            archive=archive, summary=summary[:2000], details=details or {},
        )
        audit_record(actor=actor, action=AUDIT_ACTIONS[Job(job)], target=run,
                     target_label=f"{run.get_job_display()} {archive}".strip(),
                     data={"ok": ok, "archive": archive, "summary": summary[:500]})
    return run
