"""Signing in (with the 8-hour clock, the lockout page and the second factor),
signing out, and the user's own password.

Signing out: a POST ends the session; a GET (an old bookmark) asks first.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import LoginView, PasswordChangeView, PasswordResetConfirmView
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from smart.accounts.forms import OtpForm, ResetRequestForm, SignInForm
from smart.accounts.mfa import (
    SecondFactorRefused,
    authenticator_of,
    backup_codes_left,
    backup_codes_regenerate,
    code_already_used,
    pending_enrolment,
    qr_svg,
    second_factor_required,
    second_factor_verify,
    secret_for_typing,
    totp_enrolment_confirm,
    totp_enrolment_start,
)
from smart.accounts.middleware import ENROLLED, SIGNED_IN_AT, second_factor_exempt
from smart.accounts.models import User
from smart.accounts.services import password_reset_send, sessions_end
from smart.audit.services import audit_record


class SignInView(LoginView):
    """Django's sign-in, stamping the sign-in time for the 8-hour limit
    (``AbsoluteSessionLimitMiddleware``)."""

    template_name = "accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)  # signs in and rotates the session key
        self.request.session[SIGNED_IN_AT] = int(time.time())
        self.request.session[ENROLLED] = authenticator_of(form.get_user()) is not None
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


@second_factor_exempt
@require_http_methods(["GET", "POST"])
def sign_out(request):
    if request.method == "POST":
        logout(request)
        messages.info(request, _("You have signed out."))
        return redirect("accounts:login")
    return render(request, "accounts/sign_out.html")


# --- The second factor (security.md D-2, A6) ----------------------------------------

def _next_or_home(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return target
    return reverse(settings.LOGIN_REDIRECT_URL)


@second_factor_exempt
@require_http_methods(["GET", "POST"])
def otp_verify(request):
    """The code page after the password (administrative roles, or anyone enrolled)."""
    if authenticator_of(request.user) is None and backup_codes_left(request.user) == 0:
        return redirect(f"{reverse('accounts:otp_setup')}?{request.GET.urlencode()}")
    if request.user.is_verified():
        return redirect(_next_or_home(request))
    form = OtpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if second_factor_verify(request=request, token=form.cleaned_data["token"]):
            return redirect(_next_or_home(request))
        if code_already_used(request.user, form.cleaned_data["token"]):
            form.add_error("token", _("This code was just used. Each code works once: wait "
                                      "for the app to show the next one (at most 30 seconds)."))
        else:
            form.add_error("token", _("The code is not right or has expired. Enter the code "
                                      "now shown in the app, or one of your backup codes."))
    return render(request, "accounts/otp_verify.html", {
        "form": form, "next": _next_or_home(request), "hide_nav": True,
        "required": second_factor_required(request.user)})


@second_factor_exempt
@require_http_methods(["GET", "POST"])
def otp_setup(request):
    """Enrolment: scan the QR code (or type the key), then confirm with a code.
    A verified session may also replace its authenticator here (a new phone)."""
    enrolled = authenticator_of(request.user) is not None
    if enrolled and not request.user.is_verified():
        return redirect(f"{reverse('accounts:otp_verify')}?{request.GET.urlencode()}")
    device = pending_enrolment(request.user)
    form = OtpForm(request.POST or None)
    form.fields["token"].help_text = ""  # backup codes do not confirm an enrolment
    if request.method == "POST" and device is not None and form.is_valid():
        try:
            codes = totp_enrolment_confirm(request=request, device=device,
                                           token=form.cleaned_data["token"])
        except SecondFactorRefused as error:
            form.add_error("token", str(error))
        else:
            request.session[ENROLLED] = True
            return render(request, "accounts/backup_codes.html", {
                "codes": codes, "next": _next_or_home(request), "first_time": True})
    if request.method == "GET" or device is None:
        device = totp_enrolment_start(user=request.user)
    return render(request, "accounts/otp_setup.html", {
        "form": form, "qr": qr_svg(device), "secret": secret_for_typing(device),
        "next": _next_or_home(request), "hide_nav": not request.user.is_verified(),
        "replacing": enrolled,
    })


@require_POST
def backup_codes(request):
    """New backup codes, shown once (a verified session only: the middleware and
    the check below see to that)."""
    if not request.user.is_verified():
        return redirect("accounts:otp_verify")
    codes = backup_codes_regenerate(user=request.user)
    return render(request, "accounts/backup_codes.html", {
        "codes": codes, "next": reverse("accounts:security"), "first_time": False})


def security(request):
    """The user's own account security: password and second factor."""
    return render(request, "accounts/security.html", {
        "authenticator": authenticator_of(request.user),
        "backup_left": backup_codes_left(request.user),
        "required": second_factor_required(request.user),
    })


class PasswordChange(PasswordChangeView):
    """Needs the current password (A3); other sessions end, this one stays (S5)."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:security")

    def form_valid(self, form):
        response = super().form_valid(form)  # keeps this session's auth hash current
        ended = sessions_end(user=self.request.user,
                             keep_session_key=self.request.session.session_key)
        audit_record(actor=self.request.user, action="accounts.password.change",
                     target=self.request.user, data={"sessions_ended": ended})
        messages.success(self.request, _("Your password was changed. Other sessions of "
                                         "this account have been signed out."))
        return response


@login_not_required
@require_http_methods(["GET", "POST"])
def password_reset_request(request):
    """"Lupa kata sandi": the same answer whether or not the NIP exists."""
    form = ResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = User.objects.filter(username=form.cleaned_data["username"],
                                   is_active=True).first()
        if user is not None:
            password_reset_send(user=user, actor=None,
                                base_url=request.build_absolute_uri("/"))
        return render(request, "accounts/password_reset_sent.html", {"hide_nav": True})
    return render(request, "accounts/password_reset_request.html", {"form": form})


@method_decorator(login_not_required, name="dispatch")
class PasswordResetConfirm(PasswordResetConfirmView):
    """The page behind the e-mailed link: single use, 24 hours (A9)."""

    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:login")
    post_reset_login = False

    def form_valid(self, form):
        response = super().form_valid(form)
        ended = sessions_end(user=form.user)
        audit_record(actor=form.user, action="accounts.password.reset",
                     target=form.user, data={"sessions_ended": ended})
        messages.success(self.request, _("Your new password is set. Sign in with it."))
        return response
