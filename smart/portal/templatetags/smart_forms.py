"""Render form widgets with Bootstrap classes, without per-form code."""

from django import forms, template

register = template.Library()


@register.filter
def bootstrap_widget(field: forms.BoundField) -> str:
    widget = field.field.widget
    if isinstance(widget, forms.Select):
        css = "form-select"
    elif isinstance(widget, forms.CheckboxInput):
        css = "form-check-input"
    else:
        css = "form-control"
    if field.errors:
        css += " is-invalid"
    attrs = {"class": css}
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)
