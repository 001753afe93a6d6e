"""The employee profile and the generic record views, driven by the registry.

Every view fetches the employee through ``get_employee_for_user_or_404`` and
the entry through the kind's model filtered by that employee, so an id from
another employee or unit is a 404 (defect 2).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import select_template
from django.utils.translation import gettext as _

from smart.access.policies import PERSONNEL_READERS, has_role
from smart.people.models import get_employee_for_user_or_404
from smart.people.services import career_summary, employee_record_read
from smart.records.completeness import completeness_of
from smart.records.forms import AsOfForm, ReasonForm, entry_document_form, entry_form_class
from smart.records.history import entry_history
from smart.records.policies import may_correct_directly
from smart.records.profile import documents_of_entry, profile_sections
from smart.records.registry import RecordKind, kind_for
from smart.records.services import position_on, rank_on, record_correct_directly


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
    sections = profile_sections(employee)
    as_of = AsOfForm(request.GET or None)
    on = as_of.cleaned_data["on"] if as_of.is_valid() else None
    return render(request, "records/profile.html", {
        "employee": employee,
        "age": employee.age_on(),
        "service_length": employee.service_length_on(),
        "career": career_summary(employee),
        "as_of": as_of,
        "as_of_rank": rank_on(employee, on) if on else None,
        "as_of_position": position_on(employee, on) if on else None,
        "as_of_career": career_summary(employee, on) if on else None,
        "sections": sections,
        "completeness": completeness_of(employee, sections),
        "can_browse": has_role(request.user, *PERSONNEL_READERS),
        "can_correct": may_correct_directly(request.user, employee),
    })


def entry_list(request, pk: int, slug: str):
    kind = _kind_or_404(slug)
    employee = get_employee_for_user_or_404(request.user, pk)
    return render(request, _template(kind, "list.html"), {
        "employee": employee, "kind": kind, "entries": kind.entries_of(employee.pk),
        "can_correct": may_correct_directly(request.user, employee),
    })


def entry_detail(request, pk: int, slug: str, entry_pk: int):
    kind = _kind_or_404(slug)
    employee = get_employee_for_user_or_404(request.user, pk)
    entry = kind.entries_of(employee.pk).filter(pk=entry_pk).first()
    if entry is None:
        raise Http404
    employee_record_read(actor=request.user, employee=employee, what=kind.slug)
    return render(request, _template(kind, "detail.html"), {
        "employee": employee, "kind": kind, "entry": entry,
        "fields": [(entry._meta.get_field(name).verbose_name, _display(entry, name))
                   for name in kind.fields],
        "history": entry_history(entry, kind),
        "documents": documents_of_entry(employee, kind, entry),
        "can_correct": may_correct_directly(request.user, employee),
    })


def entry_form(request, pk: int, slug: str, entry_pk: int | None = None):
    """A verifier's direct addition or correction (Pasal 14b), with a reason.

    Employees and unit admins do not write records; their path is a change
    request. The form accepts exactly the kind's declared fields.
    """
    kind = _kind_or_404(slug)
    employee = get_employee_for_user_or_404(request.user, pk)
    if not may_correct_directly(request.user, employee):
        raise Http404
    entry = None
    if entry_pk is not None:
        entry = kind.entries_of(employee.pk).filter(pk=entry_pk).first()
        if entry is None:
            raise Http404
    data, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    form = entry_form_class(kind)(data, instance=entry or kind.model(employee=employee))
    reason = ReasonForm(data)
    document = entry_document_form(kind, data, files)
    if request.method == "POST" and all(f.is_valid() for f in (form, reason, document)):
        try:
            saved = record_correct_directly(
                kind=kind, employee=employee, values=form.cleaned_data, actor=request.user,
                reason=reason.cleaned_data["reason"], entry=entry,
                document_type=document.cleaned_data["document_type"],
                uploaded_file=document.cleaned_data["file"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The entry was saved and validated."))
            return redirect("records:entry_detail", pk=employee.pk, slug=kind.slug,
                            entry_pk=saved.pk)
    return render(request, _template(kind, "form.html"), {
        "employee": employee, "kind": kind, "entry": entry, "form": form, "reason": reason,
        "document": document,
    })


def _display(entry, name: str):
    field = entry._meta.get_field(name)
    value = getattr(entry, f"get_{name}_display")() if field.choices else getattr(entry, name)
    return None if value == "" else value
