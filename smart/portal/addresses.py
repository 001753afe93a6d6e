"""Addresses of pages, reversed once per process rather than on every use.

Django's ``reverse()`` walks the URL configuration each time (25 µs): the
sidebar's twenty-odd entries and a list's link per row (25 rows) reversed the
same few names on every request. An address is reversed once per name, script
prefix (SMART behind a proxy's ``SCRIPT_NAME``) and URL configuration; a row's
address is its name's address with the row's own id put in.
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

# An id no row has, standing in for the row's id while the pattern is reversed.
_MARKER = "987654321987"


def address(url_name: str) -> str | None:
    """``reverse(url_name)``, or None when no page has that name."""
    return _reversed(url_name, *_serving())


def address_of(url_name: str, pk) -> str:
    """``reverse(url_name, args=[pk])`` for a page taking one integer id."""
    if isinstance(pk, bool) or not (isinstance(pk, int) and pk >= 0
                                    or isinstance(pk, str) and pk.isascii() and pk.isdigit()):
        raise ValueError(f"{pk!r} is not a row id")  # what reverse()'s int converter refuses
    before, after = _pattern(url_name, *_serving())
    return f"{before}{int(pk)}{after}"


def _serving() -> tuple[str, str]:
    """What a reversed address depends on besides its name: the script prefix
    and the URL configuration of this request."""
    return get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF


@functools.lru_cache(maxsize=512)
def _reversed(url_name: str, script_prefix: str, urlconf: str) -> str | None:
    try:
        return reverse(url_name, urlconf=urlconf)
    except NoReverseMatch:
        return None


@functools.lru_cache(maxsize=512)
def _pattern(url_name: str, script_prefix: str, urlconf: str) -> tuple[str, str]:
    """The address around the id: ("/pegawai/", "/") for ``records:profile``."""
    url = reverse(url_name, args=[int(_MARKER)], urlconf=urlconf)
    before, marker, after = url.partition(_MARKER)
    if not marker or _MARKER in after:
        raise NoReverseMatch(f"{url_name} takes no single integer id")
    return before, after
