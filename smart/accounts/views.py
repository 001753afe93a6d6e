"""Signing in (with the 8-hour clock and the lockout page) and signing out.

Signing out: a POST ends the session; a GET (an old bookmark) asks first.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import LoginView
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from smart.accounts.forms import SignInForm
from smart.accounts.middleware import SIGNED_IN_AT


class SignInView(LoginView):
    """Django's sign-in, stamping the sign-in time for the 8-hour limit
    (``AbsoluteSessionLimitMiddleware``)."""

    template_name = "accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)  # signs in and rotates the session key
        self.request.session[SIGNED_IN_AT] = int(time.time())
        return response


def locked_out(request, original_response=None, credentials=None):
    """The page django-axes shows while a NIP or an IP address is locked out
    (``AXES_LOCKOUT_CALLABLE``).

    It is the same for every locked sign-in: it never names the NIP typed, and
    it does not depend on whether that NIP exists.
    """
    response = render(request, "accounts/locked_out.html", status=429)
    response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    return response


@require_http_methods(["GET", "POST"])
def sign_out(request):
    if request.method == "POST":
        logout(request)
        messages.info(request, _("You have signed out."))
        return redirect("accounts:login")
    return render(request, "accounts/sign_out.html")
