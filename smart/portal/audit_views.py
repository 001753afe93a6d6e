"""The audit viewer (R-CONF-1): the system manager (Pengelola SMART) searches the
audit log and sees whether the chain is whole. Anyone else gets a 404."""

from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from smart.access.models import Role
from smart.access.policies import has_role
from smart.audit.checks import audit_chain_check, last_full_check
from smart.audit.models import AuditEvent
from smart.audit.services import audit_record
from smart.portal.audit_labels import action_label, data_lines

PAGE_SIZE = 50


class AuditFilterForm(forms.Form):
    actor = forms.CharField(label=_("Actor (name or login name)"), required=False,
                            max_length=200)
    action = forms.CharField(label=_("Action starts with"), required=False, max_length=80,
                             help_text=_('For example "accounts.signin" or "records."'))
    target = forms.CharField(label=_("Target (label, NIP or id)"), required=False,
                             max_length=300)
    since = forms.DateField(label=_("From"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    until = forms.DateField(label=_("Until"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["until"] < data["since"]:
            self.add_error("until", _("The end date cannot be before the start date."))
        return data

    def filter(self, events):
        if not self.is_bound:
            return events
        if not self.is_valid():
            return events.none()  # a filter that cannot apply never widens the list
        data = self.cleaned_data
        return events.matching(actor=data["actor"].strip(),
                               action_prefix=data["action"].strip(),
                               target=data["target"].strip(), since=data["since"],
                               until=data["until"])


def audit_log(request):
    if not has_role(request.user, Role.SYSTEM_MANAGER):
        raise Http404
    form = AuditFilterForm(request.GET or None)
    events = form.filter(AuditEvent.objects.order_by("-seq"))
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    # Only what came after the last good check is walked here; the whole chain nightly.
    check = audit_chain_check(full=False)
    # The log holds personal data (before/after values): reading it is on record too.
    audit_record(actor=request.user, action="audit.event.list",
                 data={"filters": {k: v for k, v in query.items() if v},
                       "page": page.number})
    rows = []
    for event in page.object_list:
        event.label = action_label(event.action)
        rows.append((event, _details(event)))
    return render(request, "portal/audit_log.html", {
        "form": form, "page": page, "rows": rows, "query": query.urlencode(),
        "check": check, "full_check": last_full_check(),
    })


def _details(event: AuditEvent) -> list[tuple[str, list[tuple[str, str]]]]:
    """(heading, "key: value" lines) of the data, before and after that are there."""
    parts = [(_("Data"), event.data), (_("Before"), event.before), (_("After"), event.after)]
    return [(name, data_lines(value)) for name, value in parts if value]
