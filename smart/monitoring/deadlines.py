"""Were updates handled within the 10 working days? (Pasal 21(3)-(4), R-ME)

Two deadlines are stamped on every change request when it is sent, in working
days with the holiday calendar (``changes.services``): the unit admin forwards
(or returns) it by ``forward_deadline``, and the update is closed by
``close_deadline``. A month's figures count the requests whose deadline fell in
that month: **within** (acted on or before the day), **over** (acted later, or
still waiting after it), **running** (still waiting, the day not yet passed).
Withdrawn requests count for neither. One query reads the month's requests.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smart.changes.models import Stage, StageEvent

FORWARD, COMPLETION = "forward", "completion"
STAGES = {
    FORWARD: _("Forwarding by the unit admin (Pasal 21(3))"),
    COMPLETION: _("Completion (Pasal 21(4))"),
}
UNIT_ADMIN_MOVES = ("forward", "return")


@dataclass
class Tally:
    within: int = 0
    over: int = 0
    running: int = 0

    @property
    def decided(self) -> int:
        return self.within + self.over

    @property
    def total(self) -> int:
        return self.within + self.over + self.running

    @property
    def on_time_percent(self) -> float | None:
        """Share within the deadline of those already decided; None without any."""
        return round(100 * self.within / self.decided, 1) if self.decided else None

    def add(self, verdict: str) -> None:
        setattr(self, verdict, getattr(self, verdict) + 1)


@dataclass
class UnitDeadlines:
    unit_id: int | None
    name: str
    short_name: str = ""
    stages: dict[str, Tally] = field(default_factory=lambda: {s: Tally() for s in STAGES})


def _local_date(value: datetime.datetime | None) -> datetime.date | None:
    return timezone.localdate(value) if value is not None else None


def _verdict(deadline: datetime.date, done_on: datetime.date | None, waiting: bool,
             today: datetime.date) -> str | None:
    if done_on is not None:
        return "within" if done_on <= deadline else "over"
    if not waiting:
        return None
    return "over" if today > deadline else "running"


def forward_verdict(row: dict, today: datetime.date) -> str | None:
    """The unit admin's step: forwarded or returned after the (last) sending."""
    return _verdict(row["forward_deadline"], _local_date(row["acted_at"]),
                    row["stage"] == Stage.SUBMITTED, today)


def completion_verdict(row: dict, today: datetime.date) -> str | None:
    """The whole update: validated or rejected (closed) by the closing deadline."""
    if row["stage"] == Stage.WITHDRAWN:
        return None
    closed = row["stage"] in (Stage.VALIDATED, Stage.REJECTED)
    return _verdict(row["close_deadline"], _local_date(row["closed_at"]) if closed else None,
                    not closed, today)


def month_requests(requests, first: datetime.date, last: datetime.date):
    """The requests with either deadline in the period, as plain rows."""
    acted = (StageEvent.objects.filter(request=OuterRef("pk"), move__in=UNIT_ADMIN_MOVES,
                                       at__gte=OuterRef("submitted_at"))
             .order_by("-at").values("at")[:1])
    return (requests.filter(Q(forward_deadline__range=(first, last))
                            | Q(close_deadline__range=(first, last)))
            .annotate(acted_at=Subquery(acted))
            .values("pk", "stage", "forward_deadline", "close_deadline", "closed_at",
                    "acted_at", "employee__unit__agency_id", "employee__unit__agency__name",
                    "employee__unit__agency__short_name")
            .order_by())


def deadlines_by_unit(requests, first: datetime.date, last: datetime.date,
                      today: datetime.date | None = None
                      ) -> tuple[list[UnitDeadlines], UnitDeadlines]:
    """Per OPD and in total, the within/over/running counts of each deadline
    whose day lies from ``first`` to ``last``: one query."""
    today = today or timezone.localdate()
    units: dict[int | None, UnitDeadlines] = {}
    total = UnitDeadlines(None, "")
    for row in month_requests(requests, first, last):
        key = row["employee__unit__agency_id"]
        name = row["employee__unit__agency__name"] or ""
        line = units.setdefault(key, UnitDeadlines(
            key, name, row["employee__unit__agency__short_name"] or name))
        checks = ((FORWARD, "forward_deadline", forward_verdict),
                  (COMPLETION, "close_deadline", completion_verdict))
        for stage, column, verdict_of in checks:
            if row[column] is None or not first <= row[column] <= last:
                continue
            verdict = verdict_of(row, today)
            if verdict:
                line.stages[stage].add(verdict)
                total.stages[stage].add(verdict)
    return sorted(units.values(), key=lambda u: u.name), total

