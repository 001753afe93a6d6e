"""security.md D-3: the field-class table is editable by the Pengelola SMART,
cell by cell with a reason, audited; the verifier and system-manager rows are
fixed; an override changes what a unit admin sees on the profile."""

from __future__ import annotations

import pytest
from django.urls import reverse

from smart.access.fields import D3_TABLE, LOCKED_ROLES, d3_table, specific_access
from smart.access.models import Access, FieldClass, FieldGrant, Role
from smart.audit.models import AuditEvent
from smart.audit.services import audit_verify_chain
from smart.portal.field_class_services import FieldGrantRefused, field_grant_set
from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db


def _login(client, user):
    client.logout()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def _change(client, role, field_class, access, reason="Minimisasi data (UU 27/2022)."):
    return client.post(reverse("portal:field_class_change"), {
        "role": role, "field_class": field_class, "access": int(access), "reason": reason})


def test_d3_an_override_hides_the_masked_nik_from_the_unit_admin(client, cast):
    employee = cast.employee_record  # unit A (Dinkes)
    masked = employee.nik[:4] + "********" + employee.nik[-4:]
    _login(client, cast.admin_a)
    profile = reverse("records:profile", args=[employee.pk])
    assert masked in client.get(profile).content.decode()

    _login(client, cast.system_manager)
    response = _change(client, Role.UNIT_ADMIN, FieldClass.IDENTITY, Access.NONE)
    assert response.status_code == 302
    grant = FieldGrant.objects.get(role=Role.UNIT_ADMIN, field_class=FieldClass.IDENTITY)
    assert grant.access == Access.NONE and grant.changed_by == cast.system_manager

    _login(client, cast.admin_a)
    page = client.get(profile).content.decode()
    assert masked not in page and employee.nik not in page
    assert "(tidak ditampilkan)" in page
    # The HR manager row keeps its own default: one cell changed, not a column.
    assert d3_table()[Role.HR_MANAGER][FieldClass.IDENTITY] == Access.MASKED


def test_d3_each_change_is_audited_with_before_after_and_reason(client, cast):
    _login(client, cast.system_manager)
    _change(client, Role.LEADERSHIP, FieldClass.DISCIPLINE, Access.MASKED, reason="Uji")
    event = AuditEvent.objects.get(action="access.field_grant.set")
    assert event.actor == cast.system_manager
    assert event.data == {"role": Role.LEADERSHIP, "field_class": "discipline",
                          "before": "none", "after": "masked", "default": "none",
                          "reason": "Uji"}
    assert audit_verify_chain() is None


def test_d3_setting_a_cell_back_to_its_default_removes_the_override(cast):
    field_grant_set(actor=cast.system_manager, role=Role.HR_MANAGER,
                    field_class=FieldClass.DISCIPLINE, access=Access.NONE, reason="a")
    assert FieldGrant.objects.count() == 1
    field_grant_set(actor=cast.system_manager, role=Role.HR_MANAGER,
                    field_class=FieldClass.DISCIPLINE, access=Access.FULL, reason="b")
    assert not FieldGrant.objects.exists()
    assert AuditEvent.objects.filter(action="access.field_grant.set").count() == 2
    assert d3_table() == D3_TABLE


@pytest.mark.parametrize("role", sorted(LOCKED_ROLES))
def test_d3_the_verifier_and_manager_rows_cannot_be_lowered(client, cast, role):
    with pytest.raises(FieldGrantRefused, match="tidak dapat diubah"):
        field_grant_set(actor=cast.system_manager, role=role,
                        field_class=FieldClass.IDENTITY, access=Access.NONE, reason="x")
    _login(client, cast.system_manager)
    _change(client, role, FieldClass.IDENTITY, Access.NONE)
    assert not FieldGrant.objects.exists()
    # Even a row written behind the service's back is ignored for these roles.
    FieldGrant.objects.create(role=role, field_class=FieldClass.IDENTITY,
                              access=Access.NONE, reason="x")
    assert d3_table()[role][FieldClass.IDENTITY] == Access.FULL
    assert all(level == Access.FULL for level in D3_TABLE[role].values())


def test_d3_the_employee_still_sees_their_own_record_in_full(cast):
    for field_class in (FieldClass.IDENTITY, FieldClass.DISCIPLINE):
        field_grant_set(actor=cast.system_manager, role=Role.UNIT_ADMIN,
                        field_class=field_class, access=Access.NONE, reason="x")
    access = specific_access(cast.admin_a, unit_path=cast.admin_a.employee.unit.path,
                             is_own=True)
    assert set(access.values()) == {Access.FULL}


def test_d3_only_the_system_manager_may_change_a_cell(cast):
    for user in (cast.hr_manager_b, cast.super_admin, cast.verifier, cast.admin_a):
        with pytest.raises(FieldGrantRefused):
            field_grant_set(actor=user, role=Role.UNIT_ADMIN,
                            field_class=FieldClass.IDENTITY, access=Access.FULL, reason="x")
    assert not FieldGrant.objects.exists()


@pytest.mark.parametrize("who", ["admin_a", "hr_manager_b", "verifier", "super_admin",
                                 "employee", "leader"])
def test_d3_others_get_404_on_the_page_and_the_change(client, cast, who):
    _login(client, getattr(cast, who))
    assert client.get(reverse("portal:field_classes")).status_code == 404
    assert _change(client, Role.UNIT_ADMIN, FieldClass.IDENTITY, Access.FULL).status_code == 404
    assert not FieldGrant.objects.exists()


def test_d3_a_change_needs_a_reason(client, cast):
    _login(client, cast.system_manager)
    _change(client, Role.UNIT_ADMIN, FieldClass.IDENTITY, Access.NONE, reason="")
    assert not FieldGrant.objects.exists()
    with pytest.raises(FieldGrantRefused, match="Alasan"):
        field_grant_set(actor=cast.system_manager, role=Role.UNIT_ADMIN,
                        field_class=FieldClass.IDENTITY, access=Access.NONE, reason="  ")


def test_d3_the_page_shows_the_matrix_with_defaults_and_overrides(client, cast):
    field_grant_set(actor=cast.system_manager, role=Role.DIVISION_ADMIN,
                    field_class=FieldClass.DISCIPLINE, access=Access.MASKED,
                    reason="Rekap hukuman disiplin per bidang.")
    _login(client, cast.system_manager)
    response = client.get(reverse("portal:field_classes"))
    assert response.status_code == 200
    rows = {row["role"]: row for row in response.context["rows"]}
    assert set(rows) == set(D3_TABLE)
    assert rows[Role.VERIFIER]["locked"] and not rows[Role.UNIT_ADMIN]["locked"]
    cell = next(c for c in rows[Role.DIVISION_ADMIN]["cells"]
                if c["field_class"] == FieldClass.DISCIPLINE)
    assert cell["access"] == Access.MASKED and cell["default"] == Access.NONE
    assert "Rekap hukuman disiplin per bidang." in response.content.decode()


def test_d3_the_overrides_cost_one_query_per_request_and_none_for_full_roles(
        cast, django_assert_num_queries):
    path = cast.colleague_a.unit.path
    specific_access(cast.admin_a, unit_path=path, is_own=False)  # loads roles + table
    with django_assert_num_queries(0):
        specific_access(cast.admin_a, unit_path=path, is_own=False)
    specific_access(cast.verifier, unit_path=path, is_own=False)
    assert getattr(cast.verifier, "_smart_d3", None) is None
