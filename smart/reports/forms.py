"""The reports' parameters, bound to the query string."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smart.people.career import add_months, next_promotion_period
from smart.people.dates import date_input
from smart.people.forms import EM_SPACE, EmployeeFilterForm
from smart.references.models import Unit
from smart.reports.models import ColumnSet, ReportLayout, Sharing
from smart.reports.nominatif import ALWAYS_COLUMNS, COLUMNS, DEFAULT_COLUMNS, chosen


def within_reckonable_years(value: datetime.date) -> None:
    """The career rules count 71 years back and years ahead: a date outside
    1900–2100 is a typing error, not a period (it would overflow the calendar)."""
    if value and not datetime.date(1900, 1, 1) <= value <= datetime.date(2100, 12, 31):
        raise forms.ValidationError("Tanggal harus antara tahun 1900 dan 2100.")


def report_date(label) -> forms.DateField:
    return forms.DateField(label=label, required=False, widget=date_input(),
                           validators=[within_reckonable_years])


class UnitField(forms.ModelChoiceField):
    """A unit of the user's scope, indented as a tree and named with its OPD."""

    def label_from_instance(self, unit) -> str:
        return EM_SPACE * max(unit.depth - 2, 0) + unit.label


def whole_scope_label(scope) -> str:
    """The "no unit chosen" option: the whole regency, or the units of a
    limited scope by name ("Seluruh lingkup Anda: Dinas Pendidikan")."""
    if scope is None or scope.everything:
        return str(_("Whole regency (within your scope)"))
    names = (Unit.objects.filter(path__in=scope.unit_paths).order_by("name")
             .values_list("name", flat=True))
    return _("All of your scope: %(units)s") % {"units": ", ".join(names)}


class UnitForm(forms.Form):
    unit = UnitField(label=_("Unit (with its sub-units)"), queryset=None, required=False,
                     empty_label=_("Whole regency (within your scope)"))

    def __init__(self, *args, units, scope=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        if scope is not None:
            self.fields["unit"].empty_label = whole_scope_label(scope)

    def values(self) -> tuple[object] | None:
        """(unit,) — None for the whole scope; None instead of the tuple when the
        unit is invalid (see ``DukForm.values``)."""
        if not self.is_bound:
            return (None,)
        return (self.cleaned_data["unit"],) if self.is_valid() else None


class DukForm(UnitForm):
    on = report_date(_("As of"))

    def values(self) -> tuple[datetime.date, object] | None:
        """The date (today when not given) and the unit (None: the whole scope);
        None when a value is invalid — a unit outside the scope must never widen
        the report, so the view shows the error and no rows."""
        if not self.is_bound:
            return timezone.localdate(), None
        if not self.is_valid():
            return None
        return (self.cleaned_data["on"] or timezone.localdate(), self.cleaned_data["unit"])


# The longest period of a due list: the dashboard's longest retirement horizon
# (``dashboard.RETIREMENT_HORIZONS``) links to it and must be accepted.
MAX_PERIOD_MONTHS = 60


class PeriodForm(forms.Form):
    """A period of whole months: from the first day of ``start`` to the last of ``end``."""

    start = report_date(_("From"))
    end = report_date(_("Until"))
    unit = UnitField(label=_("Unit (with its sub-units)"), queryset=None, required=False,
                     empty_label=_("Whole regency (within your scope)"))

    def __init__(self, *args, units, default_months: int = 12, scope=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        if scope is not None:
            self.fields["unit"].empty_label = whole_scope_label(scope)
        self.default_months = default_months

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            raise forms.ValidationError("Tanggal akhir tidak boleh sebelum tanggal awal.")
        if start and end and end > add_months(start, MAX_PERIOD_MONTHS):
            raise forms.ValidationError(
                f"Periode paling lama {MAX_PERIOD_MONTHS} bulan (lima tahun) dari tanggal awal.")
        return data

    def values(self) -> tuple[datetime.date, datetime.date, object] | None:
        """(first day, last day, unit); by default ``default_months`` months from
        today. None when a value is invalid (see ``DukForm.values``)."""
        if self.is_bound and not self.is_valid():
            return None
        data = self.cleaned_data if self.is_bound else {}
        start = data.get("start") or timezone.localdate()
        end = data.get("end") or add_months(start, self.default_months) - datetime.timedelta(1)
        return start, end, data.get("unit")


class PromotionForm(UnitForm):
    """A KP period: the first of the six periods a year on or after ``on`` (today)."""

    on = report_date(_("Period on or after"))

    def values(self) -> tuple[datetime.date, object] | None:
        if self.is_bound and not self.is_valid():
            return None
        data = self.cleaned_data if self.is_bound else {}
        return (next_promotion_period(data.get("on") or timezone.localdate()),
                data.get("unit"))


class ColumnBoxes(forms.CheckboxSelectMultiple):
    """The column boxes; NIP and name are ticked and cannot be unticked."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value in ALWAYS_COLUMNS:
            option["selected"] = True
            option["attrs"] = {**option["attrs"], "checked": True, "disabled": True}
        return option


class NominatifForm(EmployeeFilterForm):
    """The employee list's filters plus the columns to show (daftar nominatif).

    ``offered`` are the columns this viewer may choose (``offered_columns``): a
    SPECIFIC column they may not see is not a choice, so asking for it makes the
    form invalid and the list empty. A named column set (``column_set``) of the
    Super Administrator stands for its columns when no column is ticked.

    The boxes show the columns the table shows: the default columns are ticked
    when the query names none, so ticking one more adds it to them (user test:
    it replaced them all). NIP and name are always shown (``ALWAYS_COLUMNS``)."""

    columns = forms.MultipleChoiceField(
        label=_("Columns"), required=False, widget=ColumnBoxes)
    column_set = forms.ModelChoiceField(
        label=_("Column set"), queryset=ColumnSet.objects.all(), required=False,
        empty_label=_("(choose the columns below)"))

    def __init__(self, data=None, *args, units, offered=COLUMNS, **kwargs):
        if data is not None and not data.get("columns") and not data.get("column_set"):
            data = data.copy()
            if hasattr(data, "setlist"):
                data.setlist("columns", list(DEFAULT_COLUMNS))
            else:
                data["columns"] = list(DEFAULT_COLUMNS)
        kwargs.setdefault("initial", {"columns": list(DEFAULT_COLUMNS)})
        super().__init__(data, *args, units=units, **kwargs)
        self.offered = list(offered)
        self.fields["columns"].choices = [(c.key, c.header) for c in self.offered]

    def chosen_columns(self) -> list:
        keys = None
        if self.is_bound and self.is_valid():
            keys = self.cleaned_data.get("columns")
            if not keys and self.cleaned_data.get("column_set"):
                allowed = {c.key for c in self.offered}
                keys = [k for k in self.cleaned_data["column_set"].columns if k in allowed]
        return chosen(keys or DEFAULT_COLUMNS)

    @property
    def specific_columns(self) -> list:
        return [c for c in self.offered if c.field_class is not None]


class SavedViewForm(forms.Form):
    name = forms.CharField(label=_("Name of the view"), max_length=100,
                           error_messages={"required": "Nama tampilan wajib diisi."})
    sharing = forms.ChoiceField(label=_("Shared with"), choices=Sharing.choices,
                                initial=Sharing.PRIVATE)

    def __init__(self, *args, sharing_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sharing"].choices = sharing_choices

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError("Nama tampilan wajib diisi.")
        return name


class RenameViewForm(forms.Form):
    name = forms.CharField(label=_("New name"), max_length=100,
                           error_messages={"required": "Nama tampilan wajib diisi."})

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError("Nama tampilan wajib diisi.")
        return name


class LayoutForm(forms.ModelForm):
    class Meta:
        model = ReportLayout
        fields = ["letterhead_1", "letterhead_2", "letterhead_3", "logo_text", "place",
                  "signer_title", "signer_name", "signer_nip", "signer_pangkat"]

    def clean_signer_nip(self) -> str:
        nip = "".join(self.cleaned_data["signer_nip"].split())
        if nip and (not nip.isdigit() or len(nip) != 18):
            raise forms.ValidationError("NIP terdiri atas 18 angka.")
        return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}" if nip else ""


class ColumnSetForm(forms.Form):
    name = forms.CharField(label=_("Name of the column set"), max_length=100,
                           error_messages={"required": "Nama set kolom wajib diisi."})
    columns = forms.MultipleChoiceField(
        label=_("Columns"), widget=forms.CheckboxSelectMultiple,
        choices=[(c.key, c.header) for c in COLUMNS],
        error_messages={"required": "Pilih sekurang-kurangnya satu kolom."})

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError("Nama set kolom wajib diisi.")
        return name


class UsageFilterForm(forms.Form):
    month = forms.CharField(label=_("Month"), required=False,
                            widget=forms.DateInput(attrs={"type": "month"}))
    user = forms.CharField(label=_("User (name or NIP)"), required=False, max_length=100)
    report = forms.ChoiceField(label=_("Report"), required=False)

    def __init__(self, *args, reports, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["report"].choices = [("", _("All")), *reports]

    def clean_month(self) -> datetime.date | None:
        text = self.cleaned_data["month"].strip()
        if not text:
            return None
        try:
            return datetime.datetime.strptime(text, "%Y-%m").date()
        except ValueError:
            raise forms.ValidationError("Bulan ditulis TTTT-BB, misalnya 2026-11.") from None
