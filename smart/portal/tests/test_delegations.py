"""R-ROLE-9 / Pasal 33: the Pengelola SMART records a Plt/Plh from its warrant,
both officials are told, it is audited, it can be ended early with a reason,
and it lapses by itself after its end date."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from smart.access.models import Delegation, Role
from smart.access.policies import has_role, role_scope
from smart.audit.models import AuditEvent
from smart.notifications.models import Notification
from smart.portal.delegation_services import (
    DelegationRefused,
    delegation_create,
    delegation_end,
)
from tests.personas import PASSWORD, make_user

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _days(n: int) -> datetime.date:
    return TODAY() + datetime.timedelta(days=n)


def _login(client, user):
    client.logout()
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def acting(db):
    return make_user("kasubbag_dinkes", employee_unit="DINKES.03")


def _create(cast, acting, **overrides):
    data = {"actor": cast.system_manager, "holder": cast.admin_a, "acting": acting,
            "kind": Delegation.Kind.PLH, "valid_from": _days(0), "valid_to": _days(6),
            "decree": "800/SPRIN/DINKES/2026/14", "decree_date": _days(-1), **overrides}
    return delegation_create(**data)


def _post(client, acting_user, **overrides):
    data = {"holder": "admin_dinkes", "acting": acting_user.username, "kind": "PLH",
            "valid_from": _days(0).isoformat(), "valid_to": _days(6).isoformat(),
            "decree": "800/SPRIN/DINKES/2026/14", "decree_date": _days(-1).isoformat(),
            **overrides}
    return client.post(reverse("portal:delegation_create"), data)


def test_r_role_9_recording_a_plh_gives_the_roles_audits_and_tells_both(client, cast, acting):
    _login(client, cast.system_manager)
    response = _post(client, acting)
    assert response.status_code == 302
    delegation = Delegation.objects.get()
    assert (delegation.holder, delegation.acting, delegation.created_by) == (
        cast.admin_a, acting, cast.system_manager)
    assert delegation.decree_date == _days(-1)
    event = AuditEvent.objects.get(action="access.delegation.create")
    assert event.data["acting"] == acting.username and event.data["holder"] == "admin_dinkes"
    assert Notification.objects.filter(user=acting, message__contains="Plh atas nama").exists()
    assert Notification.objects.filter(user=cast.admin_a,
                                       message__contains="atas nama Anda").exists()
    # The acting official's next request has the holder's unit-admin role, scoped alike.
    _login(client, acting)
    user = client.get(reverse("portal:home")).wsgi_request.user
    assert has_role(user, Role.UNIT_ADMIN)
    assert role_scope(user, Role.UNIT_ADMIN) == role_scope(cast.admin_a, Role.UNIT_ADMIN)
    assert client.get(reverse("changes:inbox")).status_code == 200


@pytest.mark.parametrize(("overrides", "message"), [
    ({"valid_to": "-1"}, "sebelum tanggal mulai"),
    ({"acting": "admin_dinkes"}, "tidak boleh orang yang sama"),
    ({"acting": "pengelola"}, "diri sendiri"),
    ({"holder": "pegawai"}, "tidak memegang peran administratif"),
    ({"valid_to": "92"}, "paling lama 3 (tiga) bulan"),
    ({"valid_from": "-10", "valid_to": "-2"}, "sudah lewat"),
])
def test_r_role_9_refusals_are_explained_in_indonesian(client, cast, acting, overrides,
                                                       message):
    """The form shows why: end before start, oneself, no role to delegate, too long."""
    data = {}
    for key, value in overrides.items():
        if key.startswith("valid_"):
            data[key] = _days(int(value)).isoformat()
        else:
            data[key] = value
    _login(client, cast.system_manager)
    response = _post(client, acting, **data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Delegation.objects.exists()
    assert not AuditEvent.objects.filter(action="access.delegation.create").exists()


def test_r_role_9_the_warrant_number_is_required(cast, acting):
    with pytest.raises(DelegationRefused, match="Nomor surat perintah wajib diisi"):
        _create(cast, acting, decree="  ")
    assert not Delegation.objects.exists()


def test_r_role_9_a_holder_has_one_delegation_at_a_time(cast, acting):
    _create(cast, acting)
    other = make_user("sekretaris_dinkes", employee_unit="DINKES.01")
    with pytest.raises(DelegationRefused, match="beririsan"):
        _create(cast, other, valid_from=_days(6), valid_to=_days(10))
    # The day after the first one ends is free (an extension is a new warrant).
    _create(cast, other, valid_from=_days(7), valid_to=_days(10))
    assert Delegation.objects.count() == 2


def test_r_role_9_ending_early_takes_the_roles_away_at_the_next_request(client, cast, acting):
    delegation = _create(cast, acting)
    _login(client, cast.system_manager)
    response = client.post(reverse("portal:delegation_end", args=[delegation.pk]),
                           {"reason": "Pejabat definitif sudah kembali bertugas."})
    assert response.status_code == 302
    delegation.refresh_from_db()
    assert delegation.ended_at is not None and delegation.ended_by == cast.system_manager
    assert AuditEvent.objects.get(action="access.delegation.end").data["reason"] == (
        "Pejabat definitif sudah kembali bertugas.")
    assert Notification.objects.filter(user=acting, message__contains="diakhiri").exists()
    _login(client, acting)
    user = client.get(reverse("portal:home")).wsgi_request.user
    assert not has_role(user, Role.UNIT_ADMIN)
    assert client.get(reverse("changes:inbox")).status_code == 404
    with pytest.raises(DelegationRefused, match="sudah diakhiri"):
        delegation_end(delegation=delegation, actor=cast.system_manager, reason="lagi")


def test_r_role_9_ending_needs_a_reason_and_the_manager(client, cast, acting):
    delegation = _create(cast, acting)
    with pytest.raises(DelegationRefused, match="Alasan"):
        delegation_end(delegation=delegation, actor=cast.system_manager, reason=" ")
    for who in (cast.hr_manager_b, cast.admin_a, acting):
        _login(client, who)
        response = client.post(reverse("portal:delegation_end", args=[delegation.pk]),
                               {"reason": "x"})
        assert response.status_code == 404
    delegation.refresh_from_db()
    assert delegation.ended_at is None


def test_r_role_9_it_lapses_by_itself_after_the_end_date(client, cast, acting):
    delegation = _create(cast, acting, valid_from=_days(0), valid_to=_days(0))
    assert Delegation.objects.in_force(_days(0)).filter(pk=delegation.pk).exists()
    assert not Delegation.objects.in_force(_days(1)).filter(pk=delegation.pk).exists()
    assert delegation.status(_days(1)) == "lapsed"
    Delegation.objects.filter(pk=delegation.pk).update(valid_from=_days(-3),
                                                       valid_to=_days(-1))
    _login(client, acting)
    assert not has_role(client.get(reverse("portal:home")).wsgi_request.user, Role.UNIT_ADMIN)
    with pytest.raises(DelegationRefused, match="habis dengan sendirinya"):
        delegation_end(delegation=delegation, actor=cast.system_manager, reason="x")


def test_r_role_9_an_upcoming_delegation_gives_nothing_yet(client, cast, acting):
    _create(cast, acting, valid_from=_days(2), valid_to=_days(5))
    _login(client, acting)
    assert not has_role(client.get(reverse("portal:home")).wsgi_request.user, Role.UNIT_ADMIN)


def test_r_role_9_the_list_shows_everything_to_managers_and_their_own_to_others(
        client, cast, acting):
    current = _create(cast, acting)
    upcoming = _create(cast, cast.verifier, holder=cast.admin_b, valid_from=_days(3),
                       valid_to=_days(4))
    ended = _create(cast, cast.leader, holder=cast.hr_manager_b)
    delegation_end(delegation=ended, actor=cast.system_manager, reason="Batal.")
    for who in (cast.system_manager, cast.hr_manager_b):
        response = _login(client, who).get(reverse("portal:delegations"))
        assert list(response.context["active"]) == [current]
        assert list(response.context["upcoming"]) == [upcoming]
        assert list(response.context["finished"]) == [ended]
    assert response.context["can_edit"] is False  # the HR manager reads only
    response = _login(client, acting).get(reverse("portal:delegations"))
    assert list(response.context["active"]) == [current]
    assert not response.context["upcoming"] and not response.context["finished"]
    response = _login(client, cast.employee).get(reverse("portal:delegations"))
    assert not response.context["active"]


def test_r_role_9_the_home_page_names_the_appointments_one_takes_part_in(client, cast, acting):
    _create(cast, acting)
    page = _login(client, acting).get(reverse("portal:home")).content.decode()
    assert "ADMIN_DINKES" in page and "Plh" in page
    page = _login(client, cast.admin_a).get(reverse("portal:home")).content.decode()
    assert "KASUBBAG_DINKES" in page
    page = _login(client, cast.verifier).get(reverse("portal:home")).content.decode()
    assert "KASUBBAG_DINKES" not in page


def test_r_role_9_only_the_system_manager_records(client, cast, acting):
    with pytest.raises(DelegationRefused):
        _create(cast, acting, actor=cast.hr_manager_b)
    for who in (cast.hr_manager_b, cast.super_admin, cast.admin_a):
        _login(client, who)
        assert client.get(reverse("portal:delegation_create")).status_code == 404
        assert _post(client, acting).status_code == 404
    assert not Delegation.objects.exists()
