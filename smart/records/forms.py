"""Forms built from the registry: one generic form serves every record kind."""

from __future__ import annotations

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from smart.records.registry import RecordKind


class AsOfForm(forms.Form):
    """Point-in-time reading of a record: "rank as of 2023-01-01"."""

    on = forms.DateField(label=_("As of date"), widget=forms.DateInput(attrs={"type": "date"}))


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the change"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept in the history and the audit log."),
    )


def _date_widget(field: models.Field, **kwargs) -> forms.Field:
    formfield = field.formfield(**kwargs)
    if isinstance(field, models.DateField) and formfield is not None:
        formfield.widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    return formfield


def entry_form_class(kind: RecordKind) -> type[forms.ModelForm]:
    """A ModelForm for exactly the kind's declared fields (nothing else can be posted)."""
    return forms.modelform_factory(kind.model, fields=list(kind.fields),
                                   formfield_callback=_date_widget)
