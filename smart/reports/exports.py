"""Report files built from the page's parameters, as plain functions taking a
``run`` (the background job's progress reporter, or ``NO_RUN``), so the same
code writes a small file during the request and a large one (more than
``LARGE_EXPORT_ROWS`` rows) in a background job (``reports.jobs``).

Each builder re-reads the rows for the user from the query parameters, through
the same forms and ``visible_to`` querysets as the page: a job runs with its
owner's scope as it is when it runs, never wider than the page's.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.http import QueryDict
from django.utils import timezone
from django.utils.text import slugify

from smart.people.models import Employee
from smart.references.models import Unit
from smart.releases.marking import csv_bytes
from smart.reports.duk import duk_rows
from smart.reports.duk_files import duk_pdf, duk_xlsx
from smart.reports.excel import Column, xlsx_bytes
from smart.reports.forms import DukForm, NominatifForm
from smart.reports.nominatif import nominatif_rows, offered_columns
from smart.reports.policies import report_scope_or_404
from smart.reports.signing import signing_official

# Above this many rows a file is made in the background (issue 7 §7).
LARGE_EXPORT_ROWS = 2000
PROGRESS_EVERY = 250
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {"xlsx": XLSX, "pdf": "application/pdf", "csv": "text/csv; charset=utf-8"}


class _NoRun:
    """The ``run`` of a file made during the request: nothing to report to."""

    def progress(self, done: int, total: int, message: str = "") -> None:
        return None


NO_RUN = _NoRun()


def counted(rows: Iterable, total: int, run, message: str = "") -> Iterator:
    """The rows unchanged, telling ``run`` how far the writing got."""
    done = 0
    for row in rows:
        yield row
        done += 1
        if done % PROGRESS_EVERY == 0:
            run.progress(done, total, message)
    run.progress(done, total, message)


@dataclass(frozen=True)
class ReportFile:
    filename: str
    content: bytes
    rows: int

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.filename.rsplit(".", 1)[-1]]


def units_in_scope(scope):
    units = Unit.objects.current().select_related("agency")
    return units if scope.everything else units.under_any(scope.unit_paths)


def as_query(params: dict) -> QueryDict:
    """A query dict of ``{name: [values]}`` (what a job keeps in its params)."""
    query = QueryDict(mutable=True)
    for key, values in params.items():
        query.setlist(key, [str(v) for v in (values if isinstance(values, list) else [values])])
    return query


def query_params(query: QueryDict) -> dict:
    """The page's parameters without the page number, as sorted lists."""
    return {key: sorted(query.getlist(key)) for key in sorted(query) if key != "page"}


def nominatif_parts(user, query: QueryDict):
    """(form, employees, columns) of the nominatif's parameters for this user."""
    scope = report_scope_or_404(user)
    form = NominatifForm(query or None, units=units_in_scope(scope),
                         offered=offered_columns(user))
    employees = form.filter(Employee.objects.visible_to(user))
    return form, employees, form.chosen_columns()


def nominatif_file(run, *, user, query: QueryDict, fmt: str, note: str) -> ReportFile:
    """The daftar nominatif as CSV or Excel, every cell neutralised."""
    _form, employees, columns = nominatif_parts(user, query)
    total = employees.count()
    rows = counted(nominatif_rows(employees, columns, viewer=user), total, run)
    stamp = f"{timezone.localdate():%Y%m%d}"
    if fmt == "csv":
        content = csv_bytes([c.header for c in columns], rows, note=note)
    else:
        content = xlsx_bytes(
            title="DAFTAR NOMINATIF PEGAWAI",
            subtitle=f"Keadaan per {timezone.localdate():%d-%m-%Y}",
            columns=[Column(c.header, width=24 if c.key in ("name", "position", "unit") else 14)
                     for c in columns], rows=rows, note=note, sheet="Nominatif")
    return ReportFile(f"nominatif-{stamp}.{fmt}", content, total)


def duk_parameters(user, query: QueryDict):
    """(date, unit) of the DUK's parameters, or None when they are invalid."""
    scope = report_scope_or_404(user)
    return DukForm(query or None, units=units_in_scope(scope)).values()


def duk_file(run, *, user, query: QueryDict, fmt: str, note: str, label: str,
             rows=None) -> ReportFile:
    """The DUK as Excel or PDF; ``rows`` when the caller has read them already."""
    on, unit = duk_parameters(user, query)
    rows = duk_rows(user, on, unit) if rows is None else rows
    run.progress(0, len(rows), "")
    listed = list(counted(rows, len(rows), run))
    if fmt == "xlsx":
        content = duk_xlsx(listed, scope_label=label, on=on, note=note)
    else:
        content = duk_pdf(listed, scope_label=label, on=on, signer=signing_official(),
                          printed_by=user, note=note)
    filename = f"DUK-{slugify(unit.code if unit else 'kabupaten')}-{on:%Y%m%d}.{fmt}"
    return ReportFile(filename, content, len(rows))
