"""Report pages and files (R-USE). Every view starts from the user's report scope
(``report_scope_or_404``) and every employee comes through ``visible_to``;
every file passes the data-release gate (Perbup 35/2020 Pasal 24(2))."""

from __future__ import annotations

from csp.decorators import csp_exempt
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header, urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from smart.people.identity import looks_like_nik
from smart.references.models import Unit
from smart.releases.gate import export_gate
from smart.releases.policies import Export, row_threshold
from smart.reports import exports, services
from smart.reports.dashboard import RETIREMENT_HORIZONS, executive_dashboard
from smart.reports.duk import duk_order
from smart.reports.exports import NO_RUN, large_export_rows, query_params, units_in_scope
from smart.reports.forms import (
    ColumnSetForm,
    DukForm,
    LayoutForm,
    NominatifForm,
    PeriodForm,
    RenameViewForm,
    SavedViewForm,
    UnitForm,
    UsageFilterForm,
)
from smart.reports.jobs import export_job_start
from smart.reports.layout import current_layout, default_letterhead, stored_layout
from smart.reports.models import ColumnSet, SavedView, Sharing
from smart.reports.nominatif import cells, nominatif_values, shows_specific_in_full
from smart.reports.policies import (
    layout_admin_or_404,
    report_scope_or_404,
    sharing_choices,
    staff_scope,
    usage_log_or_404,
    usage_summary_or_404,
)
from smart.reports.printing import cell, list_pdf
from smart.reports.recaps import discipline_recap, leave_recap, may_see_discipline
from smart.reports.services import report_export_record
from smart.reports.signing import signing_official
from smart.reports.statistics import statistics_snapshot
from smart.reports.statistics_files import lines_of
from smart.reports.usage import REPORT_NAMES, monthly_summary, usage_log

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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


def _page_url(name: str, query: dict) -> str:
    """The report page ``name`` with the choices ``query`` ({name: value or
    [values]}): where an approved release sends its requester (``Export.url``),
    so the page's file buttons give the gate the released parameters again."""
    query = {key: value for key, value in query.items() if value not in (None, "", [])}
    url = reverse(name)
    return f"{url}?{urlencode(query, doseq=True)}" if query else url


def _page_use(request, code: str, label: str = "", rows: int | None = None) -> None:
    """Log a report shown on screen (Pasal 22(3)): its first page only."""
    if request.GET.get("page") in (None, "", "1"):
        services.report_page_record(actor=request.user, code=code, params=query_params(request.GET),
                           data_label=label, rows=rows)


def index(request):
    report_scope_or_404(request.user)
    return render(request, "reports/report_index.html", {
        "discipline": may_see_discipline(request.user), "threshold": row_threshold()})


def duk(request):
    scope = report_scope_or_404(request.user)
    form = DukForm(request.GET or None, units=units_in_scope(scope), scope=scope)
    values = form.values()
    order = duk_order(request.user, *values) if values else None
    page = Paginator(order.pks if order else [], settings.SMART_REPORT_PAGE_SIZE).get_page(
        request.GET.get("page"))
    if values:
        page.object_list = order.rows_of(request.user, *values, list(page.object_list))
        _page_use(request, "reports.duk", scope_label(scope, values[1]), len(order.pks))
    return render(request, "reports/duk_list.html", {
        "form": form, "page": page, "query": _query_without_page(request),
        "on": values[0] if values else None,
        "ordered_at": order.counted_at if order else None,
        "label": scope_label(scope, values[1]) if values else "",
    })


def statistics(request):
    """Rekap / bezetting: counts with totals, the OPD × golongan table, and a link
    from every number to the employee list behind it."""
    scope = report_scope_or_404(request.user)
    form = UnitForm(request.GET or None, units=units_in_scope(scope), scope=scope)
    values = form.values()
    unit = values[0] if values else None
    snapshot = statistics_snapshot(request.user, unit) if values else None
    tables = snapshot.tables if snapshot else []
    cross = snapshot.cross if snapshot else None
    if values:
        _page_use(request, "reports.statistics", scope_label(scope, unit))
    return render(request, "reports/statistics.html", {
        "form": form, "tables": tables, "cross": cross, "query": _query_without_page(request),
        "counted_at": snapshot.counted_at if snapshot else None,
        "label": scope_label(scope, unit) if values else "",
        "charts": [{"id": f"chart-{t.key}", "title": t.title,
                    "labels": [line.label for line in t.lines],
                    "counts": [line.count for line in t.lines]} for t in tables],
    })


def _statistics_file(request, extension: str):
    """The statistics of the page's unit as a file, through the release gate. A
    file of counts names nobody: the gate counts its lines (decision 170)."""
    scope = report_scope_or_404(request.user)
    values = exports.statistics_unit(request.user, request.GET)
    if values is None:
        raise Http404
    unit = values[0]
    snapshot = statistics_snapshot(request.user, unit)
    label = scope_label(scope, unit)
    params = {"unit": unit.pk if unit else None}
    gate = export_gate(request, Export(
        code="reports.statistics", params=params, rows=lines_of(snapshot), specific=False,
        label=f"Statistik (rekap/bezetting) {label}",
        url=_page_url("reports:statistics", params)))
    if gate.refusal:
        return gate.refusal
    if lines_of(snapshot) > large_export_rows():
        return _file_job(request, gate, "reports.statistics", extension,
                         query_params(request.GET), label,
                         f"Statistik {label} ({extension.upper()})")
    made = exports.statistics_file(NO_RUN, user=request.user, query=request.GET,
                                   fmt=extension, note=gate.note, label=label,
                                   snapshot=snapshot)
    return _made_response(request, gate, made, code="reports.statistics", params=params,
                          label=label)


def statistics_xlsx(request):
    return _statistics_file(request, "xlsx")


@csp_exempt()
def statistics_pdf(request):
    """Shown inline, hence exempt from the CSP like the DRH (decision 64)."""
    return _statistics_file(request, "pdf")


# Career due lists: the page title, then the file title (Indonesian, like every
# printed report), the function, and the months shown by default (None: one KP
# period) of ``exports.DUE_FILES``.
DUE_TITLES = {
    "retirement": _("Retirement projection"),
    "kgb": _("Periodic salary increases (KGB) due"),
    "promotion": _("Regular promotion (KP) candidates"),
}
DUE_LISTS = {key: (title, *exports.DUE_FILES[key]) for key, title in DUE_TITLES.items()}


def _due_list(request, key: str):
    """(scope, form, first day, last day, unit, the list) of the page's parameters;
    the list is None when a parameter is invalid (see ``DukForm.values``). For
    KP the first and last day are the period."""
    scope = report_scope_or_404(request.user)
    form, values = exports.due_forms(request.user, key, request.GET)
    start, end, unit = values if values else (None, None, None)
    result = exports.due_build(request.user, key, start, end, unit) if values else None
    return scope, form, start, end, unit, result


def due_list(request, key: str):
    scope, form, start, end, unit, result = _due_list(request, key)
    page = Paginator(result.rows if result else [], settings.SMART_REPORT_PAGE_SIZE).get_page(
        request.GET.get("page"))
    if result is not None:
        _page_use(request, f"reports.{key}", scope_label(scope, unit), len(result.rows))
    return render(request, "reports/due_list.html", {
        "key": key, "title": DUE_LISTS[key][0], "form": form, "result": result, "page": page,
        "start": start, "end": end, "query": _query_without_page(request),
        "label": scope_label(scope, unit) if result is not None else "",
        "export_url": reverse(f"reports:{key}_xlsx"),
        "pdf_url": reverse(f"reports:{key}_pdf"),
    })


def _due_file(request, key: str, extension: str):
    """A due list of the page's parameters as a file, through the release gate."""
    scope, _form, start, end, unit, result = _due_list(request, key)
    if result is None:
        raise Http404
    label = scope_label(scope, unit)
    params = {"start": start.isoformat(), "end": end.isoformat(),
              "unit": unit.pk if unit else None}
    code = f"reports.{key}"
    # The page reads a KP period as ``on``, the other lists ``start`` and ``end``.
    query = exports.due_query(key, start, end, unit)
    gate = export_gate(request, Export(
        code=code, params=params, rows=result.people, specific=False,
        label=f"{DUE_LISTS[key][1]} {label} {exports.period_text(start, end)}",
        url=_page_url(f"reports:{key}", query)))
    if gate.refusal:
        return gate.refusal
    if result.people > large_export_rows():
        return _file_job(request, gate, code, extension, query, label,
                         f"{DUE_LISTS[key][1]} {label} ({result.people} pegawai, "
                         f"{extension.upper()})")
    made = exports.due_file(NO_RUN, user=request.user, key=key, fmt=extension,
                            query=exports.as_query(query), note=gate.note, label=label,
                            result=result)
    return _made_response(request, gate, made, code=code, params=params, label=label)


def due_list_xlsx(request, key: str):
    return _due_file(request, key, "xlsx")


@csp_exempt()
def due_list_pdf(request, key: str):
    """Shown inline, hence exempt from the CSP like the DRH (decision 64)."""
    return _due_file(request, key, "pdf")


def _file_job(request, gate, code: str, extension: str, query: dict, label: str,
              title: str) -> HttpResponse:
    """A file of more than ``large_export_rows()`` rows, made in the background with
    the parameters that give the same list again (``reports.jobs``)."""
    job = export_job_start(user=request.user, report=code, fmt=extension, query=query,
                           label=label, release=gate.release, title=title)
    return redirect("jobs:detail", job.id)


def _made_response(request, gate, made, *, code: str, params: dict,
                   label: str) -> HttpResponse:
    """A file made during the request: its release use and report use recorded,
    sent as an attachment (a PDF inline)."""
    gate.record_use(made.content, made.filename)
    report_export_record(actor=request.user, code=code, params=params, rows=made.rows,
                         filename=made.filename, data_label=label)
    return _file_response(made.content, made.filename, made.content_type,
                          attachment=not made.filename.endswith(".pdf"))


def _saved_views(user):
    return (SavedView.objects.visible_to(user).select_related("owner", "shared_unit")
            .order_by("name", "pk"))


def _without_nik(request):
    """A NIK is never searched in a list, so it never sits in a page address
    (security.md C5, as the employee list): the same list without ``q``."""
    messages.warning(request, _(
        "A NIK is not searched in this list, so that it never appears in a page address. "
        "Search by name or NIP."))
    query = request.GET.copy()
    query.pop("q", None)
    query.pop("page", None)
    return redirect(reverse("reports:nominatif") + (f"?{query.urlencode()}" if query else ""))


def nominatif(request):
    if looks_like_nik(request.GET.get("q")):
        return _without_nik(request)
    form, employees, columns = exports.nominatif_parts(request.user, request.GET)
    page = Paginator(nominatif_values(employees, columns),
                     settings.SMART_REPORT_PAGE_SIZE).get_page(request.GET.get("page"))
    if form.is_bound and form.is_valid():
        _page_use(request, "reports.nominatif", _nominatif_label(form), page.paginator.count)
    query = _query_without_page(request)
    return render(request, "reports/nominatif.html", {
        "form": form, "columns": columns, "page": page,
        "rows": list(cells(page.object_list, columns, viewer=request.user)),
        "query": query, "views": _saved_views(request.user),
        "view_form": SavedViewForm(sharing_choices=sharing_choices(request.user)),
        "current_view": request.GET.get("tampilan", ""),
        "large": large_export_rows(),
    })


def _nominatif_label(form) -> str:
    unit = form.cleaned_data.get("unit") if form.is_bound and form.is_valid() else None
    return unit.label if unit else "Seluruh cakupan"


def nominatif_file(request, fmt: str):
    """CSV, Excel or PDF of the chosen columns: every cell neutralised, the release
    line first; SPECIFIC columns shown in full need a release with SPECIFIC data.
    More than ``large_export_rows()`` rows are made in a background job."""
    if looks_like_nik(request.GET.get("q")):
        return _without_nik(request)
    form, employees, columns = exports.nominatif_parts(request.user, request.GET)
    count = employees.count()
    params = query_params(request.GET)
    label = _nominatif_label(form)
    gate = export_gate(request, Export(
        code="reports.nominatif", params=params, rows=count,
        specific=shows_specific_in_full(request.user, columns),
        label=f"Daftar nominatif ({count} pegawai; kolom: "
              f"{', '.join(c.header for c in columns)})",
        url=_page_url("reports:nominatif", params)))
    if gate.refusal:
        return gate.refusal
    if count > large_export_rows():
        job = export_job_start(user=request.user, report="reports.nominatif", fmt=fmt,
                               query=params, label=label, release=gate.release,
                               title=f"Daftar nominatif ({count} pegawai, {fmt.upper()})")
        return redirect("jobs:detail", job.id)
    made = exports.nominatif_file(NO_RUN, user=request.user, query=request.GET, fmt=fmt,
                                  note=gate.note, label=label)
    return _made_response(request, gate, made, code="reports.nominatif", params=params,
                          label=label)


def nominatif_csv(request):
    return nominatif_file(request, "csv")


def nominatif_xlsx(request):
    return nominatif_file(request, "xlsx")


@csp_exempt()
def nominatif_pdf(request):
    """Shown inline, hence exempt from the CSP like the DRH (decision 64)."""
    return nominatif_file(request, "pdf")


def _view_query(request) -> dict:
    """The nominatif parameters of the form the view was saved from."""
    allowed = set(NominatifForm.base_fields)
    return {key: values for key, values in query_params(request.POST).items()
            if key in allowed and not (key == "q" and any(map(looks_like_nik, values)))}


@require_POST
def saved_view_save(request):
    """Save the current filters and columns under a name (Enter on the form)."""
    report_scope_or_404(request.user)
    choices = sharing_choices(request.user)
    form = SavedViewForm(request.POST, sharing_choices=choices)
    query = _view_query(request)
    back = f"{reverse('reports:nominatif')}?{urlencode(query, doseq=True)}"
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    sharing = form.cleaned_data["sharing"]
    unit = None
    if sharing == Sharing.UNIT:
        paths = staff_scope(request.user).unit_paths
        unit = Unit.objects.filter(path=paths[0]).first() if paths else None
    try:
        view = services.saved_view_save(actor=request.user, name=form.cleaned_data["name"],
                               query=query, sharing=sharing, shared_unit=unit)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(back)
    messages.success(request, _("The view “%(name)s” was saved.") % {"name": view.name})
    return redirect(f"{back}&tampilan={view.pk}" if query else f"{back}tampilan={view.pk}")


def _view_for_user_or_404(user, pk: int) -> SavedView:
    report_scope_or_404(user)
    return get_object_or_404(SavedView.objects.visible_to(user), pk=pk)


def saved_view_open(request, pk: int):
    view = _view_for_user_or_404(request.user, pk)
    query = {**view.query, "tampilan": [str(view.pk)]}
    return redirect(f"{reverse('reports:nominatif')}?{urlencode(query, doseq=True)}")


def _own_view_or_404(user, pk: int) -> SavedView:
    view = _view_for_user_or_404(user, pk)
    if view.owner_id != user.pk:
        raise Http404
    return view


@require_POST
def saved_view_rename(request, pk: int):
    view = _own_view_or_404(request.user, pk)
    form = RenameViewForm(request.POST)
    if form.is_valid():
        try:
            services.saved_view_rename(actor=request.user, view=view,
                                       name=form.cleaned_data["name"])
            messages.success(request, _("The view was renamed."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, " ".join(form.errors["name"]))
    return redirect("reports:saved_view_open", view.pk)


@require_POST
def saved_view_delete(request, pk: int):
    view = _own_view_or_404(request.user, pk)
    name = view.name
    services.saved_view_delete(actor=request.user, view=view)
    messages.success(request, _("The view “%(name)s” was deleted.") % {"name": name})
    return redirect("reports:nominatif")


def _duk_file(request, extension: str):
    """The DUK of the page's parameters as a file, through the release gate."""
    scope = report_scope_or_404(request.user)
    values = DukForm(request.GET or None, units=units_in_scope(scope)).values()
    if values is None:
        raise Http404
    on, unit = values
    order = duk_order(request.user, on, unit)
    label = scope_label(scope, unit)
    params = {"on": on.isoformat(), "unit": unit.pk if unit else None}
    gate = export_gate(request, Export(
        code="reports.duk", params=params, rows=len(order.pks), specific=False,
        label=f"Daftar Urut Kepangkatan {label} per {on:%d-%m-%Y}",
        url=_page_url("reports:duk", params)))
    if gate.refusal:
        return None, gate.refusal
    if len(order.pks) > large_export_rows():
        job = export_job_start(user=request.user, report="reports.duk", fmt=extension,
                               query=query_params(request.GET), label=label,
                               release=gate.release,
                               title=f"DUK {label} ({len(order.pks)} PNS, {extension.upper()})")
        return None, redirect("jobs:detail", job.id)
    rows = order.rows_of(request.user, on, unit, order.pks)  # small: computed just now
    made = exports.duk_file(NO_RUN, user=request.user, query=request.GET, fmt=extension,
                            note=gate.note, label=label, rows=rows)
    gate.record_use(made.content, made.filename)
    report_export_record(actor=request.user, code="reports.duk", params=params,
                         rows=made.rows, filename=made.filename, data_label=label)
    return made.filename, made.content


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


# Leave and discipline recaps: the page title, the function, whether the file
# holds SPECIFIC data (discipline records are SPECIFIC as a whole, D-3).
RECAPS = {
    "leave": (_("Leave recap"), leave_recap, False),
    "discipline": (_("Discipline recap"), discipline_recap, True),
}


def _recap(request, key: str):
    scope = report_scope_or_404(request.user)
    if key == "discipline" and not may_see_discipline(request.user):
        raise Http404
    _title, build, _specific = RECAPS[key]
    form = PeriodForm(request.GET or None, units=units_in_scope(scope), default_months=12,
                      scope=scope)
    if not form.is_bound:
        today = timezone.localdate()
        form = PeriodForm({"start": today.replace(month=1, day=1).isoformat(),
                           "end": today.replace(month=12, day=31).isoformat()},
                          units=units_in_scope(scope), scope=scope)
    values = form.values()
    start, end, unit = values if values else (None, None, None)
    recap = build(request.user, start, end, unit) if values else None
    label = scope_label(scope, unit) if values else ""
    return form, start, end, unit, recap, label


def recap(request, key: str):
    form, start, end, _unit, result, label = _recap(request, key)
    kind, agency = request.GET.get("jenis", ""), request.GET.get("opd", "")
    listed = result.entries_for(kind, agency) if result else []
    page = Paginator(listed, settings.SMART_REPORT_PAGE_SIZE).get_page(request.GET.get("page"))
    if result is not None:
        _page_use(request, f"reports.{key}", label, result.total)
    base = request.GET.copy()
    for name in ("jenis", "opd", "page"):
        base.pop(name, None)
    return render(request, "reports/recap.html", {
        "key": key, "title": RECAPS[key][0], "form": form, "result": result, "page": page,
        "label": label, "start": start, "end": end, "base": base.urlencode(),
        "kind": kind, "agency": agency, "query": _query_without_page(request),
        "kind_names": dict(result.kinds) if result else {},
    })


def _recap_file(request, key: str, extension: str):
    _form, start, end, unit, result, label = _recap(request, key)
    if result is None:
        raise Http404
    code = f"reports.{key}"
    params = {"start": start.isoformat(), "end": end.isoformat(),
              "unit": unit.pk if unit else None}
    title = "Rekap cuti" if key == "leave" else "Rekap hukuman disiplin"
    query = {"start": [start.isoformat()], "end": [end.isoformat()],
             **({"unit": [str(unit.pk)]} if unit else {})}
    gate = export_gate(request, Export(
        code=code, params=params, rows=result.total, specific=RECAPS[key][2],
        label=f"{title} {label} {start:%d-%m-%Y} s.d. {end:%d-%m-%Y}",
        url=_page_url(f"reports:{key}", query)))
    if gate.refusal:
        return gate.refusal
    if result.total > large_export_rows():
        return _file_job(request, gate, code, extension, query, label,
                         f"{title} {label} ({result.total} baris, {extension.upper()})")
    made = exports.recap_file(NO_RUN, user=request.user, key=key, query=exports.as_query(query),
                              fmt=extension, note=gate.note, label=label, result=result)
    return _made_response(request, gate, made, code=code, params=params, label=label)


def recap_xlsx_view(request, key: str):
    return _recap_file(request, key, "xlsx")


@csp_exempt()
def recap_pdf_view(request, key: str):
    """Shown inline, hence exempt from the CSP like the DRH (decision 64)."""
    return _recap_file(request, key, "pdf")


def dashboard(request):
    """The executive dashboard (Pimpinan): the viewer's scope, counted in the database."""
    scope = report_scope_or_404(request.user)
    board = executive_dashboard(request.user)
    label = scope_label(scope, None)
    _page_use(request, "reports.dashboard", label, board.headcount)
    charts = [{"id": "chart-trend", "title": str(_("Headcount")), "type": "line",
               "labels": [f"{end:%m/%Y}" for end, _n in board.trend],
               "counts": [n for _end, n in board.trend]}]
    charts += [{"id": f"chart-{t.key}", "title": t.title,
                "labels": [line.label for line in t.lines],
                "counts": [line.count for line in t.lines]} for t in board.composition]
    return render(request, "reports/dashboard.html", {
        "board": board, "label": label, "charts": charts, "horizons": RETIREMENT_HORIZONS,
        "trend_change": board.trend[-1][1] - board.trend[0][1] if board.trend else 0,
    })


def layout_settings(request):
    """The Super Administrator's report layout and nominatif column sets (Pasal 11h)."""
    layout_admin_or_404(request.user)
    stored = stored_layout()
    form = LayoutForm(request.POST if request.POST.get("form") == "layout" else None,
                      instance=stored)
    column_form = ColumnSetForm(request.POST if request.POST.get("form") == "columns" else None)
    if request.method == "POST":
        if form.is_bound and form.is_valid():
            services.report_layout_save(actor=request.user, layout=form.save(commit=False))
            messages.success(request, _("The report layout was saved."))
            return redirect("reports:layout")
        if column_form.is_bound and column_form.is_valid():
            services.column_set_save(actor=request.user, name=column_form.cleaned_data["name"],
                            columns=column_form.cleaned_data["columns"])
            messages.success(request, _("The column set was saved."))
            return redirect("reports:layout")
    defaults = default_letterhead()
    return render(request, "reports/layout_settings.html", {
        "form": form, "column_form": column_form, "layout": current_layout(),
        "column_sets": ColumnSet.objects.all(), "defaults": defaults,
        "signer": signing_official(),
    }, status=400 if request.method == "POST" else 200)


@require_POST
def column_set_delete_view(request, pk: int):
    layout_admin_or_404(request.user)
    column_set = get_object_or_404(ColumnSet, pk=pk)
    services.column_set_delete(actor=request.user, column_set=column_set)
    messages.success(request, _("The column set was deleted."))
    return redirect("reports:layout")


def _usage_form(request) -> UsageFilterForm:
    return UsageFilterForm(request.GET or None, reports=sorted(REPORT_NAMES.items(),
                                                               key=lambda item: item[1]))


def usage(request):
    """Who used which report or file, on what data (Pasal 22(3))."""
    usage_log_or_404(request.user)
    form = _usage_form(request)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    uses = usage_log(month=data.get("month"), user_text=data.get("user", ""),
                     report=data.get("report", "")) if not form.errors else usage_log().none()
    page = Paginator(uses, settings.SMART_REPORT_PAGE_SIZE).get_page(request.GET.get("page"))
    month = data.get("month") or timezone.localdate().replace(day=1)
    return render(request, "reports/usage.html", {
        "form": form, "page": page, "query": _query_without_page(request),
        "names": REPORT_NAMES, "month": month,
    })


@csp_exempt()
def usage_summary_pdf(request):
    """The month's usage summary for the Bupati: per report, uses, users, units."""
    usage_summary_or_404(request.user)
    form = _usage_form(request)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    if form.errors:
        raise Http404
    month = data.get("month") or timezone.localdate().replace(day=1)
    lines = monthly_summary(month)
    widths = (10, 55, 20, 20, 18, 22, 66, 66)
    rows = [(str(n), cell(line.report, widths[1]), str(line.pages), str(line.files),
             str(line.api), str(line.rows), cell(", ".join(line.users), widths[6]),
             cell("; ".join(line.data), widths[7])) for n, line in enumerate(lines, start=1)]
    months = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
              "September", "Oktober", "November", "Desember")
    content = list_pdf(
        title="LAPORAN PENGGUNAAN DATA KEPEGAWAIAN SMART",
        subtitle=f"Bulan {months[month.month - 1]} {month.year} (Perbup 35/2020 Pasal 22 ayat 3)",
        header=("No", "Laporan", "Dibuka di layar", "Berkas diunduh", "Dibaca lewat API",
                "Baris dalam berkas",
                "Pengguna", "Data yang digunakan"),
        rows=rows, widths=widths, signer=signing_official(), printed_by=request.user)
    filename = f"penggunaan-smart-{month:%Y-%m}.pdf"
    report_export_record(actor=request.user, code="reports.usage", params={
        "month": f"{month:%Y-%m}"}, rows=len(lines), filename=filename,
        data_label="Penggunaan laporan")
    return _file_response(content, filename, "application/pdf", attachment=False)


def _file_response(content: bytes, filename: str, content_type: str, *,
                   attachment: bool) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=attachment, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
