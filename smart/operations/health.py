"""What the infrastructure monitor may know: is SMART able to work right now.

Four checks (database answers, document store writable, the background worker
showed life within ``WORKER_SILENCE``, last good backup recent enough). The
answer names only the checks and "ok"/"gagal" plus the backup's age in whole
hours: no paths, versions, host names or counts.
"""

from __future__ import annotations

import datetime
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone

from smart.jobs.services import worker_last_seen
from smart.operations.backups import HEALTH_PROBE_PREFIX
from smart.operations.models import Job, OperationRun

OK = "ok"
FAILED = "gagal"
# The worker records a sign of life every minute (jobs.tasks.worker_heartbeat).
WORKER_SILENCE = datetime.timedelta(minutes=5)


def _database() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def _storage() -> bool:
    try:
        root = Path(settings.MEDIA_ROOT)
        root.mkdir(parents=True, exist_ok=True, mode=0o700)
        with tempfile.NamedTemporaryFile(dir=root, prefix=HEALTH_PROBE_PREFIX) as probe:
            probe.write(b"ok")
            probe.flush()
        return True
    except OSError:
        return False


def health_status() -> tuple[bool, dict]:
    database_ok = _database()
    checks: dict = {"database": OK if database_ok else FAILED,
                    "storage": OK if _storage() else FAILED}
    backup: dict = {"status": FAILED, "age_hours": None}
    if database_ok:
        try:
            last = OperationRun.objects.last_successful(Job.BACKUP)
        except DatabaseError:  # e.g. not migrated yet
            last = None
        if last is not None:
            age = timezone.now() - last.finished_at
            backup["age_hours"] = int(age.total_seconds() // 3600)
            if age.total_seconds() <= settings.SMART_BACKUP_MAX_AGE_HOURS * 3600:
                backup["status"] = OK
    checks["worker"] = FAILED
    if database_ok:
        try:
            seen = worker_last_seen()
        except DatabaseError:
            seen = None
        if seen is not None and timezone.now() - seen <= WORKER_SILENCE:
            checks["worker"] = OK
    checks["backup"] = backup
    healthy = (checks["database"] == OK and checks["storage"] == OK
               and checks["worker"] == OK and backup["status"] == OK)
    return healthy, {"status": OK if healthy else FAILED, "checks": checks}
