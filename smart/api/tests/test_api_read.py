"""R-INT (Pasal 25), D-7: the read endpoints answer as the pages do — same scope,
same field classes, same audit — to a session and to an API key."""

import pytest
from django.test import Client

from smart.api.services import api_key_create, api_key_revoke
from smart.audit.models import AuditEvent
from smart.references.models import Unit
from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db

API = "/api/v1"


def approved_system_request(cast, unit_code: str | None, *, can_write=False,
                            system="e-Kinerja", **dates):
    """A system access request the Pengelola SMART has approved (Pasal 11b)."""
    from smart.access.models import AccessRequest, AccessStage, Role

    return AccessRequest.objects.create(
        system=system, can_write=can_write, role=Role.LEADERSHIP,
        unit=Unit.objects.get(code=unit_code) if unit_code else None,
        reason="Integrasi Pasal 25.", proposer=cast.system_manager,
        stage=AccessStage.APPROVED, **dates)


def key_for(cast, unit_code, can_write=False):
    """A key issued by the Super Administrator against an approved request."""
    api_key, key = api_key_create(
        actor=cast.super_admin,
        access_request=approved_system_request(cast, unit_code, can_write=can_write))
    return api_key, {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def signed_in(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_anonymous_gets_a_bilingual_401_not_a_redirect(cast):
    response = Client().get(f"{API}/employees")
    assert response.status_code == 401
    body = response.json()
    assert body["code"] == "unauthenticated"
    assert body["message"]["id"].startswith("Masuk dulu")
    assert body["message"]["en"].startswith("Sign in")


def test_unit_admin_lists_only_their_units_employees(client, cast):
    signed_in(client, cast.admin_a)
    ids = {row["id"] for row in client.get(f"{API}/employees?limit=100").json()["items"]}
    assert cast.colleague_a.pk in ids
    assert cast.person_b.pk not in ids


def test_out_of_scope_detail_is_404_in_json(client, cast):
    signed_in(client, cast.admin_a)
    response = client.get(f"{API}/employees/{cast.person_b.pk}")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_detail_masks_identity_numbers_for_a_unit_admin_and_is_audited(client, cast):
    """D-3: a unit admin sees the NIK masked and no address; the read is logged."""
    signed_in(client, cast.admin_a)
    response = client.get(f"{API}/employees/{cast.colleague_a.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["nik"] != cast.colleague_a.nik and "****" in body["nik"]
    assert AuditEvent.objects.filter(action="people.employee.read",
                                     target_id=str(cast.colleague_a.pk),
                                     data__what="api").exists()


def test_verifier_sees_the_full_nik(client, cast):
    signed_in(client, cast.verifier)
    assert client.get(f"{API}/employees/{cast.colleague_a.pk}").json()["nik"] == (
        cast.colleague_a.nik)


def test_cursor_pages_cover_everyone_once_and_cap_at_100(client, cast):
    signed_in(client, cast.verifier)
    seen, cursor = [], ""
    while True:
        page = client.get(f"{API}/employees", {"limit": 2, "cursor": cursor}).json()
        seen += [row["id"] for row in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert len(seen) == len(set(seen)) >= 4
    assert client.get(f"{API}/employees?limit=101").status_code == 422
    forged = client.get(f"{API}/employees?cursor=forged")
    assert (forged.status_code, forged.json()["code"]) == (404, "cursor_unknown")


def test_list_pages_are_audited_with_the_ids_returned(client, cast):
    """security.md §8 case 8: a breach report can name every employee paged through."""
    signed_in(client, cast.admin_a)
    ids = [row["id"] for row in client.get(f"{API}/employees").json()["items"]]
    event = AuditEvent.objects.filter(action="api.employee.list").latest("seq")
    assert event.data["ids"] == ids


def test_key_reads_its_units_only_and_no_specific_data(cast):
    _, headers = key_for(cast, "DINKES")
    client = Client()
    rows = client.get(f"{API}/employees?limit=100", **headers).json()["items"]
    assert {r["id"] for r in rows} >= {cast.colleague_a.pk}
    assert cast.person_b.pk not in {r["id"] for r in rows}
    detail = client.get(f"{API}/employees/{cast.colleague_a.pk}", **headers).json()
    assert detail["nik"] == "(tidak ditampilkan)"
    assert "hukuman-disiplin" not in detail["record_kinds"]
    assert client.get(f"{API}/employees/{cast.colleague_a.pk}/records/hukuman-disiplin",
                      **headers).status_code == 404
    assert client.get(f"{API}/employees/{cast.person_b.pk}", **headers).status_code == 404


def test_key_is_shown_once_stored_hashed_and_stamps_last_use(cast):
    api_key, headers = key_for(cast, "DINKES")
    key = headers["HTTP_AUTHORIZATION"].split()[1]
    assert key not in api_key.key_hash and api_key.prefix in key
    assert api_key.last_used_at is None
    Client().get(f"{API}/units", **headers)
    api_key.refresh_from_db()
    assert api_key.last_used_at is not None


def test_revoked_or_wrong_key_gets_401(cast):
    api_key, headers = key_for(cast, "DINKES")
    client = Client()
    assert client.get(f"{API}/units", **headers).status_code == 200
    tampered = headers["HTTP_AUTHORIZATION"][:-2] + "xx"
    assert client.get(f"{API}/units", HTTP_AUTHORIZATION=tampered).status_code == 401
    api_key_revoke(actor=cast.super_admin, api_key=api_key, reason="Kontrak selesai.")
    assert client.get(f"{API}/units", **headers).status_code == 401


def test_admin_session_without_second_factor_gets_json_401(cast):
    """D-2: the API honours the second factor; no HTML redirect to the code page."""
    client = Client()  # the plain client signs in with the password only
    assert client.login(username=cast.admin_a.username, password=PASSWORD)
    response = client.get(f"{API}/employees")
    assert response.status_code == 401
    assert response.json()["code"] == "second_factor"


def test_employee_reads_own_record_without_second_factor(cast):
    client = Client()
    assert client.login(username=cast.employee.username, password=PASSWORD)
    response = client.get(f"{API}/employees/{cast.employee_record.pk}")
    assert response.status_code == 200


def test_record_kinds_references_and_units(client, cast):
    signed_in(client, cast.employee)
    kinds = client.get(f"{API}/record-kinds").json()
    assert "pangkat" in {k["slug"] for k in kinds}
    tables = {t["name"] for t in client.get(f"{API}/references").json()}
    assert "golongan" in tables
    codes = {c["code"] for c in client.get(f"{API}/references/golongan").json()}
    assert "33" in codes
    assert client.get(f"{API}/references/nothing").status_code == 404
    units = {u["code"]: u for u in client.get(f"{API}/units").json()}
    assert units["DINKES.01"]["parent"] == "DINKES"


def test_entry_list_redacts_family_identity_numbers(client, cast):
    import datetime

    from smart.records.models import Child

    Child.objects.create(employee=cast.colleague_a, name="ANAK", nik="1409025203150001",
                         sex_id=cast.colleague_a.sex_id, birth_place="Teluk Kuantan",
                         birth_date=datetime.date(2015, 3, 12))
    signed_in(client, cast.admin_a)
    items = client.get(f"{API}/employees/{cast.colleague_a.pk}/records/anak").json()["items"]
    assert items[0]["values"]["nik"] == "1409********0001"
    assert client.get(f"{API}/employees/{cast.colleague_a.pk}/records/nothing"
                      ).status_code == 404


def test_headcount_counts_only_what_the_caller_may_see(client, cast):
    signed_in(client, cast.admin_a)
    mine = client.get(f"{API}/statistics/headcount").json()
    client.logout()
    signed_in(client, cast.verifier)
    everyone = client.get(f"{API}/statistics/headcount").json()
    assert 0 < mine["total"] < everyone["total"]


def test_a_system_reads_the_openapi_document_with_its_key(cast):
    """README: another system builds its client from /api/v1/openapi.json with the
    key it was given; without a key (or with a wrong one) it is the sign-in page."""
    api_key, headers = key_for(cast, "DINKES")
    document = Client().get(f"{API}/openapi.json", **headers)
    assert document.status_code == 200 and document.json()["openapi"].startswith("3.1")
    wrong = Client().get(f"{API}/openapi.json",
                         HTTP_AUTHORIZATION=headers["HTTP_AUTHORIZATION"][:-2] + "xx")
    assert wrong.status_code == 302 and "/masuk/" in wrong["Location"]
    api_key_revoke(actor=cast.super_admin, api_key=api_key, reason="Uji pencabutan.")
    assert Client().get(f"{API}/openapi.json", **headers).status_code == 302
    assert Client().get(f"{API}/openapi.json").status_code == 302
