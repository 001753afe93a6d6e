"""The employee profile and the generic record views, driven by the registry.

Every view fetches the employee through ``get_employee_for_user_or_404`` and
the entry through the kind's model filtered by that employee, so an id from
another employee or unit is a 404 (defect 2).
"""

from __future__ import annotations

import functools

from csp.decorators import csp_exempt
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string, select_template
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import get_language

from smart.access.policies import PERSONNEL_READERS, has_role
from smart.people.models import Employee, get_employee_for_user_or_404
from smart.people.services import career_summary, employee_record_read
from smart.records.completeness import completeness_from
from smart.records.drh import drh_pdf
from smart.records.forms import AsOfForm
from smart.records.history import entry_history
from smart.records.personal_data import action_label, personal_data_download, processing_log
from smart.records.policies import may_correct_directly
from smart.records.privacy import (
    HIDDEN,
    access_of,
    hidden_kinds,
    redacted,
    redacted_entry_value,
    shows_specific,
    without_specific,
)
from smart.records.profile import documents_of_entry, shown_sections
from smart.records.registry import RecordKind, kind_for, kinds_by_group
from smart.records.services import position_on, rank_on
from smart.releases.gate import export_gate
from smart.releases.policies import Export


def _kind_or_404(slug: str) -> RecordKind:
    kind = kind_for(slug)
    if kind is None:
        raise Http404
    return kind


def _template(kind: RecordKind, name: str) -> str:
    """A kind's own template when it has one, else the generic one."""
    return select_template([f"records/{kind.slug}/{name}", f"records/entry_{name}"]).template.name


def profile(request, pk: int):
    employee = get_employee_for_user_or_404(request.user, pk)
    employee_record_read(actor=request.user, employee=employee)
    access = access_of(request.user, employee)
    can_correct = may_correct_directly(request.user, employee)
    is_own = employee.user_id == request.user.pk
    shown = shown_sections(employee, hide=frozenset(hidden_kinds(access)),
                           can_correct=can_correct, is_own=is_own)
    as_of = AsOfForm(request.GET or None)
    on = as_of.cleaned_data["on"] if as_of.is_valid() else None
    # Nothing asked (nearly every view): the empty date field as rendered before.
    as_of_field = _empty_as_of_field(get_language()) if not as_of.is_bound else None
    return render(request, "records/profile.html", {
        "employee": redacted(employee, access),
        "hidden": HIDDEN,
        "age": employee.age_on(),
        "service_length": employee.service_length_on(),
        "career": career_summary(employee),
        "as_of": as_of,
        "as_of_field": as_of_field,
        "as_of_rank": rank_on(employee, on) if on else None,
        "as_of_position": position_on(employee, on) if on else None,
        "as_of_career": career_summary(employee, on) if on else None,
        "groups": kinds_by_group(),
        "sections_html": shown.html,
        "completeness": completeness_from(employee, shown.required),
        "can_browse": has_role(request.user, *PERSONNEL_READERS),
        "can_correct": can_correct,
        "is_own": is_own,
        "offers_full_drh": not is_own and shows_specific(access),
    })


@functools.lru_cache(maxsize=8)
def _empty_as_of_field(language: str) -> str:
    """The profile's "record as of a date" field with nothing entered, rendered
    once per language: a form widget is rendered through three templates (a
    tenth of a profile view's CPU). A date asked for renders the bound form."""
    return render_to_string("components/field.html", {
        "field": AsOfForm()["on"], "wrapper_class": "flex-grow-1"})


def _visible_kind(request, pk: int, slug: str):
    """The kind and employee, unless the viewer's field classes exclude the kind."""
    kind = _kind_or_404(slug)
    employee = get_employee_for_user_or_404(request.user, pk)
    access = access_of(request.user, employee)
    if kind.slug in hidden_kinds(access):
        raise Http404
    return kind, employee, access


def entry_list(request, pk: int, slug: str):
    kind, employee, _access = _visible_kind(request, pk, slug)
    return render(request, _template(kind, "list.html"), {
        "employee": employee, "kind": kind, "entries": kind.entries_of(employee.pk),
        "can_correct": may_correct_directly(request.user, employee),
        "is_own": employee.user_id == request.user.pk,
    })


def entry_detail(request, pk: int, slug: str, entry_pk: int):
    kind, employee, access = _visible_kind(request, pk, slug)
    entry = kind.entries_of(employee.pk).filter(pk=entry_pk).first()
    if entry is None:
        raise Http404
    employee_record_read(actor=request.user, employee=employee, what=kind.slug)
    return render(request, _template(kind, "detail.html"), {
        "employee": employee, "kind": kind, "entry": entry,
        "fields": [(entry._meta.get_field(name).verbose_name,
                    redacted_entry_value(name, _display(entry, name), access))
                   for name in kind.fields],
        "history": entry_history(entry, kind),
        "documents": documents_of_entry(employee, kind, entry),
        "can_correct": may_correct_directly(request.user, employee),
        "is_own": employee.user_id == request.user.pk,
    })


def _display(entry, name: str):
    field = entry._meta.get_field(name)
    value = getattr(entry, f"get_{name}_display")() if field.choices else getattr(entry, name)
    return None if value == "" else value


@csp_exempt()
def drh(request, pk: int):
    """The employee's DRH as a PDF to print; every page names who printed it (R-CONF-2).

    One's own DRH is complete. Someone else's leaves without SPECIFIC data, so
    printing it for daily work needs no data release; ``drh_full`` is the one
    with SPECIFIC data.
    """
    employee = get_employee_for_user_or_404(request.user, pk)
    employee_record_read(actor=request.user, employee=employee, what="drh")
    access = access_of(request.user, employee)
    if employee.user_id != request.user.pk:
        access = without_specific(access)
    return _pdf_response(_drh_bytes(request, employee, access), _drh_filename(employee))


def drh_full(request, pk: int):
    """The DRH with every SPECIFIC field the viewer may see (security.md D-3).

    For someone else's record this is a release of SPECIFIC data (Perbup 35/2020
    Pasal 24(2)): without the user's approved data release the answer is the
    gate's 403 page; with it, every page names the release.
    """
    employee = get_employee_for_user_or_404(request.user, pk)
    access = access_of(request.user, employee)
    is_own = employee.user_id == request.user.pk
    gate = export_gate(request, Export(
        code="records.drh", params={"employee": employee.pk}, rows=1,
        specific=shows_specific(access), own_record=is_own,
        label=f"DRH lengkap {employee.display_name} (NIP {employee.nip_grouped})",
        alternative_url=reverse("records:drh", args=[employee.pk]),
        url=reverse("records:drh_full", args=[employee.pk])))
    if gate.refusal:
        return gate.refusal
    employee_record_read(actor=request.user, employee=employee, what="drh-lengkap")
    filename = _drh_filename(employee, full=True)
    pdf = _drh_bytes(request, employee, access, release_note=gate.note, on=gate.on)
    gate.record_use(pdf, filename)
    return _pdf_response(pdf, filename)


def _drh_filename(employee: Employee, *, full: bool = False) -> str:
    return f"DRH-{'lengkap-' if full else ''}{employee.nip}.pdf"


def _drh_bytes(request, employee: Employee, access, **kwargs) -> bytes:
    return drh_pdf(redacted(employee, access), printed_by=request.user,
                   hide=frozenset(hidden_kinds(access)), **kwargs)


def _pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=False, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    # Neither "CSP: sandbox" as on uploaded files nor the site's policy (hence
    # csp_exempt): Chrome's viewer refuses to show a PDF inline under either
    # (its own page needs inline styles and an <embed>), and this file is
    # generated by us, not uploaded. X-Frame-Options: DENY still applies.
    response["Cache-Control"] = "private, no-store"
    return response


def my_data(request):
    """The employee's own processing log, with a download of all their data."""
    # The log needs the id and the NIP; at most one employee per account, so no
    # ORDER BY (first() would compile one on every view, with all 65 columns).
    employee = next(iter(Employee.objects.filter(user=request.user).only("pk", "nip")
                         .order_by()), None)
    if employee is None:
        raise Http404
    page = Paginator(processing_log(employee), 50).get_page(request.GET.get("page"))
    rows = [(event, action_label(event.action)) for event in page.object_list]
    return render(request, "records/my_data.html", {"employee": employee, "page": page,
                                                     "rows": rows})


def my_data_download(request):
    employee = Employee.objects.filter(user=request.user).first()
    if employee is None:
        raise Http404
    response = HttpResponse(personal_data_download(employee=employee, actor=request.user),
                            content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"data-saya-{employee.nip}.json")
    response["Cache-Control"] = "private, no-store"
    return response
