"""Drill-down: a number in a report links to the employee list behind it."""

from django import template
from django.urls import reverse
from django.utils.http import urlencode

register = template.Library()


@register.filter
def employee_list_url(query: dict | None) -> str:
    """The employee list with the given filter parameters ("" when there is none)."""
    if query is None:
        return ""
    return f"{reverse('people:employee_list')}?{urlencode(query)}"


@register.filter
def get_item(mapping: dict, key):
    """``mapping[key]`` in a template (None when missing)."""
    return mapping.get(key) if mapping else None
