"""The recording campaign's lists (Perbup 35/2020 Pasal 20, 32; R-PROC-1).

Who sees a campaign's lists: the Pengelola SMART and the Pengelola
Kepegawaian, and the Administrator OPD for their unit (each within the units
of that role's scope). Every employee comes through ``visible_to``; a unit
outside the scope answers 404.
"""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404

from smart.access.models import Role
from smart.access.policies import Scope, has_role, role_scope
from smart.monitoring.models import RecordingCampaign
from smart.people.models import Employee
from smart.records.elements import document_elements, elements_of
from smart.records.progress import AGENCY, UNIT
from smart.references.models import Unit

CAMPAIGN_READERS = (Role.SYSTEM_MANAGER, Role.HR_MANAGER, Role.UNIT_ADMIN)
CAMPAIGN_MANAGERS = (Role.SYSTEM_MANAGER, Role.HR_MANAGER)


def campaign_scope(user) -> Scope:
    """The units of the user's campaign roles together."""
    scopes = [role_scope(user, role) for role in CAMPAIGN_READERS]
    if any(scope.everything for scope in scopes):
        return Scope(everything=True)
    paths = {path for scope in scopes for path in scope.unit_paths}
    return Scope(unit_paths=tuple(sorted(
        p for p in paths if not any(p != q and p.startswith(q) for q in paths))))


def campaign_scope_or_404(user) -> Scope:
    scope = campaign_scope(user)
    if scope.is_empty:
        raise Http404
    return scope


def may_manage_campaigns(user) -> bool:
    return has_role(user, *CAMPAIGN_MANAGERS)


def get_campaign_for_user_or_404(user, pk: int) -> RecordingCampaign:
    campaign_scope_or_404(user)
    campaign = (RecordingCampaign.objects.prefetch_related("document_types")
                .filter(pk=pk).first())
    if campaign is None:
        raise Http404
    return campaign


def units_in_scope(scope: Scope):
    units = Unit.objects.current().select_related("agency")
    return units if scope.everything else units.under_any(scope.unit_paths)


def get_unit_in_scope_or_404(scope: Scope, pk: int) -> Unit:
    unit = units_in_scope(scope).filter(pk=pk).first()
    if unit is None:
        raise Http404
    return unit


def _in_scope(scope: Scope) -> Q:
    if scope.everything:
        return Q()
    condition = Q(pk__in=[])
    for path in scope.unit_paths:
        condition |= Q(unit__path__startswith=path)
    return condition


def campaign_employees(user, scope: Scope, unit: Unit | None = None):
    """The employees in service a campaign counts for this user: their scope,
    or one unit with its sub-units."""
    employees = Employee.objects.visible_to(user).active().filter(_in_scope(scope))
    if unit is not None:
        employees = employees.filter(unit__path__startswith=unit.path)
    return employees


def campaign_elements(campaign: RecordingCampaign) -> list:
    """The elements the campaign counts: its data elements, then its document kinds
    (``document_types`` prefetched: no query)."""
    types = sorted(campaign.document_types.all(), key=lambda t: t.code)
    return [*elements_of(campaign.elements), *document_elements(types)]


def grouping_for(scope: Scope, unit: Unit | None) -> str:
    """Per OPD in the regency view; per unit of work inside one OPD or a scope."""
    return AGENCY if scope.everything and unit is None else UNIT
