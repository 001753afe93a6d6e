"""Deployment settings and response headers (security.md C1, C3; ASVS 3.3.x, 3.4.x).

The production settings are the same module with HTTPS=true, DEBUG unset, a
long SECRET_KEY and ALLOWED_HOSTS; they are read in a subprocess, because the
test process already runs on the test settings.
"""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse

from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db

BASE_DIR = Path(settings.BASE_DIR)
LOGIN = reverse("accounts:login")
HOME = reverse("portal:home")
HTTPS_SETTINGS = ["SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SESSION_COOKIE_NAME",
                  "CSRF_COOKIE_NAME", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS",
                  "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SILENCED_SYSTEM_CHECKS", "DEBUG"]


def _production_env(tmp_path) -> dict:
    # Nothing of the test run leaks in (the e2e tests set DJANGO_ALLOW_ASYNC_UNSAFE).
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")
           and k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"}}
    env.update(HTTPS="true", SECRET_KEY=secrets.token_urlsafe(64),
               ALLOWED_HOSTS="smart.kuansing.go.id", SMART_DATA_DIR=str(tmp_path),
               DJANGO_SETTINGS_MODULE="config.settings")
    return env


def _run(args, tmp_path):
    return subprocess.run([sys.executable, *args], cwd=BASE_DIR, env=_production_env(tmp_path),
                          capture_output=True, text=True, timeout=120)


def _production_settings(tmp_path) -> dict:
    script = ("import json, django; django.setup(); from django.conf import settings; "
              f"print(json.dumps({{n: getattr(settings, n) for n in {HTTPS_SETTINGS!r}}}))")
    result = _run(["-c", script], tmp_path)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_c1_check_deploy_with_production_settings_is_clean(tmp_path):
    """C1: `manage.py check --deploy` reports no warning and no error."""
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNINGS" not in result.stdout + result.stderr


def test_c1_production_settings_turn_on_https_only_cookies_and_hsts(tmp_path):
    """Only HSTS preload is silenced (a domain-wide commitment, docs/decisions.md)."""
    values = _production_settings(tmp_path)
    assert values == {
        "SESSION_COOKIE_SECURE": True, "CSRF_COOKIE_SECURE": True,
        "SESSION_COOKIE_NAME": "__Host-sessionid", "CSRF_COOKIE_NAME": "__Host-csrftoken",
        "SECURE_SSL_REDIRECT": True, "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True, "SILENCED_SYSTEM_CHECKS": ["security.W021"],
        "DEBUG": False,
    }


def _policy(response) -> dict[str, str]:
    header = response.headers["Content-Security-Policy"]
    return {part.split(" ", 1)[0]: part.split(" ", 1)[1] if " " in part else ""
            for part in (p.strip() for p in header.split(";"))}


def _assert_strict_headers(response):
    policy = _policy(response)
    assert policy["default-src"] == "'self'"
    assert re.fullmatch(r"'self'( 'nonce-[A-Za-z0-9+/=]+')?", policy["script-src"])
    assert policy["style-src"] == "'self'"
    assert policy["img-src"] == "'self' data:"
    assert policy["object-src"] == "'none'"
    assert policy["base-uri"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["form-action"] == "'self'"
    assert "unsafe" not in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"


def test_c3_the_sign_in_page_sends_the_strict_headers(client):
    response = client.get(LOGIN)
    assert response.status_code == 200
    _assert_strict_headers(response)


def test_c3_a_signed_in_page_sends_the_strict_headers(client, cast):
    client.login(username=cast.verifier.username, password=PASSWORD)
    for url in (HOME, reverse("people:employee_list"),
                reverse("records:profile", args=[cast.colleague_a.pk])):
        response = client.get(url)
        assert response.status_code == 200, url
        _assert_strict_headers(response)


def test_c3_an_error_page_sends_the_strict_headers(client, cast):
    client.login(username=cast.verifier.username, password=PASSWORD)
    response = client.get("/tidak-ada/")
    assert response.status_code == 404
    _assert_strict_headers(response)


def test_c3_with_https_the_answers_carry_hsts_and_host_prefixed_secure_cookies(tmp_path, cast):
    """With the production values: plain HTTP is redirected, HTTPS answers carry
    HSTS for a year with subdomains, and both cookies are __Host- cookies."""
    production = _production_settings(tmp_path)
    values = {name: production[name] for name in HTTPS_SETTINGS
              if name not in {"DEBUG", "SILENCED_SYSTEM_CHECKS"}}
    with override_settings(**values):
        client = Client()
        plain = client.get(LOGIN)
        assert plain.status_code == 301
        assert plain.headers["Location"] == f"https://testserver{LOGIN}"

        page = client.get(LOGIN, secure=True)
        assert page.status_code == 200
        assert page.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
        _assert_strict_headers(page)
        csrf = page.cookies["__Host-csrftoken"]
        assert csrf["secure"] is True and csrf["path"] == "/" and csrf["domain"] == ""

        signed_in = client.post(LOGIN, {"username": cast.employee.username,
                                        "password": PASSWORD}, secure=True)
        assert signed_in.status_code == 302
        session = signed_in.cookies["__Host-sessionid"]
        assert session["secure"] is True and session["httponly"] is True
        assert session["path"] == "/" and session["domain"] == ""
        assert "sessionid" not in signed_in.cookies
        home = client.get(HOME, secure=True)
        assert home.status_code == 200
        assert home.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_c3_document_downloads_keep_their_sandbox_policy(client, cast):
    """F4: the CSP middleware does not replace the download's own "sandbox"."""
    from smart.documents.tests.samples import make_document

    document = make_document(cast.employee_record, actor=cast.admin_a)
    client.login(username=cast.verifier.username, password=PASSWORD)
    response = client.get(reverse("documents:download", args=[document.uuid]))
    assert response.status_code == 200
    assert response.headers["Content-Security-Policy"] == "sandbox"


def test_c3_the_drh_pdf_is_exempt_so_the_browser_viewer_can_show_it(client, cast):
    client.login(username=cast.verifier.username, password=PASSWORD)
    response = client.get(reverse("records:drh", args=[cast.colleague_a.pk]))
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response.headers
    assert response.headers["X-Frame-Options"] == "DENY"


TEMPLATES = sorted((BASE_DIR / "templates").rglob("*.html"))
INLINE = [
    (re.compile(r"<style\b", re.I), "inline <style>"),
    (re.compile(r"\sstyle\s*=", re.I), "style attribute"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "inline event handler"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
    (re.compile(r"\shx-on[:-]", re.I), "hx-on handler (needs eval)"),
    (re.compile(r"<script\b(?![^>]*\b(src|nonce)=)[^>]*>", re.I), "<script> without src or nonce"),
]


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(BASE_DIR)))
def test_c3_templates_hold_nothing_the_policy_refuses(template):
    """Inline styles, handlers and nonce-less scripts would be blocked by the CSP."""
    text = template.read_text()
    found = [label for pattern, label in INLINE if pattern.search(text)]
    assert found == []
