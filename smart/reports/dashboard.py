"""The executive dashboard for the leadership (Pimpinan; R-USE, issue 7 §6):
headcount and its trend, composition, coming retirements by OPD, the open
verification backlog and how complete the data is — all within the viewer's
scope, every figure counted in the database.

Headcount on a day: employees with TMT CPNS on or before it (PPPK, without TMT
CPNS, throughout) whose legal status on that day counts as active. The status
of a day comes from the employee's history (django-simple-history): the latest
version on or before the day, else the earliest version known (records loaded
before history was kept). Only employees whose status ever changed need their
history read; everyone else is counted by one conditional aggregate over the
month ends. The unit is today's (a transfer moves the whole trend).

Cost (pinned in a test): a fixed number of queries whatever the size of the
regency — see ``executive_dashboard``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from smart.changes.models import ChangeRequest, Stage
from smart.changes.queues import overdue
from smart.people.career import add_months
from smart.people.models import Employee
from smart.records.elements import Element, standard_elements
from smart.records.progress import Progress, record_completeness
from smart.references.models import LegalStatus
from smart.reports import history_on
from smart.reports.due import retirement_projection
from smart.reports.statistics import DIMENSIONS, Table, base_query, count_by, count_by_age

TREND_MONTHS = 24
RETIREMENT_HORIZONS = (12, 24, 60)
RETIREMENT_LINES = 12  # OPD shown one by one on the dashboard
COMPOSITION = ("golongan", "education", "sex", "asn")


def month_ends(today: datetime.date, months: int = TREND_MONTHS) -> list[datetime.date]:
    """The last day of each of the ``months`` months up to today's (today itself
    for the running month), oldest first."""
    first = today.replace(day=1)
    ends = [add_months(first, -n + 1) - datetime.timedelta(days=1)
            for n in range(months - 1, 0, -1)]
    return [*ends, today]


def _in_service(tmt_cpns: datetime.date | None, status_id: int | None, day: datetime.date,
                active_ids: set[int]) -> bool:
    return ((tmt_cpns is None or tmt_cpns <= day)
            and (status_id is None or status_id in active_ids))


def headcount_trend(user, today: datetime.date | None = None,
                    months: int = TREND_MONTHS) -> list[tuple[datetime.date, int]]:
    """(month end, headcount) for the last ``months`` months (three queries)."""
    today = today or timezone.localdate()
    ends = month_ends(today, months)
    active_ids = set(LegalStatus.objects.filter(counts_as_active=True)
                     .values_list("pk", flat=True))
    visible = Employee.objects.visible_to(user)
    changed = history_on.status_changed(visible)
    steady_active = Q(legal_status__isnull=True) | Q(legal_status__counts_as_active=True)
    counts = visible.exclude(pk__in=changed).aggregate(**{
        f"m{i}": Count("pk", filter=steady_active & (Q(tmt_cpns__isnull=True)
                                                     | Q(tmt_cpns__lte=end)))
        for i, end in enumerate(ends)})
    totals = [counts[f"m{i}"] for i in range(len(ends))]
    for rows in history_on.history_versions(changed, "tmt_cpns", "legal_status_id").values():
        for i, end in enumerate(ends):
            _at, tmt_cpns, status_id = history_on.version_on(rows, end)
            totals[i] += _in_service(tmt_cpns, status_id, end, active_ids)
    return list(zip(ends, totals, strict=True))


@dataclass
class RetirementLine:
    agency: str
    counts: list[int]  # within each of RETIREMENT_HORIZONS months

    @property
    def cells(self) -> list[tuple[int, int]]:
        """(months, count) per horizon, so each cell can name its column."""
        return list(zip(RETIREMENT_HORIZONS, self.counts, strict=True))


@dataclass
class Backlog:
    by_stage: list[tuple[str, int]]
    over_deadline: int

    @property
    def total(self) -> int:
        return sum(n for _, n in self.by_stage)


@dataclass
class Completeness:
    progress: Progress
    elements: list[Element]

    @property
    def percent(self) -> float:
        return self.progress.percent

    @property
    def items(self) -> list[tuple[str, int, float]]:
        """(label, employees who have it, share of those it applies to) per element."""
        return [(str(element.label), self.progress.recorded(element.code),
                 self.progress.recorded_percent(element.code)) for element in self.elements]


@dataclass
class Dashboard:
    today: datetime.date
    headcount: int
    by_asn: dict[str, int]
    trend: list[tuple[datetime.date, int]]
    composition: list[Table] = field(default_factory=list)
    retirements: list[RetirementLine] = field(default_factory=list)
    retirement_totals: list[int] = field(default_factory=list)
    backlog: Backlog | None = None
    completeness: Completeness | None = None

    @property
    def retirement_total_cells(self) -> list[tuple[int, int]]:
        return list(zip(RETIREMENT_HORIZONS, self.retirement_totals, strict=True))

    @property
    def retirement_end(self) -> datetime.date:
        """The end of the longest horizon: the period of the linked retirement list."""
        return horizon_end(self.today, RETIREMENT_HORIZONS[-1])

    @property
    def retirements_shown(self) -> list[RetirementLine]:
        """The OPD with the most retirements in five years; the rest in one line."""
        return self.retirements[:RETIREMENT_LINES]

    @property
    def retirements_rest(self) -> RetirementLine | None:
        rest = self.retirements[RETIREMENT_LINES:]
        if not rest:
            return None
        return RetirementLine(f"{len(rest)} perangkat daerah lainnya",
                              [sum(line.counts[i] for line in rest)
                               for i in range(len(RETIREMENT_HORIZONS))])


def horizon_end(today: datetime.date, months: int) -> datetime.date:
    """The last day "within ``months`` months" of today; the retirement list
    linked from the dashboard runs from today to the longest one."""
    return add_months(today, months) - datetime.timedelta(days=1)


def retirements_by_agency(user, today: datetime.date) -> tuple[list[RetirementLine], list[int]]:
    """Who reaches TMT pensiun within 12, 24 and 60 months, per OPD (one query)."""
    horizons = [horizon_end(today, months) for months in RETIREMENT_HORIZONS]
    lines: dict[str, RetirementLine] = {}
    for row in retirement_projection(user, today, horizons[-1]).rows:
        line = lines.setdefault(row.agency_name or "(tanpa perangkat daerah)",
                                RetirementLine(row.agency_name, [0] * len(horizons)))
        for i, until in enumerate(horizons):
            line.counts[i] += row.date <= until
    ordered = sorted(lines.values(), key=lambda line: (-line.counts[-1], line.agency))
    totals = [sum(line.counts[i] for line in ordered) for i in range(len(horizons))]
    return ordered, totals


def verification_backlog(user, today: datetime.date) -> Backlog:
    """Open change requests by stage and those past their deadline (two queries)."""
    labels = dict(Stage.choices)
    counts = dict(ChangeRequest.objects.visible_to(user).open().exclude(stage=Stage.DRAFT)
                  .values("stage").annotate(n=Count("pk")).values_list("stage", "n"))
    by_stage = [(str(labels[stage]), counts[stage]) for stage in Stage if stage in counts]
    return Backlog(by_stage, overdue(user, today).exclude(stage=Stage.DRAFT).count())


def data_completeness(employees) -> Completeness:
    """How complete the records are, by the one definition of a complete record
    (``records.progress.record_completeness``, as the M&E figures and the public
    page count it): one aggregate query."""
    return Completeness(record_completeness(employees), standard_elements())


def executive_dashboard(user, today: datetime.date | None = None) -> Dashboard:
    """Everything on the dashboard: 3 queries for the trend, 1 for the head
    count, 4 + 1 for the composition, 1 for retirements, 2 for the backlog, 1 for
    completeness: 13 (plus the user's roles, once)."""
    today = today or timezone.localdate()
    employees = Employee.objects.visible_to(user).active()
    by_asn = dict(employees.values("asn_kind").annotate(n=Count("pk"))
                  .values_list("asn_kind", "n"))
    base = base_query(None)
    dimensions = {d.key: d for d in DIMENSIONS}
    composition = [count_by(employees, dimensions[key], base, user) for key in COMPOSITION]
    composition.insert(3, count_by_age(employees, base, today))
    retirements, totals = retirements_by_agency(user, today)
    return Dashboard(
        today=today, headcount=sum(by_asn.values()), by_asn=by_asn,
        trend=headcount_trend(user, today), composition=composition,
        retirements=retirements, retirement_totals=totals,
        backlog=verification_backlog(user, today), completeness=data_completeness(employees))
