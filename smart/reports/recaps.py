"""Leave and discipline recaps (R-USE, issue 7 §5): per OPD and period, how
many leaves (and days of leave) or penalties of each kind, with the list of
entries behind every number.

Leave: validated leave entries (riwayat cuti) that overlap the period; the days
are counted inside the period only — calendar days, and working days after the
regency's holiday table (``workdays.calendar``). Discipline: validated penalties
whose start date falls in the period. Discipline records are SPECIFIC as a whole
(security.md D-3): only the units where the viewer's field classes show them
are read (``access.fields.class_scope``), and every file of them needs a data
release with SPECIFIC data.

Cost: the entries in one ``values()`` query, the holidays of the period in one,
the kinds in one; counting is over the entries of one period, not the regency.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Q

from smart.access.fields import FieldClass, class_scope
from smart.access.policies import Scope, personnel_scope
from smart.records.models import DisciplinaryPenalty, LeaveRecord
from smart.references.models import LeaveType, PenaltyType, Unit
from smart.reports.duk import display_name
from smart.workdays.calendar import non_working_dates, working_days_between

ONE_DAY = datetime.timedelta(days=1)
NO_AGENCY = "(tanpa perangkat daerah)"


@dataclass(frozen=True)
class RecapEntry:
    employee_pk: int
    nip: str
    name: str
    agency: str
    unit_name: str
    kind_code: str
    kind_name: str
    start: datetime.date
    end: datetime.date | None
    number: str  # the leave letter or the SK of the penalty
    days: int | None = None  # calendar days inside the period (leave)
    working_days: int | None = None  # working days inside the period (leave)
    note: str = ""


@dataclass
class RecapLine:
    agency: str
    counts: dict[str, int]
    total: int
    days: int
    working_days: int


@dataclass
class Recap:
    key: str  # "leave" or "discipline"
    kinds: list[tuple[str, str]]  # (code, name) of the kinds that occur
    lines: list[RecapLine] = field(default_factory=list)
    entries: list[RecapEntry] = field(default_factory=list)

    @property
    def column_totals(self) -> list[int]:
        return [sum(line.counts.get(code, 0) for line in self.lines) for code, _ in self.kinds]

    @property
    def total(self) -> int:
        return len(self.entries)

    @property
    def days(self) -> int:
        return sum(line.days for line in self.lines)

    @property
    def working_days(self) -> int:
        return sum(line.working_days for line in self.lines)

    def entries_for(self, kind: str = "", agency: str = "") -> list[RecapEntry]:
        """The list behind one number of the table (both empty: all of them)."""
        return [e for e in self.entries
                if (not kind or e.kind_code == kind) and (not agency or e.agency == agency)]


EMPLOYEE_FIELDS = ("employee_id", "employee__nip", "employee__name", "employee__front_title",
                   "employee__back_title", "employee__unit__name",
                   "employee__unit__agency__name")


def _in_scope(queryset, scope: Scope, unit: Unit | None):
    if unit is not None:
        queryset = queryset.filter(employee__unit__path__startswith=unit.path)
    if scope.everything:
        return queryset
    condition = Q(pk__in=[])
    for path in scope.unit_paths:
        condition |= Q(employee__unit__path__startswith=path)
    return queryset.filter(condition)


def _entry(row: dict, kind_code: str, kind_name: str, **values) -> RecapEntry:
    return RecapEntry(
        employee_pk=row["employee_id"], nip=row["employee__nip"],
        name=display_name(row["employee__front_title"], row["employee__name"],
                          row["employee__back_title"]),
        agency=row["employee__unit__agency__name"] or NO_AGENCY,
        unit_name=row["employee__unit__name"], kind_code=kind_code, kind_name=kind_name,
        **values)


def _tabulate(recap: Recap, names: dict[str, str]) -> Recap:
    lines: dict[str, RecapLine] = {}
    for entry in recap.entries:
        line = lines.setdefault(entry.agency, RecapLine(entry.agency, {}, 0, 0, 0))
        line.counts[entry.kind_code] = line.counts.get(entry.kind_code, 0) + 1
        line.total += 1
        line.days += entry.days or 0
        line.working_days += entry.working_days or 0
    used = {e.kind_code for e in recap.entries}
    recap.kinds = [(code, name) for code, name in names.items() if code in used]
    recap.lines = sorted(lines.values(), key=lambda line: line.agency)
    order = {code: n for n, code in enumerate(names)}
    recap.entries.sort(key=lambda e: (e.agency, order.get(e.kind_code, len(order)), e.start,
                                      e.name))
    return recap


def leave_recap(user, start: datetime.date, end: datetime.date,
                unit: Unit | None = None) -> Recap:
    """Leave of the employees the user may read, overlapping ``start``–``end``."""
    names = dict(LeaveType.objects.order_by("sort_order", "code").values_list("code", "name"))
    holidays = non_working_dates(start, end)
    recap = Recap("leave", [])
    rows = (_in_scope(LeaveRecord.objects.validated(), personnel_scope(user), unit)
            .filter(start_date__lte=end, end_date__gte=start)
            .values(*EMPLOYEE_FIELDS, "leave_type__code", "letter_number", "start_date",
                    "end_date", "notes"))
    for row in rows:
        first, last = max(row["start_date"], start), min(row["end_date"], end)
        recap.entries.append(_entry(
            row, row["leave_type__code"], names.get(row["leave_type__code"], ""),
            start=row["start_date"], end=row["end_date"], number=row["letter_number"],
            days=(last - first).days + 1,
            working_days=working_days_between(first - ONE_DAY, last, holidays),
            note=row["notes"]))
    return _tabulate(recap, names)


def discipline_recap(user, start: datetime.date, end: datetime.date,
                     unit: Unit | None = None) -> Recap:
    """Penalties starting in ``start``–``end`` in the units where the user sees
    discipline records (nothing at all for the others)."""
    scope = class_scope(user, FieldClass.DISCIPLINE)
    recap = Recap("discipline", [])
    if scope.is_empty:
        return recap
    levels = dict(PenaltyType.Level.choices)
    names = dict(PenaltyType.objects.order_by("sort_order", "code").values_list("code", "name"))
    rows = (_in_scope(DisciplinaryPenalty.objects.validated(), scope, unit)
            .filter(start_date__gte=start, start_date__lte=end)
            .values(*EMPLOYEE_FIELDS, "penalty_type__code", "penalty_type__level",
                    "sk_number", "start_date", "end_date"))
    for row in rows:
        recap.entries.append(_entry(
            row, row["penalty_type__code"], names.get(row["penalty_type__code"], ""),
            start=row["start_date"], end=row["end_date"], number=row["sk_number"],
            note=str(levels.get(row["penalty_type__level"], ""))))
    return _tabulate(recap, names)


def may_see_discipline(user) -> bool:
    return not class_scope(user, FieldClass.DISCIPLINE).is_empty
