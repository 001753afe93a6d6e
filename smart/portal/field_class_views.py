"""The D-3 field-class table (security.md D-3): the Pengelola SMART reads the
matrix of roles × field classes and changes one cell at a time, with a reason.
Everyone else gets the same 404 as an unknown page."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from smart.access.fields import D3_TABLE, LOCKED_ROLES, d3_table
from smart.access.models import Access, FieldClass, FieldGrant, Role
from smart.access.policies import has_role
from smart.portal.field_class_services import FieldGrantRefused, field_grant_set


class CellForm(forms.Form):
    role = forms.ChoiceField(choices=Role.choices)
    field_class = forms.ChoiceField(choices=FieldClass.choices)
    access = forms.TypedChoiceField(label=gettext_lazy("Access"), choices=Access.choices,
                                    coerce=int)
    reason = forms.CharField(label=gettext_lazy("Reason for the change"), max_length=2000)


def _manager_or_404(user) -> None:
    if not has_role(user, Role.SYSTEM_MANAGER):
        raise Http404


def table(request):
    """The matrix in force, each cell with its code default and its override."""
    _manager_or_404(request.user)
    in_force = d3_table()
    overrides = {(g.role, g.field_class): g
                 for g in FieldGrant.objects.select_related("changed_by")}
    rows = [{
        "role": role, "label": Role(role).label, "locked": role in LOCKED_ROLES,
        "cells": [{"field_class": fc, "access": in_force[role][fc],
                   "default": D3_TABLE[role][fc],
                   "override": overrides.get((role, fc.value))} for fc in FieldClass],
    } for role in D3_TABLE]
    return render(request, "portal/field_classes.html", {
        "rows": rows, "classes": FieldClass, "levels": Access.choices,
    })


@require_POST
def change(request):
    _manager_or_404(request.user)
    form = CellForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the access and give the reason for the change."))
        return redirect("portal:field_classes")
    try:
        field_grant_set(actor=request.user, **form.cleaned_data)
    except FieldGrantRefused as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The field-class table was changed; it applies from the "
                                    "next page anyone opens."))
    return redirect("portal:field_classes")
