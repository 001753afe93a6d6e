"""Rekap / bezetting (R-USE): how many ASN, counted by one attribute at a time,
and one cross-table (OPD × golongan).

Who is counted: the employees the user may read (``visible_to``), in service
today (``EmployeeQuerySet.active``), optionally in one unit subtree. Every count
is one GROUP BY in the database — one query per table, whatever the number of
employees — and every number links to the employee list behind it, with the
list's own filter parameters (drill-down).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models import Case, CharField, Count, F, Value, When
from django.utils import timezone

from smart.access.policies import personnel_scope, scope_cache_key
from smart.people.models import Employee, years_before
from smart.references.models import AGENCY_DEPTH, Golongan, Unit

NONE_LABEL = "(tidak diisi)"

# Age bands (completed years), as BKPP's rekap uses them: (label, from, to).
AGE_BANDS = (("< 26", None, 25), ("26–30", 26, 30), ("31–35", 31, 35), ("36–40", 36, 40),
             ("41–45", 41, 45), ("46–50", 46, 50), ("51–55", 51, 55), ("56–60", 56, 60),
             ("> 60", 61, None))


@dataclass(frozen=True)
class Dimension:
    """One attribute to count by: the field to group on, the field that names a
    group, and the employee-list parameter that selects it (None: no link)."""

    key: str
    title: str
    group: str
    label: str
    parameter: str | None
    order: str
    none_label: str = NONE_LABEL


DIMENSIONS = (
    Dimension("asn", "Jenis ASN (PNS/CPNS/PPPK)", "asn_kind", "asn_kind", "asn_kind",
              "asn_kind"),
    Dimension("golongan", "Golongan", "golongan_id", "golongan__name", "golongan",
              "golongan__sort_order"),
    Dimension("education", "Tingkat pendidikan", "education_level_id", "education_level__name",
              "education_level", "education_level__code"),
    Dimension("sex", "Jenis kelamin", "sex_id", "sex__name", "sex", "sex__code"),
    Dimension("religion", "Agama", "religion_id", "religion__name", "religion",
              "religion__sort_order"),
    Dimension("position_type", "Jenis jabatan", "position_type_id", "position_type__name",
              "position_type", "position_type__code"),
    Dimension("echelon", "Eselon", "echelon_id", "echelon__name", "echelon", "echelon__code",
              none_label="Non-eselon / tidak diisi"),
    Dimension("unit", "Perangkat daerah (OPD)", "unit__agency_id", "unit__agency__name",
              "unit", "unit__agency__path"),
)


@dataclass
class Line:
    label: str
    count: int
    query: dict | None  # employee-list parameters; None: no list behind it


@dataclass
class Table:
    key: str
    title: str
    lines: list[Line] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(line.count for line in self.lines)


@dataclass
class CrossTable:
    """Rows: OPD; columns: the golongan that occur; cells: (count, query)."""

    columns: list[tuple[int, str]]
    rows: list[tuple[str, list[tuple[int, dict]], int, dict]]
    column_totals: list[int]
    total: int


def population(user, unit: Unit | None = None):
    employees = Employee.objects.visible_to(user).active()
    if unit is not None:
        employees = employees.filter(unit__path__startswith=unit.path)
    return employees


def base_query(unit: Unit | None) -> dict:
    """The list parameters every drill-down link carries."""
    query = {"active": "on"}
    if unit is not None:
        query["unit"] = unit.pk
    return query


def _agency_query(base: dict, agency_id: int, agency_path: str, user,
                  unit: Unit | None) -> dict:
    """The list of one OPD's row: the OPD as the unit, unless the report was for
    a unit below it (the row is that unit then) or the OPD is wider than the
    user's scope (the list would refuse it)."""
    scope = personnel_scope(user)
    if (unit is not None and unit.depth > AGENCY_DEPTH) or not (
            scope.everything or any(agency_path.startswith(p) for p in scope.unit_paths)):
        return dict(base)
    return {**base, "unit": agency_id}


def count_by(employees, dimension: Dimension, base: dict, user=None,
             unit: Unit | None = None) -> Table:
    table = Table(dimension.key, dimension.title)
    for row in (employees.values(dimension.group, dimension.label, dimension.order)
                .annotate(n=Count("pk")).order_by(F(dimension.order).asc(nulls_last=True))):
        value = row[dimension.group]
        query = None
        if value is not None and dimension.key == "unit":
            query = _agency_query(base, value, row[dimension.order], user, unit)
        elif value is not None and dimension.parameter:
            query = {**base, dimension.parameter: value}
        table.lines.append(Line(row[dimension.label] or dimension.none_label, row["n"], query))
    return table


def count_by_age(employees, base: dict, on: datetime.date | None = None) -> Table:
    """Age bands in one query: a CASE on the birth date, grouped."""
    on = on or timezone.localdate()
    whens = []
    for label, low, high in AGE_BANDS:
        condition = {}
        if low is not None:
            condition["birth_date__lte"] = years_before(on, low)
        if high is not None:
            condition["birth_date__gt"] = years_before(on, high + 1)
        whens.append(When(then=Value(label), **condition))
    counts = dict(employees.annotate(band=Case(*whens, output_field=CharField()))
                  .values("band").annotate(n=Count("pk")).values_list("band", "n"))
    table = Table("age", "Kelompok usia")
    for label, low, high in AGE_BANDS:
        query = {**base, **({"age_min": low} if low is not None else {}),
                 **({"age_max": high} if high is not None else {})}
        table.lines.append(Line(label, counts.get(label, 0), query))
    return table


def statistics_tables(user, unit: Unit | None = None) -> list[Table]:
    employees = population(user, unit)
    base = base_query(unit)
    tables = [count_by(employees, d, base, user, unit) for d in DIMENSIONS]
    tables.insert(4, count_by_age(employees, base))
    return tables


def unit_by_golongan(user, unit: Unit | None = None) -> CrossTable:
    """OPD × golongan in one GROUP BY; only golongan that occur get a column."""
    base = base_query(unit)
    counts: dict[tuple, int] = {}
    agencies: dict[int, str] = {}
    for row in (population(user, unit).values("unit__agency_id", "unit__agency__name",
                                               "unit__agency__path", "golongan_id")
                .annotate(n=Count("pk")).order_by("unit__agency__path")):
        agencies.setdefault(row["unit__agency_id"], (row["unit__agency__name"] or NONE_LABEL,
                                                     row["unit__agency__path"] or ""))
        counts[row["unit__agency_id"], row["golongan_id"]] = row["n"]
    used = {golongan for _, golongan in counts}
    columns = [(g.pk, g.name) for g in Golongan.objects.filter(pk__in=used - {None})
               .order_by("scheme", "sort_order", "code")]
    if None in used:
        columns.append((None, NONE_LABEL))
    rows = []
    for agency, (name, path) in agencies.items():
        row_query = _agency_query(base, agency, path, user, unit) if agency else None
        cells = []
        for golongan, _ in columns:
            query = None
            if row_query is not None and golongan is not None:
                query = {**row_query, "golongan": golongan}
            cells.append((counts.get((agency, golongan), 0), query))
        rows.append((name, cells, sum(c for c, _ in cells), row_query))
    column_totals = [sum(counts.get((a, g), 0) for a in agencies) for g, _ in columns]
    return CrossTable(columns, rows, column_totals, sum(column_totals))


@dataclass
class Snapshot:
    """The statistics of one scope and unit, and when they were counted (None:
    just now, for this request)."""

    tables: list[Table]
    cross: CrossTable
    counted_at: datetime.datetime | None = None


def statistics_snapshot(user, unit: Unit | None = None) -> Snapshot:
    """``statistics_tables`` and ``unit_by_golongan`` together. Counting is the
    cost at scale (each table is a pass over every employee in scope): up to
    ``SMART_LIST_EXACT_COUNT_UP_TO`` employees they are counted on every
    request; above it, once per ``SMART_LIST_COUNT_CACHE_SECONDS`` per scope and
    unit, and the page and the API say when (issue 10, docs/performance.md)."""
    cap = settings.SMART_LIST_EXACT_COUNT_UP_TO
    if population(user, unit).order_by().values("pk")[:cap + 1].count() <= cap:
        return Snapshot(statistics_tables(user, unit), unit_by_golongan(user, unit))
    who = scope_cache_key(user)
    key = f"smart.reports.statistics:{who}:{unit.pk if unit else '-'}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    snapshot = Snapshot(statistics_tables(user, unit), unit_by_golongan(user, unit),
                        counted_at=timezone.now())
    cache.set(key, snapshot, settings.SMART_LIST_COUNT_CACHE_SECONDS)
    return snapshot
