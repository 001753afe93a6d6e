"""Each audit event carries the client address and the request id of its request
(R-CONF-1); the id is echoed as X-Request-ID."""

import uuid

import pytest
from django.test import override_settings
from django.urls import reverse

from smart.audit.context import request_id_from
from smart.audit.models import AuditEvent
from smart.audit.services import audit_record
from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db


def _is_uuid4(value: str) -> bool:
    try:
        return uuid.UUID(value).version == 4
    except ValueError:
        return False


@pytest.mark.parametrize("header", [None, "", "short", "has space in it", "a" * 65,
                                    "abcdefgh\r\nSet-Cookie: x=1", "<script>alert(1)</script>"])
def test_an_insane_request_id_is_replaced_by_a_uuid4(header):
    assert _is_uuid4(request_id_from(header))


def test_a_sane_request_id_from_the_proxy_is_kept():
    assert request_id_from("4bf92f3577b34da6a3ce929d0e0e4736") == \
        "4bf92f3577b34da6a3ce929d0e0e4736"


def test_the_denial_event_carries_the_address_and_the_echoed_request_id(client, cast):
    client.login(username=cast.admin_b.username, password=PASSWORD)
    response = client.get(reverse("records:profile", args=[cast.colleague_a.pk]),
                          REMOTE_ADDR="10.1.2.3", HTTP_X_REQUEST_ID="req-0000-abcd",
                          HTTP_X_FORWARDED_FOR="6.6.6.6")
    assert response.status_code == 404
    assert response["X-Request-ID"] == "req-0000-abcd"
    event = AuditEvent.objects.get(action="access.request.denied")
    # SMART_PROXY_COUNT is 0: the forged X-Forwarded-For is never read.
    assert (event.ip, event.request_id) == ("10.1.2.3", "req-0000-abcd")


def test_every_response_gets_a_generated_request_id(client):
    response = client.get(reverse("accounts:login"))
    assert _is_uuid4(response["X-Request-ID"])


@override_settings(SMART_PROXY_COUNT=1, AXES_IPWARE_PROXY_COUNT=0,
                   AXES_IPWARE_META_PRECEDENCE_ORDER=["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"])
def test_behind_one_proxy_the_rightmost_forwarded_address_is_the_client(client, cast):
    """Decision 47: with one nginx, the entry it appended (rightmost) is the client;
    what the client put further left is not believed."""
    client.login(username=cast.admin_b.username, password=PASSWORD)
    client.get(reverse("records:profile", args=[cast.colleague_a.pk]),
               REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 10.1.2.3")
    assert AuditEvent.objects.get(action="access.request.denied").ip == "10.1.2.3"


def test_outside_a_request_the_origin_is_empty():
    event = audit_record(actor=None, action="test.thing.touch")
    assert (event.ip, event.request_id) == ("", "")
    assert event.at.utcoffset().total_seconds() == 0
