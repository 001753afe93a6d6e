"""The second sign-in factor (security.md D-2, checklist A6): TOTP with backup codes.

Every administrative role must pass it after the password; employees and
leadership may enrol voluntarily. The devices are django-otp's: one confirmed
TOTP device (an authenticator app) and one static device holding ten
single-use backup codes.
"""

from __future__ import annotations

import io

import qrcode
import qrcode.image.svg
from django.db import transaction
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from smart.access.models import Role
from smart.access.policies import has_role
from smart.audit.services import audit_record

# Decision D-2: the roles that may not work without the second factor.
ADMINISTRATIVE_ROLES = (
    Role.SUPER_ADMIN, Role.SYSTEM_MANAGER, Role.HR_MANAGER, Role.DIVISION_ADMIN,
    Role.UNIT_ADMIN, Role.VERIFIER,
)
BACKUP_CODE_COUNT = 10
AUTHENTICATOR_NAME = "aplikasi autentikator"
BACKUP_NAME = "kode cadangan"


class SecondFactorRefused(Exception):
    """A second-factor step the rules do not allow (Indonesian text)."""


def second_factor_required(user) -> bool:
    """Whether the user holds an administrative role today (own or as Plt/Plh)."""
    return has_role(user, *ADMINISTRATIVE_ROLES)


def authenticator_of(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def backup_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def totp_enrolment_start(*, user) -> TOTPDevice:
    """An unconfirmed authenticator with a fresh secret; an earlier unconfirmed
    one is replaced, so reloading the page never leaves stray secrets."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        return TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)


def pending_enrolment(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()


def _new_backup_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=BACKUP_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def totp_enrolment_confirm(*, request, device: TOTPDevice, token: str) -> list[str]:
    """The first code from the app proves the secret was copied: the device
    becomes the user's authenticator (replacing an older one), the session counts
    as verified, and ten new backup codes are returned to be shown once."""
    user = request.user
    if device.user_id != user.pk or device.confirmed:
        raise SecondFactorRefused("Pendaftaran ini tidak berlaku lagi; mulai lagi.")
    if not device.verify_token(token.strip().replace(" ", "")):
        audit_record(actor=user, action="accounts.otp.enrol_failed", target=user)
        raise SecondFactorRefused("Kode tidak cocok. Periksa jam ponsel Anda lalu masukkan "
                                  "kode yang sedang tampil di aplikasi.")
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _new_backup_codes(user)
        audit_record(actor=user, action="accounts.otp.enrol", target=user)
    otp_login(request, device)
    return codes


def backup_codes_regenerate(*, user) -> list[str]:
    """Ten new backup codes; the old ones stop working."""
    with transaction.atomic():
        codes = _new_backup_codes(user)
        audit_record(actor=user, action="accounts.otp.backup_codes", target=user)
    return codes


def second_factor_verify(*, request, token: str) -> bool:
    """Check a code from the authenticator, or a backup code (used up by
    this); on success the session counts as verified. Failures are audited
    and slow down further tries (django-otp's throttling per device)."""
    user = request.user
    token = token.strip().replace(" ", "").lower()
    candidates: list = []
    if token.isdigit():
        candidates = list(TOTPDevice.objects.filter(user=user, confirmed=True))
    elif token:
        candidates = list(StaticDevice.objects.filter(user=user, confirmed=True))
    for device in candidates:
        if device.verify_token(token):
            otp_login(request, device)
            audit_record(actor=user, action="accounts.otp.verify", target=user,
                         data={"device": "backup" if isinstance(device, StaticDevice)
                               else "totp"})
            return True
    audit_record(actor=user, action="accounts.otp.failure", target=user)
    return False


def code_already_used(user, token: str) -> bool:
    """Whether ``token`` is the authenticator code that was last accepted: each
    period's code works once, so signing in twice within 30 seconds needs the
    next code (the page says so instead of "wrong code")."""
    from django_otp.oath import TOTP

    token = token.strip().replace(" ", "")
    for device in TOTPDevice.objects.filter(user=user, confirmed=True):
        if device.last_t < 0 or not token.isdigit():
            continue
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        totp.time = device.t0 + device.last_t * device.step
        if f"{totp.token():0{device.digits}d}" == token:
            return True
    return False


def second_factor_reset(*, user, actor, reason: str) -> None:
    """An account manager removes a lost phone: the user enrols again at the
    next sign-in. Their sessions end too."""
    from smart.accounts.services import sessions_end  # services builds on this module

    if not reason.strip():
        raise SecondFactorRefused("Alasan wajib diisi.")
    if user.pk == actor.pk:
        raise SecondFactorRefused("Faktor kedua akun Anda sendiri tidak dapat diatur ulang "
                                  "dari sini.")
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        ended = sessions_end(user=user)
        audit_record(actor=actor, action="accounts.otp.reset", target=user,
                     data={"reason": reason.strip(), "sessions_ended": ended})


def qr_svg(device: TOTPDevice) -> str:
    """The enrolment QR code as inline SVG (drawn here: nothing leaves the intranet)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage,
                        box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode()
    return svg[svg.index("<svg"):]  # no XML declaration inside HTML


def secret_for_typing(device: TOTPDevice) -> str:
    """The secret in base32, grouped by four, for apps without a camera."""
    import base64

    secret = base64.b32encode(device.bin_key).decode()
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))
