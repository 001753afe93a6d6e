"""The periodic jobs' clock: huey wakes ``run_due_schedules`` every five minutes
(schedules in settings.SMART_SCHEDULES, decided in ``smart.operations.schedule``)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

from smart.audit.checks import audit_anchor_write
from smart.operations.schedule import run_due_schedules


@db_periodic_task(crontab(minute="*/5"))
@lock_task("smart-operations-schedules")
def operations_schedules() -> None:
    audit_anchor_write()  # the chain's end, outside the database, every five minutes
    run_due_schedules()
