"""Pages of access authorisation (Pasal 11b): the list, the proposal form, the
detail with the allowed moves, and the move and revocation POSTs.

Who may do what is decided in ``smart.access.workflow``; a user who takes no
part in the workflow gets the same 404 as an unknown page.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from smart.access.models import AccessRequest, Role, RoleAssignment
from smart.access.policies import has_role, role_scope
from smart.access.workflow import (
    allowed_moves,
    awaiting,
    may_issue_key,
    may_revoke,
    proposable_roles,
    requests_visible_to,
)
from smart.accounts.forms import UserByLoginField
from smart.portal.access_services import (
    AccessRefused,
    access_request_move,
    access_request_propose,
    access_request_propose_system,
    assignment_revoke,
)
from smart.references.models import Unit

WORKFLOW_ROLES = (Role.HR_MANAGER, Role.SYSTEM_MANAGER, Role.SUPER_ADMIN)


def _date_field(name: str) -> forms.Field:
    return AccessRequest._meta.get_field(name).formfield(
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))


class ProposeForm(forms.Form):
    username = UserByLoginField(label=gettext_lazy("User (NIP or login name)"), max_length=150)
    role = forms.ChoiceField(label=gettext_lazy("Role"))
    unit = forms.ModelChoiceField(
        label=gettext_lazy("Scope unit"), queryset=Unit.objects.none(), required=False,
        help_text=gettext_lazy("Empty means the whole regency (verifiers, division "
                               "administrators and leadership only); for the employee "
                               "role, the employee's own unit."))
    valid_from = _date_field("valid_from")
    valid_to = _date_field("valid_to")
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, proposer, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Role.choices)
        self.fields["role"].choices = [(r, labels[r]) for r in proposable_roles(proposer)]
        units = Unit.objects.current().select_related("agency")
        if not has_role(proposer, Role.SYSTEM_MANAGER):
            scope = role_scope(proposer, Role.HR_MANAGER)
            if not scope.everything:
                units = units.under_any(scope.unit_paths)
        self.fields["unit"].queryset = units
        self.fields["unit"].label_from_instance = lambda unit: unit.label

    def clean(self):
        data = super().clean()
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("The end date cannot be before the start date."))
        return data


class SystemProposeForm(forms.Form):
    """Access for another system (Pasal 25): granted as an API key."""

    system = forms.CharField(label=gettext_lazy("System"), max_length=100,
                             help_text=gettext_lazy("e.g. e-Kinerja, fingerprint attendance"))
    unit = forms.ModelChoiceField(
        label=gettext_lazy("Scope unit (with its sub-units)"), queryset=Unit.objects.none(),
        required=False,
        help_text=gettext_lazy("Empty means the whole regency (SMART manager only)."))
    can_write = forms.BooleanField(label=gettext_lazy("May send data (SKP results, "
                                                      "attendance logs)"), required=False)
    valid_from = _date_field("valid_from")
    valid_to = _date_field("valid_to")
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, proposer, **kwargs):
        super().__init__(*args, **kwargs)
        units = Unit.objects.current().select_related("agency")
        if not has_role(proposer, Role.SYSTEM_MANAGER):
            scope = role_scope(proposer, Role.HR_MANAGER)
            if not scope.everything:
                units = units.under_any(scope.unit_paths)
        self.fields["unit"].queryset = units
        self.fields["unit"].label_from_instance = lambda unit: unit.label

    def clean(self):
        data = super().clean()
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("The end date cannot be before the start date."))
        return data


class MoveForm(forms.Form):
    move = forms.CharField(max_length=20)
    note = forms.CharField(label=gettext_lazy("Note (required to reject or withdraw)"),
                           required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))


class RevokeForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason for revoking"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))


def _in_workflow_or_404(user, *roles: str) -> None:
    if not has_role(user, *(roles or WORKFLOW_ROLES)):
        raise Http404


def _request_or_404(user, pk: int) -> AccessRequest:
    return get_object_or_404(
        requests_visible_to(user).select_related("user", "unit__agency", "proposer",
                                                 "assignment"), pk=pk)


def request_list(request):
    """What concerns the user: requests awaiting their move, then the history."""
    _in_workflow_or_404(request.user)
    related = ("user", "unit__agency", "proposer")
    visible = requests_visible_to(request.user).select_related(*related)
    return render(request, "portal/access_requests.html", {
        "awaiting": awaiting(request.user).select_related(*related),
        "mine": visible.filter(proposer=request.user,
                               stage__in=("proposed", "approved")),
        "history": visible[:100],
        "can_propose": bool(proposable_roles(request.user)),
        "can_propose_system": has_role(request.user, Role.HR_MANAGER, Role.SYSTEM_MANAGER),
    })


def propose(request):
    _in_workflow_or_404(request.user, Role.HR_MANAGER, Role.SYSTEM_MANAGER)
    form = ProposeForm(request.POST or None, proposer=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            access = access_request_propose(
                proposer=request.user, user=data["username"], role=data["role"],
                unit=data["unit"], reason=data["reason"], valid_from=data["valid_from"],
                valid_to=data["valid_to"])
        except AccessRefused as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The access request was sent to the SMART manager "
                                        "for approval."))
            return redirect("portal:access_request_detail", pk=access.pk)
    return render(request, "portal/access_request_propose.html", {"form": form})


def propose_system(request):
    """Propose access for another system; its grant is an API key."""
    _in_workflow_or_404(request.user, Role.HR_MANAGER, Role.SYSTEM_MANAGER)
    form = SystemProposeForm(request.POST or None, proposer=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            access = access_request_propose_system(proposer=request.user, **form.cleaned_data)
        except AccessRefused as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The access request was sent to the SMART manager "
                                        "for approval."))
            return redirect("portal:access_request_detail", pk=access.pk)
    return render(request, "portal/access_request_propose_system.html", {"form": form})


def detail(request, pk: int):
    access = _request_or_404(request.user, pk)
    assignment = access.assignment
    api_key = getattr(access, "api_key", None) if access.is_for_system else None
    return render(request, "portal/access_request_detail.html", {
        "api_key": api_key,
        "may_issue_key": may_issue_key(access, request.user),
        "can_revoke_key": (api_key is not None and api_key.revoked_at is None
                           and has_role(request.user, Role.SUPER_ADMIN)),
        "access": access,
        "events": access.events.all(),
        "moves": allowed_moves(access, request.user),
        "move_form": MoveForm(),
        "can_revoke": (assignment is not None and assignment.is_granted
                       and may_revoke(request.user, assignment)),
        "revoke_form": RevokeForm(),
    })


@require_POST
def move(request, pk: int):
    access = _request_or_404(request.user, pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The step could not be read; try again."))
        return redirect("portal:access_request_detail", pk=access.pk)
    try:
        access_request_move(request=access, move_name=form.cleaned_data["move"],
                            actor=request.user, note=form.cleaned_data["note"])
    except AccessRefused as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Done: the request moved on."))
    return redirect("portal:access_request_detail", pk=access.pk)


@require_POST
def revoke(request, pk: int):
    """End a granted role assignment (Pengelola SMART or Super Administrator)."""
    _in_workflow_or_404(request.user, Role.SYSTEM_MANAGER, Role.SUPER_ADMIN)
    assignment = get_object_or_404(RoleAssignment, pk=pk)
    form = RevokeForm(request.POST)
    linked = AccessRequest.objects.filter(assignment=assignment).first()
    back = (redirect("portal:access_request_detail", pk=linked.pk) if linked
            else redirect("portal:access_requests"))
    if not form.is_valid():
        messages.error(request, _("Give the reason for revoking."))
        return back
    try:
        assignment_revoke(assignment=assignment, actor=request.user,
                          reason=form.cleaned_data["reason"])
    except AccessRefused as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The access was revoked; it ends with the user's next "
                                    "request."))
    return back
