"""Friendly error pages in Indonesian, never a traceback."""

import pytest
from django.test import Client, override_settings
from django.urls import path

from smart.portal import views
from tests.personas import PASSWORD


def _boom(request):
    raise RuntimeError("simulated failure")


urlpatterns = [path("boom/", _boom)]
handler500 = views.server_error
handler404 = views.page_not_found


@pytest.mark.django_db
def test_an_unknown_page_is_a_friendly_404_in_indonesian(client, cast):
    client.login(username=cast.employee.username, password=PASSWORD)
    response = client.get("/tidak-ada/")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_a_server_error_is_a_friendly_500_without_details(cast):
    client = Client(raise_request_exception=False)
    client.login(username=cast.employee.username, password=PASSWORD)
    response = client.get("/boom/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Terjadi kesalahan" in body
    assert "simulated failure" not in body and "Traceback" not in body
