"""R-INT, issue 9 "Bad input": malformed JSON, wrong types, unknown fields, huge
payloads and out-of-scope ids each get a documented 4xx whose JSON body has a
stable code and the message in Indonesian and English; nothing is written.
The statuses are the ones the OpenAPI document lists for the operation."""

import json

import pytest
from django.test import Client

from smart.api.api import api
from smart.api.models import SkpResult
from smart.api.tests.test_api_read import API, key_for, signed_in
from smart.api.tests.test_api_write import post, skp_batch
from smart.changes.models import ChangeRequest
from tests.test_access_matrix import make_request

pytestmark = pytest.mark.django_db


def _documented(path: str, method: str) -> set[str]:
    return {str(s) for s in api.get_openapi_schema()["paths"][f"/api/v1{path}"][method][
        "responses"]}


def _bilingual(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    body = response.json()
    assert body["code"] == code
    assert body["message"]["id"] and body["message"]["en"]
    assert body["message"]["id"] != body["message"]["en"]
    return body


@pytest.mark.parametrize("body, status, code", [
    ("{not json", 400, "bad_request"),
    ({"source": "e-Kinerja", "rows": [{"nip": 1, "year": "dua ribu", "rating": "Baik",
                                       "appraiser_name": "X"}]}, 422, "invalid"),  # types
    ({"source": "e-Kinerja", "rows": [], "admin": True}, 422, "invalid"),  # unknown field
    ({"source": "e-Kinerja", "rows": [{"nip": "198503122010012001", "year": 2025,
                                       "rating": "Baik", "appraiser_name": "X",
                                       "validated": True}]}, 422, "invalid"),
    ({"source": "x" * 5000, "rows": []}, 422, "invalid"),  # a field far over its length
    ("[" + "1," * 2_000_000 + "1]", 413, "too_large"),  # over DATA_UPLOAD_MAX_MEMORY_SIZE
])
def test_skp_receiver_refuses_bad_input_and_writes_nothing(cast, body, status, code):
    _, headers = key_for(cast, "DINKES", can_write=True)
    response = post(Client(), "/skp-results", body, **headers)
    _bilingual(response, status, code)
    assert str(status) in _documented("/skp-results", "post")
    assert not SkpResult.objects.exists()


def test_wrong_types_and_out_of_range_query_values_are_422(client, cast):
    signed_in(client, cast.verifier)
    for path, params in (("/employees", {"limit": "banyak"}), ("/employees", {"limit": 0}),
                         ("/employees", {"asn_kind": "PNS-X"}),
                         ("/reports/kgb", {"start": "kemarin"})):
        body = _bilingual(client.get(f"{API}{path}", params), 422, "invalid")
        assert body["detail"] and "kemarin" not in json.dumps(body)  # no input echoed
    assert "422" in _documented("/employees", "get")


def test_out_of_scope_ids_are_404_for_every_id_taking_operation(client, cast):
    """Unit A's admin and unit A's key, on unit B's employee and request."""
    foreign = make_request(cast)
    foreign.employee = cast.person_b
    foreign.save()
    signed_in(client, cast.admin_a)
    for path in (f"/employees/{cast.person_b.pk}",
                 f"/employees/{cast.person_b.pk}/records/pangkat",
                 f"/change-requests/{foreign.pk}"):
        _bilingual(client.get(f"{API}{path}"), 404, "not_found")
    response = client.post(f"{API}/change-requests/{foreign.pk}/moves",
                           data=json.dumps({"move": "forward"}),
                           content_type="application/json")
    _bilingual(response, 404, "not_found")
    foreign.refresh_from_db()
    assert foreign.stage == "submitted"
    _, headers = key_for(cast, "DINKES")
    _bilingual(Client().get(f"{API}/employees/{cast.person_b.pk}", **headers), 404,
               "not_found")
    # Ids that never existed answer exactly the same.
    _bilingual(client.get(f"{API}/employees/999999"), 404, "not_found")


def test_unknown_fields_of_a_proposal_are_refused_not_dropped(client, cast):
    """Mass assignment: ``validated_at`` or ``employee`` in ``values`` is a 422
    naming them, and no change request is made."""
    signed_in(client, cast.employee)
    values = {"name": "AYAH", "relation": "ayah", "birth_place": "Teluk Kuantan",
              "birth_date": "1950-01-01", "occupation": "Petani",
              "validated_at": "2026-01-01", "employee": cast.person_b.pk}
    response = client.post(f"{API}/change-requests", {
        "kind": "orang-tua", "action": "add", "values": json.dumps(values)})
    body = _bilingual(response, 422, "invalid")
    assert body["detail"][0]["msg"] == "Isian tidak dikenal: employee, validated_at."
    malformed = client.post(f"{API}/change-requests", {
        "kind": "orang-tua", "action": "add", "values": "{bukan json"})
    assert _bilingual(malformed, 422, "invalid")["detail"][0]["msg"] == (
        "values harus berupa objek JSON.")
    deep = client.post(f"{API}/change-requests", {  # RecursionError in json.loads: was a 500
        "kind": "orang-tua", "action": "add", "values": "[" * 100_000 + "]" * 100_000})
    assert _bilingual(deep, 422, "invalid")["detail"][0]["msg"] == (
        "values harus berupa objek JSON.")
    assert not ChangeRequest.objects.exists()


def test_a_move_with_an_unknown_field_is_refused(client, cast):
    change = make_request(cast)
    signed_in(client, cast.admin_a)
    response = client.post(f"{API}/change-requests/{change.pk}/moves",
                           data=json.dumps({"move": "forward", "stage": "approved"}),
                           content_type="application/json")
    _bilingual(response, 422, "invalid")
    change.refresh_from_db()
    assert change.stage == "submitted"


def test_the_receivers_batch_example_is_accepted(cast):
    """The counterpart: the same endpoint takes a well-formed batch (so the
    refusals above are about the input, not the endpoint)."""
    _, headers = key_for(cast, "DINKES", can_write=True)
    assert post(Client(), "/skp-results", skp_batch(cast), **headers).status_code == 200


@pytest.mark.parametrize("path, params", [
    ("/employees", {"q": "a\x00b"}), ("/employees", {"unit": "DINKES\x00"}),
    ("/employees", {"golongan": "3\x00"}), ("/references/gol\x00ongan", {}),
])
def test_a_nul_character_in_the_query_or_path_is_422(client, cast, path, params):
    """PostgreSQL cannot compare text holding NUL: without the check these end
    in psycopg's DataError and a 500 (SQLite lets them through as no match)."""
    signed_in(client, cast.employee)
    _bilingual(client.get(f"{API}{path}", params), 422, "invalid")


@pytest.mark.parametrize("field", ["source", "rating", "appraiser_name", "nip"])
def test_a_nul_character_in_a_body_field_is_422_and_nothing_is_written(cast, field):
    _, headers = key_for(cast, "DINKES", can_write=True)
    batch = skp_batch(cast)
    if field == "source":
        batch["source"] = "e-Kin\x00erja"
    else:
        batch["rows"][0][field] = batch["rows"][0][field][:5] + "\x00"
    body = _bilingual(post(Client(), "/skp-results", batch, **headers), 422, "invalid")
    assert body["detail"][0]["type"] == "string_nul"
    assert not SkpResult.objects.exists()


def test_a_nul_character_in_a_proposal_form_field_is_422(client, cast):
    signed_in(client, cast.employee)
    response = client.post(f"{API}/change-requests", {
        "kind": "orang-tua", "action": "add", "values": "{}", "note": "a\x00"})
    _bilingual(response, 422, "invalid")
    assert not ChangeRequest.objects.exists()


def test_a_nul_character_in_a_page_filter_is_a_400_page(client, cast):
    signed_in(client, cast.verifier)
    response = client.get("/pegawai/", {"q": "a\x00"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")


def test_an_oversized_or_overcrowded_form_gets_the_json_413_or_400(client, cast):
    """A multipart field of 3 MB (over DATA_UPLOAD_MAX_MEMORY_SIZE) and more than
    DATA_UPLOAD_MAX_NUMBER_FIELDS fields: Django refuses both on the first read
    of request.POST, which was the HTML 400 page."""
    signed_in(client, cast.employee)
    big = client.post(f"{API}/change-requests", {
        "kind": "orang-tua", "action": "add", "values": json.dumps({"name": "A" * 3_000_000})})
    _bilingual(big, 413, "too_large")
    crowded = client.post(f"{API}/change-requests", {
        **{f"f{i}": "x" for i in range(1500)}, "kind": "orang-tua", "action": "add"})
    _bilingual(crowded, 400, "too_many_fields")
    assert not ChangeRequest.objects.exists()
    assert {"400", "413"} <= _documented("/change-requests", "post")
