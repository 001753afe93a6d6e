"""Report pages and files (R-USE). Every view starts from the user's report scope
(``report_scope_or_404``) and every employee comes through ``visible_to``;
every file passes the data-release gate (Perbup 35/2020 Pasal 24(2))."""

from __future__ import annotations

from csp.decorators import csp_exempt
from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from smart.people.models import Employee
from smart.references.models import Unit
from smart.releases.gate import export_gate
from smart.releases.marking import csv_bytes
from smart.releases.policies import Export
from smart.reports.due import kgb_due, promotion_candidates, retirement_projection
from smart.reports.due_files import due_xlsx
from smart.reports.duk import duk_rows
from smart.reports.duk_files import duk_pdf as duk_pdf_bytes
from smart.reports.duk_files import duk_xlsx as duk_xlsx_bytes
from smart.reports.forms import DukForm, NominatifForm, PeriodForm, PromotionForm, UnitForm
from smart.reports.nominatif import cells, nominatif_rows, nominatif_values
from smart.reports.policies import report_scope_or_404
from smart.reports.services import report_export_record
from smart.reports.signing import signing_official
from smart.reports.statistics import statistics_snapshot

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def units_in_scope(scope):
    units = Unit.objects.current().select_related("agency")
    return units if scope.everything else units.under_any(scope.unit_paths)


def scope_label(scope, unit: Unit | None) -> str:
    """What a report covers, as its title says it."""
    if unit is not None:
        return unit.label
    if scope.everything:
        return f"Pemerintah {settings.SMART_REGENCY_NAME}"
    names = Unit.objects.filter(path__in=scope.unit_paths).values_list("name", flat=True)
    return ", ".join(names)


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def index(request):
    report_scope_or_404(request.user)
    return render(request, "reports/report_index.html")


def duk(request):
    scope = report_scope_or_404(request.user)
    form = DukForm(request.GET or None, units=units_in_scope(scope))
    values = form.values()
    rows = duk_rows(request.user, *values) if values else []
    page = Paginator(rows, settings.SMART_REPORT_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "reports/duk_list.html", {
        "form": form, "page": page, "query": _query_without_page(request),
        "on": values[0] if values else None,
        "label": scope_label(scope, values[1]) if values else "",
    })


def statistics(request):
    """Rekap / bezetting: counts with totals, the OPD × golongan table, and a link
    from every number to the employee list behind it."""
    scope = report_scope_or_404(request.user)
    form = UnitForm(request.GET or None, units=units_in_scope(scope))
    values = form.values()
    unit = values[0] if values else None
    snapshot = statistics_snapshot(request.user, unit) if values else None
    tables = snapshot.tables if snapshot else []
    cross = snapshot.cross if snapshot else None
    return render(request, "reports/statistics.html", {
        "form": form, "tables": tables, "cross": cross,
        "counted_at": snapshot.counted_at if snapshot else None,
        "label": scope_label(scope, unit) if values else "",
        "charts": [{"id": f"chart-{t.key}", "title": t.title,
                    "labels": [line.label for line in t.lines],
                    "counts": [line.count for line in t.lines]} for t in tables],
    })


# Career due lists: the page title, the file title (Indonesian, like every printed
# report), the function, and the months shown by default (None: one KP period).
DUE_LISTS = {
    "retirement": (_("Retirement projection"), "Proyeksi pensiun (BUP)",
                   retirement_projection, 12),
    "kgb": (_("Periodic salary increases (KGB) due"), "Daftar kenaikan gaji berkala (KGB)",
            kgb_due, 3),
    "promotion": (_("Regular promotion (KP) candidates"),
                  "Calon kenaikan pangkat reguler (KP)", promotion_candidates, None),
}


def _due_list(request, key: str):
    """(scope, form, first day, last day, unit, the list) of the page's parameters;
    the list is None when a parameter is invalid (see ``DukForm.values``). For
    KP the first and last day are the period."""
    scope = report_scope_or_404(request.user)
    _title, _file_title, build, months = DUE_LISTS[key]
    units = units_in_scope(scope)
    if months is None:
        form = PromotionForm(request.GET or None, units=units)
        values = form.values()
        start, end, unit = (values[0], values[0], values[1]) if values else (None, None, None)
        result = build(request.user, start, unit) if values else None
    else:
        form = PeriodForm(request.GET or None, units=units, default_months=months)
        values = form.values()
        start, end, unit = values if values else (None, None, None)
        result = build(request.user, start, end, unit) if values else None
    return scope, form, start, end, unit, result


def due_list(request, key: str):
    scope, form, start, end, unit, result = _due_list(request, key)
    page = Paginator(result.rows if result else [], settings.SMART_REPORT_PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "reports/due_list.html", {
        "key": key, "title": DUE_LISTS[key][0], "form": form, "result": result, "page": page,
        "start": start, "end": end, "query": _query_without_page(request),
        "label": scope_label(scope, unit) if result is not None else "",
        "export_url": reverse(f"reports:{key}_xlsx"),
    })


def due_list_xlsx(request, key: str):
    scope, _form, start, end, unit, result = _due_list(request, key)
    if result is None:
        raise Http404
    title = DUE_LISTS[key][1]
    label = scope_label(scope, unit)
    period = (f"periode {start:%d-%m-%Y}" if start == end
              else f"{start:%d-%m-%Y} s.d. {end:%d-%m-%Y}")
    params = {"start": start.isoformat(), "end": end.isoformat(),
              "unit": unit.pk if unit else None}
    code = f"reports.{key}"
    gate = export_gate(request, Export(code=code, params=params, rows=len(result.rows),
                                       specific=False, label=f"{title} {label} {period}"))
    if gate.refusal:
        return gate.refusal
    content = due_xlsx(result, title=title, subtitle=f"{label} — {period}", note=gate.note)
    filename = f"{key}-{slugify(unit.code if unit else 'kabupaten')}-{start:%Y%m%d}.xlsx"
    gate.record_use(content, filename)
    report_export_record(actor=request.user, code=code, params=params,
                         rows=len(result.rows), filename=filename)
    return _file_response(content, filename, XLSX, attachment=True)


def _nominatif(request):
    scope = report_scope_or_404(request.user)
    form = NominatifForm(request.GET or None, units=units_in_scope(scope))
    employees = form.filter(Employee.objects.visible_to(request.user))
    return form, employees, form.chosen_columns()


def nominatif(request):
    form, employees, columns = _nominatif(request)
    page = Paginator(nominatif_values(employees, columns),
                     settings.SMART_REPORT_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "reports/nominatif.html", {
        "form": form, "columns": columns, "page": page,
        "rows": list(cells(page.object_list, columns)),
        "query": _query_without_page(request),
    })


def nominatif_csv(request):
    """CSV of the chosen columns: every cell neutralised, the release line first."""
    form, employees, columns = _nominatif(request)
    count = employees.count()
    query = request.GET.copy()
    query.pop("page", None)
    params = {key: sorted(query.getlist(key)) for key in sorted(query)}
    gate = export_gate(request, Export(
        code="reports.nominatif", params=params, rows=count, specific=False,
        label=f"Daftar nominatif ({count} pegawai; kolom: "
              f"{', '.join(c.header for c in columns)})"))
    if gate.refusal:
        return gate.refusal
    content = csv_bytes([c.header for c in columns], nominatif_rows(employees, columns),
                        note=gate.note)
    filename = f"nominatif-{timezone.localdate():%Y%m%d}.csv"
    gate.record_use(content, filename)
    report_export_record(actor=request.user, code="reports.nominatif", params=params,
                         rows=count, filename=filename)
    return _file_response(content, filename, "text/csv; charset=utf-8", attachment=True)


def _duk_file(request, extension: str):
    """The DUK of the page's parameters as a file, through the release gate."""
    scope = report_scope_or_404(request.user)
    values = DukForm(request.GET or None, units=units_in_scope(scope)).values()
    if values is None:
        raise Http404
    on, unit = values
    rows = duk_rows(request.user, on, unit)
    label = scope_label(scope, unit)
    params = {"on": on.isoformat(), "unit": unit.pk if unit else None}
    gate = export_gate(request, Export(
        code="reports.duk", params=params, rows=len(rows), specific=False,
        label=f"Daftar Urut Kepangkatan {label} per {on:%d-%m-%Y}"))
    if gate.refusal:
        return None, gate.refusal
    filename = f"DUK-{slugify(unit.code if unit else 'kabupaten')}-{on:%Y%m%d}.{extension}"
    if extension == "xlsx":
        content = duk_xlsx_bytes(rows, scope_label=label, on=on, note=gate.note)
    else:
        content = duk_pdf_bytes(rows, scope_label=label, on=on, signer=signing_official(),
                                printed_by=request.user, note=gate.note)
    gate.record_use(content, filename)
    report_export_record(actor=request.user, code="reports.duk", params=params,
                         rows=len(rows), filename=filename)
    return filename, content


def duk_xlsx(request):
    filename, content = _duk_file(request, "xlsx")
    if filename is None:
        return content
    return _file_response(content, filename, XLSX, attachment=True)


@csp_exempt()
def duk_pdf(request):
    """Shown inline, hence exempt from the CSP like the DRH (decision 64)."""
    filename, content = _duk_file(request, "pdf")
    if filename is None:
        return content
    return _file_response(content, filename, "application/pdf", attachment=False)


def _file_response(content: bytes, filename: str, content_type: str, *,
                   attachment: bool) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=attachment, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
