"""API keys for other systems (R-INT, Pasal 25): the Super Administrator
creates them — after the access authorisation of the system's request — and
revokes them. A new key is shown once, on the page that created it; SMART
keeps only its hash."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from smart.access.models import Role
from smart.access.policies import has_role
from smart.api.models import ApiKey
from smart.api.services import KeyRefused, api_key_create, api_key_revoke
from smart.portal.account_views import ReasonForm
from smart.references.models import Unit


class ApiKeyForm(forms.Form):
    system = forms.CharField(label=gettext_lazy("System"), max_length=100,
                             help_text=gettext_lazy("e.g. e-Kinerja, fingerprint attendance"))
    units = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Units it may read (with their sub-units)"),
        queryset=Unit.objects.none())
    can_write = forms.BooleanField(label=gettext_lazy("May send data (SKP results, "
                                                      "attendance logs)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = Unit.objects.current()
        self.fields["units"].label_from_instance = lambda u: u.label


def _super_admin_or_404(user) -> None:
    if not has_role(user, Role.SUPER_ADMIN):
        raise Http404


def api_keys(request):
    _super_admin_or_404(request.user)
    form = ApiKeyForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        try:
            _created, new_key = api_key_create(actor=request.user, **form.cleaned_data)
        except KeyRefused as error:
            form.add_error(None, str(error))
        else:
            form = ApiKeyForm()
    keys = ApiKey.objects.select_related("created_by", "revoked_by").prefetch_related("units")
    return render(request, "portal/api_keys.html", {
        "form": form, "keys": keys, "new_key": new_key})


@require_POST
def api_key_revoke_view(request, pk: int):
    _super_admin_or_404(request.user)
    api_key = get_object_or_404(ApiKey, pk=pk)
    form = ReasonForm(request.POST)
    try:
        if not form.is_valid():
            raise KeyRefused("Alasan wajib diisi.")
        api_key_revoke(actor=request.user, api_key=api_key,
                       reason=form.cleaned_data["reason"])
    except KeyRefused as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The key was revoked; it no longer works."))
    return redirect("portal:api_keys")
