"""Which account is the demo login of a role.

The demo regency's eight logins (``loader.DEMO_ACCOUNTS``) have the demo
password; the accounts made for the proposers and OPD admins of the requests
in flight (``requests``) have none. The demo login of a role is the first
account by username that holds it and can sign in; the demo employee is the
first such account whose only role is "pegawai".
"""

from __future__ import annotations

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX

from smart.access.models import Role, RoleAssignment
from smart.accounts.models import User


def demo_login(role: str) -> User | None:
    grants = (RoleAssignment.objects.filter(role=role)
              .exclude(user__password__startswith=UNUSABLE_PASSWORD_PREFIX))
    if role == Role.EMPLOYEE:
        grants = grants.exclude(user_id__in=RoleAssignment.objects.exclude(
            role=Role.EMPLOYEE).values("user_id"))
    grant = grants.select_related("user").order_by("user__username").first()
    return grant.user if grant else None
