"""Write use cases of sign-in accounts: sessions, deactivation, password reset links.

An account manager never sets or sees a password (security.md A9): they send a
single-use link that expires after ``PASSWORD_RESET_TIMEOUT`` (24 hours).
"""

from __future__ import annotations

import logging
import smtplib

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.tokens import default_token_generator
from django.contrib.sessions.models import Session
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from smart.accounts.models import User
from smart.audit.services import audit_record

logger = logging.getLogger(__name__)


class AccountRefused(Exception):
    """An account action the rules do not allow (Indonesian text)."""


def sessions_end(*, user: User, keep_session_key: str | None = None) -> int:
    """Delete the user's unexpired sessions (but ``keep_session_key``); returns
    how many ended.

    They are found by decoding every unexpired session of the database session
    store (the default ``SESSION_ENGINE``): a regency has a few thousand at
    most, and no per-user session table has to be kept in step.
    """
    user_id = str(user.pk)
    ended = [session.pk for session in
             Session.objects.filter(expire_date__gt=timezone.now()).iterator()
             if session.pk != keep_session_key
             and session.get_decoded().get(SESSION_KEY) == user_id]
    Session.objects.filter(pk__in=ended).delete()
    return len(ended)


def account_deactivate(*, user: User, actor, reason: str = "") -> int:
    """Close a sign-in account now: it cannot sign in, and its open sessions end
    (ASVS 7.4.2, security.md S4; e.g. a retiring employee). Returns the number of
    sessions ended.

    Django alone already answers an inactive user's next request as anonymous
    (``ModelBackend.get_user``), but the session row would stay valid and come
    back with the account if it were ever reactivated; so the sessions are
    deleted.
    """
    if actor is not None and user.pk == actor.pk:
        raise AccountRefused("Anda tidak dapat menonaktifkan akun Anda sendiri.")
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        user.is_active = False
        user.save(update_fields=["is_active"])
        ended = sessions_end(user=user)
        audit_record(actor=actor, action="accounts.user.deactivate", target=user,
                     data={"sessions_ended": ended, "reason": reason.strip()})
    return ended


def account_reactivate(*, user: User, actor, reason: str) -> None:
    if not reason.strip():
        raise AccountRefused("Alasan wajib diisi.")
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.is_active:
            raise AccountRefused("Akun ini sudah aktif.")
        user.is_active = True
        user.save(update_fields=["is_active"])
        audit_record(actor=actor, action="accounts.user.reactivate", target=user,
                     data={"reason": reason.strip()})


def account_sessions_end(*, user: User, actor) -> int:
    """An account manager signs the user out everywhere (security.md S5)."""
    with transaction.atomic():
        ended = sessions_end(user=user)
        audit_record(actor=actor, action="accounts.user.sessions_end", target=user,
                     data={"sessions_ended": ended})
    return ended


def account_create(*, actor, username: str, full_name: str, email: str) -> User:
    """A new account without a usable password: its owner sets one through the
    link sent to ``email``."""
    username = username.strip()
    if User.objects.filter(username__iexact=username).exists():
        raise AccountRefused("Nama pengguna ini sudah dipakai.")
    if not email.strip():
        raise AccountRefused("Alamat e-mail wajib diisi: tautan untuk membuat kata sandi "
                             "dikirim ke sana.")
    with transaction.atomic():
        user = User(username=username, full_name=full_name.strip(), email=email.strip())
        user.set_unusable_password()
        user.save()
        audit_record(actor=actor, action="accounts.user.create", target=user,
                     data={"username": user.username, "email": user.email})
    return user


def account_email_change(*, user: User, actor, email: str) -> None:
    with transaction.atomic():
        before = user.email
        user.email = email.strip()
        user.save(update_fields=["email"])
        audit_record(actor=actor, action="accounts.user.email", target=user,
                     data={"before": before, "after": user.email})


def password_reset_link(user: User, base_url: str) -> str:
    """The single-use link: Django's token covers the password hash and the last
    sign-in, so it stops working once used (or once the user signs in)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return base_url.rstrip("/") + reverse("accounts:password_reset_confirm",
                                          args=[uid, token])


def password_reset_send(*, user: User, actor, base_url: str) -> bool:
    """E-mail the owner a link to choose a new password. False when the account
    has no e-mail address or is inactive (nothing is sent)."""
    if not user.is_active or not user.email:
        return False
    hours = settings.PASSWORD_RESET_TIMEOUT // 3600
    link = password_reset_link(user, base_url)
    by_owner = actor is None or actor.pk == user.pk
    closing = ("Jika Anda tidak meminta ini, abaikan e-mail ini; kata sandi Anda tidak berubah."
               if by_owner else
               f"Tautan ini dikirim oleh {actor} (pengelola akun SMART). Tidak ada orang lain "
               "yang mengetahui atau menentukan kata sandi Anda.")
    try:
        send_mail(
            subject="SMART: atur kata sandi Anda",
            message=(f"Yth. {user.full_name or user.username},\n\n"
                     "Gunakan tautan berikut untuk menentukan kata sandi akun SMART Anda "
                     f"(nama pengguna: {user.username}). Tautan hanya dapat dipakai satu kali "
                     f"dan berlaku {hours} jam.\n\n{link}\n\n{closing}\n\n"
                     "BKPP Kabupaten Kuantan Singingi"),
            from_email=None, recipient_list=[user.email])
    except (OSError, smtplib.SMTPException):
        logger.exception("Password link for user %s could not be sent", user.pk)
        return False
    audit_record(actor=actor, action="accounts.password.reset_sent", target=user,
                 data={"by_owner": by_owner})
    return True
