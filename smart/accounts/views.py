"""Signing out: a POST ends the session; a GET (an old bookmark) asks first."""

from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def sign_out(request):
    if request.method == "POST":
        logout(request)
        messages.info(request, _("You have signed out."))
        return redirect("accounts:login")
    return render(request, "accounts/sign_out.html")
