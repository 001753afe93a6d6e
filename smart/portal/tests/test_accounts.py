"""Account management (Pasal 11; security.md A9, S4, S5): the super administrator
and the SMART manager open accounts, send single-use password links, deactivate,
end sessions and reset a lost second factor — never setting a password."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from smart.access.models import Role, RoleAssignment
from smart.accounts.models import User
from smart.audit.models import AuditEvent
from tests.personas import PASSWORD, make_employee

pytestmark = pytest.mark.django_db

LIST = reverse("portal:accounts")
NEW = reverse("portal:account_new")


def _action(account, name):
    return reverse("portal:account_action", args=[account.pk, name])


def test_the_list_finds_accounts_by_nip_with_spaces_and_shows_their_roles(client, cast):
    person = make_employee("DINKES.01")
    account = User.objects.create_user(username=person.nip, password=PASSWORD)
    RoleAssignment.objects.create(user=account, role=Role.EMPLOYEE)
    client.force_login(cast.super_admin)
    page = client.get(LIST, {"q": person.nip_grouped}).content.decode()
    assert person.nip in page and "Pegawai" in page
    assert cast.verifier.username not in page


def test_the_list_costs_the_same_queries_for_few_and_many_accounts(
        client, cast, django_assert_max_num_queries):
    client.force_login(cast.super_admin)
    client.get(LIST)
    for i in range(30):
        User.objects.create_user(username=f"staf{i}", password=PASSWORD)
    with django_assert_max_num_queries(12):
        assert client.get(LIST).status_code == 200


def test_opening_an_employee_account_links_the_record_and_mails_a_link(client, cast):
    person = make_employee("DINKES.01", name="SITI AMINAH")
    client.force_login(cast.super_admin)
    response = client.post(NEW, {"username": person.nip_grouped,
                                 "email": "siti@kuansing.go.id"})
    account = User.objects.get(username=person.nip)
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.user == account and account.full_name == "SITI AMINAH"
    assert not account.has_usable_password()  # A9: nobody typed a password for her
    assert len(mail.outbox) == 1 and "/akun/atur-sandi/" in mail.outbox[0].body
    assert AuditEvent.objects.filter(action="people.employee.account_open").exists()


def test_an_unknown_nip_is_refused_with_a_clear_message(client, cast):
    client.force_login(cast.super_admin)
    page = client.post(NEW, {"username": "199001012015031001", "email": "x@kuansing.go.id"})
    assert "tidak ada dalam data pegawai" in page.content.decode()
    assert not User.objects.filter(username="199001012015031001").exists()


def test_a_second_account_for_the_same_employee_is_refused(client, cast):
    client.force_login(cast.super_admin)
    nip = cast.employee_record.nip
    page = client.post(NEW, {"username": nip, "email": "x@kuansing.go.id"})
    assert "sudah memiliki akun" in page.content.decode()
    assert not User.objects.filter(username=nip).exists()


def test_a_staff_account_needs_a_full_name(client, cast):
    client.force_login(cast.system_manager)
    page = client.post(NEW, {"username": "operator.diskominfo", "email": "op@kuansing.go.id"})
    assert "Nama lengkap wajib" in page.content.decode()
    client.post(NEW, {"username": "operator.diskominfo", "full_name": "Operator",
                      "email": "op@kuansing.go.id"})
    assert User.objects.filter(username="operator.diskominfo").exists()


def test_deactivation_needs_a_reason_and_ends_the_sessions(client, cast):
    victim = Client()
    victim.post(reverse("accounts:login"), {"username": cast.employee.username,
                                            "password": PASSWORD})
    assert victim.get(reverse("portal:home")).status_code == 200
    client.force_login(cast.super_admin)
    client.post(_action(cast.employee, "deactivate"), {"reason": ""})
    cast.employee.refresh_from_db()
    assert cast.employee.is_active
    client.post(_action(cast.employee, "deactivate"), {"reason": "Pensiun per 1-12-2026."})
    cast.employee.refresh_from_db()
    assert not cast.employee.is_active
    assert victim.get(reverse("portal:home")).status_code == 302
    event = AuditEvent.objects.get(action="accounts.user.deactivate")
    assert event.data["reason"] == "Pensiun per 1-12-2026." and event.data["sessions_ended"] == 1


def test_the_manager_cannot_deactivate_themselves(client, cast):
    client.force_login(cast.super_admin)
    client.post(_action(cast.super_admin, "deactivate"), {"reason": "coba"})
    cast.super_admin.refresh_from_db()
    assert cast.super_admin.is_active


def test_sign_out_everywhere_and_reset_of_the_second_factor(client, cast):
    TOTPDevice.objects.create(user=cast.admin_a, name="ponsel", confirmed=True)
    other = Client()
    other.force_login(cast.admin_a)
    client.force_login(cast.system_manager)
    client.post(_action(cast.admin_a, "end_sessions"))
    assert other.get(reverse("portal:home")).status_code == 302
    client.post(_action(cast.admin_a, "reset_second_factor"), {"reason": "Ponsel hilang."})
    assert not TOTPDevice.objects.filter(user=cast.admin_a).exists()


def test_a_password_link_goes_to_the_recorded_address_only(client, cast):
    client.force_login(cast.super_admin)
    page = client.post(_action(cast.employee, "send_link"), follow=True).content.decode()
    assert "belum memiliki alamat e-mail" in page and mail.outbox == []
    client.post(_action(cast.employee, "email"), {"email": "pegawai@kuansing.go.id"})
    client.post(_action(cast.employee, "send_link"))
    assert mail.outbox[0].to == ["pegawai@kuansing.go.id"]
    assert re.search(r"/akun/atur-sandi/\S+/", mail.outbox[0].body)


def test_nobody_else_manages_accounts(client, cast):
    for persona in (cast.verifier, cast.admin_a, cast.hr_manager_b, cast.employee):
        client.force_login(persona)
        assert client.post(_action(cast.leader, "deactivate"),
                           {"reason": "x"}).status_code == 404
    cast.leader.refresh_from_db()
    assert cast.leader.is_active


def test_an_unknown_action_is_a_404(client, cast):
    client.force_login(cast.super_admin)
    assert client.post(_action(cast.leader, "make_superuser")).status_code == 404


def test_system_accounts_behind_api_keys_are_not_managed_here(client, cast):
    """A password link would make a system account into a person who signs in."""
    from tests.test_access_matrix import make_api_key

    system = make_api_key(cast).account
    client.force_login(cast.super_admin)
    assert system.username not in client.get(LIST).content.decode()
    assert client.get(reverse("portal:account_detail", args=[system.pk])).status_code == 404
    assert client.post(_action(system, "email"),
                       {"email": "x@kuansing.go.id"}).status_code == 404
    system.refresh_from_db()
    assert system.email == ""
