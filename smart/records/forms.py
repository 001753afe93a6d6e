"""Forms built from the registry: one generic form serves every record kind."""

from __future__ import annotations

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from smart.people.dates import check_plausible_date, date_input
from smart.records.registry import RecordKind
from smart.references.models import Golongan, Unit


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the change"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept in the history and the audit log."),
    )


def date_formfield(field: models.Field, **kwargs) -> forms.Field:
    """Form fields for record forms: dates get a date picker and a sanity range."""
    formfield = field.formfield(**kwargs)
    if isinstance(field, models.DateField) and formfield is not None:
        formfield.widget = date_input()
        formfield.validators.append(check_plausible_date)
    return formfield


class EntryForm(forms.ModelForm):
    """Base of the generic entry forms: choices fitted to the employee."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        employee = getattr(self.instance, "employee", None)
        if "golongan" in self.fields and employee is not None:
            scheme = Golongan.Scheme.PPPK if employee.asn_kind == "PPPK" else Golongan.Scheme.PNS
            self.fields["golongan"].queryset = Golongan.objects.active().filter(scheme=scheme)
        if "unit" in self.fields:
            self.fields["unit"].queryset = Unit.objects.current().select_related("agency")
            self.fields["unit"].label_from_instance = lambda unit: unit.label


def entry_form_class(kind: RecordKind) -> type[forms.ModelForm]:
    """A ModelForm for exactly the kind's declared fields (nothing else can be posted)."""
    return forms.modelform_factory(kind.model, form=EntryForm, fields=list(kind.fields),
                                   formfield_callback=date_formfield)


class AsOfForm(forms.Form):
    """Point-in-time reading of a record: "rank as of 2023-01-01"."""

    on = forms.DateField(label=_("As of date"), widget=date_input(),
                         validators=[check_plausible_date])
