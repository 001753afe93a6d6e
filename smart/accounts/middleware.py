"""The absolute session limit: 8 hours after sign-in, however active (security.md G9).

The idle limit needs no code: ``SESSION_COOKIE_AGE`` (30 minutes) with
``SESSION_SAVE_EVERY_REQUEST`` moves the expiry forward on every request, so a
session unused for 30 minutes is gone from the database.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login

# Session key holding the sign-in time (seconds since the epoch), set by SignInView.
SIGNED_IN_AT = "signed_in_at"

EXPIRED_MESSAGE = "Sesi Anda berakhir setelah 8 jam; silakan masuk kembali."


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
