"""The reports' data (R-USE, R-INT): statistics and the career due lists.

Each endpoint calls the same read function as its page in ``smart.reports``
(``statistics_tables``, ``unit_by_golongan``, ``retirement_projection``,
``kgb_due``, ``promotion_candidates``) with the same parameters checked by
the same forms, and is scoped exactly as the page: ``report_scope_or_404``
(employees and the Super Administrator get a 404), a unit outside the
caller's scope is a 404, and every employee comes through ``visible_to``.
A key's system account reads the units of its key (``smart.api.auth``).
Due lists name people, so each answer is audited with the ids it returned;
every answer is a report use (``ReportUse``, kind "api") in the monthly usage
summary (Pasal 22(3)).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Field, Query, Router, Schema

from smart.api.auth import Caller
from smart.api.errors import ERRORS
from smart.audit.services import audit_record
from smart.reports.due import DueList, promotion_candidates
from smart.reports.forms import PeriodForm, PromotionForm
from smart.reports.policies import report_scope_or_404
from smart.reports.services import report_api_record
from smart.reports.statistics import statistics_snapshot
from smart.reports.views import DUE_LISTS, scope_label, units_in_scope

router = Router(tags=["reports"])

UNIT_HELP = "Unit code (its sub-units are included); empty: the caller's whole scope."


def _scope_and_unit(caller: Caller, code: str):
    """The caller's report scope and the unit of ``code`` within it (404 outside)."""
    scope = report_scope_or_404(caller.user)
    units = units_in_scope(scope)
    if not code:
        return scope, units, None
    unit = units.filter(code=code).first()
    if unit is None:
        raise Http404
    return scope, units, unit


class StatisticsFilters(Schema):
    unit: str = Field("", max_length=40, description=UNIT_HELP)


class Line(Schema):
    label: str
    count: int
    query: dict[str, str | int] | None = Field(
        description="The employee-list parameters of the people behind the number "
                    "(drill-down); null when there is no list behind it.")


class Table(Schema):
    key: str = Field(description="asn, golongan, education, sex, age, religion, "
                                 "position_type, echelon or unit")
    title: str
    total: int
    lines: list[Line]


class CrossColumn(Schema):
    golongan_id: int | None
    name: str


class CrossRow(Schema):
    name: str = Field(description="The OPD (perangkat daerah).")
    cells: list[int] = Field(description="One count per column, in the columns' order.")
    total: int


class CrossTable(Schema):
    columns: list[CrossColumn]
    rows: list[CrossRow]
    column_totals: list[int]
    total: int


class Statistics(Schema):
    scope: str = Field(description="What the figures cover, as the page's title says it.")
    counted_at: datetime.datetime | None = Field(
        description="When a big scope's figures were counted (they are kept a few "
                    "minutes); null: counted for this request.")
    tables: list[Table]
    unit_by_golongan: CrossTable


@router.get("/statistics", response={200: Statistics, **ERRORS},
            summary="Statistics (rekap / bezetting)")
def statistics(request, filters: Query[StatisticsFilters]):
    """Employees in service today within the caller's scope, counted by ASN kind,
    golongan, education, sex, age band, religion, position type, eselon and OPD,
    and the OPD × golongan cross-table — the figures of the statistics page."""
    caller: Caller = request.auth
    scope, _units, unit = _scope_and_unit(caller, filters.unit)
    snapshot = statistics_snapshot(caller.user, unit)
    tables, cross = snapshot.tables, snapshot.cross
    report_api_record(actor=caller.user, code="reports.statistics",
                      params={"unit": unit.code if unit else None},
                      data_label=scope_label(scope, unit))
    return {
        "scope": scope_label(scope, unit),
        "counted_at": snapshot.counted_at,
        "tables": [{"key": t.key, "title": t.title, "total": t.total,
                    "lines": [{"label": line.label, "count": line.count, "query": line.query}
                              for line in t.lines]} for t in tables],
        "unit_by_golongan": {
            "columns": [{"golongan_id": pk, "name": name} for pk, name in cross.columns],
            "rows": [{"name": name, "cells": [count for count, _query in cells],
                      "total": total} for name, cells, total, _query in cross.rows],
            "column_totals": cross.column_totals, "total": cross.total,
        },
    }


# Dates the career rules can count with (a BUP birthday 71 years back, a period
# ahead); beyond them a date is a typing error, refused as a 422.
EARLIEST, LATEST = datetime.date(1900, 1, 1), datetime.date(2100, 12, 31)


class PeriodFilters(Schema):
    start: datetime.date | None = Field(None, ge=EARLIEST, le=LATEST,
                                        description="First day; default today.")
    end: datetime.date | None = Field(
        None, ge=EARLIEST, le=LATEST,
        description="Last day; default: the page's default period after ``start`` "
                    "(12 months for retirement, 3 for KGB). At most five years.")
    unit: str = Field("", max_length=40, description=UNIT_HELP)


class PromotionFilters(Schema):
    on: datetime.date | None = Field(
        None, ge=EARLIEST, le=LATEST,
        description="The KP period is the first of the six a year on or after this day "
                    "(default today).")
    unit: str = Field("", max_length=40, description=UNIT_HELP)


class DueRow(Schema):
    id: int
    nip: str
    name: str
    asn_kind: str
    golongan_code: str
    golongan: str
    position_name: str
    unit_name: str
    date: datetime.date = Field(description="TMT pensiun, the KGB date, or the KP period.")
    rule: str = Field(description="Why the person is on the list (Indonesian).")


class Undetermined(Schema):
    name: str
    nip: str
    reason: str


class DueListOut(Schema):
    list: str
    title: str
    scope: str
    start: datetime.date
    end: datetime.date
    rows: list[DueRow]
    undetermined: list[Undetermined] = Field(
        description="People the rule could not be applied to, and why.")


def _form_values(form):
    values = form.values()
    if values is None:  # the same refusal as the page's form error
        raise ValidationError([str(e) for errors in form.errors.values() for e in errors])
    return values


def _answer(caller: Caller, key: str, scope, unit, start, end, result: DueList) -> dict:
    ids = [row.pk for row in result.rows]
    params = {"unit": unit.code if unit else None, "start": start.isoformat(),
              "end": end.isoformat()}
    audit_record(actor=caller.user, action=f"api.report.{key}", data={"ids": ids, **params})
    report_api_record(actor=caller.user, code=f"reports.{key}", params=params,
                      data_label=scope_label(scope, unit), rows=result.people)
    return {
        "list": key, "title": DUE_LISTS[key][1], "scope": scope_label(scope, unit),
        "start": start, "end": end,
        "rows": [{"id": r.pk, "nip": r.nip, "name": r.name, "asn_kind": r.asn_kind,
                  "golongan_code": r.golongan_code, "golongan": r.golongan,
                  "position_name": r.position_name, "unit_name": r.unit_name,
                  "date": r.date, "rule": r.rule} for r in result.rows],
        "undetermined": [{"name": name, "nip": nip, "reason": why}
                         for name, nip, why in result.undetermined],
    }


def _period_list(request, key: str, filters: PeriodFilters) -> dict:
    caller: Caller = request.auth
    scope, units, unit = _scope_and_unit(caller, filters.unit)
    _title, _file_title, build, months = DUE_LISTS[key]
    data = {"start": filters.start, "end": filters.end, "unit": unit.pk if unit else ""}
    form = PeriodForm({k: v for k, v in data.items() if v not in (None, "")}, units=units,
                      default_months=months)
    start, end, unit = _form_values(form)
    return _answer(caller, key, scope, unit, start, end, build(caller.user, start, end, unit))


@router.get("/reports/retirement", response={200: DueListOut, **ERRORS},
            summary="Retirement projection (BUP)")
def retirement(request, filters: Query[PeriodFilters]):
    """PNS and PPPK who reach TMT pensiun in the period, each with the BUP rule."""
    return _period_list(request, "retirement", filters)


@router.get("/reports/kgb", response={200: DueListOut, **ERRORS},
            summary="Periodic salary increases (KGB) due")
def kgb(request, filters: Query[PeriodFilters]):
    """Whose next KGB falls in the period (the SKP condition is for the verifier)."""
    return _period_list(request, "kgb", filters)


@router.get("/reports/promotion", response={200: DueListOut, **ERRORS},
            summary="Regular promotion (KP) candidates")
def promotion(request, filters: Query[PromotionFilters]):
    """PNS who meet the time-in-rank and ceiling conditions of KP reguler on the
    next KP period on or after ``on``."""
    caller: Caller = request.auth
    scope, units, unit = _scope_and_unit(caller, filters.unit)
    data = {"on": filters.on, "unit": unit.pk if unit else ""}
    form = PromotionForm({k: v for k, v in data.items() if v not in (None, "")}, units=units)
    period, unit = _form_values(form)
    return _answer(caller, "promotion", scope, unit, period, period,
                   promotion_candidates(caller.user, period, unit))
