"""Access authorisation (Perbup 35/2020 Pasal 11b): proposed by the HR manager,
approved by the SMART manager, granted by the super administrator; revocable."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from smart.access.models import AccessRequest, AccessStage, Role, RoleAssignment
from smart.audit.models import AuditEvent
from smart.notifications.models import Notification
from smart.people.models import Employee
from smart.portal.access_services import (
    AccessRefused,
    access_request_move,
    access_request_propose,
    assignment_revoke,
)
from smart.references.models import Unit
from tests.personas import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def _login(client, user):
    client.logout()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def _unit(code):
    return Unit.objects.get(code=code)


@pytest.fixture
def newcomer(db):
    """An employee of a Disdik school without any administrative role yet."""
    return make_user("operator_sd1", employee_unit="DISDIK.KORWIL03.SD1")


def _propose(cast, user, role=Role.UNIT_ADMIN, unit="DISDIK.KORWIL03"):
    return access_request_propose(proposer=cast.hr_manager_b, user=user, role=role,
                                  unit=_unit(unit), reason="Operator baru sekolah.")


def _messages(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_full_path_grants_the_role_and_the_scope(client, cast, newcomer):
    person_b = cast.person_b  # in DISDIK.KORWIL03.SD1
    _login(client, newcomer)
    assert not Employee.objects.visible_to(newcomer).filter(pk=person_b.pk).exists()

    _login(client, cast.hr_manager_b)
    response = client.post(reverse("portal:access_request_propose"), {
        "username": newcomer.username, "role": Role.UNIT_ADMIN,
        "unit": _unit("DISDIK.KORWIL03").pk, "reason": "Operator baru korwil.",
    })
    access = AccessRequest.objects.get(user=newcomer)
    assert response.status_code == 302 and access.stage == AccessStage.PROPOSED
    assert Notification.objects.filter(user=cast.system_manager).exists()

    _login(client, cast.system_manager)
    client.post(reverse("portal:access_request_move", args=[access.pk]), {"move": "approve"})
    access.refresh_from_db()
    assert access.stage == AccessStage.APPROVED and access.assignment is None
    assert not RoleAssignment.objects.filter(user=newcomer, role=Role.UNIT_ADMIN).exists()
    assert Notification.objects.filter(user=cast.super_admin).exists()

    _login(client, cast.super_admin)
    client.post(reverse("portal:access_request_move", args=[access.pk]), {"move": "grant"})
    access.refresh_from_db()
    assert access.stage == AccessStage.GRANTED
    assignment = RoleAssignment.objects.in_force().get(user=newcomer, role=Role.UNIT_ADMIN)
    assert access.assignment == assignment and assignment.unit == _unit("DISDIK.KORWIL03")
    assert list(access.events.values_list("move", flat=True)) == ["propose", "approve", "grant"]
    assert set(AuditEvent.objects.filter(action__startswith="access.request.")
               .values_list("action", flat=True)) == {
        "access.request.propose", "access.request.approve", "access.request.grant"}

    _login(client, newcomer)
    response = client.get(reverse("people:employee_list"))
    assert response.status_code == 200
    assert Employee.objects.visible_to(response.wsgi_request.user).filter(
        pk=person_b.pk).exists()
    assert not Employee.objects.visible_to(response.wsgi_request.user).filter(
        pk=cast.colleague_a.pk).exists()


def test_granting_before_approval_is_refused(cast, newcomer):
    access = _propose(cast, newcomer)
    with pytest.raises(AccessRefused):
        access_request_move(request=access, move_name="grant", actor=cast.super_admin)
    access.refresh_from_db()
    assert access.stage == AccessStage.PROPOSED
    assert not RoleAssignment.objects.filter(user=newcomer, role=Role.UNIT_ADMIN).exists()


def test_the_super_admin_cannot_approve_and_the_manager_cannot_grant(client, cast, newcomer):
    access = _propose(cast, newcomer)
    with pytest.raises(AccessRefused):
        access_request_move(request=access, move_name="approve", actor=cast.super_admin)
    _login(client, cast.super_admin)
    response = client.get(reverse("portal:access_request_detail", args=[access.pk]))
    assert response.context["moves"] == []
    access_request_move(request=access, move_name="approve", actor=cast.system_manager)
    with pytest.raises(AccessRefused):
        access_request_move(request=access, move_name="grant", actor=cast.system_manager)
    _login(client, cast.system_manager)
    client.post(reverse("portal:access_request_move", args=[access.pk]), {"move": "grant"})
    access.refresh_from_db()
    assert access.stage == AccessStage.APPROVED


def test_an_hr_manager_proposes_only_in_their_scope(client, cast, newcomer):
    dinkes_user = make_user("perawat", employee_unit="DINKES.PKM02")
    with pytest.raises(AccessRefused):
        _propose(cast, dinkes_user, unit="DINKES")
    for role in (Role.VERIFIER, Role.DIVISION_ADMIN, Role.LEADERSHIP, Role.SUPER_ADMIN):
        with pytest.raises(AccessRefused):
            access_request_propose(proposer=cast.hr_manager_b, user=newcomer, role=role,
                                   unit=None, reason="x")
    with pytest.raises(AccessRefused):  # regency-wide admin-opd
        access_request_propose(proposer=cast.hr_manager_b, user=newcomer,
                               role=Role.UNIT_ADMIN, unit=None, reason="x")
    with pytest.raises(AccessRefused):  # the employee role is for employees of the unit
        _propose(cast, dinkes_user, role=Role.EMPLOYEE, unit="DISDIK")
    # The form does not even offer Dinkes units or regency-wide roles.
    _login(client, cast.hr_manager_b)
    response = client.post(reverse("portal:access_request_propose"), {
        "username": dinkes_user.username, "role": Role.VERIFIER,
        "unit": _unit("DINKES").pk, "reason": "x"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"role", "unit"}
    assert not AccessRequest.objects.exists()
    # The SMART manager proposes regency-wide roles (Pasal 9d).
    access = access_request_propose(proposer=cast.system_manager, user=newcomer,
                                    role=Role.VERIFIER, unit=None, reason="Verifikator baru.")
    assert access.unit is None


def test_nobody_acts_on_a_request_about_themselves(cast, newcomer):
    with pytest.raises(AccessRefused):
        access_request_propose(proposer=cast.hr_manager_b, user=cast.hr_manager_b,
                               role=Role.UNIT_ADMIN, unit=_unit("DISDIK"), reason="x")
    # A second SMART manager proposes access for the first one: the first may not approve.
    other_manager = make_user("pengelola2", Role.SYSTEM_MANAGER)
    about_manager = access_request_propose(
        proposer=other_manager, user=cast.system_manager, role=Role.VERIFIER, unit=None,
        reason="Rangkap verifikator.")
    with pytest.raises(AccessRefused):
        access_request_move(request=about_manager, move_name="approve",
                            actor=cast.system_manager)
    # Nor may the proposer approve their own proposal.
    with pytest.raises(AccessRefused):
        access_request_move(request=about_manager, move_name="approve", actor=other_manager)
    # A super administrator does not grant access to themselves.
    about_admin = access_request_propose(
        proposer=cast.system_manager, user=cast.super_admin, role=Role.LEADERSHIP, unit=None,
        reason="x")
    access_request_move(request=about_admin, move_name="approve", actor=other_manager)
    with pytest.raises(AccessRefused):
        access_request_move(request=about_admin, move_name="grant", actor=cast.super_admin)


def test_rejection_needs_a_reason(client, cast, newcomer):
    access = _propose(cast, newcomer)
    _login(client, cast.system_manager)
    response = client.post(reverse("portal:access_request_move", args=[access.pk]),
                           {"move": "reject", "note": "  "})
    access.refresh_from_db()
    assert access.stage == AccessStage.PROPOSED
    assert any("wajib" in m for m in _messages(response))
    client.post(reverse("portal:access_request_move", args=[access.pk]),
                {"move": "reject", "note": "Belum ada SK penunjukan."})
    access.refresh_from_db()
    assert access.stage == AccessStage.REJECTED and access.closed_at is not None
    assert access.events.last().note == "Belum ada SK penunjukan."
    assert Notification.objects.filter(user=cast.hr_manager_b).exists()


def _granted(cast, user):
    access = _propose(cast, user)
    access_request_move(request=access, move_name="approve", actor=cast.system_manager)
    return access_request_move(request=access, move_name="grant", actor=cast.super_admin)


def test_revocation_takes_effect_at_the_next_request(client, cast, newcomer):
    access = _granted(cast, newcomer)
    _login(client, newcomer)
    first = client.get(reverse("people:employee_list"))
    user_of_first = first.wsgi_request.user
    assert Employee.objects.visible_to(user_of_first).filter(pk=cast.person_b.pk).exists()

    _login(client, cast.super_admin)
    response = client.post(reverse("portal:access_assignment_revoke",
                                   args=[access.assignment_id]), {"reason": "Pindah tugas."})
    assert response.status_code == 302
    assignment = RoleAssignment.objects.get(pk=access.assignment_id)
    assert not assignment.is_granted and assignment.valid_to == timezone.localdate()
    assert AuditEvent.objects.filter(action="access.assignment.revoke").count() == 1
    assert access.events.last().move == "revoke"

    _login(client, newcomer)
    second = client.get(reverse("people:employee_list"))
    assert not Employee.objects.visible_to(second.wsgi_request.user).filter(
        pk=cast.person_b.pk).exists()


def test_revocation_needs_a_reason_and_a_manager(client, cast, newcomer):
    access = _granted(cast, newcomer)
    with pytest.raises(AccessRefused):
        assignment_revoke(assignment=access.assignment, actor=cast.system_manager, reason=" ")
    with pytest.raises(AccessRefused):
        assignment_revoke(assignment=access.assignment, actor=cast.hr_manager_b, reason="x")
    _login(client, cast.hr_manager_b)
    response = client.post(reverse("portal:access_assignment_revoke",
                                   args=[access.assignment_id]), {"reason": "x"})
    assert response.status_code == 404
    assert RoleAssignment.objects.in_force().filter(pk=access.assignment_id).exists()


def test_a_double_grant_makes_one_assignment(client, cast, newcomer):
    access = _propose(cast, newcomer)
    access_request_move(request=access, move_name="approve", actor=cast.system_manager)
    _login(client, cast.super_admin)
    url = reverse("portal:access_request_move", args=[access.pk])
    client.post(url, {"move": "grant"})
    response = client.post(url, {"move": "grant"})
    assert any("tahap" in m for m in _messages(response))
    assert RoleAssignment.objects.filter(user=newcomer, role=Role.UNIT_ADMIN).count() == 1
    assert access.events.filter(move="grant").count() == 1


def test_each_role_sees_what_concerns_it(client, cast, newcomer):
    waiting = _propose(cast, newcomer)
    approved = _propose(cast, newcomer, role=Role.HR_MANAGER, unit="DISDIK.KORWIL03")
    access_request_move(request=approved, move_name="approve", actor=cast.system_manager)

    _login(client, cast.system_manager)
    assert list(client.get(reverse("portal:access_requests")).context["awaiting"]) == [waiting]
    _login(client, cast.super_admin)
    assert list(client.get(reverse("portal:access_requests")).context["awaiting"]) == [approved]
    _login(client, cast.hr_manager_b)
    response = client.get(reverse("portal:access_requests"))
    assert set(response.context["mine"]) == {waiting, approved}
    assert reverse("portal:access_requests") in response.content.decode()  # the sidebar
    # A HR manager of another agency neither lists nor opens them.
    other = make_user("kepeg_dinkes", Role.HR_MANAGER, "DINKES")
    _login(client, other)
    assert list(client.get(reverse("portal:access_requests")).context["history"]) == []
    assert client.get(reverse("portal:access_request_detail",
                              args=[waiting.pk])).status_code == 404


def test_a_duplicate_open_proposal_is_refused(cast, newcomer):
    _propose(cast, newcomer)
    with pytest.raises(AccessRefused):
        _propose(cast, newcomer)


def test_the_proposer_may_withdraw_with_a_reason(cast, newcomer):
    access = _propose(cast, newcomer)
    with pytest.raises(AccessRefused):
        access_request_move(request=access, move_name="withdraw", actor=cast.hr_manager_b)
    access_request_move(request=access, move_name="withdraw", actor=cast.hr_manager_b,
                        note="Salah orang.")
    access.refresh_from_db()
    assert access.stage == AccessStage.WITHDRAWN


def test_the_employee_role_is_proposed_by_nip_as_printed_with_the_own_unit(client, cast):
    """User test: a NIP with spaces finds the account, and the employee role's
    scope defaults to the employee's own unit."""
    from smart.accounts.models import User
    from tests.personas import make_employee

    person = make_employee("DISDIK.KORWIL03.SD1", name="GURU BARU")
    account = User.objects.create_user(username=person.nip, password=PASSWORD)
    person.user = account
    person.save()
    _login(client, cast.hr_manager_b)
    response = client.post(reverse("portal:access_request_propose"), {
        "username": person.nip_grouped, "role": Role.EMPLOYEE, "unit": "",
        "reason": "Akun pegawai baru."})
    assert response.status_code == 302, _messages(response)
    access = AccessRequest.objects.get(user=account)
    assert access.role == Role.EMPLOYEE and access.unit == person.unit
