"""Who is calling: a signed-in person (the browser session) or a system (an API key).

The session counts only once an administrative role has passed the second
factor (D-2), exactly as for the pages; otherwise the answer is a 401 in JSON,
never a redirect to the code page. A key is sent as
``Authorization: Bearer smart_…``; its units are the system's whole scope.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.decorators import login_required
from ninja.security import APIKeyCookie, HttpBearer

from smart.access.policies import assume_system_scope
from smart.accounts.mfa import second_factor_required
from smart.accounts.middleware import ENROLLED
from smart.api.models import ApiKey
from smart.api.services import api_key_authenticate


class SecondFactorMissing(Exception):
    """An administrative session that has not passed the second factor yet."""


class WriteNotAllowed(Exception):
    """A read-only key, or a person, calling an endpoint for systems that send data."""


@dataclass(frozen=True)
class Caller:
    user: object  # the person, or the key's system account
    api_key: ApiKey | None = None

    @property
    def is_system(self) -> bool:
        return self.api_key is not None


class Session(APIKeyCookie):
    """The browser session of the pages; unsafe methods need the CSRF token."""

    param_name = settings.SESSION_COOKIE_NAME

    def authenticate(self, request, key):
        user = request.user
        if not user.is_authenticated:
            return None
        if (second_factor_required(user) or request.session.get(ENROLLED)) and not (
                user.is_verified()):
            raise SecondFactorMissing
        return Caller(user=user)


class Key(HttpBearer):
    """An API key of another system, created by the Super Administrator."""

    openapi_scheme = "bearer"

    def authenticate(self, request, token):
        api_key = api_key_authenticate(token)
        if api_key is None:
            return None
        account = api_key.account
        assume_system_scope(account, api_key.units.values_list("path", flat=True))
        # The HTTP-hygiene middleware audits 403/404 answers of whoever request.user is.
        request.user = account
        return Caller(user=account, api_key=api_key)


def writing_key(caller: Caller) -> ApiKey:
    """The caller's key when it may send data; anything else is refused."""
    if caller.api_key is None or not caller.api_key.can_write:
        raise WriteNotAllowed
    return caller.api_key


AUTH = [Key(), Session()]


def people_or_keys(view):
    """The OpenAPI document and its browsable docs: for a signed-in person, as
    the pages, or for another system sending its key (README: a system builds
    its client from the document). Anyone else goes to the sign-in page."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        header = request.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() == "bearer" and token and api_key_authenticate(token.strip()):
            return view(request, *args, **kwargs)
        return login_required(view)(request, *args, **kwargs)

    # Open to a key without a session, but a session still passes the second
    # factor first (accounts.middleware.SecondFactorMiddleware).
    wrapper.second_factor_for_sessions = True
    return wrapper
