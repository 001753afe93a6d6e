"""Proposing changes, the queues of each role, and moving requests along.

Employees never write their record: the forms here create requests. Every
request is fetched through ``ChangeRequest.objects.readable_by`` (404 outside
scope) and every move is checked again by ``request_move``.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from smart.access.models import Role
from smart.access.policies import has_role
from smart.changes.diff import proposal_diff
from smart.changes.forms import MoveForm, ProposalNoteForm, proposal_document_form
from smart.changes.models import Action, ChangeRequest, Stage
from smart.changes.national import national_comparison
from smart.changes.queues import inbox_for, overdue, verification_queue
from smart.changes.services import (
    EDITABLE_STAGES,
    MoveRefused,
    request_direct_correction,
    request_move,
    request_propose,
    request_revise,
)
from smart.changes.targets import IDENTITY, target_for
from smart.changes.workflow import FIRST_MOVE, allowed_moves
from smart.people.models import get_employee_for_user_or_404
from smart.records.forms import ReasonForm
from smart.records.privacy import access_of
from smart.records.registry import KINDS
from smart.references.models import AGENCY_DEPTH, Unit


def _target_or_404(slug: str):
    target = target_for(slug)
    if target is None:
        raise Http404
    return target


def _request_or_404(user, pk: int) -> ChangeRequest:
    """A request the user may read: about an employee in their scope (or their
    own proposal), and not about a record kind their field classes hide for
    that employee, unless they proposed it (the API's rule, as its list)."""
    request = (ChangeRequest.objects.readable_by(user)
               .select_related("employee__unit__agency", "proposer").filter(pk=pk).first())
    if request is None:
        raise Http404
    return request


def _action(request, target, entry_pk: int | None) -> str:
    """Add (a new entry), correct or remove (an existing one); core data is corrected."""
    if target.kind is None:
        allowed = [Action.CORRECT]
    elif entry_pk is None:
        allowed = [Action.ADD]
    else:
        allowed = [Action.CORRECT, Action.REMOVE]
    action = request.GET.get("aksi") or request.POST.get("aksi") or allowed[0]
    if action not in allowed:
        raise Http404
    return action


def propose(request, pk: int, slug: str, entry_pk: int | None = None):
    """An employee proposes to add, correct or remove an entry of their own record."""
    target = _target_or_404(slug)
    employee = get_employee_for_user_or_404(request.user, pk)
    if employee.user_id != request.user.pk:
        raise Http404  # proposals are self-service; others help through the admin
    action = _action(request, target, entry_pk)
    instance = target.instance(employee, entry_pk if target.kind else employee.pk)
    if action != Action.ADD and instance is None:
        raise Http404
    data, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    form = None
    if action != Action.REMOVE:
        form = target.form_class()(data, instance=instance or target.model(employee=employee))
    note = ProposalNoteForm(data, required=action == Action.REMOVE)
    document = proposal_document_form(target, data, files, required=action != Action.REMOVE)
    if request.method == "POST" and all(f.is_valid() for f in (form, note, document) if f):
        documents = ([(document.cleaned_data["document_type"], document.cleaned_data["file"])]
                     if document.cleaned_data.get("file") else [])
        try:
            created = request_propose(
                target=target, employee=employee, action=action,
                target_id=instance.pk if instance is not None else None,
                values=form.cleaned_data if form else {}, note=note.cleaned_data["note"],
                proposer=request.user, documents=documents,
                submit="kirim" in request.POST, submission_key=note.cleaned_data["kunci"],
            )
        except ValidationError as error:
            (form or note).add_error(None, error)
        else:
            messages.success(request, _("Your proposal was sent to your agency's administrator. "
                                        "Its progress is shown below.")
                             if "kirim" in request.POST else
                             _("Your proposal was saved as a draft; send it when it is "
                               "complete."))
            return redirect("changes:detail", pk=created.pk)
    return render(request, "changes/propose.html", {
        "employee": employee, "target": target, "action": action, "instance": instance,
        "action_label": Action(action).label, "form": form, "note": note,
        "document": document,
        # Browsers never keep a chosen file across a reload: say so (user test).
        "file_dropped": request.method == "POST" and bool(request.FILES),
    })


MOVE_DONE = {
    "withdraw": gettext_lazy("The request was withdrawn and is closed."),
    "reject": gettext_lazy("The request was rejected; the proposer is told the reason."),
}


def edit(request, pk: int):
    """The proposer revises a draft or a returned request, then sends it again;
    or corrects the values while answering a clarification (the answer itself is
    a move on the request page)."""
    change = _request_or_404(request.user, pk)
    if change.proposer_id != request.user.pk or change.stage not in EDITABLE_STAGES:
        raise Http404
    target = target_for(change.kind)
    if change.action == Action.REMOVE:
        raise Http404
    instance = target.instance(change.employee, change.target_id) or target.model(
        employee=change.employee)
    form = target.form_class()(request.POST or change.proposed, instance=instance)
    note = ProposalNoteForm(request.POST or {"note": change.note})
    if request.method == "POST" and form.is_valid() and note.is_valid():
        try:
            request_revise(request=change, values=form.cleaned_data,
                           note=note.cleaned_data["note"], actor=request.user)
            if "kirim" in request.POST and change.stage != Stage.CLARIFICATION:
                request_move(request=change, move_name=FIRST_MOVE[change.route],
                             actor=request.user)
        except MoveRefused as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Your proposal was saved. Its progress is shown below."))
        return redirect("changes:detail", pk=change.pk)
    return render(request, "changes/edit.html", {
        "change": change, "employee": change.employee, "target": target, "form": form,
        "note": note,
    })


def direct_correction(request, pk: int, slug: str, entry_pk: int | None = None):
    """A verifier adds or corrects an entry directly (Pasal 14b); it is recorded
    as a request proposed and validated by the verifier, visible as such."""
    target = _target_or_404(slug)
    employee = get_employee_for_user_or_404(request.user, pk)
    if not has_role(request.user, Role.VERIFIER) or employee.user_id == request.user.pk:
        raise Http404
    instance = target.instance(employee, entry_pk if target.kind else employee.pk)
    if entry_pk is not None and instance is None:
        raise Http404
    data, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    form = target.form_class()(data, instance=instance or target.model(employee=employee))
    reason = ReasonForm(data)
    document = proposal_document_form(target, data, files, required=True)
    if request.method == "POST" and all(f.is_valid() for f in (form, reason, document)):
        try:
            done = request_direct_correction(
                target=target, employee=employee, instance=instance, values=form.cleaned_data,
                reason=reason.cleaned_data["reason"], verifier=request.user,
                document=(document.cleaned_data["document_type"],
                          document.cleaned_data["file"]),
            )
        except (ValidationError, MoveRefused) as error:
            form.add_error(None, error if isinstance(error, ValidationError) else str(error))
        else:
            messages.success(request, _("The entry was saved and validated."))
            return redirect("changes:detail", pk=done.pk)
    return render(request, "changes/direct.html", {
        "employee": employee, "target": target, "entry": instance if entry_pk else None,
        "is_correction": instance is not None,
        "form": form, "reason": reason, "document": document,
    })


def detail(request, pk: int):
    change = _request_or_404(request.user, pk)
    target = target_for(change.kind)
    access = access_of(request.user, change.employee)
    return render(request, "changes/detail.html", {
        "change": change, "target": target,
        "diff": proposal_diff(change, target, access),
        "current_changed": (change.is_open and change.action != Action.ADD and
                            target.stored_values(change.employee_id, change.target_id)
                            != change.based_on),
        "events": change.events.select_related("actor"),
        "documents": change.documents.select_related("document_type"),
        "moves": allowed_moves(change, request.user),
        "can_edit": (change.proposer_id == request.user.pk
                     and change.stage in EDITABLE_STAGES),
        "document_form": (proposal_document_form(target, required=False)
                          if change.proposer_id == request.user.pk
                          and change.stage in EDITABLE_STAGES else None),
        "national": (national_comparison(change)
                     if change.stage in (Stage.VERIFIED, Stage.SYNCHRONISED) else None),
        "show_national": change.stage in (Stage.VERIFIED, Stage.SYNCHRONISED),
        "move_form": MoveForm(),
        "today": timezone.localdate(),
    })


@require_POST
def move(request, pk: int):
    change = _request_or_404(request.user, pk)
    form = MoveForm(request.POST)
    document = proposal_document_form(target_for(change.kind), request.POST, request.FILES,
                                      required=False)
    if not form.is_valid() or not document.is_valid():
        for errors in document.errors.values():
            for error in errors:
                messages.error(request, error)
        if not form.is_valid():
            messages.error(request, _("The step could not be read; try again."))
        return redirect("changes:detail", pk=change.pk)
    attached = ((document.cleaned_data["document_type"], document.cleaned_data["file"])
                if document.cleaned_data.get("file") else None)
    try:
        request_move(request=change, move_name=form.cleaned_data["move"], actor=request.user,
                     note=form.cleaned_data["note"], document=attached)
    except (MoveRefused, ValidationError) as error:
        messages.error(request, error.messages[0] if isinstance(error, ValidationError)
                       else str(error))
    else:
        messages.success(request, MOVE_DONE.get(form.cleaned_data["move"],
                                                _("Done: the request moved on.")))
    return redirect("changes:detail", pk=change.pk)


def _list(request, queryset, template: str, extra: dict | None = None):
    page = Paginator(queryset.for_list(), 25).get_page(request.GET.get("page"))
    return render(request, template, {"page": page, "today": timezone.localdate(),
                                      **(extra or {})})


def mine(request):
    return _list(request, ChangeRequest.objects.filter(proposer=request.user),
                 "changes/mine.html")


def inbox(request):
    if not has_role(request.user, Role.UNIT_ADMIN):
        raise Http404
    return _list(request, inbox_for(request.user), "changes/inbox.html")


def queue(request):
    if not has_role(request.user, Role.VERIFIER):
        raise Http404
    stage = request.GET.get("tahap")
    queryset = verification_queue(request.user)
    if stage in (Stage.VERIFICATION, Stage.VERIFIED, Stage.SYNCHRONISED, Stage.CLARIFICATION):
        queryset = queryset.filter(stage=stage)
    agency = request.GET.get("opd", "")
    if agency.isdigit():
        queryset = queryset.filter(employee__unit__agency_id=int(agency))
    kind = request.GET.get("jenis", "")
    if target_for(kind):
        queryset = queryset.filter(kind=kind)
    agencies = Unit.objects.current().filter(depth=AGENCY_DEPTH).values_list("pk", "name")
    kinds = [(k.slug, capfirst(k.label_singular)) for k in KINDS] + [(IDENTITY, _("Core data"))]
    return _list(request, queryset, "changes/queue.html", {
        "stage": stage, "stages": Stage, "agency": agency, "kind": kind,
        # The two selects' options written here, not one template loop per option
        # (a third of the queue's CPU, issue 10).
        "agency_options": _options(agencies, agency),
        "kind_options": _options(kinds, kind),
    })


def _options(choices, chosen: str) -> str:
    """``<option>`` elements of (value, label) pairs, ``chosen`` selected; escaped."""
    return format_html_join("", "<option value=\"{}\"{}>{}</option>", (
        (value, " selected" if str(value) == chosen else "", label)
        for value, label in choices))


@require_POST
def batch_validate(request):
    """Validate several synchronised requests at once (simple cases). Each one
    goes through ``request_move`` with all its checks; refusals are listed."""
    if not has_role(request.user, Role.VERIFIER):
        raise Http404
    ids = [int(i) for i in request.POST.getlist("usulan") if i.isdigit()][:100]
    done, refused = 0, []
    for change in verification_queue(request.user).filter(pk__in=ids,
                                                          stage=Stage.SYNCHRONISED):
        try:
            request_move(request=change, move_name="validate", actor=request.user)
            done += 1
        except MoveRefused as error:
            refused.append(f"#{change.pk}: {error}")
    messages.success(request, _("%(n)s requests validated.") % {"n": done})
    for line in refused:
        messages.error(request, line)
    return redirect(f"{reverse('changes:queue')}?tahap={Stage.SYNCHRONISED}")


def oversight(request):
    """Open requests past their deadline, per stage and per OPD (system manager)."""
    if not has_role(request.user, Role.SYSTEM_MANAGER, Role.HR_MANAGER):
        raise Http404
    late = overdue(request.user)
    # The counts are of every late request; the list leaves out those about a
    # record kind hidden from the reader and says how many (decision 157).
    listed = late.without_hidden_kinds(request.user)
    by_unit = (late.values("employee__unit__agency__name", "stage")
               .annotate(n=Count("id")).order_by("employee__unit__agency__name", "stage"))
    late_total = late.count()
    return _list(request, listed, "changes/oversight.html", {
        "by_unit": by_unit,
        "open_total": ChangeRequest.objects.visible_to(request.user).open().count(),
        "late_total": late_total,
        "late_unlisted": late_total - listed.count(),
        "late_forward": late.filter(Q(stage=Stage.SUBMITTED)).count(),
    })
