"""Recipients: the holders of the next move's role, in force, in scope."""

import datetime

import pytest
from django.utils import timezone

from smart.access.models import Role, RoleAssignment
from smart.notifications.recipients import system_managers, unit_admins_for, verifiers
from smart.references.models import Unit
from tests.personas import make_user

pytestmark = pytest.mark.django_db


def unit(code):
    return Unit.objects.get(code=code)


def test_an_agency_admin_is_told_about_its_puskesmas_not_about_a_school(cast):
    assert cast.admin_a in unit_admins_for(unit("DINKES.PKM02"))
    assert cast.admin_a not in unit_admins_for(unit("DISDIK.KORWIL03.SD1"))
    assert cast.admin_b in unit_admins_for(unit("DISDIK.KORWIL03.SD1"))


def test_an_admin_of_the_unit_itself_and_a_regency_wide_admin_are_told(cast):
    own = make_user("admin_pkm02", Role.UNIT_ADMIN, "DINKES.PKM02")
    sibling = make_user("admin_pkm05", Role.UNIT_ADMIN, "DINKES.PKM05")
    regency = make_user("admin_kabupaten", Role.UNIT_ADMIN)
    admins = unit_admins_for(unit("DINKES.PKM02"))
    assert own in admins and regency in admins and sibling not in admins
    # A scope below the unit does not cover the unit.
    assert own not in unit_admins_for(unit("DINKES"))


def test_only_unit_admins_are_unit_admin_recipients(cast):
    admins = unit_admins_for(unit("DINKES.PKM02"))
    assert cast.verifier not in admins and cast.division_admin not in admins
    assert len(admins) == len(set(admins))


def test_an_expired_or_ungranted_assignment_does_not_count(cast):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    RoleAssignment.objects.filter(user=cast.admin_a, role=Role.UNIT_ADMIN).update(
        valid_to=yesterday)
    ungranted = make_user("admin_belum", Role.UNIT_ADMIN, "DINKES")
    RoleAssignment.objects.filter(user=ungranted).update(is_granted=False)
    future = make_user("admin_nanti", Role.UNIT_ADMIN, "DINKES")
    RoleAssignment.objects.filter(user=future).update(
        valid_from=timezone.localdate() + datetime.timedelta(days=1))
    admins = unit_admins_for(unit("DINKES.PKM02"))
    assert cast.admin_a not in admins and ungranted not in admins and future not in admins


def test_an_inactive_user_is_not_a_recipient(cast):
    cast.verifier.is_active = False
    cast.verifier.save()
    assert cast.verifier not in verifiers()


def test_verifiers_and_system_managers(cast):
    assert verifiers() == [cast.verifier]
    assert system_managers() == [cast.system_manager]


def test_each_helper_is_one_query(cast, django_assert_num_queries):
    pkm = unit("DINKES.PKM02")
    with django_assert_num_queries(1):
        unit_admins_for(pkm)
    with django_assert_num_queries(1):
        verifiers()
