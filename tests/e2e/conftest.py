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


# For page.evaluate(FITS, "#table-id"): the element fits its box and the page
# does not scroll sideways (a phone's table shown as cards).
FITS = """selector => {
  const box = document.querySelector(selector).parentElement;
  return box.scrollWidth <= box.clientWidth + 1
    && document.documentElement.scrollWidth <= window.innerWidth + 1;
}"""


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


def totp_code(secret_b32: str, steps_ahead: int = 0) -> str:
    """The code an authenticator app shows for this secret (a code is accepted
    once, so a later sign-in uses the next period's code)."""
    import base64
    import time

    from django_otp.oath import TOTP

    secret = secret_b32.replace(" ", "")
    totp = TOTP(base64.b32decode(secret + "=" * (-len(secret) % 8)))
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def sign_in(page, live_server, username: str, password: str) -> None:
    """Sign in as a person would, including the second factor of administrative
    roles: enrol with the key shown on the page the first time, then type the
    app's code (security.md D-2)."""
    page.goto(f"{live_server.url}/akun/masuk/")
    page.get_by_label("NIP atau nama pengguna").fill(username)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_load_state()
    if "/akun/kode/daftar/" in page.url:
        secret = page.locator("#otp-secret").inner_text()
        page.get_by_label("Kode", exact=True).fill(totp_code(secret))
        page.get_by_role("button", name="Konfirmasi").click()
        page.get_by_role("link", name="Sudah saya simpan — lanjutkan").click()
    elif "/akun/kode/" in page.url:
        import base64
        import time

        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = TOTPDevice.objects.get(user__username=username, confirmed=True)
        secret = base64.b32encode(device.bin_key).decode()
        # A period's code is accepted once; the app's clock may run one period ahead.
        now = int(time.time() // 30)
        if device.last_t + 1 > now + 1:
            time.sleep(30 - time.time() % 30 + 0.5)
            now += 1
        ahead = max(0, device.last_t + 1 - now)
        page.get_by_label("Kode", exact=True).fill(totp_code(secret, steps_ahead=ahead))
        page.get_by_role("button", name="Lanjutkan").click()
    page.wait_for_load_state()
