"""R-INT: the Super Administrator creates an API key (shown once) and revokes it."""

import pytest

from smart.api.models import ApiKey
from smart.audit.models import AuditEvent
from smart.references.models import Unit
from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db


def test_key_is_shown_once_then_only_its_prefix(client, cast):
    assert client.login(username=cast.super_admin.username, password=PASSWORD)
    unit = Unit.objects.get(code="DINKES")
    response = client.post("/kunci-api/", {"system": "e-Kinerja", "units": [unit.pk]})
    api_key = ApiKey.objects.get()
    shown = response.context["new_key"]
    assert shown.startswith(f"smart_{api_key.prefix}_") and shown in response.content.decode()
    assert shown not in client.get("/kunci-api/").content.decode()
    assert AuditEvent.objects.filter(action="api.key.create").exists()


def test_revoking_needs_a_reason_and_stops_the_key(client, cast):
    from smart.api.services import api_key_create

    api_key, _ = api_key_create(actor=cast.super_admin, system="Absensi",
                                units=Unit.objects.filter(code="DINKES"), can_write=True)
    assert client.login(username=cast.super_admin.username, password=PASSWORD)
    client.post(f"/kunci-api/{api_key.pk}/cabut/", {"reason": ""})
    api_key.refresh_from_db()
    assert api_key.revoked_at is None
    client.post(f"/kunci-api/{api_key.pk}/cabut/", {"reason": "Mesin diganti."})
    api_key.refresh_from_db()
    assert api_key.revoked_at is not None and not api_key.account.is_active
