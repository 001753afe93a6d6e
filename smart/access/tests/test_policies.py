"""The roles read on every request (``policies._load``, one SQL statement) give
the same answer as the querysets that define the rules: ``in_force()`` of role
assignments and of delegations (R-ROLE-1…10, Pasal 33)."""

import datetime
import itertools

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from smart.access.models import Delegation, Role, RoleAssignment
from smart.access.policies import _assignments, _delegated
from smart.references.models import Unit

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
# (valid_from, valid_to) of an assignment: open, current, ended, not yet begun,
# and the two edges of today.
ASSIGNMENT_DATES = [(None, None), (TODAY - DAY, TODAY + DAY), (None, TODAY - DAY),
                    (TODAY + DAY, None), (TODAY, TODAY), (TODAY - 9 * DAY, TODAY - 2 * DAY)]


def _by_the_rules(user) -> tuple[set, set]:
    """The answer of the defining querysets: (own + delegated assignments,
    delegated ones with the holder's name)."""
    holders = Delegation.objects.in_force().filter(acting=user).values("holder")
    rows = (RoleAssignment.objects.in_force().filter(Q(user=user) | Q(user__in=holders))
            .values_list("role", "unit__path", "user_id", "user__full_name", "user__username"))
    own = {(role, path) for role, path, holder, _, _ in rows if holder == user.pk}
    delegated = {(role, path, name or username) for role, path, holder, name, username in rows
                 if holder != user.pk and role != Role.EMPLOYEE}
    return own | {(role, path) for role, path, _ in delegated}, delegated


def _fresh(user):
    """The same account as a new request sees it: nothing cached on the object."""
    return get_user_model().objects.get(pk=user.pk)


def test_every_combination_of_dates_grant_and_activity_reads_as_the_rules_say():
    users = get_user_model().objects
    units = list(Unit.objects.order_by("pk")[:2]) + [None]
    accounts = []
    for number, ((start, end), granted, unit) in enumerate(
            itertools.product(ASSIGNMENT_DATES, (True, False), units)):
        account = users.create_user(username=f"holder{number}", password="x",
                                    full_name=f"HOLDER {number}" if number % 3 else "")
        RoleAssignment.objects.create(user=account, role=Role.UNIT_ADMIN, unit=unit,
                                      valid_from=start, valid_to=end, is_granted=granted)
        RoleAssignment.objects.create(user=account, role=Role.EMPLOYEE)
        accounts.append(account)
    inactive = accounts[0]
    inactive.is_active = False
    inactive.save()
    acting = users.create_user(username="acting", password="x", full_name="ACTING")
    RoleAssignment.objects.create(user=acting, role=Role.VERIFIER)
    delegation_dates = [(TODAY - DAY, TODAY + DAY), (TODAY - 5 * DAY, TODAY - DAY),
                        (TODAY + DAY, TODAY + 5 * DAY), (TODAY, TODAY)]
    for number, holder in enumerate(accounts):
        start, end = delegation_dates[number % len(delegation_dates)]
        Delegation.objects.create(
            holder=holder, acting=acting, kind=Delegation.Kind.PLT, valid_from=start,
            valid_to=end, ended_at=timezone.now() if number % 5 == 4 else None)

    for account in [*accounts, acting]:
        expected_all, expected_delegated = _by_the_rules(account)
        fresh = _fresh(account)
        assert set(_assignments(fresh)) == expected_all, account.username
        assert set(_delegated(fresh)) == expected_delegated, account.username
    # The fixture is not vacuous: some roles are held, some refused, some delegated.
    acting_roles = set(_assignments(_fresh(acting)))
    assert (Role.VERIFIER, None) in acting_roles
    assert {role for role, _ in acting_roles} == {Role.VERIFIER, Role.UNIT_ADMIN}
    assert 0 < len(_delegated(_fresh(acting))) < len(accounts)
    assert _assignments(_fresh(inactive)) == []


def test_an_inactive_acting_official_holds_nothing_of_the_holder():
    users = get_user_model().objects
    holder = users.create_user(username="holder", password="x")
    RoleAssignment.objects.create(user=holder, role=Role.VERIFIER)
    acting = users.create_user(username="acting", password="x", is_active=False)
    Delegation.objects.create(holder=holder, acting=acting, kind=Delegation.Kind.PLH,
                              valid_from=TODAY, valid_to=TODAY)
    assert _assignments(_fresh(acting)) == [] == list(_by_the_rules(acting)[0])
    acting.is_active = True
    acting.save()
    assert _assignments(_fresh(acting)) == [(Role.VERIFIER, None)]
    assert _delegated(_fresh(acting)) == [(Role.VERIFIER, None, "holder")]
