"""Report files built from the page's parameters, as plain functions taking a
``run`` (the background job's progress reporter, or ``NO_RUN``), so the same
code writes a small file during the request and a large one (more than
``large_export_rows()``, the setting ``SMART_LARGE_EXPORT_ROWS``, 2,000 unless
configured) in a background job (``reports.jobs``).

Each builder re-reads the rows for the user from the query parameters, through
the same forms and ``visible_to`` querysets as the page: a job runs with its
owner's scope as it is when it runs, never wider than the page's.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.http import Http404, QueryDict
from django.utils import timezone
from django.utils.text import slugify

from smart.people.models import Employee
from smart.references.models import Unit
from smart.releases.marking import csv_bytes
from smart.reports.due import kgb_due, promotion_candidates, retirement_projection
from smart.reports.due_files import due_pdf, due_xlsx
from smart.reports.duk import duk_rows
from smart.reports.duk_files import duk_pdf, duk_xlsx
from smart.reports.excel import Column, xlsx_bytes
from smart.reports.forms import DukForm, NominatifForm, PeriodForm, PromotionForm, UnitForm
from smart.reports.nominatif import nominatif_rows, offered_columns
from smart.reports.nominatif_files import nominatif_pdf
from smart.reports.policies import report_scope_or_404
from smart.reports.recap_files import recap_pdf, recap_xlsx
from smart.reports.recaps import discipline_recap, leave_recap, may_see_discipline
from smart.reports.signing import signing_official
from smart.reports.statistics import statistics_snapshot
from smart.reports.statistics_files import lines_of, statistics_pdf, statistics_xlsx

PROGRESS_EVERY = 250
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {"xlsx": XLSX, "pdf": "application/pdf", "csv": "text/csv; charset=utf-8"}


def large_export_rows() -> int:
    """Above this many rows a file is made in the background (issue 7 §7)."""
    return settings.SMART_LARGE_EXPORT_ROWS


class _NoRun:
    """The ``run`` of a file made during the request: nothing to report to."""

    def progress(self, done: int, total: int, message: str = "") -> None:
        return None


NO_RUN = _NoRun()


class StaleParameters(Exception):
    """A file's parameters no longer valid for its user (a job run later)."""


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


# The nominatif's Excel column widths in characters (14 when not listed); the
# grouped NIP is 21 characters.
NOMINATIF_XLSX_WIDTHS = {"name": 24, "position": 24, "unit": 24, "nip": 22}


def nominatif_parts(user, query: QueryDict):
    """(form, employees, columns) of the nominatif's parameters for this user."""
    scope = report_scope_or_404(user)
    form = NominatifForm(query or None, units=units_in_scope(scope),
                         offered=offered_columns(user))
    employees = form.filter(Employee.objects.visible_to(user))
    return form, employees, form.chosen_columns()


def nominatif_file(run, *, user, query: QueryDict, fmt: str, note: str,
                   label: str = "") -> ReportFile:
    """The daftar nominatif as CSV, Excel or PDF, every cell neutralised."""
    _form, employees, columns = nominatif_parts(user, query)
    total = employees.count()
    # The CSV is for other programs: the NIP as its 18 stored digits (decision 214).
    rows = counted(nominatif_rows(employees, columns, viewer=user, typed=fmt != "csv",
                                  raw=fmt == "csv"), total, run)
    stamp = f"{timezone.localdate():%Y%m%d}"
    if fmt == "csv":
        content = csv_bytes([c.header for c in columns], rows, note=note)
    elif fmt == "pdf":
        content = nominatif_pdf(list(rows), columns, label=label or "Seluruh cakupan",
                                signer=signing_official(), printed_by=user, note=note)
    else:
        content = xlsx_bytes(
            title="DAFTAR NOMINATIF PEGAWAI",
            subtitle=f"Keadaan per {timezone.localdate():%d-%m-%Y}",
            columns=[Column(c.header, c.kind, NOMINATIF_XLSX_WIDTHS.get(c.key, 14))
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


# The career due lists' file titles (Indonesian, like every printed report),
# their functions, and the months a period has by default (None: one KP period).
DUE_FILES = {
    "retirement": ("Proyeksi pensiun (BUP)", retirement_projection, 12),
    "kgb": ("Daftar kenaikan gaji berkala (KGB)", kgb_due, 3),
    "promotion": ("Calon kenaikan pangkat reguler (KP)", promotion_candidates, None),
}


def due_forms(user, key: str, query: QueryDict | None):
    """(form, (first day, last day, unit) or None) of a due list's parameters;
    for KP the first and last day are the period."""
    scope = report_scope_or_404(user)
    units = units_in_scope(scope)
    months = DUE_FILES[key][2]
    if months is None:
        form = PromotionForm(query or None, units=units, scope=scope)
        values = form.values()
        return form, ((values[0], values[0], values[1]) if values else None)
    form = PeriodForm(query or None, units=units, default_months=months, scope=scope)
    return form, form.values()


def due_build(user, key: str, start, end, unit):
    build, months = DUE_FILES[key][1], DUE_FILES[key][2]
    return build(user, start, unit) if months is None else build(user, start, end, unit)


def due_query(key: str, start, end, unit) -> dict:
    """The parameters that give this list again, as a job keeps them."""
    dates = {"on": [start.isoformat()]} if DUE_FILES[key][2] is None else {
        "start": [start.isoformat()], "end": [end.isoformat()]}
    return {**dates, **({"unit": [str(unit.pk)]} if unit else {})}


def period_text(start, end) -> str:
    return (f"periode {start:%d-%m-%Y}" if start == end
            else f"{start:%d-%m-%Y} s.d. {end:%d-%m-%Y}")


def due_file(run, *, user, key: str, query: QueryDict, fmt: str, note: str, label: str,
             result=None) -> ReportFile:
    """A career due list as Excel or PDF; ``result`` when the caller has it already."""
    _form, values = due_forms(user, key, query)
    if values is None:
        raise StaleParameters
    start, end, unit = values
    result = due_build(user, key, start, end, unit) if result is None else result
    run.progress(0, result.people, "")
    list(counted(range(result.people), result.people, run))
    title = DUE_FILES[key][0]
    sub = f"{label} — {period_text(start, end)}"
    if fmt == "xlsx":
        content = due_xlsx(result, title=title, subtitle=sub, note=note)
    else:
        content = due_pdf(result, title=title, subtitle=sub, signer=signing_official(),
                          printed_by=user, note=note)
    filename = f"{key}-{slugify(unit.code if unit else 'kabupaten')}-{start:%Y%m%d}.{fmt}"
    return ReportFile(filename, content, result.people)


RECAP_FILES = {"leave": (leave_recap, False), "discipline": (discipline_recap, True)}


def recap_values(user, key: str, query: QueryDict):
    """(first day, last day, unit) of a recap's parameters, or None when invalid;
    the discipline recap is a 404 for whoever does not see discipline records."""
    scope = report_scope_or_404(user)
    if key == "discipline" and not may_see_discipline(user):
        raise Http404
    return PeriodForm(query, units=units_in_scope(scope), default_months=12).values()


def recap_file(run, *, user, key: str, query: QueryDict, fmt: str, note: str, label: str,
               result=None) -> ReportFile:
    """The leave or discipline recap as Excel or PDF."""
    values = recap_values(user, key, query)
    if values is None:
        raise StaleParameters
    start, end, unit = values
    result = RECAP_FILES[key][0](user, start, end, unit) if result is None else result
    run.progress(0, result.total, "")
    list(counted(result.entries, result.total, run))
    where = slugify(unit.code if unit else "kabupaten")
    filename = f"rekap-{key}-{where}-{start:%Y%m%d}.{fmt}"
    if fmt == "xlsx":
        content = recap_xlsx(result, label=label, start=start, end=end, note=note)
    else:
        content = recap_pdf(result, label=label, start=start, end=end,
                            signer=signing_official(), printed_by=user, note=note)
    return ReportFile(filename, content, result.total)


def statistics_unit(user, query: QueryDict):
    """(unit,) of the statistics' parameters (None: the whole scope), or None."""
    scope = report_scope_or_404(user)
    return UnitForm(query or None, units=units_in_scope(scope)).values()


def statistics_file(run, *, user, query: QueryDict, fmt: str, note: str, label: str,
                    snapshot=None) -> ReportFile:
    """The statistics tables and the OPD × golongan table as Excel or PDF."""
    values = statistics_unit(user, query)
    if values is None:
        raise StaleParameters
    unit = values[0]
    snapshot = statistics_snapshot(user, unit) if snapshot is None else snapshot
    lines = lines_of(snapshot)
    run.progress(0, lines, "")
    if fmt == "xlsx":
        content = statistics_xlsx(snapshot, label=label, note=note)
    else:
        content = statistics_pdf(snapshot, label=label, signer=signing_official(),
                                 printed_by=user, note=note)
    run.progress(lines, lines, "")
    where = slugify(unit.code if unit else "kabupaten")
    filename = f"statistik-{where}-{timezone.localdate():%Y%m%d}.{fmt}"
    return ReportFile(filename, content, lines)
