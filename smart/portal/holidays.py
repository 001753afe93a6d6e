"""The working-day calendar: every signed-in user reads it (it explains the
"n hari kerja" deadlines); only the Pengelola SMART adds or cancels days.

The workdays services cannot audit (that layer may not import ``smart.audit``),
so each change here runs the service and ``audit_record`` in one transaction.
"""

from __future__ import annotations

import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from smart.access.models import Role
from smart.access.policies import has_role
from smart.audit.services import audit_record
from smart.people.dates import date_input
from smart.workdays.calendar import SATURDAY, working_days_between
from smart.workdays.models import Holiday
from smart.workdays.services import HolidayError, holiday_add, holiday_cancel

FIRST_LISTED_YEAR, LAST_LISTED_YEAR = 2025, 2028


def _model_field(name: str, **kwargs) -> forms.Field:
    """The form field of a Holiday column: its label and help text are the model's."""
    return Holiday._meta.get_field(name).formfield(**kwargs)


class HolidayAddForm(forms.Form):
    # A plain form, not a ModelForm: the unique date is the service's rule
    # (a cancelled day on that date is revived, an active one refused).
    date = _model_field("date", widget=date_input())
    name = _model_field("name")
    kind = _model_field("kind")
    decree = _model_field("decree")


class HolidayCancelForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason for cancelling"), max_length=500,
                             widget=forms.Textarea(attrs={"rows": 2}))
    decree = _model_field("decree")


def calendar_years(today: datetime.date) -> list[int]:
    """The years the switcher offers: 2025-2028 and the current year ±1."""
    return sorted(set(range(FIRST_LISTED_YEAR, LAST_LISTED_YEAR + 1))
                  | {today.year - 1, today.year, today.year + 1})


def _year_of(value: str | None, years: list[int], default: int) -> int:
    return int(value) if value and value.isdigit() and int(value) in years else default


def _manager_or_404(user) -> None:
    # Others must not learn that these URLs act: the same 404 as an unknown page.
    if not has_role(user, Role.SYSTEM_MANAGER):
        raise Http404


def _year_url(year: int) -> str:
    return f"{reverse('portal:holidays')}?tahun={year}"


def _page(request, year: int, add_form: HolidayAddForm | None = None) -> HttpResponse:
    today = timezone.localdate()
    days = list(Holiday.objects.filter(date__year=year))
    active = frozenset(day.date for day in days if day.is_active)
    return render(request, "portal/holidays.html", {
        "year": year,
        "years": calendar_years(today),
        "rows": [(day, day.date.weekday() >= SATURDAY) for day in days],
        "working_days": working_days_between(datetime.date(year - 1, 12, 31),
                                             datetime.date(year, 12, 31), active),
        "weekday_holidays": sum(1 for day in active if day.weekday() < SATURDAY),
        "can_edit": has_role(request.user, Role.SYSTEM_MANAGER),
        "add_form": add_form or HolidayAddForm(initial={"kind": Holiday.Kind.REGIONAL}),
        "cancel_form": HolidayCancelForm(),
    })


def year_calendar(request):
    """The holidays of one year (``?tahun=``) and its number of working days."""
    today = timezone.localdate()
    return _page(request, _year_of(request.GET.get("tahun"), calendar_years(today), today.year))


def _form_errors(request, form: forms.Form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


@require_POST
def add(request):
    """The manager declares a day off; a weekend date is kept but changes nothing."""
    _manager_or_404(request.user)
    form = HolidayAddForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        today = timezone.localdate()
        year = _year_of(request.POST.get("tahun"), calendar_years(today), today.year)
        return _page(request, year, add_form=form)
    try:
        with transaction.atomic():
            holiday = holiday_add(**form.cleaned_data)
            audit_record(actor=request.user, action="workdays.holiday.add", target=holiday,
                         data={"date": holiday.date, "name": holiday.name,
                               "kind": holiday.kind, "decree": holiday.decree})
    except (HolidayError, ValidationError) as error:
        messages.error(request, error.messages[0] if isinstance(error, ValidationError)
                       else str(error))
        return _page(request, form.cleaned_data["date"].year, add_form=form)
    messages.success(request, _("%(date)s is now a holiday: %(name)s.")
                     % {"date": f"{holiday.date:%d-%m-%Y}", "name": holiday.name})
    if holiday.date.weekday() >= SATURDAY:
        messages.warning(request, _("%(date)s is a Saturday or Sunday: it is listed, but no "
                                    "deadline moves because weekends are not working days.")
                         % {"date": f"{holiday.date:%d-%m-%Y}"})
    return redirect(_year_url(holiday.date.year))


@require_POST
def cancel(request, pk: int):
    """The manager makes a holiday a working day again, giving the reason."""
    _manager_or_404(request.user)
    holiday = get_object_or_404(Holiday, pk=pk)
    form = HolidayCancelForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(_year_url(holiday.date.year))
    try:
        with transaction.atomic():
            # Locked and re-read, so two managers cannot both cancel (and audit) it.
            holiday = Holiday.objects.select_for_update().get(pk=holiday.pk)
            holiday_cancel(holiday=holiday, decree=form.cleaned_data["decree"])
            audit_record(actor=request.user, action="workdays.holiday.cancel", target=holiday,
                         data={"date": holiday.date, "name": holiday.name,
                               "reason": form.cleaned_data["reason"],
                               "decree": form.cleaned_data["decree"]})
    except HolidayError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("%(date)s is a working day again.")
                         % {"date": f"{holiday.date:%d-%m-%Y}"})
    return redirect(_year_url(holiday.date.year))
