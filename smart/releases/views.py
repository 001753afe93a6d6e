"""Pages of data releases: the list, the request form (reached from an export's
gate), the detail with the allowed moves, and the move POST.

Who may do what is decided in ``smart.releases.workflow``; a release the user
may not read is the same 404 as an unknown page.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from smart.access.policies import PERSONNEL_READERS, has_role
from smart.releases.gate import export_from_token
from smart.releases.services import ReleaseRefused, release_move, release_request
from smart.releases.workflow import (
    APPROVER,
    OPEN_STAGES,
    allowed_moves,
    awaiting,
    releases_visible_to,
)


class RequestForm(forms.Form):
    purpose = forms.CharField(
        label=gettext_lazy("Purpose"), max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Why the data must leave SMART, for whom, and how it will be "
                               "kept (Perbup 35/2020 Pasal 24)."))


class MoveForm(forms.Form):
    move = forms.CharField(max_length=20)
    note = forms.CharField(label=gettext_lazy("Note (required to reject)"), required=False,
                           max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


def _reader_or_404(user) -> None:
    """Releases concern those who read others' personnel data."""
    if not has_role(user, *PERSONNEL_READERS):
        raise Http404


def _release_or_404(user, pk: int):
    return get_object_or_404(
        releases_visible_to(user).select_related("requester", "approver"), pk=pk)


def release_list(request):
    """Requests awaiting the user's decision, their own open ones, the history."""
    _reader_or_404(request.user)
    visible = releases_visible_to(request.user).select_related("requester", "approver")
    return render(request, "releases/release_list.html", {
        "awaiting": awaiting(request.user).select_related("requester"),
        "mine": visible.filter(requester=request.user, stage__in=OPEN_STAGES),
        "history": visible[:100],
        "is_approver": has_role(request.user, APPROVER),
    })


def release_new(request, token: str):
    """The request form, with the export the gate described."""
    _reader_or_404(request.user)
    export = export_from_token(request.user, token)
    if export is None:
        raise Http404
    form = RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            release = release_request(requester=request.user, export=export,
                                      purpose=form.cleaned_data["purpose"])
        except ReleaseRefused as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The release request was sent to the SMART manager."))
            return redirect("releases:detail", pk=release.pk)
    return render(request, "releases/release_request.html", {"form": form, "export": export})


def export_url(release) -> str:
    """Where the released file is made: the link the owning app gave with the
    export (``Export.url``: the report page with the released choices, or the
    file itself), so the page there gives the same parameters to the gate,
    which recognises the release. Only a path on this site is linked.

    A request made before the link was kept falls back to the page named by
    the export's code ("reports.nominatif" → ``reports:nominatif``) with the
    export's parameters, or the file itself when the page takes the employee
    ("records.drh"); empty when the code names no page."""
    if release.export_url:
        return release.export_url if _is_local_path(release.export_url) else ""
    app, _dot, name = release.export_code.partition(".")
    params = {key: value for key, value in (release.export_params or {}).items()
              if value not in (None, "", [])}
    try:
        if "employee" in params:
            url = reverse(f"{app}:{name}", args=[params.pop("employee")])
        else:
            url = reverse(f"{app}:{name}")
    except NoReverseMatch:
        return ""
    return f"{url}?{urlencode(params, doseq=True)}" if params else url


def _is_local_path(url: str) -> bool:
    return url.startswith("/") and url_has_allowed_host_and_scheme(url, allowed_hosts=None)


def release_detail(request, pk: int):
    release = _release_or_404(request.user, pk)
    mine = release.requester_id == request.user.pk
    return render(request, "releases/release_detail.html", {
        "release": release,
        "export_url": export_url(release) if mine and release.is_usable else "",
        "events": release.events.all(),
        "uses": release.uses.all(),
        "moves": allowed_moves(release, request.user),
        "move_form": MoveForm(),
    })


@require_POST
def release_move_view(request, pk: int):
    release = _release_or_404(request.user, pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The step could not be read; try again."))
        return redirect("releases:detail", pk=release.pk)
    try:
        release_move(release=release, move_name=form.cleaned_data["move"],
                     actor=request.user, note=form.cleaned_data["note"])
    except ReleaseRefused as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Done: the request moved on."))
    return redirect("releases:detail", pk=release.pk)
