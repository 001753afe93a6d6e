"""Forms of the synchronisation pages."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from smart.people.dates import date_input
from smart.synchronisation.compare import CONCEPTS
from smart.synchronisation.models import Classification

MAX_EXPORT_BYTES = 50 * 1024 * 1024


class ExportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("SIASN export (CSV)"),
        help_text=_("The “Export Data ASN” file as downloaded from SIASN, at most 50 MB."))
    export_date = forms.DateField(
        label=_("Export date"), widget=date_input(),
        help_text=_("The day the file was downloaded from SIASN; it decides which side "
                    "is newer."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["export_date"].initial = timezone.localdate
        self.fields["file"].widget.attrs["accept"] = ".csv,text/csv"

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if uploaded.size == 0:
            raise forms.ValidationError("Berkas kosong.")
        if uploaded.size > MAX_EXPORT_BYTES:
            raise forms.ValidationError("Berkas lebih dari 50 MB; pecah ekspornya per OPD.")
        return uploaded

    def clean_export_date(self):
        day = self.cleaned_data["export_date"]
        if day > timezone.localdate():
            raise forms.ValidationError("Tanggal ekspor tidak boleh setelah hari ini.")
        return day


class DifferenceFilterForm(forms.Form):
    unit = forms.TypedChoiceField(label=_("Unit"), required=False, coerce=int,
                                  empty_value=None)
    field = forms.ChoiceField(label=_("Data"), required=False)
    classification = forms.ChoiceField(label=_("Classification"), required=False)
    q = forms.CharField(label=_("Name or NIP"), required=False, max_length=100)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", _("All units in my scope"))] + [
            (unit.pk, f"{'· ' * max(unit.depth - 2, 0)}{unit.name}") for unit in units]
        self.fields["field"].choices = [("", _("All data"))] + [
            (concept.code, capfirst(concept.label)) for concept in CONCEPTS]
        self.fields["classification"].choices = [("", _("All classes")),
                                                 *Classification.choices]
