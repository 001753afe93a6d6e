"""Friendly error pages in Indonesian, never a traceback."""

import pytest
from django.test import Client, override_settings
from django.urls import path

from smart.portal import views
from tests.personas import PASSWORD


def _boom(request):
    raise RuntimeError("simulated failure")


LEAKY_SQL = "SELECT nik FROM people_employee WHERE nik = '1409024312850001'"


def _leaky_boom(request):
    # What an unhandled database error carries: the SQL, a value and a file path.
    raise RuntimeError(f"{LEAKY_SQL} at {__file__}")


urlpatterns = [path("boom/", _boom), path("leaky-boom/", _leaky_boom)]
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


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_c2_an_induced_exception_shows_no_sql_path_or_settings(cast):
    """C2 (ASVS 16.5.1): the generic Indonesian 500 page, and nothing of the error."""
    client = Client(raise_request_exception=False)
    client.login(username=cast.verifier.username, password=PASSWORD)
    response = client.get("/leaky-boom/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Terjadi kesalahan pada server" in body
    for leak in ("Traceback", "SELECT", "people_employee", "1409024312850001", __file__,
                 "/work/", ".py", "SECRET_KEY", "settings"):
        assert leak not in body, leak
    # Styled by a static file, not an inline <style> the CSP would refuse.
    assert "<style" not in body and "/static/css/error.css" in body
    assert "style-src 'self'" in response.headers["Content-Security-Policy"]


@pytest.mark.django_db
def test_a_forged_host_header_is_a_400_not_a_500(client):
    response = client.get("/akun/masuk/", headers={"Host": "evil.example"})
    assert response.status_code == 400


@pytest.mark.django_db
def test_a_missing_csrf_token_gets_smarts_own_page():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/akun/masuk/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "Formulir sudah kedaluwarsa" in response.content.decode()


@pytest.mark.django_db
def test_methods_smart_does_not_serve_are_refused(client, cast):
    client.login(username=cast.verifier.username, password=PASSWORD)
    assert client.generic("TRACE", "/").status_code == 405
    assert client.generic("OPTIONS", "/").status_code == 405


@pytest.mark.django_db
def test_signed_in_pages_are_not_cached(client, cast):
    client.login(username=cast.verifier.username, password=PASSWORD)
    assert client.get("/").headers["Cache-Control"] == "private, no-store"


@pytest.mark.django_db
def test_a_denied_request_by_a_signed_in_user_is_audited(client, cast):
    from smart.audit.models import AuditEvent

    client.login(username=cast.admin_b.username, password=PASSWORD)
    assert client.get(f"/pegawai/{cast.colleague_a.pk}/").status_code == 404
    event = AuditEvent.objects.get(action="access.request.denied")
    assert event.actor == cast.admin_b and event.data["path"] == f"/pegawai/{cast.colleague_a.pk}/"
