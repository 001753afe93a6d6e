"""Pages of Plt/Plh appointments (Pasal 33): the list, the record form and the
early end.

The Pengelola SMART records and ends them; HR managers read them all; every
other user sees the ones they take part in (as holder or acting official).
Who the list shows is decided here once, in ``_visible``.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from smart.access.models import Delegation, Role
from smart.access.policies import has_role
from smart.accounts.forms import UserByLoginField
from smart.people.dates import date_input
from smart.portal.delegation_services import (
    DelegationRefused,
    delegation_create,
    delegation_end,
)


def _model_field(name: str, **kwargs) -> forms.Field:
    return Delegation._meta.get_field(name).formfield(**kwargs)


def _date_field(name: str) -> forms.Field:
    return _model_field(name, widget=date_input())


class DelegationForm(forms.Form):
    holder = UserByLoginField(label=gettext_lazy("Official represented (NIP or login name)"),
                              max_length=150)
    acting = UserByLoginField(label=gettext_lazy("Acting official (NIP or login name)"),
                              max_length=150)
    kind = _model_field("kind")
    valid_from = _date_field("valid_from")
    valid_to = _date_field("valid_to")
    decree = _model_field("decree", required=True)
    decree_date = _date_field("decree_date")

    def clean(self):
        data = super().clean()
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("The end date cannot be before the start date."))
        return data


class EndForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason for ending early"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))


def _manager_or_404(user) -> None:
    if not has_role(user, Role.SYSTEM_MANAGER):
        raise Http404


def _visible(user):
    rows = Delegation.objects.select_related("holder", "acting", "created_by", "ended_by")
    if has_role(user, Role.SYSTEM_MANAGER, Role.HR_MANAGER):
        return rows
    return rows.involving(user)


def delegation_list(request):
    """Active, upcoming and finished appointments the user may read."""
    today = timezone.localdate()
    visible = _visible(request.user)
    return render(request, "portal/delegations.html", {
        "active": visible.current(today),
        "upcoming": visible.upcoming(today).order_by("valid_from", "id"),
        "finished": visible.finished(today)[:100],
        "can_edit": has_role(request.user, Role.SYSTEM_MANAGER),
        "end_form": EndForm(),
        "sees_all": has_role(request.user, Role.SYSTEM_MANAGER, Role.HR_MANAGER),
    })


def create(request):
    _manager_or_404(request.user)
    form = DelegationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            delegation = delegation_create(actor=request.user, **form.cleaned_data)
        except DelegationRefused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Recorded: %(delegation)s. Both officials were told.")
                             % {"delegation": delegation})
            return redirect("portal:delegations")
    return render(request, "portal/delegation_create.html", {"form": form})


@require_POST
def end(request, pk: int):
    _manager_or_404(request.user)
    delegation = get_object_or_404(Delegation, pk=pk)
    form = EndForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason for ending the appointment early."))
        return redirect("portal:delegations")
    try:
        delegation_end(delegation=delegation, actor=request.user,
                       reason=form.cleaned_data["reason"])
    except DelegationRefused as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The appointment was ended; the acting official loses "
                                    "the roles with their next request."))
    return redirect("portal:delegations")
