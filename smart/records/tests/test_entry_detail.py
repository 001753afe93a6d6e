"""An entry's detail page: its values, documents and field-level history."""

import datetime

import pytest
from django.urls import reverse

from smart.records.models import RankHistory
from smart.references.models import Golongan
from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db


def _rank(employee):
    return RankHistory.objects.create(
        employee=employee, golongan=Golongan.objects.get(code="31"),
        tmt=datetime.date(2011, 1, 1), sk_number="SK/1", sk_date=datetime.date(2011, 1, 1))


def _detail(client, employee, entry):
    url = reverse("records:entry_detail", args=[employee.pk, "pangkat", entry.pk])
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_history_says_who_created_the_entry_in_the_chosen_language(client, cast):
    entry = _rank(cast.colleague_a)  # written outside a request: by the system
    client.login(username=cast.verifier.username, password=PASSWORD)
    assert "dibuat oleh sistem" in _detail(client, cast.colleague_a, entry)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = _detail(client, cast.colleague_a, entry)
    assert "created by system" in page and "sistem" not in page


def test_an_entry_validated_without_a_validator_never_shows_none(client, cast):
    entry = _rank(cast.colleague_a)
    RankHistory.objects.filter(pk=entry.pk).update(
        validated_at=datetime.datetime(2011, 2, 1, 8, 0, tzinfo=datetime.UTC))
    client.login(username=cast.verifier.username, password=PASSWORD)
    page = _detail(client, cast.colleague_a, entry)
    assert "divalidasi pada 1 Februari 2011" in page and "None" not in page
