"""Counting what is missing, in the database (R-ME, R-PROC-1).

The one definition of a *complete record* is ``elements.standard_elements``
counted by ``record_completeness`` (or ``progress_by_unit`` per OPD): the
leadership dashboard, the M&E figures, the monthly PDF and the public page all
read it, so they show the same share for the same employees. A recording
campaign counts its own chosen elements and says so.

``annotate_missing`` puts one 0/1 column per element on an employee queryset;
``progress_by_unit`` sums them per unit in one GROUP BY query, and a page of
employees reads its flags in one query too. Nothing here runs a query per
employee: the tests pin the counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Case, Count, IntegerField, Q, Sum, Value, When
from django.utils.translation import gettext as _

from smart.records.elements import Element, standard_elements

AGENCY, UNIT = "agency", "unit"
GROUP_KEYS = {AGENCY: ("unit__agency_id", "unit__agency__name", "unit__agency__short_name"),
              UNIT: ("unit_id", "unit__name", "unit__short_name")}


def _flag(index: int) -> str:
    return f"missing_{index}"


def _counted(index: int) -> str:
    return f"counted_{index}"


def annotate_missing(employees, elements: Sequence[Element]):
    """The employees with ``missing_<i>`` (0/1) per element, ``missing_count`` and
    ``counted_count`` (how many elements count for them: PPPK have no TMT CPNS)."""
    flags = {_flag(i): element.missing_flag() for i, element in enumerate(elements)}
    counted = {_counted(i): element.counts_flag() for i, element in enumerate(elements)}
    if not elements:
        return employees.annotate(missing_count=Value(0, output_field=IntegerField()),
                                  counted_count=Value(0, output_field=IntegerField()))
    missing_total = sum((flags[_flag(i)] for i in range(len(elements))), Value(0))
    counted_total = sum((counted[_counted(i)] for i in range(len(elements))), Value(0))
    applies = {_counted(i): element.counts_flag() for i, element in enumerate(elements)
               if element.applies is not None}
    return employees.annotate(**flags, **applies, missing_count=missing_total,
                              counted_count=counted_total)


@dataclass
class Progress:
    """The counts of one unit (or of the whole scope)."""

    unit_id: int | None
    name: str
    short_name: str = ""
    employees: int = 0
    complete: int = 0
    elements_counted: int = 0
    elements_missing: int = 0
    missing: dict[str, int] = field(default_factory=dict)  # element code -> employees
    counted: dict[str, int] = field(default_factory=dict)  # element code -> employees it applies to

    def recorded(self, code: str) -> int:
        """Employees the element applies to who have it."""
        return self.counted.get(code, self.employees) - self.missing.get(code, 0)

    def recorded_percent(self, code: str) -> float:
        counted = self.counted.get(code, self.employees)
        return round(100 * self.recorded(code) / counted, 1) if counted else 100.0

    @property
    def incomplete(self) -> int:
        return self.employees - self.complete

    @property
    def percent(self) -> float:
        """Share of the required elements that are recorded (the progress)."""
        if not self.elements_counted:
            return 100.0
        return round(100 * (self.elements_counted - self.elements_missing)
                     / self.elements_counted, 1)

    @property
    def complete_percent(self) -> float:
        if not self.employees:
            return 100.0
        return round(100 * self.complete / self.employees, 1)


def _sums(elements: Sequence[Element]) -> dict:
    sums = {f"n_{i}": Sum(_flag(i)) for i in range(len(elements))}
    # How many employees an element applies to, only where it is not everyone.
    sums |= {f"c_{i}": Sum(_counted(i)) for i, element in enumerate(elements)
             if element.applies is not None}
    return {
        **sums,
        "n_employees": Count("pk"),
        "n_complete": Sum(Case(When(missing_count=0, then=Value(1)), default=Value(0),
                               output_field=IntegerField())),
        "n_missing": Sum("missing_count"),
        "n_counted": Sum("counted_count"),
    }


def _progress(row: dict, elements: Sequence[Element], unit_id, name: str,
              short_name: str = "") -> Progress:
    return Progress(
        unit_id=unit_id, name=name, short_name=short_name or name,
        employees=row["n_employees"] or 0,
        complete=row["n_complete"] or 0, elements_counted=row["n_counted"] or 0,
        elements_missing=row["n_missing"] or 0,
        missing={element.code: row[f"n_{i}"] or 0 for i, element in enumerate(elements)},
        counted={element.code: row[f"c_{i}"] or 0 for i, element in enumerate(elements)
                 if f"c_{i}" in row},
    )


def progress_by_unit(employees, elements: Sequence[Element], *, by: str = AGENCY
                     ) -> list[Progress]:
    """One line per OPD (``by=AGENCY``) or per unit of work (``by=UNIT``), ordered by
    name: one query."""
    keys = GROUP_KEYS[by]
    rows = (annotate_missing(employees, elements).order_by().values(*keys)
            .annotate(**_sums(elements)).order_by(keys[1], keys[0]))
    return [_progress(row, elements, row[keys[0]], row[keys[1]] or _("(no agency)"),
                      row[keys[2]]) for row in rows]


def progress_total(employees, elements: Sequence[Element], name: str = "") -> Progress:
    """The whole queryset's counts: one query."""
    row = annotate_missing(employees, elements).aggregate(**_sums(elements))
    return _progress(row, elements, None, name)


def record_completeness(employees, name: str = "") -> Progress:
    """How complete the records of these employees are, by the one definition
    (``standard_elements``): one query."""
    return progress_total(employees, standard_elements(), name)


def combine(lines: Sequence[Progress], name: str) -> Progress:
    """The sum of several lines (the total row of a table), without a query."""
    total = Progress(unit_id=None, name=name)
    for line in lines:
        total.employees += line.employees
        total.complete += line.complete
        total.elements_counted += line.elements_counted
        total.elements_missing += line.elements_missing
        for code, n in line.missing.items():
            total.missing[code] = total.missing.get(code, 0) + n
        for code, n in line.counted.items():
            total.counted[code] = total.counted.get(code, 0) + n
    return total


def missing_of(employee, elements: Sequence[Element]) -> list[str]:
    """The labels of what one annotated employee misses (no query)."""
    return [str(element.label) for i, element in enumerate(elements)
            if getattr(employee, _flag(i))]


def incomplete(employees):
    """Only the annotated employees that miss something."""
    return employees.filter(missing_count__gt=0)


def complete(employees):
    return employees.filter(Q(missing_count=0))
