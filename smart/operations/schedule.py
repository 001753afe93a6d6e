"""When the periodic jobs run, in Jakarta time, and catching up after downtime.

Huey's own periodic tasks do not run what was missed while the worker was down
(huey #751), so the worker only wakes ``run_due_schedules`` every five minutes;
this module decides, from ``ScheduledRun`` rows, which occasions are due and
not yet served. After a weekend with the server off, Monday's first wake-up
runs the last missed backup once, not once per missed day.
"""

from __future__ import annotations

import datetime
import logging
import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from smart.operations.models import ScheduledRun

log = logging.getLogger(__name__)
JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# A claimed occasion that never finished (the worker was killed) is taken again after this.
STALE_CLAIM = datetime.timedelta(hours=2)


class ScheduleError(ValueError):
    pass


@dataclass(frozen=True)
class Schedule:
    """``when`` is "HH:MM" (every day) or "sun HH:MM" (weekly), Jakarta time."""

    name: str
    when: str
    handler: str  # dotted path of a function taking no arguments

    def _parts(self) -> tuple[int | None, int, int]:
        words = self.when.lower().split()
        try:
            day = WEEKDAYS.index(words[0]) if len(words) == 2 else None
            hour, minute = (int(part) for part in words[-1].split(":"))
            if len(words) not in (1, 2) or not (0 <= hour < 24 and 0 <= minute < 60):
                raise ValueError
        except ValueError:
            raise ScheduleError(f"Jadwal {self.name} '{self.when}' tidak dikenal: tulis "
                                "'HH:MM' atau 'sun HH:MM'.") from None
        return day, hour, minute

    def last_due(self, now: datetime.datetime) -> datetime.datetime:
        """The latest scheduled instant at or before ``now``."""
        day, hour, minute = self._parts()
        local = now.astimezone(JAKARTA)
        due = local.replace(hour=hour, minute=minute, second=0, microsecond=0)
        if day is None:
            if due > local:
                due -= datetime.timedelta(days=1)
        else:
            due -= datetime.timedelta(days=(local.weekday() - day) % 7)
            if due > local:
                due -= datetime.timedelta(days=7)
        return due


def schedules() -> list[Schedule]:
    return [Schedule(name, when, handler)
            for name, (when, handler) in settings.SMART_SCHEDULES.items() if when]


def _claim(schedule: Schedule, due: datetime.datetime, now) -> ScheduledRun | None:
    existing = ScheduledRun.objects.filter(schedule=schedule.name, due_at=due).first()
    if existing is not None:
        if existing.finished_at is not None or now - existing.started_at < STALE_CLAIM:
            return None
        with transaction.atomic():  # a killed worker's claim: take it over
            taken = ScheduledRun.objects.filter(pk=existing.pk, started_at=existing.started_at,
                                                finished_at=None).update(started_at=now)
        return ScheduledRun.objects.get(pk=existing.pk) if taken else None
    try:
        with transaction.atomic():
            return ScheduledRun.objects.create(schedule=schedule.name, due_at=due,
                                               started_at=now)
    except IntegrityError:
        return None  # another worker claimed it first


def run_due_schedules(now: datetime.datetime | None = None,
                      only: list[Schedule] | None = None) -> list[ScheduledRun]:
    """Run every schedule whose latest occasion has not been served yet."""
    now = now or timezone.now()
    served = []
    for schedule in only if only is not None else schedules():
        due = schedule.last_due(now)
        run = _claim(schedule, due, now)
        if run is None:
            continue
        try:
            outcome = import_string(schedule.handler)()
        except Exception as error:  # recorded; the next occasion tries again
            log.exception("scheduled job %s failed", schedule.name)
            run.ok, run.summary = False, f"{type(error).__name__}: {error}"[:2000]
        else:
            run.ok = getattr(outcome, "ok", True) is not False
            run.summary = str(getattr(outcome, "summary", outcome if outcome is not None
                                      else ""))[:2000]
        run.finished_at = timezone.now()
        run.save(update_fields=["ok", "summary", "finished_at"])
        served.append(run)
    return served
