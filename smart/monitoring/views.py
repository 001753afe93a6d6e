"""Monitoring and evaluation pages (Perbup 35/2020 Pasal 20, 26–28; R-ME, R-PROC-1).

Thin views: the scope comes from ``campaigns.campaign_scope_or_404`` or
``figures.monitoring_scope_or_404``, every employee through ``visible_to``,
every file through the release gate and ``reports.services.report_export_record``.
"""

from __future__ import annotations

from csp.decorators import csp_exempt
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from smart.access.policies import Scope
from smart.monitoring import public as public_tables
from smart.monitoring.campaign_files import employees_pdf, employees_xlsx, summary_xlsx
from smart.monitoring.campaigns import (
    campaign_elements,
    campaign_employees,
    campaign_scope_or_404,
    get_campaign_for_user_or_404,
    get_unit_in_scope_or_404,
    grouping_for,
    may_manage_campaigns,
)
from smart.monitoring.deadlines import COMPLETION, FORWARD, STAGES
from smart.monitoring.evaluation import evaluation_pdf as evaluation_pdf_bytes
from smart.monitoring.figures import monitoring_scope_or_404, month_figures
from smart.monitoring.forms import CampaignForm
from smart.monitoring.models import RecordingCampaign
from smart.monitoring.period import parse_month, this_month
from smart.monitoring.services import campaign_create, campaign_update
from smart.records.progress import (
    annotate_missing,
    combine,
    complete,
    incomplete,
    missing_of,
    progress_by_unit,
    progress_total,
)
from smart.references.models import Unit
from smart.releases.gate import export_gate
from smart.releases.policies import Export
from smart.reports.services import report_export_record
from smart.reports.signing import signing_official

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
STATUSES = {"belum": incomplete, "lengkap": complete, "semua": lambda employees: employees}
MONTH_CHOICES = 12
VERDICTS = (("within", gettext_lazy("Within the deadline")),
            ("over", gettext_lazy("Over the deadline")), ("running", gettext_lazy("Still running")))


def _file_response(content: bytes, filename: str, content_type: str, *,
                   attachment: bool) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=attachment, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _scope_label(scope: Scope, unit: Unit | None) -> str:
    if unit is not None:
        return unit.label
    if scope.everything:
        return f"Pemerintah {settings.SMART_REGENCY_NAME}"
    return ", ".join(Unit.objects.filter(path__in=scope.unit_paths)
                     .values_list("name", flat=True))


def _month_or_404(request, default):
    month = parse_month(request.GET.get("bulan"), default)
    if month is None:
        raise Http404
    return month


# --- the recording campaign ------------------------------------------------------------

def campaign_list(request):
    scope = campaign_scope_or_404(request.user)
    campaigns = list(RecordingCampaign.objects.prefetch_related("document_types")[:20])
    employees = campaign_employees(request.user, scope)
    rows = [(c, progress_total(employees, campaign_elements(c), c.name)) for c in campaigns]
    return render(request, "monitoring/campaign_list.html", {
        "rows": rows, "may_manage": may_manage_campaigns(request.user),
        "label": _scope_label(scope, None), "today": timezone.localdate(),
    })


def campaign_create_view(request):
    if not may_manage_campaigns(request.user):
        raise Http404
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        campaign = campaign_create(
            actor=request.user, name=data["name"], start_date=data["start_date"],
            deadline=data["deadline"], elements=data["elements"],
            document_types=data["document_types"], note=data["note"])
        messages.success(request, _("The campaign was created."))
        return redirect("monitoring:campaign_detail", campaign.pk)
    return render(request, "monitoring/campaign_form.html", {"form": form, "campaign": None})


def campaign_edit(request, pk: int):
    if not may_manage_campaigns(request.user):
        raise Http404
    campaign = get_campaign_for_user_or_404(request.user, pk)
    form = CampaignForm(request.POST or None, instance=campaign)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        campaign_update(actor=request.user, campaign=campaign,
                        document_types=data["document_types"],
                        **{k: data[k] for k in ("name", "start_date", "deadline", "elements",
                                                "note")})
        messages.success(request, _("The campaign was saved."))
        return redirect("monitoring:campaign_detail", campaign.pk)
    return render(request, "monitoring/campaign_form.html", {"form": form,
                                                             "campaign": campaign})


def _campaign_context(request, pk: int, unit_pk: int | None):
    scope = campaign_scope_or_404(request.user)
    campaign = get_campaign_for_user_or_404(request.user, pk)
    unit = get_unit_in_scope_or_404(scope, unit_pk) if unit_pk is not None else None
    status = request.GET.get("status", "belum")
    if status not in STATUSES:
        status = "belum"
    elements = campaign_elements(campaign)
    employees = campaign_employees(request.user, scope, unit)
    listed = STATUSES[status](annotate_missing(employees, elements)).select_related(
        "unit__agency").order_by("unit__path", "name", "nip")
    return scope, campaign, unit, status, elements, employees, listed


def campaign_detail(request, pk: int, unit: int | None = None):
    """Per unit (progress, complete/incomplete, what is missing) and per employee."""
    scope, campaign, unit_obj, status, elements, employees, listed = _campaign_context(
        request, pk, unit)
    lines = progress_by_unit(employees, elements, by=grouping_for(scope, unit_obj))
    total = combine(lines, _("Total"))
    page = Paginator(listed, settings.SMART_REPORT_PAGE_SIZE).get_page(request.GET.get("page"))
    people = [(employee, missing_of(employee, elements)) for employee in page.object_list]
    unit_links = grouping_for(scope, unit_obj)
    return render(request, "monitoring/campaign_detail.html", {
        "campaign": campaign, "unit": unit_obj, "status": status, "elements": elements,
        "lines": lines, "total": total, "page": page, "people": people,
        "label": _scope_label(scope, unit_obj), "grouping": unit_links,
        "may_manage": may_manage_campaigns(request.user),
        "days_left": (campaign.deadline - timezone.localdate()).days,
        "query": f"status={status}",
        "element_totals": [(e, total.missing.get(e.code, 0)) for e in elements],
    })


def _campaign_export(request, pk: int, unit: int | None, extension: str):
    scope, campaign, unit_obj, status, elements, _employees, listed = _campaign_context(
        request, pk, unit)
    label = _scope_label(scope, unit_obj)
    count = listed.count()
    params = {"campaign": campaign.pk, "unit": unit_obj.pk if unit_obj else None,
              "status": status}
    code = "monitoring.campaign"
    title = f"Kampanye perekaman: {campaign.name}"
    subtitle = (f"{label} — pegawai {'belum lengkap' if status == 'belum' else status}, "
                f"tenggat {campaign.deadline:%d-%m-%Y}, keadaan {timezone.localdate():%d-%m-%Y}")
    page = (reverse("monitoring:campaign_unit", args=[campaign.pk, unit_obj.pk]) if unit_obj
            else reverse("monitoring:campaign_detail", args=[campaign.pk]))
    gate = export_gate(request, Export(code=code, params=params, rows=count, specific=False,
                                       label=f"{title} ({label}, {count} pegawai)",
                                       url=f"{page}?status={status}"))
    if gate.refusal:
        return gate.refusal
    name = f"kampanye-{campaign.pk}-{slugify(unit_obj.code if unit_obj else 'semua')}"
    filename = f"{name}-{timezone.localdate():%Y%m%d}.{extension}"
    if extension == "xlsx":
        content = employees_xlsx(listed, elements, title=title, subtitle=subtitle,
                                 note=gate.note)
    else:
        content = employees_pdf(listed, elements, title=title, subtitle=subtitle,
                                signer=signing_official(), printed_by=request.user,
                                note=gate.note)
    gate.record_use(content, filename)
    report_export_record(actor=request.user, code=code, params=params, rows=count,
                         filename=filename)
    if extension == "xlsx":
        return _file_response(content, filename, XLSX, attachment=True)
    return _file_response(content, filename, "application/pdf", attachment=False)


def campaign_xlsx(request, pk: int, unit: int | None = None):
    return _campaign_export(request, pk, unit, "xlsx")


@csp_exempt()
def campaign_pdf(request, pk: int, unit: int | None = None):
    """The list to print, inline like the DUK (decision 64)."""
    return _campaign_export(request, pk, unit, "pdf")


def campaign_summary_xlsx(request, pk: int):
    """The per-unit counts of the user's scope: no personal data, but still a file
    leaving SMART, so it passes the gate and is logged like every report."""
    scope = campaign_scope_or_404(request.user)
    campaign = get_campaign_for_user_or_404(request.user, pk)
    elements = campaign_elements(campaign)
    employees = campaign_employees(request.user, scope)
    lines = progress_by_unit(employees, elements, by=grouping_for(scope, None))
    total = combine(lines, "Jumlah")
    label = _scope_label(scope, None)
    code = "monitoring.campaign_summary"
    params = {"campaign": campaign.pk}
    gate = export_gate(request, Export(code=code, params=params, rows=0, specific=False,
                                       label=f"Rekap kampanye {campaign.name} ({label})"))
    if gate.refusal:
        return gate.refusal
    content = summary_xlsx(lines, total, elements, title=f"Rekap kampanye: {campaign.name}",
                           subtitle=f"{label} — keadaan {timezone.localdate():%d-%m-%Y}",
                           note=gate.note)
    filename = f"rekap-kampanye-{campaign.pk}-{timezone.localdate():%Y%m%d}.xlsx"
    gate.record_use(content, filename)
    report_export_record(actor=request.user, code=code, params=params, rows=len(lines),
                         filename=filename)
    return _file_response(content, filename, XLSX, attachment=True)


# --- the M&E dashboard, the monthly report and the public page ----------------------------



def _charts(figures) -> list[dict]:
    lowest = figures.completeness.lowest()
    return [
        {"id": "chart-completeness", "type": "bar", "horizontal": True, "max": 100,
         "labels": [line.short_name for line in lowest],
         "series": [{"label": str(_("Completeness (%)")),
                     "data": [line.percent for line in lowest]}]},
        {"id": "chart-deadlines", "type": "bar", "stacked": True,
         "labels": [str(_("Forwarding")), str(_("Completion"))],
         "series": [{"label": str(verdict_label),
                     "data": [getattr(figures.deadlines_total.stages[s], verdict)
                              for s in (FORWARD, COMPLETION)]}
                    for verdict, verdict_label in VERDICTS]},
        {"id": "chart-usage", "type": "line", "labels": figures.usage.labels,
         "series": [{"label": str(label), "data": counts}
                    for label, counts in figures.usage.rows()]},
    ]


def dashboard(request):
    scope = monitoring_scope_or_404(request.user)
    month = _month_or_404(request, this_month())
    figures = month_figures(month, scope, request.user)
    latest = this_month()
    return render(request, "monitoring/dashboard.html", {
        "figures": figures, "month": month,
        "months": [latest.back(n) for n in range(MONTH_CHOICES)],
        "label": _scope_label(scope, None), "charts": _charts(figures),
        "lowest": figures.completeness.lowest(),
        "stages": [(key, STAGES[key]) for key in (FORWARD, COMPLETION)],
    })


@csp_exempt()
def evaluation_pdf(request):
    """The month's evaluation report for the Bupati (Pasal 26(2)); the previous
    month by default, as the report follows the month it covers."""
    scope = monitoring_scope_or_404(request.user)
    month = _month_or_404(request, this_month().previous())
    figures = month_figures(month, scope, request.user)
    label = _scope_label(scope, None)
    code = "monitoring.evaluation"
    params = {"month": month.key}
    gate = export_gate(request, Export(code=code, params=params, rows=0, specific=False,
                                       label=f"Laporan monev {month.label} ({label})"))
    if gate.refusal:
        return gate.refusal
    content = evaluation_pdf_bytes(figures, scope_label=label, signer=signing_official(),
                                   printed_by=request.user, release_note=gate.note)
    filename = f"monev-smart-{month.key}.pdf"
    gate.record_use(content, filename)
    report_export_record(actor=request.user, code=code, params=params, rows=0,
                         filename=filename)
    return _file_response(content, filename, "application/pdf", attachment=False)


@login_not_required
@require_GET
def public(request):
    """Pasal 28: the M&E results for everyone, aggregates only (``public.py``)."""
    month = _month_or_404(request, this_month().previous())
    figures = month_figures(month, Scope(everything=True))
    latest = this_month()
    deadlines, deadline_total = public_tables.deadline_table(figures.deadlines,
                                                            figures.deadlines_total)
    return render(request, "monitoring/public.html", {
        "figures": figures, "month": month,
        "months": [latest.back(n) for n in range(1, MONTH_CHOICES + 1)],
        "completeness": public_tables.completeness_lines(figures.completeness),
        "deadlines": deadlines, "deadline_total": deadline_total,
        "threshold": public_tables.threshold(), "hidden": public_tables.suppressed_label(),
        "hide_nav": True,
    })
