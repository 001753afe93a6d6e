"""Sign-in, failed sign-in and sign-out go into the audit log (security.md L1, L5).

Django's auth signals are the one place every sign-in path passes through
(the sign-in page, ``client.login`` in code, the session limit's sign-out), so
here, unlike for domain writes, receivers are the right tool. The address and
the request id come from the audit context of the request.

A failed sign-in stores the name typed, never the password (Django hands the
receiver the credentials with the password already replaced by stars, and only
the username is read). The name is escaped, so a CR/LF in it cannot fake a line
of any report or log built from the audit table, and a 16-digit name (a NIK
typed by mistake) is stored masked.
"""

from __future__ import annotations

from smart.audit.services import audit_record

USERNAME_MAX = 150


def escaped(text: str) -> str:
    r"""``text`` with backslashes and non-printable characters escaped
    (``"a\r\nb"`` becomes ``a\\r\\nb``)."""
    out = []
    for ch in text[:USERNAME_MAX]:
        if ch == "\\":
            out.append("\\\\")
        elif ch.isprintable():
            out.append(ch)
        else:
            out.append(ch.encode("unicode_escape").decode("ascii"))
    return "".join(out)


def typed_username(credentials: dict) -> str:
    value = str(credentials.get("username") or "")
    compact = value.replace(" ", "")
    if len(compact) == 16 and compact.isdigit():
        return compact[:6] + "*" * 10
    return escaped(value)


def on_signed_in(sender, request, user, **kwargs):
    audit_record(actor=user, action="accounts.signin.success", target=user)


def on_sign_in_failed(sender, credentials, request=None, **kwargs):
    username = typed_username(credentials)
    audit_record(actor=None, actor_label=username or "(kosong)",
                 action="accounts.signin.failure", data={"username": username})


def on_signed_out(sender, request, user, **kwargs):
    if user is not None and user.is_authenticated:
        audit_record(actor=user, action="accounts.signin.logout", target=user)
