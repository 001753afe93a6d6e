"""Session lifetime (security.md G9): 30 minutes idle, 8 hours after sign-in at most.

The idle limit: ``SESSION_COOKIE_AGE`` (30 minutes) counted from the session's
last save. ``IdleSessionRenewalMiddleware`` saves a signed-in session once a
minute while it is used (not on every request: that was one UPDATE and one
commit per page, decision 155), so a session unused for 30 minutes is gone
from the database; one used until a moment ago lives 29 to 30 more minutes.
The absolute limit: ``AbsoluteSessionLimitMiddleware``.
"""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse

# Session key holding the sign-in time (seconds since the epoch), set by SignInView.
SIGNED_IN_AT = "signed_in_at"
# Session key: the user had an authenticator when signing in (employees who chose
# the second step are asked for it too), set by SignInView and by enrolment.
ENROLLED = "second_factor_enrolled"

# Session key: when the idle expiry was last moved forward (seconds since the epoch).
RENEWED_AT = "idle_renewed_at"

EXPIRED_MESSAGE = "Sesi Anda berakhir setelah 8 jam; silakan masuk kembali."


class IdleSessionRenewalMiddleware:
    """Moves a used session's idle expiry forward at most once every
    ``SMART_SESSION_RENEW_SECONDS`` (60): the session is saved when it changed
    or when its last renewal is older than that. Only a signed-in user's
    session is renewed (a stale cookie of a visitor must not make a session).
    Place right after Django's ``SessionMiddleware``: on the way out it runs
    before the session is saved (``request.user``, set further in, is there
    by then)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session, user = getattr(request, "session", None), getattr(request, "user", None)
        if session is None or user is None or not user.is_authenticated:
            return response
        now = int(time.time())
        renewed_at = session.get(RENEWED_AT)
        if (session.modified or not isinstance(renewed_at, int)
                or not 0 <= now - renewed_at < settings.SMART_SESSION_RENEW_SECONDS):
            session[RENEWED_AT] = now
        return response


class AbsoluteSessionLimitMiddleware:
    """Signs out a session older than ``SMART_SESSION_MAX_AGE`` and sends it to
    the sign-in page with a message.

    A signed-in session without a sign-in time (one that existed before this
    check, or was made in code, e.g. by the test client) starts its clock at
    its first request here. Place after the auth and message middleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            signed_in_at = request.session.get(SIGNED_IN_AT)
            if not isinstance(signed_in_at, int):
                request.session[SIGNED_IN_AT] = now
            elif now - signed_in_at > settings.SMART_SESSION_MAX_AGE:
                logout(request)
                messages.warning(request, EXPIRED_MESSAGE)
                return redirect_to_login(request.get_full_path())
        return self.get_response(request)


def second_factor_exempt(view_func):
    """Mark a view as reachable between the password and the second factor
    (the code pages themselves, signing out)."""
    view_func.second_factor_exempt = True
    return view_func


class SecondFactorMiddleware:
    """Administrative roles pass the second factor before any page (security.md
    A6): after the password, every URL leads to the code page (or to enrolment,
    the first time) until a code is accepted. Place after django-otp's
    ``OTPMiddleware`` and Django's ``LoginRequiredMiddleware``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        from smart.accounts.mfa import authenticator_of, second_factor_required

        user = request.user
        if (not user.is_authenticated
                or getattr(view_func, "second_factor_exempt", False)
                or not (getattr(view_func, "login_required", True)
                        or getattr(view_func, "second_factor_for_sessions", False))
                or not (second_factor_required(user)  # roles: cached for the request
                        or request.session.get(ENROLLED))
                or user.is_verified()):  # one query: the device named in the session
            return None
        step = ("accounts:otp_verify" if authenticator_of(user) is not None
                else "accounts:otp_setup")
        target = f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}"
        if request.headers.get("HX-Request"):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = target
            return response
        return HttpResponseRedirect(target)
