"""Account management (Perbup 35/2020 Pasal 11: the Super Administrator manages
accounts; the Pengelola SMART may too, and ends sessions, security.md S5).

An account manager opens an account, sends a single-use password link, changes
the e-mail address, deactivates or reactivates the account, ends its sessions
and resets a lost second factor. They never see or set a password (A9), and
roles come only through the access authorisation (Pasal 11b), not from here.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from smart.access.models import Role, RoleAssignment
from smart.access.policies import has_role
from smart.accounts.forms import compact_nip
from smart.accounts.mfa import SecondFactorRefused, second_factor_reset
from smart.accounts.models import User
from smart.accounts.services import (
    AccountRefused,
    account_create,
    account_deactivate,
    account_email_change,
    account_reactivate,
    account_sessions_end,
    password_reset_send,
)
from smart.people.models import Employee
from smart.people.services import employee_account_open

MANAGERS = (Role.SUPER_ADMIN, Role.SYSTEM_MANAGER)
PAGE_SIZE = 50


class AccountCreateForm(forms.Form):
    username = forms.CharField(
        label=gettext_lazy("NIP or user name"), max_length=150,
        help_text=gettext_lazy("An employee's account uses the NIP; name and unit are taken "
                               "from the employee record."))
    full_name = forms.CharField(label=gettext_lazy("Full name (staff accounts only)"),
                                max_length=200, required=False)
    email = forms.EmailField(label=gettext_lazy("E-mail address"),
                             help_text=gettext_lazy("The link to choose a password is sent "
                                                    "here."))

    def clean_username(self) -> str:
        return compact_nip(self.cleaned_data["username"])


class ReasonForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=1000,
                             widget=forms.Textarea(attrs={"rows": 2}))


class EmailForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-mail address"))


def _manager_or_404(user) -> None:
    if not has_role(user, *MANAGERS):
        raise Http404


def _accounts():
    in_force = RoleAssignment.objects.in_force().select_related("unit").order_by("role")
    # System accounts behind API keys are managed on the API-key page, never here:
    # a password link would turn a system into a person who can sign in.
    return (User.objects.filter(api_key__isnull=True)
            .annotate(has_authenticator=Exists(TOTPDevice.objects.filter(
                user=OuterRef("pk"), confirmed=True)))
            .prefetch_related(Prefetch("role_assignments", queryset=in_force,
                                       to_attr="roles_in_force")))


def account_list(request):
    _manager_or_404(request.user)
    query = request.GET.get("q", "").strip()
    status = request.GET.get("status", "")
    accounts = _accounts().order_by("username")
    if query:
        compact = query.replace(" ", "")
        accounts = accounts.filter(Q(username__icontains=compact)
                                   | Q(full_name__icontains=query)
                                   | Q(email__icontains=query))
    if status in ("aktif", "nonaktif"):
        accounts = accounts.filter(is_active=status == "aktif")
    page = Paginator(accounts, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "portal/account_list.html", {
        "page": page, "query": query, "status": status})


def account_detail(request, pk: int):
    _manager_or_404(request.user)
    account = get_object_or_404(_accounts(), pk=pk)
    return render(request, "portal/account_detail.html", {
        "account": account, "is_self": account.pk == request.user.pk,
        "reason_form": ReasonForm(auto_id="id_reset_%s"),
        "state_form": ReasonForm(auto_id="id_state_%s"),
        "email_form": EmailForm(initial={"email": account.email}),
        "employee": Employee.objects.filter(user=account).select_related("unit").first(),
    })


def account_new(request):
    _manager_or_404(request.user)
    form = AccountCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        employee = Employee.objects.filter(nip=data["username"]).first()
        try:
            if employee is not None:
                account = employee_account_open(employee=employee, actor=request.user,
                                                email=data["email"])
            elif data["username"].isdigit():
                raise AccountRefused("NIP ini tidak ada dalam data pegawai. Periksa NIP-nya, "
                                     "atau pakai nama pengguna berhuruf untuk akun staf.")
            elif not data["full_name"].strip():
                raise AccountRefused("Nama lengkap wajib diisi untuk akun staf.")
            else:
                account = account_create(actor=request.user, username=data["username"],
                                         full_name=data["full_name"], email=data["email"])
        except AccountRefused as error:
            form.add_error("username", str(error))
        else:
            sent = password_reset_send(user=account, actor=request.user,
                                       base_url=request.build_absolute_uri("/"))
            messages.success(request, _("The account was opened.") + " " + (
                _("A link to choose the password was e-mailed to %(email)s.")
                % {"email": account.email} if sent else
                _("The password link could not be sent; try again from this page.")))
            return redirect("portal:account_detail", pk=account.pk)
    return render(request, "portal/account_new.html", {"form": form})


ACTIONS = ("send_link", "email", "deactivate", "reactivate", "end_sessions",
           "reset_second_factor")


@require_POST
def account_action(request, pk: int, action: str):
    _manager_or_404(request.user)
    if action not in ACTIONS:
        raise Http404
    account = get_object_or_404(User, pk=pk, api_key__isnull=True)
    actor = request.user
    try:
        if action == "send_link":
            if not password_reset_send(user=account, actor=actor,
                                       base_url=request.build_absolute_uri("/")):
                raise AccountRefused("Tautan tidak dapat dikirim: akun ini nonaktif atau "
                                     "belum memiliki alamat e-mail.")
            messages.success(request, _("A link to choose a new password was e-mailed to "
                                        "%(email)s.") % {"email": account.email})
        elif action == "email":
            form = EmailForm(request.POST)
            if not form.is_valid():
                raise AccountRefused("Alamat e-mail tidak valid.")
            account_email_change(user=account, actor=actor, email=form.cleaned_data["email"])
            messages.success(request, _("The e-mail address was changed."))
        elif action == "end_sessions":
            ended = account_sessions_end(user=account, actor=actor)
            messages.success(request, _("%(count)d session(s) ended.") % {"count": ended})
        else:
            form = ReasonForm(request.POST)
            if not form.is_valid():
                raise AccountRefused("Alasan wajib diisi.")
            reason = form.cleaned_data["reason"]
            if action == "deactivate":
                account_deactivate(user=account, actor=actor, reason=reason)
                messages.success(request, _("The account was deactivated; its sessions "
                                            "ended."))
            elif action == "reactivate":
                account_reactivate(user=account, actor=actor, reason=reason)
                messages.success(request, _("The account is active again."))
            else:
                second_factor_reset(user=account, actor=actor, reason=reason)
                messages.success(request, _("The sign-in code was reset; the user sets it up "
                                            "again at the next sign-in."))
    except (AccountRefused, SecondFactorRefused) as error:
        messages.error(request, str(error))
    return redirect("portal:account_detail", pk=account.pk)
