"""Attack cases 4 and 5 (security.md §8), checklist Z5 and Z6: extra fields in
a POST or a query string change nothing, and a unit admin cannot move people
between units.

Every form an employee or a unit admin can post is attacked with the same
smuggled fields; the rows are compared whole, before and after.
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse

from smart.access.models import Role, RoleAssignment
from smart.accounts.models import User
from smart.changes.models import ChangeRequest, Stage
from smart.changes.services import request_move
from smart.changes.targets import IDENTITY_FIELDS
from smart.documents.models import DocumentType
from smart.documents.tests.samples import pdf_bytes, upload
from smart.people.models import Employee
from smart.records.models import PositionHistory, RankHistory
from smart.records.registry import REGISTRY
from smart.records.services import record_save
from smart.references.models import Golongan, PositionType, Unit
from tests.attacks.scenery import rank_proposal
from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db


def smuggled(cast) -> dict:
    """Case 4's extra fields: the unit, the rank, stage and validation flags, the
    account's rights, the role, and other people."""
    return {
        "unit": Unit.objects.get(code="DISDIK").pk, "unit_kerja": "DISDIK",
        "unit_id": Unit.objects.get(code="DISDIK").pk,
        "golongan_id": Golongan.objects.get(code="45").pk, "asn_kind": "PPPK",
        "nip": "199001012015031999", "legal_status": "1",
        "stage": Stage.VALIDATED, "status_verifikasi": "DISETUJUI", "route": "koreksi-langsung",
        "validated_by": cast.verifier.pk, "validated_at": "2020-01-01T00:00",
        "applied_entry_id": "1", "is_staff": "1", "is_superuser": "1", "is_active": "1",
        "role": Role.SYSTEM_MANAGER, "all": "1", "ignore_permissions": "1",
        "employee": cast.colleague_a.pk, "employee_id": cast.colleague_a.pk,
        "user": cast.admin_a.pk, "proposer": cast.admin_a.pk,
    }


def rows(cast) -> dict:
    """Everything a smuggled field could reach."""
    return {
        "employees": list(Employee.objects.order_by("pk").values()),
        "users": list(User.objects.order_by("pk").values(
            "pk", "is_staff", "is_superuser", "is_active", "username", "full_name")),
        "roles": list(RoleAssignment.objects.order_by("pk").values()),
        "ranks": list(RankHistory.objects.order_by("pk").values()),
    }


def _login(client, user):
    client.logout()
    assert client.login(username=user.username, password=PASSWORD)


def _identity_proposal(cast, **extra) -> dict:
    """The employee's own core data as the form shows it, with a new phone number."""
    employee = cast.employee_record
    data = {}
    for name in IDENTITY_FIELDS:
        field = Employee._meta.get_field(name)
        value = getattr(employee, field.attname)
        data[name] = "" if value is None else value
    data["birth_date"] = employee.birth_date.isoformat()
    data.update(phone="081234567890", kirim="1",
                **{"dokumen-document_type": DocumentType.objects.get(code="KTP").pk,
                   "dokumen-file": upload("ktp.pdf", pdf_bytes())})
    data.update(extra)
    return data


def test_case_4_a_proposal_keeps_only_its_form_fields_up_to_validation(client, cast):
    """Case 4 / Z5: the employee's core-data proposal carries the unit, golongan,
    validated flags, is_staff and a role: the request holds only the phone
    number, nothing changes before validation, and validation changes only it."""
    before = rows(cast)
    _login(client, cast.employee)
    url = reverse("changes:propose", args=[cast.employee_record.pk, "identitas"])
    response = client.post(url, _identity_proposal(cast, **smuggled(cast)))
    assert response.status_code == 302, response.content.decode()[:2000]
    change = ChangeRequest.objects.get()
    assert (change.employee, change.proposer, change.stage, change.route) == (
        cast.employee_record, cast.employee, Stage.SUBMITTED, "perbup-35-2020")
    assert change.applied_entry_id is None
    assert set(change.proposed) <= set(IDENTITY_FIELDS)
    assert {k for k in change.proposed if change.proposed[k] != change.based_on.get(k)} == {
        "phone"}
    assert rows(cast) == before
    for user, move in ((cast.admin_a, "forward"), (cast.verifier, "verify"),
                       (cast.verifier, "synchronise"), (cast.verifier, "validate")):
        change = request_move(request=change, move_name=move, actor=user)
    after = rows(cast)
    changed = {k for k, v in after["employees"][[e["id"] for e in after["employees"]].index(
        cast.employee_record.pk)].items()
        if before["employees"][[e["id"] for e in before["employees"]].index(
            cast.employee_record.pk)][k] != v}
    assert changed <= {"phone", "updated_at"} and "phone" in changed
    assert after["users"] == before["users"] and after["roles"] == before["roles"]


def test_case_4_an_entry_proposal_cannot_name_another_employee_or_be_pre_validated(
        client, cast):
    """Case 4: a rank proposal with ``employee``, ``validated_by`` and a stage in
    the body: validated, the entry is the employee's and stamped by the
    verifier who validated it, never by the smuggled values."""
    _login(client, cast.employee)
    extra = smuggled(cast)
    extra.pop("golongan_id")
    response = client.post(reverse("changes:propose", args=[cast.employee_record.pk,
                                                            "pangkat"]),
                           rank_proposal(**extra))
    assert response.status_code == 302
    change = ChangeRequest.objects.get()
    assert change.stage == Stage.SUBMITTED and not RankHistory.objects.exists()
    for user, move in ((cast.admin_a, "forward"), (cast.verifier, "verify"),
                       (cast.verifier, "synchronise"), (cast.verifier, "validate")):
        change = request_move(request=change, move_name=move, actor=user)
    entry = RankHistory.objects.get()
    assert entry.employee_id == cast.employee_record.pk
    assert entry.validated_by == cast.verifier


def test_case_4_a_revision_and_a_move_ignore_smuggled_fields(client, cast):
    """Case 4: the revision form (returned request) and the move form carry the
    same extras; the request's employee, proposer and route stay."""
    _login(client, cast.employee)
    client.post(reverse("changes:propose", args=[cast.employee_record.pk, "pangkat"]),
                rank_proposal())
    change = ChangeRequest.objects.get()
    request_move(request=change, move_name="return", actor=cast.admin_a, note="Kurang SK")
    before = rows(cast)
    edit = rank_proposal(sk_number="823/BKPP/2018/2", **smuggled(cast))
    assert client.post(reverse("changes:edit", args=[change.pk]), edit).status_code == 302
    change.refresh_from_db()
    assert change.stage == Stage.SUBMITTED  # sent again, not validated
    assert (change.employee_id, change.proposer_id, change.route) == (
        cast.employee_record.pk, cast.employee.pk, "perbup-35-2020")
    assert change.proposed["sk_number"] == "823/BKPP/2018/2"
    _login(client, cast.admin_a)
    client.post(reverse("changes:move", args=[change.pk]),
                {"move": "forward", "note": "", **smuggled(cast)})
    change.refresh_from_db()
    assert (change.stage, change.proposer_id, change.route) == (
        Stage.VERIFICATION, cast.employee.pk, "perbup-35-2020")
    assert rows(cast) == before


@pytest.mark.parametrize("who", ["employee", "admin_a"])
def test_case_4_the_account_forms_do_not_grant_rights(client, cast, who):
    """Case 4: the password change, the second-factor and notification forms
    with is_staff, is_superuser and role: the account is the same but for the
    password, and no role is added."""
    user = getattr(cast, who)
    _login(client, user)
    before = rows(cast)
    client.post(reverse("accounts:password_change"), {
        "old_password": PASSWORD, "new_password1": "Kuansing-Baru-2026!x",
        "new_password2": "Kuansing-Baru-2026!x", **smuggled(cast)})
    client.post(reverse("notifications:mark_all"), smuggled(cast))
    client.post(reverse("accounts:backup_codes"), smuggled(cast))
    after = rows(cast)
    assert after == before
    assert User.objects.get(pk=user.pk).check_password("Kuansing-Baru-2026!x")


def _normalised(html: str) -> str:
    """A page without what differs between any two requests: tokens, nonces and
    the language form's echo of the address."""
    html = re.sub(r'(csrfmiddlewaretoken" value=|"X-CSRFToken": |nonce=)"[^"]*"', r"\1", html)
    return re.sub(r'name="next" type="hidden" value="[^"]*"', "", html)


FUZZ = {"all": "1", "unit_id": "", "ignore_permissions": "1", "is_staff": "1",
        "role": Role.SYSTEM_MANAGER, "scope": "all", "everything": "true"}


@pytest.mark.parametrize("page", ["people:employee_list", "changes:inbox", "changes:mine",
                                  "notifications:list", "releases:list", "portal:home"])
def test_z6_extra_query_parameters_change_no_page(client, cast, page):
    """Z6: a unit admin's pages with ``all``, ``unit_id`` (of unit B),
    ``ignore_permissions``, ``is_staff`` and ``role`` are the baseline page."""
    _login(client, cast.admin_a)
    url = reverse(page)
    baseline = client.get(url)
    fuzzed = client.get(url, {**FUZZ, "unit_id": Unit.objects.get(code="DISDIK").pk})
    assert fuzzed.status_code == baseline.status_code == 200
    assert _normalised(fuzzed.content.decode()) == _normalised(baseline.content.decode())
    assert cast.person_b.nip_grouped not in fuzzed.content.decode()


def test_z6_a_foreign_unit_in_the_list_filter_shows_nothing(client, cast):
    """Z6 / Z3: the list's own ``unit`` filter set to unit B is refused with an
    error and no rows, never widened."""
    _login(client, cast.admin_a)
    response = client.get(reverse("people:employee_list"),
                          {"unit": Unit.objects.get(code="DISDIK").pk})
    body = response.content.decode()
    assert cast.person_b.nip_grouped not in body and cast.colleague_a.nip_grouped not in body


# --- case 5: moving people between units ------------------------------------------

def _position(unit_code: str) -> dict:
    return {"position_name": "Guru Ahli Pertama", "position_type": PositionType.objects.get(
        code="2").pk, "unit": Unit.objects.get(code=unit_code).pk, "tmt": "2024-01-01",
        "sk_number": "821/DISDIK/2024/1", "sk_date": "2023-12-20",
        "dokumen-document_type": DocumentType.objects.get(code="SK_JABATAN").pk,
        "dokumen-file": upload("sk.pdf", pdf_bytes()), "reason": "Mutasi", "kirim": "1"}


def test_case_5_a_unit_admin_cannot_move_anyone_between_units(client, cast):
    """Case 5 / Z5: unit A's admin posts a position in unit A for unit B's teacher,
    and a position in unit B for their own colleague, by direct correction and
    by proposal: all 404, nobody's unit changes, no request exists."""
    _login(client, cast.admin_a)
    attempts = [
        ("changes:direct", cast.person_b, "DINKES.01"),
        ("changes:direct", cast.colleague_a, "DISDIK.01"),
        ("changes:propose", cast.person_b, "DINKES.01"),
        ("changes:propose", cast.colleague_a, "DISDIK.01"),
    ]
    for name, employee, unit in attempts:
        url = reverse(name, args=[employee.pk, "jabatan"])
        assert client.post(url, _position(unit)).status_code == 404, url
    assert not PositionHistory.objects.exists() and not ChangeRequest.objects.exists()
    assert Employee.objects.get(pk=cast.person_b.pk).unit.code.startswith("DISDIK")
    assert Employee.objects.get(pk=cast.colleague_a.pk).unit.code.startswith("DINKES")


def test_case_5_a_unit_admin_cannot_forward_their_own_move_to_another_unit(client, cast):
    """Case 5: the unit admin proposes their own move to unit B (as an employee
    may); they cannot forward it themselves — another admin of the unit must."""
    _login(client, cast.admin_a)
    url = reverse("changes:propose", args=[cast.admin_a.employee.pk, "jabatan"])
    assert client.post(url, _position("DISDIK.01")).status_code == 302
    change = ChangeRequest.objects.get()
    client.post(reverse("changes:move", args=[change.pk]), {"move": "forward"})
    change.refresh_from_db()
    assert change.stage == Stage.SUBMITTED
    assert Employee.objects.get(pk=cast.admin_a.employee.pk).unit.code == "DINKES.01"


def test_case_5_after_a_validated_transfer_the_old_unit_loses_access_at_once(client, cast):
    """Case 5: once a verifier validates the colleague's move to unit B, unit A's
    admin gets a 404 on the next request and unit B's admin reads the record."""
    _login(client, cast.admin_a)
    profile = reverse("records:profile", args=[cast.colleague_a.pk])
    assert client.get(profile).status_code == 200
    record_save(kind=REGISTRY["jabatan"], employee=cast.colleague_a, values={
        "position_name": "Guru", "position_type": PositionType.objects.get(code="2"),
        "unit": Unit.objects.get(code="DISDIK.01"), "tmt": datetime.date(2024, 1, 1),
        "sk_number": "821/2024/1", "sk_date": datetime.date(2023, 12, 20)},
        actor=cast.verifier, reason="Mutasi", validate=True)
    assert client.get(profile).status_code == 404
    _login(client, cast.admin_b)
    assert client.get(profile).status_code == 200


def test_case_4_a_release_request_cannot_arrive_approved(client, cast):
    """Case 4 on the data-release form a unit admin posts (from the gate's
    link): stage, approver, validity and another requester in the body; the
    release is the admin's own, requested, unapproved."""
    from smart.releases.gate import export_token
    from smart.releases.models import DataRelease, ReleaseStage
    from tests.attacks.scenery import drh_export

    _login(client, cast.admin_a)
    token = export_token(cast.admin_a, drh_export(cast.colleague_a))
    response = client.post(reverse("releases:request", args=[token]), {
        "purpose": "Bahan rapat.", "stage": ReleaseStage.APPROVED,
        "approver": cast.system_manager.pk, "valid_until": "2030-01-01T00:00",
        "requester": cast.verifier.pk, "includes_specific": "", "rows": "1",
        "export_code": "people.all", **smuggled(cast)})
    assert response.status_code == 302
    release = DataRelease.objects.get()
    assert (release.requester, release.stage, release.approver, release.valid_until) == (
        cast.admin_a, ReleaseStage.REQUESTED, None, None)
    assert release.export_code == "records.drh" and release.includes_specific is True
