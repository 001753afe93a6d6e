"""Who may open the reports (R-USE): the roles that read others' personnel
data, each within the units of their scope. Employees see no reports: their
own record is on their profile page. The report layout is the Super
Administrator's (Pasal 11h); the usage log is the Pengelola SMART's, and the
monthly usage summary also the leadership's, for the Bupati (Pasal 22(3)).
"""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext_lazy as _

from smart.access.models import Role
from smart.access.policies import Scope, has_role, personnel_scope, role_scope
from smart.reports.models import Sharing

# The personnel staff who may share a saved view with others (their unit, or
# BKPP and the whole regency when they work regency-wide).
HR_STAFF = (Role.SYSTEM_MANAGER, Role.HR_MANAGER, Role.UNIT_ADMIN, Role.VERIFIER)


def report_scope_or_404(user) -> Scope:
    """The units the user's reports cover; a 404 for users without a reading role,
    so the pages do not reveal themselves to employees."""
    scope = personnel_scope(user)
    if scope.is_empty:
        raise Http404
    return scope


def staff_scope(user) -> Scope:
    """The units of the user's HR-staff roles (empty: may not share)."""
    paths: set[str] = set()
    for role in HR_STAFF:
        scope = role_scope(user, role)
        if scope.everything:
            return scope
        paths.update(scope.unit_paths)
    return Scope(unit_paths=tuple(sorted(paths)))


def sharing_choices(user) -> list[tuple[str, str]]:
    """Private always; HR staff also share with their unit, or with BKPP and the
    regency when their scope is the whole regency."""
    choices = [(Sharing.PRIVATE.value, Sharing.PRIVATE.label)]
    scope = staff_scope(user)
    if scope.everything:
        choices.append((Sharing.REGENCY.value, Sharing.REGENCY.label))
    elif scope.unit_paths:
        choices.append((Sharing.UNIT.value, _("My unit")))
    return choices


def may_configure_layout(user) -> bool:
    return has_role(user, Role.SUPER_ADMIN)


def layout_admin_or_404(user) -> None:
    if not may_configure_layout(user):
        raise Http404


def usage_log_or_404(user) -> None:
    """The usage log names users and what they looked at: the Pengelola SMART's."""
    if not has_role(user, Role.SYSTEM_MANAGER):
        raise Http404


def usage_summary_or_404(user) -> None:
    """The monthly summary names users only: also the leadership's (for the Bupati)."""
    if not has_role(user, Role.SYSTEM_MANAGER, Role.LEADERSHIP):
        raise Http404
