"""The figures of monitoring and evaluation (Perbup 35/2020 Pasal 26–28, R-ME).

Read functions only: data completeness per OPD, deadlines met per OPD and stage,
the recording campaigns' progress, usage per month, and the maintenance runs
(backups, restore drills, archive checks). The dashboard, the monthly report
to the Bupati and the public page all read these; the public page then
suppresses small numbers (``public.py``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Min, Q
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smart.access.models import Role
from smart.access.policies import Scope, role_scope
from smart.audit.models import AuditEvent
from smart.changes.models import ChangeRequest, Stage
from smart.jobs.models import Job as BackgroundJob
from smart.jobs.models import JobStatus
from smart.jobs.services import worker_last_seen
from smart.monitoring.campaigns import campaign_elements
from smart.monitoring.deadlines import UnitDeadlines, deadlines_by_unit
from smart.monitoring.models import RecordingCampaign
from smart.monitoring.period import Month
from smart.operations.models import Job, OperationRun, ScheduledRun
from smart.people.models import Employee
from smart.records.elements import standard_elements
from smart.records.progress import (
    AGENCY,
    Progress,
    combine,
    progress_by_unit,
    progress_total,
)

MONITORING_ROLES = (Role.SYSTEM_MANAGER, Role.HR_MANAGER)

# What "usage" counts (Pasal 26: the use of SMART), each an audit action.
USAGE = {
    "accounts.signin.success": _("Sign-ins"),
    "people.employee.read": _("Records opened by others"),
    "changes.request.submit": _("Change requests sent"),
    "reports.export": _("Report files exported"),
}
USAGE_MONTHS = 12
RECENT_DAYS = 7


def monitoring_scope(user) -> Scope:
    """The units of the user's M&E roles (Pengelola SMART, Pengelola Kepegawaian)."""
    scopes = [role_scope(user, role) for role in MONITORING_ROLES]
    if any(scope.everything for scope in scopes):
        return Scope(everything=True)
    return Scope(unit_paths=tuple(sorted({p for s in scopes for p in s.unit_paths})))


def monitoring_scope_or_404(user) -> Scope:
    scope = monitoring_scope(user)
    if scope.is_empty:
        raise Http404
    return scope


def scope_condition(scope: Scope, prefix: str = "") -> Q:
    """Rows whose employee (``prefix``) is in the scope's units."""
    if scope.everything:
        return Q()
    condition = Q(pk__in=[])
    for path in scope.unit_paths:
        condition |= Q(**{f"{prefix}unit__path__startswith": path})
    return condition


def employees_in(scope: Scope, user=None):
    """Employees in service within the scope; through ``visible_to`` when a user
    reads (the public page reads the whole regency, aggregated only)."""
    employees = Employee.objects.all() if user is None else Employee.objects.visible_to(user)
    return employees.active().filter(scope_condition(scope))


def change_requests_in(scope: Scope, user=None):
    requests = (ChangeRequest.objects.all() if user is None
                else ChangeRequest.objects.visible_to(user))
    return requests.filter(scope_condition(scope, "employee__")).exclude(stage=Stage.DRAFT)


LOWEST_UNITS = 15


@dataclass
class Completeness:
    lines: list[Progress]  # by name
    total: Progress

    def lowest(self, n: int = LOWEST_UNITS) -> list[Progress]:
        """The ``n`` units with employees and the lowest completeness, lowest first."""
        return sorted((line for line in self.lines if line.employees),
                      key=lambda line: (line.percent, line.name))[:n]


def completeness_by_unit(employees) -> Completeness:
    """The profile's completeness score per OPD: one query."""
    elements = standard_elements()
    lines = progress_by_unit(employees, elements, by=AGENCY)
    return Completeness(lines, combine(lines, str(_("Total"))))


@dataclass
class CampaignProgress:
    campaign: RecordingCampaign
    total: Progress
    lines: list[Progress] = field(default_factory=list)


def campaigns_progress(employees, on: datetime.date, *, per_unit: bool = False,
                       limit: int = 3) -> list[CampaignProgress]:
    """The campaigns running on ``on`` or ended within the last 90 days (newest
    first, at most ``limit``): one query each, plus one for the campaigns."""
    campaigns = (RecordingCampaign.objects.filter(
        start_date__lte=on, deadline__gte=on - datetime.timedelta(days=90))
        .prefetch_related("document_types").order_by("-deadline", "-pk")[:limit])
    result = []
    for campaign in campaigns:
        elements = campaign_elements(campaign)
        lines = progress_by_unit(employees, elements, by=AGENCY) if per_unit else []
        total = (combine(lines, campaign.name) if per_unit else
                 progress_total(employees, elements, campaign.name))
        result.append(CampaignProgress(campaign, total, lines))
    return result


@dataclass
class Usage:
    months: list[Month]
    series: dict[str, list[int]]  # action -> count per month, oldest first

    @property
    def labels(self) -> list[str]:
        return [month.short_label for month in self.months]

    def rows(self):
        """(label, counts) per kind of use, for the tables."""
        return [(USAGE[action], counts) for action, counts in self.series.items()]

    def of(self, month: Month) -> dict[str, int]:
        index = self.months.index(month)
        return {action: counts[index] for action, counts in self.series.items()}


def usage_by_month(until: Month, months: int = USAGE_MONTHS) -> Usage:
    """Uses of SMART per month (audit events), the ``months`` months up to
    ``until``: one query."""
    first = until.back(months - 1)
    window = [first]
    while window[-1] != until:
        window.append(window[-1].next())
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(first.first, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(until.next().first, datetime.time.min, tzinfo=zone)
    rows = (AuditEvent.objects.filter(action__in=USAGE, at__gte=start, at__lt=end)
            .annotate(month=TruncMonth("at", tzinfo=zone)).values("month", "action")
            .annotate(n=Count("id")).order_by())
    series = {action: [0] * len(window) for action in USAGE}
    keys = [m.key for m in window]
    for row in rows:
        key = f"{row['month']:%Y-%m}"
        if key in keys:
            series[row["action"]][keys.index(key)] = row["n"]
    return Usage(window, series)


@dataclass
class Maintenance:
    last_backup: OperationRun | None
    last_good_backup: OperationRun | None
    last_drill: OperationRun | None
    last_archive_check: OperationRun | None
    failures_recent: int
    runs_recent: int

    @property
    def backup_age_hours(self) -> float | None:
        if self.last_good_backup is None:
            return None
        return (timezone.now() - self.last_good_backup.finished_at).total_seconds() / 3600

    @property
    def backup_ok(self) -> bool:
        age = self.backup_age_hours
        # The same limit as /sehat/ (operations.health), so the two never disagree.
        return (age is not None and age <= settings.SMART_BACKUP_MAX_AGE_HOURS
                and bool(self.last_backup and self.last_backup.ok))

    @property
    def drill_ok(self) -> bool:
        return bool(self.last_drill and self.last_drill.ok)


def maintenance_status(now: datetime.datetime | None = None) -> Maintenance:
    """The last run of each maintenance job and the failures of the last week
    (Pasal 23, 27): a handful of indexed queries."""
    now = now or timezone.now()
    runs = OperationRun.objects
    recent = runs.filter(finished_at__gte=now - datetime.timedelta(days=RECENT_DAYS))
    counts = recent.aggregate(failures=Count("pk", filter=Q(ok=False)), runs=Count("pk"))
    return Maintenance(
        last_backup=runs.last(Job.BACKUP), last_good_backup=runs.last_successful(Job.BACKUP),
        last_drill=runs.last(Job.RESTORE_DRILL), last_archive_check=runs.last(Job.ARCHIVE_CHECK),
        failures_recent=counts["failures"], runs_recent=counts["runs"],
    )


@dataclass
class Queue:
    """The background job queue (smart.jobs) and the periodic schedule."""

    waiting: int
    running: int
    stalled: int
    failed_recent: int
    oldest_waiting: datetime.datetime | None
    worker_seen: datetime.datetime | None
    schedule_failures_recent: int
    last_scheduled: ScheduledRun | None

    @property
    def worker_alive(self) -> bool:
        return (self.worker_seen is not None
                and timezone.now() - self.worker_seen <= datetime.timedelta(minutes=5))

    @property
    def healthy(self) -> bool:
        return (self.worker_alive and not self.stalled and not self.failed_recent
                and not self.schedule_failures_recent)


def queue_status(now: datetime.datetime | None = None) -> Queue:
    """Jobs waiting, running, stalled and failed this week, the worker's last sign
    of life, and the scheduled runs that failed this week: four queries."""
    now = now or timezone.now()
    since = now - datetime.timedelta(days=RECENT_DAYS)
    jobs = BackgroundJob.objects.aggregate(
        waiting=Count("pk", filter=Q(status=JobStatus.QUEUED)),
        running=Count("pk", filter=Q(status=JobStatus.RUNNING)),
        failed=Count("pk", filter=Q(status__in=(JobStatus.FAILED, JobStatus.INTERRUPTED),
                                    created_at__gte=since)),
        oldest=Min("created_at", filter=Q(status=JobStatus.QUEUED)),
    )
    return Queue(
        waiting=jobs["waiting"], running=jobs["running"],
        stalled=BackgroundJob.objects.stalled(now).count(), failed_recent=jobs["failed"],
        oldest_waiting=jobs["oldest"], worker_seen=worker_last_seen(),
        schedule_failures_recent=ScheduledRun.objects.filter(
            ok=False, due_at__gte=since).count(),
        last_scheduled=ScheduledRun.objects.filter(finished_at__isnull=False)
        .order_by("-finished_at").first(),
    )


@dataclass
class Figures:
    """Everything one month's M&E shows."""

    month: Month
    completeness: Completeness
    deadlines: list[UnitDeadlines]
    deadlines_total: UnitDeadlines
    late_open_by_stage: list[tuple[str, int]]
    campaigns: list[CampaignProgress]
    usage: Usage
    maintenance: Maintenance
    queue: Queue


def late_open_by_stage(requests, today: datetime.date) -> list[tuple[str, int]]:
    """Open requests past their deadline now, by the stage they wait in: one query."""
    rows = (requests.open().filter(Q(stage=Stage.SUBMITTED, forward_deadline__lt=today)
                                   | Q(close_deadline__lt=today))
            .values("stage").annotate(n=Count("pk")).order_by())
    counts = {row["stage"]: row["n"] for row in rows}
    return [(Stage(stage).label, counts[stage]) for stage in Stage if stage in counts]


def month_figures(month: Month, scope: Scope, user=None, *, per_unit_campaigns: bool = False
                  ) -> Figures:
    """The figures of ``month`` within ``scope`` (``user`` None: the public page's
    whole-regency aggregates). Completeness and campaigns are as of today, or of
    the month's last day for a past month's campaigns."""
    today = timezone.localdate()
    on = min(today, month.last)
    employees = employees_in(scope, user)
    requests = change_requests_in(scope, user)
    lines, total = deadlines_by_unit(requests, month.first, month.last, today)
    return Figures(
        month=month, completeness=completeness_by_unit(employees), deadlines=lines,
        deadlines_total=total, late_open_by_stage=late_open_by_stage(requests, today),
        campaigns=campaigns_progress(employees, on, per_unit=per_unit_campaigns),
        usage=usage_by_month(month), maintenance=maintenance_status(),
        queue=queue_status(),
    )
