"""The synchronisation report: upload a newer SIASN export, read the
differences of one's own scope, open a change request from one of them.

Runs come from ``SyncRun.objects.visible_to`` and differences from
``SyncDifference.objects.visible_to``: anything outside the viewer's scope
answers 404.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from smart.access.models import Role
from smart.access.policies import has_role
from smart.changes.forms import ProposalNoteForm, proposal_document_form
from smart.changes.models import Action
from smart.people.models import Employee
from smart.records.privacy import EMPLOYEE_FIELDS, access_of, shown_value
from smart.references.models import AGENCY_DEPTH, Unit
from smart.synchronisation.compare import CONCEPT_BY_CODE
from smart.synchronisation.forms import DifferenceFilterForm, ExportUploadForm
from smart.synchronisation.models import (
    READERS,
    UPLOADERS,
    SyncDifference,
    SyncRun,
    get_difference_for_user_or_404,
    get_run_for_user_or_404,
    sync_scope,
)
from smart.synchronisation.services import (
    SyncRefused,
    proposal_for,
    proposal_note,
    run_counts,
    sync_difference_propose,
    sync_run_queue,
    sync_run_read,
    sync_run_start,
)


def _reader_or_404(user) -> None:
    if not has_role(user, *READERS):
        raise Http404


def run_list(request):
    """The runs the user may read, and the upload form for verifiers and HR managers."""
    _reader_or_404(request.user)
    may_upload = has_role(request.user, *UPLOADERS)
    form = ExportUploadForm(request.POST or None, request.FILES or None) if may_upload else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            uploaded = form.cleaned_data["file"]
            try:
                sync_run = sync_run_start(uploaded_by=request.user, file_name=uploaded.name,
                                          export_date=form.cleaned_data["export_date"],
                                          data=uploaded.read())
            except (SyncRefused, ValidationError) as error:
                form.add_error(None, str(error) if isinstance(error, SyncRefused)
                               else error.messages[0])
            else:
                sync_run_queue(sync_run=sync_run)
                messages.success(request, _("The export is being compared with SMART; the "
                                            "report opens when it is done."))
                return redirect("jobs:detail", sync_run.job_id)
    page = Paginator(SyncRun.objects.visible_to(request.user).select_related(
        "uploaded_by", "scope_unit"), 20).get_page(request.GET.get("page"))
    return render(request, "synchronisation/run_list.html", {"page": page, "form": form})


def _units_for(user):
    scope = sync_scope(user)
    units = Unit.objects.current().filter(depth__lte=AGENCY_DEPTH + 1).only(
        "pk", "name", "path", "depth")
    if not scope.everything:
        units = units.under_any(scope.unit_paths)
    return list(units.order_by("path"))


def run_detail(request, pk: int):
    """The differences of one run within the viewer's scope: filtered by unit
    (subtree), data and class, searched by name or NIP, 50 a page."""
    _reader_or_404(request.user)
    sync_run = get_run_for_user_or_404(request.user, pk)
    units = _units_for(request.user)
    filters = DifferenceFilterForm(request.GET or None, units=units)
    scoped = SyncDifference.objects.visible_to(request.user).filter(run=sync_run)
    differences = scoped
    if filters.is_valid():
        chosen = filters.cleaned_data
        if chosen["unit"]:
            unit = next((u for u in units if u.pk == chosen["unit"]), None)
            differences = differences.filter(employee__unit__path__startswith=unit.path)
        if chosen["field"]:
            differences = differences.filter(field=chosen["field"])
        if chosen["classification"]:
            differences = differences.filter(classification=chosen["classification"])
        if chosen["q"]:
            differences = differences.filter(
                employee__in=Employee.objects.search(chosen["q"]).values("pk"))
    page = Paginator(differences.for_list().order_by("row", "pk"), 50).get_page(
        request.GET.get("page"))
    for difference in page.object_list:
        difference.label = CONCEPT_BY_CODE[difference.field].label
        difference.proposable = bool(CONCEPT_BY_CODE[difference.field].target)
        # D-3: identity numbers masked, addresses hidden, as on the profile
        field_class = EMPLOYEE_FIELDS.get(difference.field)
        if field_class is not None:
            access = access_of(request.user, difference.employee)[field_class]
            difference.smart_value = shown_value(difference.smart_value, access)
            difference.national_value = shown_value(difference.national_value, access)
    sync_run_read(actor=request.user, sync_run=sync_run,
                  filters={k: v for k, v in request.GET.items() if v})
    query = urlencode({k: v for k, v in (filters.data.items() if filters.is_bound else [])
                       if k != "page" and v})
    whole = sync_scope(request.user).everything or sync_run.uploaded_by_id == request.user.pk
    return render(request, "synchronisation/run_detail.html", {
        "run": sync_run, "filters": filters, "page": page, "query": query,
        "counts": run_counts(scoped), "filtered_total": page.paginator.count,
        "may_propose": has_role(request.user, Role.VERIFIER),
        # The rows SMART does not know hold no unit of SMART: the uploader and
        # regency-wide readers see them.
        "show_file_lists": whole,
    })


def difference_propose(request, pk: int, difference_pk: int):
    """The verifier opens a change request from a difference, pre-filled with
    the national value; it goes to verification like any other request."""
    if not has_role(request.user, Role.VERIFIER):
        raise Http404
    difference = get_difference_for_user_or_404(request.user, pk, difference_pk)
    target, action, entry = proposal_for(difference)
    if target is None:
        raise Http404
    employee = difference.employee
    instance = entry if entry is not None else target.model(employee=employee)
    data, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    form = target.form_class()(data, instance=instance, initial=difference.national_data or {})
    note = ProposalNoteForm(data, initial={"note": proposal_note(difference)})
    note.fields["note"].label = _("Note for the verifier")
    document = proposal_document_form(target, data, files, required=True)
    if request.method == "POST" and all(f.is_valid() for f in (form, note, document)):
        try:
            created = sync_difference_propose(
                difference=difference, values=form.cleaned_data,
                note=note.cleaned_data["note"], proposer=request.user,
                documents=[(document.cleaned_data["document_type"],
                            document.cleaned_data["file"])],
                submission_key=note.cleaned_data["kunci"])
        except (SyncRefused, ValidationError) as error:
            form.add_error(None, str(error) if isinstance(error, SyncRefused)
                           else error.messages[0])
        else:
            messages.success(request, _("The change request was sent to verification. "
                                        "Another verifier checks and validates it."))
            return redirect("changes:detail", pk=created.pk)
    return render(request, "synchronisation/difference_propose.html", {
        "run": difference.run, "difference": difference, "employee": employee,
        "target": target, "action_label": Action(action).label, "entry": entry,
        "label": CONCEPT_BY_CODE[difference.field].label, "form": form, "note": note,
        "document": document,
        "file_dropped": request.method == "POST" and bool(request.FILES),
    })
