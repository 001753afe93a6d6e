"""What the queue runs. Declared with the django-tasks API (``django.tasks`` from
Django 6), executed by huey (``settings.TASKS``, ``settings.HUEY``).

Huey's ``run_huey`` imports every app's ``tasks`` module: the periodic jobs of
other apps live in their own ``tasks.py``.
"""

from __future__ import annotations

from django_tasks import task
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, on_startup

from smart.jobs.runner import execute_job
from smart.jobs.services import jobs_mark_stalled, worker_seen


@task()
def run_job(job_id: str) -> None:
    execute_job(job_id)


@on_startup()
def _worker_started() -> None:
    """A worker that starts finds the jobs a killed worker left behind."""
    jobs_mark_stalled()
    worker_seen()


@db_periodic_task(crontab(minute="*"))
def worker_heartbeat() -> None:
    """Once a minute: the worker is alive (the health endpoint reads it)."""
    worker_seen()
    jobs_mark_stalled()
