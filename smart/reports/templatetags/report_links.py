"""Drill-down: a number in a report links to the employee list behind it."""

from django import template
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.http import urlencode

from smart.people.identity import group_nip

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


@register.filter
def nip_grouped(nip: str) -> str:
    """A NIP as printed everywhere: 8-6-1-3 (``people.identity.group_nip``)."""
    return group_nip(nip or "")


@register.simple_tag
def share(count: int, total: int) -> str:
    """A count's share of the total in percent, as the page's numbers are written:
    whole numbers, but one decimal under 1% ("0,5"), so a small group is not "0"."""
    if not total:
        return "–"
    percent = count * 100 / total
    return floatformat(percent, 1 if 0 < percent < 1 else 0)
