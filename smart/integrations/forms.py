"""Forms of the import pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from smart.integrations.models import ImportBatch, ReferenceMapping
from smart.integrations.siasn.export import COLUMNS, ExportFileError, column_name, read_header
from smart.references.models import EducationLevel, FunctionalPosition, Unit


class UploadForm(forms.Form):
    file = forms.FileField(
        allow_empty_file=True,  # the import says why an empty file is refused
        label=_("Export file (CSV or XLSX)"),
        help_text=_("The SIASN “Export Data ASN” or the older SAPK layout, at most 50 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}))


class ColumnsForm(forms.Form):
    """One choice per header the layouts do not know.

    Refused before anything is saved: two headers onto the same SIASN column
    (or onto one the file already has), and a mapping that still leaves a
    required column missing.
    """

    def __init__(self, *args, headers: list[str], cells: list[str] | None = None,
                 remembered: dict[str, str] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("— not used —")), *((name, name) for name in COLUMNS)]
        for index, header in enumerate(headers):
            self.fields[f"kolom_{index}"] = forms.ChoiceField(
                label=header, choices=choices, required=False)
        self.headers = headers
        self.cells = cells or []
        self.remembered = remembered or {}

    def mapping(self) -> dict[str, str]:
        return {header: self.cleaned_data[f"kolom_{index}"]
                for index, header in enumerate(self.headers)}

    def clean(self):
        cleaned = super().clean()
        if any(f"kolom_{index}" not in cleaned for index in range(len(self.headers))):
            return cleaned
        known = {}  # SIASN column → the file's header that already feeds it
        names = [column_name(cell) for cell in self.cells]
        try:
            header = read_header(self.cells, self.remembered)
        except ExportFileError:
            header = None
        if header is not None:
            known = {target: name for name, target in zip(names, header.columns, strict=False)
                     if target and name not in self.headers}
        for index, name in enumerate(self.headers):
            target = cleaned[f"kolom_{index}"]
            if not target:
                continue
            if target in known:
                self.add_error(f"kolom_{index}", f"Kolom {name} dan {known[target]} dipetakan "
                                                 f"ke kolom SIASN yang sama ({target}).")
            known[target] = name
        if not self.errors:
            try:
                read_header(self.cells, {**self.remembered, **self.mapping()})
            except ExportFileError as error:
                raise forms.ValidationError(str(error)) from None
        return cleaned


class ApplyForm(forms.Form):
    mode = forms.ChoiceField(label=_("How to import"), choices=[
        (ImportBatch.Mode.ALL_OR_NOTHING, _("All or nothing: write nothing if any row is invalid")),
        (ImportBatch.Mode.KEEP_VALID, _("Keep the valid rows: write them, skip the invalid ones")),
    ], widget=forms.RadioSelect, initial=ImportBatch.Mode.ALL_OR_NOTHING)


class ReferenceMappingForm(forms.ModelForm):
    class Meta:
        model = ReferenceMapping
        fields = ["unit", "local_name", "education_level", "functional_position"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        kind = self.instance.kind
        if kind != ReferenceMapping.Kind.POSITION:
            del self.fields["functional_position"]
        if kind == ReferenceMapping.Kind.UNIT:
            del self.fields["local_name"], self.fields["education_level"]
            self.fields["unit"].queryset = Unit.objects.current().order_by("path")
            self.fields["unit"].required = True
        else:
            del self.fields["unit"]
            self.fields["local_name"].required = True
            if kind == ReferenceMapping.Kind.EDUCATION:
                self.fields["education_level"].queryset = EducationLevel.objects.all()
            else:
                del self.fields["education_level"]


class FunctionalPositionForm(forms.ModelForm):
    """A JF of the reference and its own BUP (SIASN jabatanFungsional)."""

    class Meta:
        model = FunctionalPosition
        fields = ["code", "name", "siasn_id", "retirement_age", "is_active"]
