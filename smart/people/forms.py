"""The employee list's search and filters, bound to the query string."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from smart.people.models import AsnKind
from smart.references.models import (
    Echelon,
    EducationLevel,
    Golongan,
    LegalStatus,
    PositionType,
    Religion,
    Sex,
    Unit,
)

EM_SPACE = "\u2003"


def _grouped_golongan() -> list:
    """PNS and PPPK grades in their own groups of the select."""
    groups: dict[str, list] = {}
    for golongan in Golongan.objects.active():
        groups.setdefault(golongan.get_scheme_display(), []).append(
            (golongan.pk, golongan.name))
    return [("", _("All")), *groups.items()]


class EmployeeFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or NIP"), required=False, max_length=100)
    unit = forms.ModelChoiceField(
        label=_("Unit (with its sub-units)"), queryset=Unit.objects.none(), required=False,
        empty_label=_("All"),
    )
    golongan = forms.ModelChoiceField(
        label=_("Golongan"), queryset=Golongan.objects.active(), required=False,
        empty_label=_("All"),
    )
    asn_kind = forms.ChoiceField(
        label=_("ASN kind"), choices=[("", _("All"))] + AsnKind.choices, required=False,
    )
    legal_status = forms.ModelChoiceField(
        label=_("Status"), queryset=LegalStatus.objects.active(), required=False,
        empty_label=_("All"),
    )
    # The filters below are what the statistics link to (drill-down, R-USE).
    active = forms.BooleanField(label=_("Active only"), required=False)
    sex = forms.ModelChoiceField(label=_("Sex"), queryset=Sex.objects.active(),
                                 required=False, empty_label=_("All"))
    religion = forms.ModelChoiceField(label=_("Religion"), queryset=Religion.objects.active(),
                                      required=False, empty_label=_("All"))
    education_level = forms.ModelChoiceField(
        label=_("Education"), queryset=EducationLevel.objects.active(), required=False,
        empty_label=_("All"),
    )
    position_type = forms.ModelChoiceField(
        label=_("Position type"), queryset=PositionType.objects.active(), required=False,
        empty_label=_("All"),
    )
    echelon = forms.ModelChoiceField(label=_("Echelon"), queryset=Echelon.objects.active(),
                                     required=False, empty_label=_("All"))
    age_min = forms.IntegerField(label=_("Age from"), required=False, min_value=0,
                                 max_value=120)
    age_max = forms.IntegerField(label=_("Age to"), required=False, min_value=0,
                                 max_value=120)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        # Indented as a tree, each unit named with its OPD ("Sekretariat · BKPP"),
        # so look-alike sub-units can be told apart in the closed select.
        self.fields["unit"].label_from_instance = (
            lambda u: EM_SPACE * max(u.depth - 2, 0) + u.label
        )
        self.fields["golongan"].choices = _grouped_golongan()

    def filter(self, queryset):
        """Apply the valid filters; an invalid value is ignored with its error shown."""
        if not self.is_bound:
            return queryset
        if not self.is_valid():
            # A filter that cannot apply (another unit, an unknown code) must
            # never widen the list: show the error and no rows.
            return queryset.none()
        data = self.cleaned_data
        queryset = queryset.search(data.get("q", ""))
        if data.get("unit"):
            queryset = queryset.filter(unit__path__startswith=data["unit"].path)
        if data.get("golongan"):
            queryset = queryset.filter(golongan=data["golongan"])
        if data.get("asn_kind"):
            queryset = queryset.filter(asn_kind=data["asn_kind"])
        if data.get("legal_status"):
            queryset = queryset.filter(legal_status=data["legal_status"])
        if data.get("active"):
            queryset = queryset.active()
        for name in ("sex", "religion", "education_level", "position_type", "echelon"):
            if data.get(name):
                queryset = queryset.filter(**{name: data[name]})
        return queryset.aged(data.get("age_min"), data.get("age_max"))
