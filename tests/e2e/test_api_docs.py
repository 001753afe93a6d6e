"""E2E (R-INT, stack.md §2.3): the API documentation works offline under the
strict CSP — every file comes from SMART itself, no CSP violation, and a
request tried from the page reaches the API with the session."""

import pytest

from tests.e2e.conftest import sign_in
from tests.e2e.test_csp import REPORT_VIOLATIONS
from tests.personas import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_swagger_ui_loads_only_local_files_and_runs_a_request(page, live_server):
    from tests.personas import build_cast

    cast = build_cast()
    requested, violations, errors = [], [], []
    page.add_init_script(REPORT_VIOLATIONS)
    page.on("request", lambda r: requested.append(r.url))
    page.on("console", lambda m: violations.append(m.text) if (
        "CSP-VIOLATION" in m.text or "Content Security Policy" in m.text) else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    sign_in(page, live_server, cast.employee.username, PASSWORD)
    page.goto(f"{live_server.url}/api/v1/docs")
    page.get_by_text("/api/v1/employees/{employee_id}", exact=True).wait_for()
    page.locator("#operations-employees-smart_api_employees_employee_list").click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    status = page.locator(".live-responses-table tbody .response-col_status").first
    status.wait_for()
    assert status.inner_text().strip() == "200"
    foreign = [url for url in requested if not url.startswith((live_server.url, "data:"))]
    assert foreign == []
    assert violations == []
    assert errors == []
