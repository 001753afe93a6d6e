"""The employee list's search and filters, bound to the query string."""

from __future__ import annotations

import html
import threading

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from smart.access.policies import scope_cache_key
from smart.people.models import AsnKind
from smart.references.held import active_held, held_generation
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


def _esc(value) -> str:
    """``conditional_escape`` without its overhead: safe strings pass as they are."""
    return str(value) if hasattr(value, "__html__") else html.escape(str(value))


def _attrs(attrs: dict) -> str:
    """Django's ``attrs.html`` in Python: False left out, True as a bare name."""
    return "".join(f" {_esc(name)}" if value is True else f' {_esc(name)}="{_esc(value)}"'
                   for name, value in attrs.items() if value is not False)


class QuickSelect(forms.Select):
    """A select whose options are written in Python instead of one template
    include per option: the same HTML as Django's ``select.html``, several
    times faster for the unit filter's hundreds of units (docs/performance.md)."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{_esc(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'<optgroup label="{_esc(group_name)}">')
            parts += [f'<option value="{_esc(option["value"])}"{_attrs(option["attrs"])}>'
                      f'{_esc(option["label"])}</option>' for option in options]
            if group_name:
                parts.append("</optgroup>")
        parts.append("</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every part is escaped above


def _grouped_golongan(entries) -> list:
    """PNS and PPPK grades in their own groups of the select."""
    groups: dict[str, list] = {}
    for golongan in entries:
        groups.setdefault(golongan.get_scheme_display(), []).append(
            (golongan.pk, golongan.name))
    return [("", _("All")), *groups.items()]


# The code-table selects of the form, from the held code tables (``active_held``).
CODE_TABLE_FIELDS = {"golongan": Golongan, "legal_status": LegalStatus, "sex": Sex,
                     "religion": Religion, "education_level": EducationLevel,
                     "position_type": PositionType, "echelon": Echelon}


# The browser refuses to send a query with exactly 16 digits (a NIK) in the
# address; the view refuses it too (security.md C5). htmx validates the form
# before each request, so typing a NIK never reaches the server.
NOT_A_NIK_PATTERN = r"(?!\D*(\d\D*){16}$).*"


def unit_options(units) -> list[tuple[int, str]]:
    """(pk, label) of the units, indented as a tree and named with their OPD like
    ``Unit.label``, from plain values (no model instances for ~300 rows)."""
    options = []
    for pk, depth, name, agency_id, short_name, agency_name in units.values_list(
            "pk", "depth", "name", "agency_id", "agency__short_name", "agency__name"):
        label = (f"{name} · {short_name or agency_name}" if agency_id and agency_id != pk
                 else name)
        options.append((pk, EM_SPACE * max(depth - 2, 0) + label))
    return options


class EchelonField(forms.ModelChoiceField):
    """Eselon named with its ASN-law name: SIASN has two "I.a" (ids 10 and 11,
    JPT Utama and JPT Madya, domain.md §2.6), which looked like one entry twice."""

    def label_from_instance(self, obj) -> str:
        return f"{obj.name} · {obj.asn_name}" if obj.asn_name else obj.name


class EmployeeFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Name or NIP"), required=False, max_length=100,
        widget=forms.TextInput(attrs={
            "pattern": NOT_A_NIK_PATTERN,
            "title": _("Search by name or NIP. A NIK is not searched here: it must not "
                       "appear in the page address."),
        }),
    )
    unit = forms.ModelChoiceField(
        label=_("Unit (with its sub-units)"), queryset=Unit.objects.none(), required=False,
        empty_label=_("All"), widget=QuickSelect,
    )
    golongan = forms.ModelChoiceField(
        label=_("Golongan"), queryset=Golongan.objects.active(), required=False,
        empty_label=_("All"), widget=QuickSelect,
    )
    asn_kind = forms.ChoiceField(
        label=_("ASN kind"), choices=[("", _("All"))] + AsnKind.choices, required=False,
        widget=QuickSelect,
    )
    legal_status = forms.ModelChoiceField(
        label=_("Status"), queryset=LegalStatus.objects.active(), required=False,
        empty_label=_("All"), widget=QuickSelect,
    )
    # The filters below are what the statistics link to (drill-down, R-USE).
    active = forms.BooleanField(label=_("Active only"), required=False)
    sex = forms.ModelChoiceField(label=_("Sex"), queryset=Sex.objects.active(),
                                 required=False, empty_label=_("All"), widget=QuickSelect)
    religion = forms.ModelChoiceField(label=_("Religion"), queryset=Religion.objects.active(),
                                      required=False, empty_label=_("All"), widget=QuickSelect)
    education_level = forms.ModelChoiceField(
        label=_("Education"), queryset=EducationLevel.objects.active(), required=False,
        empty_label=_("All"), widget=QuickSelect,
    )
    position_type = forms.ModelChoiceField(
        label=_("Position type"), queryset=PositionType.objects.active(), required=False,
        empty_label=_("All"), widget=QuickSelect,
    )
    echelon = EchelonField(label=_("Echelon"), queryset=Echelon.objects.active(),
                           required=False, empty_label=_("All"), widget=QuickSelect)
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
        # One plain query for the options: the field's own iterator would use a
        # server-side cursor on PostgreSQL (DECLARE, FETCH, CLOSE) for ~300 rows.
        self.fields["unit"].choices = [("", self.fields["unit"].empty_label),
                                       *unit_options(units)]
        # The options of every code-table select come from the held code tables
        # (decision 218); a submitted value is still checked against the field's
        # own queryset.
        entries = active_held(CODE_TABLE_FIELDS)
        for name, found in entries.items():
            field = self.fields[name]
            field.choices = [("", field.empty_label),
                             *((entry.pk, field.label_from_instance(entry)) for entry in found)]
        self.fields["golongan"].choices = _grouped_golongan(entries["golongan"])

    def searched_text(self) -> str:
        """The name or NIP searched for, when the form is valid ("" otherwise)."""
        if not self.is_bound or not self.is_valid():
            return ""
        return (self.cleaned_data.get("q") or "").strip()

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


# The filter form without any filter chosen, rendered, kept per scope and
# language (decision 221): its 13 fields and ~300 unit options were a third of
# the list page's CPU. A unit saved or deleted in this process renders it
# afresh at once; another process's change is seen within
# SMART_CODE_TABLE_SECONDS, as for the code tables (decision 218). A submitted
# value is always checked against the user's units, whatever was shown.
_units_lock = threading.Lock()
_units_generation = 0


def _units_changed(**kwargs) -> None:
    global _units_generation
    with _units_lock:
        _units_generation += 1


def _on_unit_change(sender, **kwargs) -> None:
    _units_changed()  # now, and again once the writing transaction commits
    transaction.on_commit(_units_changed, using=kwargs.get("using"))


post_save.connect(_on_unit_change, sender=Unit, dispatch_uid="smart.people.forms.unit_save")
post_delete.connect(_on_unit_change, sender=Unit, dispatch_uid="smart.people.forms.unit_delete")


def unfiltered_form_html(user, units) -> str:
    """The employee list's filter form with nothing chosen, for the user's
    ``units`` (a queryset, read only when the form is rendered afresh)."""
    key = (f"employee-filters:{scope_cache_key(user)}|{get_language()}"
           f"|{held_generation()}|{_units_generation}")
    kept = cache.get(key)
    if kept is None:
        kept = render_to_string("people/_filters.html",
                                {"form": EmployeeFilterForm(units=units)})
        cache.set(key, kept, settings.SMART_CODE_TABLE_SECONDS)
    return kept
