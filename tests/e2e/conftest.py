"""End-to-end tests: Playwright driving Debian's Chromium against a live server.

`make test` installs Chromium when it may (root, as in CI). Without it these
tests are skipped, and pytest prints one line saying how to enable them.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("SMART_CHROMIUM", "/usr/bin/chromium"))
SKIP_REASON = "Chromium tidak ada: pasang dengan 'sudo apt-get install chromium' untuk tes e2e"

# The live server runs in a thread next to Playwright's event loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(SKIP_REASON)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run", "--disable-sync"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="id-ID", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser):
    context = browser.new_context(locale="id-ID", viewport={"width": 390, "height": 844},
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def sign_in(page, live_server, username: str, password: str) -> None:
    page.goto(f"{live_server.url}/akun/masuk/")
    page.get_by_label("NIP atau nama pengguna").fill(username)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Masuk").click()


@pytest.fixture(autouse=True)
def reference_data(transactional_db):
    """Transactional tests flush the database after each test, and the
    serialized copy of the seeded master data is not always restored when
    ordinary and transactional tests share a session; seed it again here with
    the same function the data migration uses."""
    import importlib

    from django.apps import apps

    from smart.documents.models import DocumentType
    from smart.references.models import Sex

    if not Sex.objects.exists():
        importlib.import_module("smart.references.migrations.0002_seed_national_codes").seed(
            apps, None)
    if not DocumentType.objects.exists():
        importlib.import_module("smart.documents.migrations.0002_seed_document_types").seed(
            apps, None)
