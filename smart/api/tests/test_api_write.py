"""R-INT (Pasal 25): receivers are validated and idempotent; bad input is a
documented JSON 4xx and writes nothing; change requests keep the UI's rules."""

import json

import pytest
from django.test import Client

from smart.api.models import AttendanceLog, SkpResult
from smart.api.tests.test_api_read import API, key_for, signed_in
from smart.audit.models import AuditEvent
from smart.changes.models import Action, ChangeRequest, Stage

pytestmark = pytest.mark.django_db


def post(client, path, body, **headers):
    return client.post(f"{API}{path}", data=json.dumps(body) if not isinstance(body, str)
                       else body, content_type="application/json", **headers)


def skp_batch(cast):
    return {"source": "e-Kinerja", "rows": [
        {"nip": cast.colleague_a.nip, "year": 2025, "rating": "Baik",
         "appraiser_name": "KEPALA PUSKESMAS"},
        {"nip": cast.person_b.nip, "year": 2025, "rating": "Baik",
         "appraiser_name": "KEPALA SEKOLAH"},
    ]}


def test_skp_batch_twice_stores_each_result_once_and_refuses_out_of_scope_nips(cast):
    _, headers = key_for(cast, "DINKES", can_write=True)
    client = Client()
    first = post(client, "/skp-results", skp_batch(cast), **headers).json()
    assert first["created"] == 1
    assert first["refused"] == [{"index": 1, "nip": cast.person_b.nip,
                                 "reason": "NIP tidak dikenal."}]
    second = post(client, "/skp-results", skp_batch(cast), **headers).json()
    assert (second["created"], second["duplicates"]) == (0, 1)
    result = SkpResult.objects.get()
    assert (result.employee, result.source) == (cast.colleague_a, "e-Kinerja")
    assert AuditEvent.objects.filter(action="api.skp.receive").count() == 2


def test_attendance_bulk_is_idempotent_and_keeps_its_source(cast):
    _, headers = key_for(cast, "DINKES", can_write=True)
    rows = [{"nip": cast.colleague_a.nip, "at": f"2026-12-01T07:{m:02d}:00+07:00",
             "device": "FP-PKM05"} for m in range(10)]
    batch = {"source": "Solution X100", "rows": rows + rows[:1]}
    client = Client()
    first = post(client, "/attendance-logs", batch, **headers).json()
    assert (first["created"], first["duplicates"]) == (10, 1)
    assert post(client, "/attendance-logs", batch, **headers).json()["created"] == 0
    assert AttendanceLog.objects.count() == 10
    assert set(AttendanceLog.objects.values_list("source", flat=True)) == {"Solution X100"}


def test_read_only_key_and_people_may_not_send(client, cast):
    _, headers = key_for(cast, "DINKES")
    response = post(Client(), "/skp-results", skp_batch(cast), **headers)
    assert response.status_code == 403
    assert response.json()["code"] == "write_not_allowed"
    signed_in(client, cast.verifier)
    assert post(client, "/skp-results", skp_batch(cast)).status_code == 403
    assert not SkpResult.objects.exists()


@pytest.mark.parametrize("body, status", [
    ("{not json", 400),
    ({"rows": [{"nip": "1", "at": "yesterday", "device": ""}], "source": "x"}, 422),
    ({"rows": [], "source": "x"}, 422),
    ({"rows": [{"nip": "198503122010012001", "at": "2026-12-01T07:00:00+07:00",
                "device": "A", "is_staff": True}], "source": "x"}, 422),  # unknown field
    ({"rows": [{"nip": "198503122010012001", "at": "2026-12-01T07:00:00",
                "device": "A"}], "source": "x"}, 422),  # no UTC offset
    ("[" + "1," * 2_000_000 + "1]", 413),
])
def test_bad_input_is_a_bilingual_4xx_and_writes_nothing(cast, settings, body, status):
    _, headers = key_for(cast, "DINKES", can_write=True)
    response = post(Client(), "/attendance-logs", body, **headers)
    assert response.status_code == status
    assert set(response.json()["message"]) == {"id", "en"}
    assert not AttendanceLog.objects.exists()


def test_moves_keep_the_self_action_ban_and_the_scope(client, cast):
    """R-PROC-2, security.md §8 case 6: nobody moves their own request."""
    from tests.test_access_matrix import make_request

    change = make_request(cast)  # the plain employee's request, submitted
    signed_in(client, cast.admin_b)  # another unit: the request does not exist for them
    assert post(client, f"/change-requests/{change.pk}/moves",
                {"move": "forward"}).status_code == 404
    client.logout()
    signed_in(client, cast.employee)  # a party: may not forward
    response = post(client, f"/change-requests/{change.pk}/moves", {"move": "forward"})
    assert response.status_code == 403
    client.logout()
    signed_in(client, cast.admin_a)
    response = post(client, f"/change-requests/{change.pk}/moves", {"move": "forward"})
    assert response.status_code == 200
    assert response.json()["stage"] == Stage.VERIFICATION
    change.refresh_from_db()
    assert change.stage == Stage.VERIFICATION


def test_keys_do_not_work_on_change_requests(cast):
    _, headers = key_for(cast, "DINKES", can_write=True)
    assert Client().get(f"{API}/change-requests", **headers).status_code == 403


@pytest.mark.parametrize("who", ["leader", "division_admin"])
def test_the_list_leaves_out_requests_about_kinds_hidden_from_the_caller(client, cast, who):
    """A discipline-record request is a 404 in detail for roles whose field
    classes hide discipline records; the list must not show it either, but its
    proposer still finds it there."""
    hidden = ChangeRequest.objects.create(
        employee=cast.employee_record, kind="hukuman-disiplin", action=Action.ADD,
        proposer=cast.employee, stage=Stage.SUBMITTED)
    shown = ChangeRequest.objects.create(
        employee=cast.employee_record, kind="orang-tua", action=Action.ADD,
        proposer=cast.employee, stage=Stage.SUBMITTED)
    signed_in(client, getattr(cast, who))
    assert client.get(f"{API}/change-requests/{hidden.pk}").status_code == 404
    listed = [r["id"] for r in client.get(f"{API}/change-requests",
                                          {"limit": 100}).json()["items"]]
    assert shown.pk in listed and hidden.pk not in listed
    client.logout()
    signed_in(client, cast.employee)
    own = [r["id"] for r in client.get(f"{API}/change-requests").json()["items"]]
    assert hidden.pk in own
    signed_in(client, cast.verifier)  # a locked role sees discipline records
    assert hidden.pk in [r["id"] for r in client.get(f"{API}/change-requests",
                                                     {"limit": 100}).json()["items"]]


def test_employee_proposes_through_the_api_with_a_document(client, cast):
    """Record create becomes a change request exactly as on the page."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from smart.documents.tests.samples import pdf_bytes

    signed_in(client, cast.employee)
    values = {"name": "AYAH", "relation": "ayah", "birth_place": "Teluk Kuantan",
              "birth_date": "1950-01-01", "occupation": "Petani"}
    without = client.post(f"{API}/change-requests", {
        "kind": "orang-tua", "action": "add", "values": json.dumps(values)})
    assert without.status_code == 422
    response = client.post(f"{API}/change-requests", {
        "kind": "orang-tua", "action": "add", "values": json.dumps(values), "submit": "true",
        "document_type": "KK",
        "document": SimpleUploadedFile("kk.pdf", pdf_bytes(), content_type="application/pdf")})
    assert response.status_code == 201, response.json()
    change = ChangeRequest.objects.get(pk=response.json()["id"])
    assert (change.proposer, change.stage) == (cast.employee, Stage.SUBMITTED)


def test_swagger_ui_loads_only_local_assets_under_the_strict_csp(client, cast):
    signed_in(client, cast.employee)
    response = client.get(f"{API}/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "cdn." not in html and "https://" not in html
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "script-src 'self'" in response["Content-Security-Policy"]
    schema = client.get(f"{API}/openapi.json").json()
    assert schema["openapi"].startswith("3.1")


def test_a_session_post_without_the_csrf_token_is_refused(cast):
    """ASVS 3.5: the session works for POST only with the CSRF token; keys need none."""
    from conftest import SecondFactorClient
    from tests.test_access_matrix import make_request

    change = make_request(cast)
    browser = SecondFactorClient(enforce_csrf_checks=True)
    browser.force_login(cast.admin_a)
    response = post(browser, f"/change-requests/{change.pk}/moves", {"move": "forward"})
    assert (response.status_code, response.json()["code"]) == (403, "csrf")
    change.refresh_from_db()
    assert change.stage == Stage.SUBMITTED
