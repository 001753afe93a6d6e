"""API keys for other systems (R-INT, Pasal 25): the Super Administrator
issues one only against an approved system access request (Pasal 11b), whose
system, scope and read/write it takes, and revokes it (which the request
records). A new key is shown once, on the page that created it; SMART keeps
only its hash."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from smart.access.models import AccessRequest, AccessStage, Role
from smart.access.policies import has_role
from smart.api.models import ApiKey
from smart.api.services import KeyRefused, api_key_create, api_key_revoke
from smart.portal.account_views import ReasonForm


class ApiKeyForm(forms.Form):
    """Which approved system request the key is for; everything else comes from it."""

    access_request = forms.ModelChoiceField(
        label=gettext_lazy("Approved access request"), queryset=AccessRequest.objects.none(),
        empty_label=None)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["access_request"].queryset = awaiting_key(user)


def awaiting_key(user):
    """Approved system requests this Super Administrator may issue a key for."""
    return (AccessRequest.objects.filter(stage=AccessStage.APPROVED).exclude(system="")
            .exclude(proposer=user).select_related("unit__agency", "proposer"))


def _super_admin_or_404(user) -> None:
    if not has_role(user, Role.SUPER_ADMIN):
        raise Http404


def api_keys(request):
    _super_admin_or_404(request.user)
    form = ApiKeyForm(request.POST or None, user=request.user)
    new_key = None
    if request.method == "POST":
        if form.is_valid():
            try:
                _created, new_key = api_key_create(
                    actor=request.user, access_request=form.cleaned_data["access_request"])
            except KeyRefused as error:
                messages.error(request, str(error))
        else:
            messages.error(request, _("Choose an approved access request of a system."))
    keys = ApiKey.objects.select_related("created_by", "revoked_by",
                                         "access_request").prefetch_related("units")
    return render(request, "portal/api_keys.html", {
        "awaiting": awaiting_key(request.user), "keys": keys, "new_key": new_key})


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
    if request.POST.get("back") == "request" and api_key.access_request_id:
        return redirect("portal:access_request_detail", pk=api_key.access_request_id)
    return redirect("portal:api_keys")
