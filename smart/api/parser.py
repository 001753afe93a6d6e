"""The API's request parser: refuses the NUL character in any string.

PostgreSQL cannot store or compare text holding NUL (psycopg raises
``DataError``), so a NUL anywhere in a JSON body or form field is refused
with the 422 of every other invalid value before any query runs. Paths and
query strings are checked earlier, for pages too, by ``NulCharacterMiddleware``.
"""

from __future__ import annotations

from typing import Any

from ninja.errors import ValidationError
from ninja.parser import Parser


class NulCharacter(ValueError):
    """A string of the request holds ``\\x00``."""


NUL_ERROR = {"loc": ["body"], "type": "string_nul",
             "msg": "Teks tidak boleh memuat karakter NUL (\\x00)."}


def has_nul(value: Any) -> bool:
    """Whether any string in ``value`` (nested lists and dicts, keys too) holds NUL."""
    pending = [value]
    while pending:  # iterative: a deeply nested body must not exhaust the stack
        item = pending.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return True
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list | tuple):
            pending.extend(item)
    return False


class NulRefusingParser(Parser):
    def parse_body(self, request):
        data = super().parse_body(request)
        if has_nul(data):
            raise NulCharacter  # ninja turns it into HttpError(400) from it: see errors
        return data

    def parse_querydict(self, data, list_fields, request):
        result = super().parse_querydict(data, list_fields, request)
        if has_nul(result):
            raise ValidationError([NUL_ERROR])
        return result
