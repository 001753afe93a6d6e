"""Who may open the reports (R-USE): the roles that read others' personnel
data, each within the units of their scope. Employees see no reports: their
own record is on their profile page.
"""

from __future__ import annotations

from django.http import Http404

from smart.access.policies import Scope, personnel_scope


def report_scope_or_404(user) -> Scope:
    """The units the user's reports cover; a 404 for users without a reading role,
    so the pages do not reveal themselves to employees."""
    scope = personnel_scope(user)
    if scope.is_empty:
        raise Http404
    return scope
