"""R-INT, Pasal 11b + Pasal 25: an API key exists only against an approved system
access request — proposed, approved by the Pengelola SMART, then issued by the
Super Administrator (shown once), with the system, scope and read/write of the
request — and revoking that access revokes the key."""

import datetime

import pytest
from django.test import Client

from smart.access.models import AccessRequest, AccessStage, Role
from smart.api.models import ApiKey
from smart.api.services import KeyRefused, api_key_create
from smart.api.tests.test_api_read import approved_system_request
from smart.audit.models import AuditEvent
from smart.references.models import Unit
from tests.personas import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def _signed_in(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_the_whole_path_from_proposal_to_a_key_shown_once(client, cast):
    """Case: the Pengelola Kepegawaian of Disdik proposes the attendance machine of
    Disdik; another Pengelola SMART approves; the Super Administrator issues it."""
    disdik = Unit.objects.get(code="DISDIK")
    _signed_in(client, cast.hr_manager_b)
    response = client.post("/akses/usul-sistem/", {
        "system": "Mesin absensi Disdik", "unit": disdik.pk, "can_write": "on",
        "reason": "Kirim log sidik jari."})
    access = AccessRequest.objects.get(system="Mesin absensi Disdik")
    assert response.status_code == 302 and access.stage == AccessStage.PROPOSED
    assert access.user is None and access.can_write and access.unit == disdik

    _signed_in(client, cast.system_manager)
    client.post(f"/akses/{access.pk}/langkah/", {"move": "approve"})
    access.refresh_from_db()
    assert access.stage == AccessStage.APPROVED

    _signed_in(client, cast.super_admin)
    page = client.get(f"/akses/{access.pk}/").content.decode()
    assert "Grant access" not in page and 'name="move" value="grant"' not in page
    listing = client.get("/kunci-api/").content.decode()
    assert f'value="{access.pk}"' in listing
    response = client.post("/kunci-api/", {"access_request": access.pk})
    api_key = ApiKey.objects.get()
    shown = response.context["new_key"]
    assert shown.startswith(f"smart_{api_key.prefix}_") and shown in response.content.decode()
    assert shown not in client.get("/kunci-api/").content.decode()
    assert (api_key.system, api_key.can_write, api_key.access_request) == (
        "Mesin absensi Disdik", True, access)
    assert list(api_key.units.all()) == [disdik]
    access.refresh_from_db()
    assert access.stage == AccessStage.GRANTED and access.granted_at is not None
    assert access.events.filter(move="grant").exists()
    assert AuditEvent.objects.filter(action="api.key.create",
                                     data__request=access.pk).exists()
    # Nothing left to issue: the same request cannot give a second key.
    client.post("/kunci-api/", {"access_request": access.pk})
    assert ApiKey.objects.count() == 1


@pytest.mark.parametrize("stage", [AccessStage.PROPOSED, AccessStage.REJECTED,
                                   AccessStage.WITHDRAWN])
def test_no_key_without_an_approval(cast, stage):
    access = approved_system_request(cast, "DINKES")
    AccessRequest.objects.filter(pk=access.pk).update(stage=stage)
    with pytest.raises(KeyRefused, match="sudah disetujui"):
        api_key_create(actor=cast.super_admin, access_request=access)
    assert not ApiKey.objects.exists()


def test_no_key_for_a_users_request_nor_by_anyone_but_the_super_admin(cast):
    person = AccessRequest.objects.create(
        user=cast.admin_b, role=Role.HR_MANAGER, unit=Unit.objects.get(code="DISDIK"),
        reason="Pengelola baru.", proposer=cast.hr_manager_b, stage=AccessStage.APPROVED)
    with pytest.raises(KeyRefused, match="bukan untuk sistem"):
        api_key_create(actor=cast.super_admin, access_request=person)
    system = approved_system_request(cast, "DINKES")
    with pytest.raises(KeyRefused, match="tidak berwenang"):
        api_key_create(actor=cast.system_manager, access_request=system)
    assert not ApiKey.objects.exists()


def test_the_super_admin_does_not_issue_a_key_they_proposed(cast):
    make_user("pengelola2", Role.SYSTEM_MANAGER)
    access = approved_system_request(cast, None)
    AccessRequest.objects.filter(pk=access.pk).update(proposer=cast.super_admin)
    access.refresh_from_db()
    with pytest.raises(KeyRefused, match="tidak berwenang"):
        api_key_create(actor=cast.super_admin, access_request=access)


def test_a_whole_regency_request_gives_the_root_unit(cast):
    api_key, _key = api_key_create(actor=cast.super_admin,
                                   access_request=approved_system_request(cast, None))
    assert [u.depth for u in api_key.units.all()] == [1]


def test_revoking_the_access_revokes_the_key(client, cast):
    access = approved_system_request(cast, "DINKES")
    api_key, key = api_key_create(actor=cast.super_admin, access_request=access)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    assert Client().get("/api/v1/units", **headers).status_code == 200
    _signed_in(client, cast.super_admin)
    assert f"/kunci-api/{api_key.pk}/cabut/" in client.get(f"/akses/{access.pk}/").content.decode()
    client.post(f"/kunci-api/{api_key.pk}/cabut/", {"reason": "", "back": "request"})
    api_key.refresh_from_db()
    assert api_key.revoked_at is None  # a reason is required
    response = client.post(f"/kunci-api/{api_key.pk}/cabut/",
                           {"reason": "Kontrak selesai.", "back": "request"})
    assert response["Location"] == f"/akses/{access.pk}/"
    api_key.refresh_from_db()
    assert api_key.revoked_at is not None and not api_key.account.is_active
    assert access.events.filter(move="revoke", note="Kontrak selesai.").exists()
    assert Client().get("/api/v1/units", **headers).status_code == 401


def test_a_key_stops_at_the_end_of_its_approved_validity(cast):
    today = datetime.date.today()
    access = approved_system_request(cast, "DINKES", valid_to=today - datetime.timedelta(1))
    _api_key, key = api_key_create(actor=cast.super_admin, access_request=access)
    response = Client().get("/api/v1/units", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 401


def test_the_system_proposal_is_refused_outside_the_proposers_scope(client, cast):
    _signed_in(client, cast.hr_manager_b)  # Disdik's HR manager
    client.post("/akses/usul-sistem/", {"system": "Absensi", "reason": "Uji."})  # regency
    client.post("/akses/usul-sistem/", {"system": "Absensi", "reason": "Uji.",
                                        "unit": Unit.objects.get(code="DINKES").pk})
    assert not AccessRequest.objects.filter(system="Absensi").exists()
