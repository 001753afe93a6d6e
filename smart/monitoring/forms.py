"""The recording campaign's form."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smart.documents.models import DocumentType
from smart.monitoring.models import RecordingCampaign
from smart.people.career import add_months
from smart.people.dates import date_input
from smart.records.elements import element_choices

# Pasal 32: initial recording within three months; the documents every ASN holds.
DEFAULT_MONTHS = 3
DEFAULT_DOCUMENTS = ("KTP", "KK", "SK_CPNS", "IJAZAH")


class CampaignForm(forms.ModelForm):
    elements = forms.MultipleChoiceField(
        label=_("Required data elements"), choices=(), required=False,
        help_text=_("A new campaign starts with every element of a complete record ticked; "
                    "untick what this campaign does not require. At least one element or "
                    "one document kind must stay ticked."),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}))
    document_types = forms.ModelMultipleChoiceField(
        label=_("Required documents"), queryset=DocumentType.objects.none(), required=False,
        help_text=_("Ticked at first: KTP, KK, SK CPNS and ijazah. SK CPNS counts only for "
                    "PNS and CPNS, SK PNS only for PNS: a PPPK is never missing them."),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}))

    class Meta:
        model = RecordingCampaign
        fields = ["name", "start_date", "deadline", "elements", "document_types", "note"]
        widgets = {"start_date": date_input(), "deadline": date_input(),
                   "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["elements"].choices = element_choices()
        self.fields["document_types"].queryset = DocumentType.objects.active()
        if self.instance.pk is None and not self.is_bound:
            today = timezone.localdate()
            self.initial.update({
                "start_date": today, "deadline": add_months(today, DEFAULT_MONTHS),
                "elements": [code for code, _label in element_choices()],
                "document_types": list(DocumentType.objects.filter(
                    code__in=DEFAULT_DOCUMENTS).values_list("pk", flat=True)),
            })

    def clean(self):
        data = super().clean()
        start, deadline = data.get("start_date"), data.get("deadline")
        if start and deadline and deadline < start:
            self.add_error("deadline", "Tenggat tidak boleh sebelum tanggal mulai.")
        if not data.get("elements") and not data.get("document_types"):
            raise forms.ValidationError(
                "Pilih sedikitnya satu elemen data atau satu jenis dokumen yang wajib.")
        return data
