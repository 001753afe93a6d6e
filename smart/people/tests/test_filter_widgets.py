"""Issue 10: the employee list's selects are written in Python (QuickSelect) with
the same HTML as Django's templates, so the filter keeps working (R-ROLE-11 scope
of the unit choices is tested in test_visibility)."""

import re

import pytest
from django import forms

from smart.people.forms import EmployeeFilterForm, QuickSelect
from smart.references.models import Golongan, Unit

pytestmark = pytest.mark.django_db


def _both(bound: forms.BoundField, attrs: dict) -> tuple[str, str]:
    quick = bound.as_widget(attrs=attrs)
    widget = bound.field.widget
    plain = forms.Select(attrs=widget.attrs, choices=widget.choices)
    plain.is_required = widget.is_required
    bound.field.widget = plain
    return quick, re.sub(r">\s+<", "><", bound.as_widget(attrs=attrs)).strip()


@pytest.mark.parametrize("name", ["unit", "golongan", "asn_kind", "legal_status", "sex",
                                  "religion", "education_level", "position_type", "echelon"])
def test_quick_select_writes_the_html_of_djangos_select(name):
    units = Unit.objects.current().select_related("agency")
    data = {"unit": str(Unit.objects.get(code="DISDIK").pk),
            "golongan": str(Golongan.objects.get(code="32").pk), "asn_kind": "PPPK"}
    form = EmployeeFilterForm(data, units=units)
    assert isinstance(form.fields[name].widget, QuickSelect)
    quick, plain = _both(form[name], {"class": "form-select is-invalid",
                                      "aria-invalid": "true", "required": False})
    assert quick == plain
    assert quick.count("<option") >= 3
    if name != "legal_status":
        assert quick.count(" selected>") == 1


def test_quick_select_escapes_labels_and_values():
    widget = QuickSelect(choices=[('a"b', "<Unit & Co>"), ("x", "ok")])
    html = widget.render("f", 'a"b', attrs={"data-x": '"><script>'})
    assert "<script>" not in html and "&lt;Unit &amp; Co&gt;" in html
    assert 'value="a&quot;b" selected' in html
