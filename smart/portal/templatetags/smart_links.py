"""``{% address_of 'records:profile' employee.pk %}``: a row's link without a
``reverse()`` per row (``smart.portal.addresses``)."""

from django import template

from smart.portal.addresses import address_of as _address_of

register = template.Library()


@register.simple_tag
def address_of(url_name: str, pk) -> str:
    return _address_of(url_name, pk)
