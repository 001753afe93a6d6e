"""The steps of the onboarding form (perekaman awal); each step is a form, the
entry steps are the record kinds' own forms so the same rules apply as when
the verifier validates them."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from smart.changes.models import OnboardingKind
from smart.changes.onboarding import DOCUMENT_TYPES, asn_kind_for, check_golongan_fits
from smart.documents.forms import DocumentUploadForm
from smart.documents.models import DocumentType
from smart.people.dates import (
    check_age_at_tmt_cpns,
    check_birth_date,
    check_plausible_date,
    date_input,
)
from smart.people.identity import IdentityError, parse_nik, parse_nip
from smart.people.models import AsnKind, Employee
from smart.records.forms import entry_form_class
from smart.records.registry import REGISTRY
from smart.references.models import Religion, Sex

# The fields each entry step shows; the rest of the kind's fields stay empty.
SHOWN = {
    "pangkat": ("golongan", "tmt", "mk_years", "mk_months", "sk_number", "sk_date",
                "signing_official"),
    "jabatan": ("position_name", "position_type", "tmt", "sk_number", "sk_date"),
    "pendidikan-formal": ("education_level", "programme", "institution_name",
                          "graduation_year", "certificate_number", "certificate_date"),
}
PREFIX = {"pangkat": "pangkat", "jabatan": "jabatan", "pendidikan-formal": "pendidikan"}


class IdentityStepForm(forms.Form):
    kind = forms.ChoiceField(label=_("Who is recorded"), choices=OnboardingKind.choices)
    origin_agency = forms.CharField(
        label=_("Previous agency"), max_length=200, required=False,
        help_text=_("For a transferred employee: the agency they come from."))
    nip = forms.CharField(label="NIP", max_length=30,
                          help_text=_("18 digits; spaces as printed on the SK are fine."))
    name = forms.CharField(label=_("Name (without titles)"), max_length=200)
    front_title = forms.CharField(label=_("Front title"), max_length=40, required=False)
    back_title = forms.CharField(label=_("Back title"), max_length=60, required=False)
    birth_place = forms.CharField(label=_("Place of birth"), max_length=100, required=False)
    birth_date = forms.DateField(label=_("Date of birth"), widget=date_input(),
                                 validators=[check_birth_date])
    sex = forms.ModelChoiceField(label=_("Sex"), queryset=Sex.objects.all())
    nik = forms.CharField(label="NIK", max_length=30, required=False)
    religion = forms.ModelChoiceField(label=_("Religion"), queryset=Religion.objects.all(),
                                      required=False)
    phone = forms.CharField(label=_("Mobile phone"), max_length=20, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)

    nip_kind = ""

    def clean_nip(self) -> str:
        try:
            info = parse_nip(self.cleaned_data["nip"])
        except IdentityError as error:
            raise forms.ValidationError(str(error)) from None
        self.nip_kind = info.kind
        return info.nip

    def clean_nik(self) -> str | None:
        value = self.cleaned_data["nik"].strip()
        if not value:
            return None
        try:
            nik = parse_nik(value).nik
        except IdentityError as error:
            raise forms.ValidationError(str(error)) from None
        if Employee.objects.filter(nik=nik).exists():
            raise forms.ValidationError(f"NIK {nik} sudah tercatat untuk pegawai lain di SMART.")
        return nik

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("kind") == OnboardingKind.TRANSFER
                and not cleaned.get("origin_agency", "").strip()):
            self.add_error("origin_agency", "Isi instansi asal pegawai pindahan.")
        return cleaned


class EmploymentStepForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=None)
    asn_kind = forms.ChoiceField(
        label=_("ASN kind"), choices=[(AsnKind.PNS, "PNS"), (AsnKind.CPNS, "CPNS")],
        required=False,
        help_text=_("For a transferred or not yet recorded employee; candidates are CPNS "
                    "or PPPK by their kind."))
    tmt_cpns = forms.DateField(label=_("TMT CPNS"), widget=date_input(), required=False,
                               validators=[check_plausible_date],
                               help_text=_("From the SK CPNS; empty for PPPK."))

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units.select_related("agency")
        self.fields["unit"].label_from_instance = lambda unit: unit.label


def entry_step_form(slug: str, data=None, *, asn_kind: str = ""):
    """The record kind's own form, under its prefix."""
    kind = REGISTRY[slug]
    form_class = entry_form_class(kind)
    instance = kind.model(employee=Employee(asn_kind=asn_kind or AsnKind.PNS))
    form = form_class(data, instance=instance, prefix=PREFIX[slug])
    if slug == "pangkat":
        form.fields["mk_years"].initial = form.fields["mk_months"].initial = 0
    return form


def document_step_form(slug: str, data=None, files=None) -> DocumentUploadForm:
    form = DocumentUploadForm(data, files, prefix=f"dokumen-{PREFIX[slug]}")
    form.fields["document_type"].queryset = DocumentType.objects.active().filter(
        code__in=DOCUMENT_TYPES[slug])
    return form


class SendStepForm(forms.Form):
    note = forms.CharField(label=_("Note for the verifier"), max_length=1000, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))


def cross_check(identity: IdentityStepForm, employment: EmploymentStepForm,
                rank_form) -> str:
    """The ASN kind by the recording's kind and the NIP, and the golongan that
    fits it; errors go on the forms. Returns the ASN kind ("" when unknown)."""
    if not (identity.is_valid() and employment.is_valid()):
        return ""
    try:
        asn_kind = asn_kind_for(identity.cleaned_data["kind"], identity.nip_kind,
                                employment.cleaned_data.get("asn_kind") or "")
    except forms.ValidationError as error:
        employment.add_error("asn_kind", error)
        return ""
    tmt_cpns = employment.cleaned_data.get("tmt_cpns")
    if asn_kind in (AsnKind.CPNS, AsnKind.PNS) and not tmt_cpns:
        employment.add_error("tmt_cpns", "TMT CPNS wajib diisi untuk CPNS dan PNS.")
    if tmt_cpns:
        try:  # the import applies the same rule (smart.people.dates)
            check_age_at_tmt_cpns(identity.cleaned_data["birth_date"], tmt_cpns)
        except forms.ValidationError as error:
            employment.add_error("tmt_cpns", error)
    if rank_form.is_valid():
        try:
            check_golongan_fits(asn_kind, rank_form.cleaned_data.get("golongan"))
        except forms.ValidationError as error:
            rank_form.add_error("golongan", error)
    return asn_kind
