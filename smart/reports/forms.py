"""The reports' parameters, bound to the query string."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smart.people.career import add_months, next_promotion_period
from smart.people.forms import EM_SPACE, EmployeeFilterForm
from smart.reports.nominatif import COLUMNS, DEFAULT_COLUMNS, chosen

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def within_reckonable_years(value: datetime.date) -> None:
    """The career rules count 71 years back and years ahead: a date outside
    1900–2100 is a typing error, not a period (it would overflow the calendar)."""
    if value and not datetime.date(1900, 1, 1) <= value <= datetime.date(2100, 12, 31):
        raise forms.ValidationError("Tanggal harus antara tahun 1900 dan 2100.")


def report_date(label) -> forms.DateField:
    return forms.DateField(label=label, required=False, widget=DATE_INPUT,
                           validators=[within_reckonable_years])


class UnitField(forms.ModelChoiceField):
    """A unit of the user's scope, indented as a tree and named with its OPD."""

    def label_from_instance(self, unit) -> str:
        return EM_SPACE * max(unit.depth - 2, 0) + unit.label


class UnitForm(forms.Form):
    unit = UnitField(label=_("Unit (with its sub-units)"), queryset=None, required=False,
                     empty_label=_("Whole regency (within your scope)"))

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units

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


class PeriodForm(forms.Form):
    """A period of whole months: from the first day of ``start`` to the last of ``end``."""

    start = report_date(_("From"))
    end = report_date(_("Until"))
    unit = UnitField(label=_("Unit (with its sub-units)"), queryset=None, required=False,
                     empty_label=_("Whole regency (within your scope)"))

    def __init__(self, *args, units, default_months: int = 12, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.default_months = default_months

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            raise forms.ValidationError("Tanggal akhir tidak boleh sebelum tanggal awal.")
        if start and end and (end - start).days > 366 * 5:
            raise forms.ValidationError("Periode paling lama lima tahun.")
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


class NominatifForm(EmployeeFilterForm):
    """The employee list's filters plus the columns to show (daftar nominatif)."""

    columns = forms.MultipleChoiceField(
        label=_("Columns"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(column.key, column.header) for column in COLUMNS],
    )

    def chosen_columns(self) -> list:
        keys = (self.cleaned_data.get("columns") if self.is_bound and self.is_valid()
                else None) or DEFAULT_COLUMNS
        return chosen(keys)
