"""E2E under the strict Content-Security-Policy (security.md C3, V2, attack case 9).

(a) The main pages of every persona load without one CSP violation and still
work: the htmx search swaps the list in place, Bootstrap's offcanvas opens.
(b) Script payloads stored in an employee's name and address, a child's name
and an uploaded file's name are shown as text on the list, profile,
change-request page and verifier queue: no dialog opens, no element is made
of them.
"""

import datetime
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from smart.changes.models import Action
from smart.changes.services import request_move, request_propose
from smart.changes.targets import target_for
from smart.documents.models import DocumentType
from smart.documents.tests.samples import pdf_bytes
from smart.people.models import Employee
from smart.records.models import Child, RankHistory
from smart.references.models import Golongan, Sex
from tests.e2e.conftest import sign_in
from tests.personas import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Chromium reports a blocked resource both as a console error and as a
# securitypolicyviolation event; the init script turns the event into a
# console line too, so one listener sees both and survives navigation.
REPORT_VIOLATIONS = """
document.addEventListener('securitypolicyviolation', (e) => {
  console.error('CSP-VIOLATION ' + e.violatedDirective + ' ' + e.blockedURI);
});
"""


@pytest.fixture
def watched(page):
    """The page, with every CSP violation, dialog and page error recorded."""
    page.violations, page.dialogs, page.errors = [], [], []
    page.add_init_script(REPORT_VIOLATIONS)
    page.on("console", lambda m: page.violations.append(m.text) if (
        "CSP-VIOLATION" in m.text or "Content Security Policy" in m.text) else None)
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    return page


def _clean(page):
    assert page.violations == []
    assert page.dialogs == []
    assert page.errors == []


def _sign_out(page):
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_url("**/akun/masuk/")


def _rank_request(cast, *, forward: bool):
    """A rank proposal by the employee, forwarded to the verifier when asked."""
    target = target_for("pangkat")
    form = target.form_class()(data={
        "golongan": Golongan.objects.get(code="34").pk, "tmt": "2018-04-01",
        "mk_years": 8, "mk_months": 3, "sk_number": "823/BKPP/2018/5",
        "sk_date": "2018-03-01"}, instance=RankHistory(employee=cast.employee_record))
    assert form.is_valid(), form.errors
    request = request_propose(
        target=target, employee=cast.employee_record, action=Action.ADD, target_id=None,
        values=form.cleaned_data, note="", proposer=cast.employee, submit=True,
        documents=[(DocumentType.objects.get(code="SK_PANGKAT"),
                    SimpleUploadedFile("sk.pdf", pdf_bytes(), "application/pdf"))])
    if forward:
        request = request_move(request=request, move_name="forward", actor=cast.admin_a,
                               note="")
    return request


def test_c3_the_main_pages_load_without_a_csp_violation(watched, live_server, cast):
    page = watched
    request = _rank_request(cast, forward=True)

    page.goto(f"{live_server.url}/akun/masuk/")
    assert page.get_by_role("button", name="Masuk").is_visible()
    _clean(page)

    sign_in(page, live_server, cast.verifier.username, PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    visits = [
        ("/", "VERIFIKATOR"),
        ("/pegawai/", "Pegawai"),
        (f"/pegawai/{cast.colleague_a.pk}/", "REKAN DINKES"),
        (f"/usulan/{request.pk}/", f"#{request.pk}"),
        ("/usulan/antrean/", ""),
    ]
    for path, heading in visits:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert heading in page.locator("h1").first.inner_text(), path
        _clean(page)

    # htmx still swaps the list in place: no reload, the URL follows the query,
    # and the indicator is hidden by smart.css (htmx's own style is turned off).
    page.goto(f"{live_server.url}/pegawai/")
    page.evaluate("window.notReloaded = true")
    assert page.locator("#list-spinner").evaluate("e => getComputedStyle(e).opacity") == "0"
    with page.expect_response(lambda r: "q=rekan" in r.url and
                              r.request.headers.get("hx-request") == "true"):
        page.get_by_label("Nama atau NIP").fill("rekan")
    page.wait_for_url("**/pegawai/?*q=rekan*")
    assert page.locator("#results").get_by_role("link", name="REKAN DINKES").is_visible()
    assert page.locator("#results").get_by_role("link", name="GURU DISDIK").count() == 0
    assert page.evaluate("window.notReloaded") is True
    _clean(page)
    _sign_out(page)

    sign_in(page, live_server, cast.employee.username, PASSWORD)
    for path in ("/", "/pegawai/saya/", "/usulan/saya/",
                 f"/usulan/pegawai/{cast.employee_record.pk}/pangkat/usul/",
                 "/pegawai/saya/data/", "/notifikasi/"):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        _clean(page)
    _sign_out(page)

    sign_in(page, live_server, cast.admin_a.username, PASSWORD)
    for path in ("/usulan/kotak-masuk/", "/pegawai/"):
        assert page.goto(live_server.url + path).status == 200, path
        _clean(page)


def test_c3_bootstrap_offcanvas_works_on_a_phone_under_the_csp(browser, live_server, cast):
    context = browser.new_context(locale="id-ID", viewport={"width": 390, "height": 844},
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    violations = []
    page.add_init_script(REPORT_VIOLATIONS)
    page.on("console", lambda m: violations.append(m.text) if "CSP" in m.text
            or "Content Security Policy" in m.text else None)
    sign_in(page, live_server, cast.employee.username, PASSWORD)
    page.get_by_role("button", name="Menu").click()
    assert page.get_by_role("link", name="Data saya", exact=True).is_visible()
    assert violations == []
    context.close()


NAME = '"><svg onload=alert(1)>'
ADDRESS = "<img src=x onerror=alert(2)>"
CHILD = "<script>alert(3)</script>"
PROPOSED_CHILD = '"><img src=x onerror=alert(4)>'
FILENAME = "<img src=x onerror=alert(5)>.pdf"


def _store_payloads(cast):
    employee = cast.employee_record
    Employee.objects.filter(pk=employee.pk).update(name=NAME, address=ADDRESS)
    Child.objects.create(employee=employee, name=CHILD, birth_date=datetime.date(2015, 5, 1),
                         sex=Sex.objects.get(code="M"))
    target = target_for("anak")
    form = target.form_class()(data={
        "name": PROPOSED_CHILD, "birth_place": "Teluk Kuantan", "birth_date": "2019-02-03",
        "sex": Sex.objects.get(code="F").pk, "marital_status": "belum_kawin"},
        instance=Child(employee=employee))
    assert form.is_valid(), form.errors
    request = request_propose(
        target=target, employee=Employee.objects.get(pk=employee.pk), action=Action.ADD,
        target_id=None, values=form.cleaned_data, note=NAME, proposer=cast.employee,
        submit=True, documents=[(DocumentType.objects.get(code="AKTA_LAHIR"),
                                 SimpleUploadedFile(FILENAME, pdf_bytes(), "application/pdf"))])
    return request_move(request=request, move_name="forward", actor=cast.admin_a, note=ADDRESS)


def _assert_inert(page, *payloads):
    """The payloads are on the page as text, and none of them became markup."""
    _clean(page)
    html = page.content()
    for payload in payloads:
        escaped = payload.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        assert escaped in html, payload
    assert page.locator("svg[onload], img[onerror], main script").count() == 0
    body = page.locator("body").inner_text()
    for payload in payloads:
        assert payload in body, payload


def test_v2_stored_script_payloads_stay_text_everywhere(watched, live_server, cast):
    """Attack case 9 / V2: no dialog, no CSP violation, the text shown escaped."""
    page = watched
    request = _store_payloads(cast)
    employee = cast.employee_record

    sign_in(page, live_server, cast.verifier.username, PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/pegawai/?q={employee.nip}")
    _assert_inert(page, NAME)
    page.goto(f"{live_server.url}/pegawai/{employee.pk}/")
    _assert_inert(page, NAME, CHILD)
    page.goto(f"{live_server.url}/usulan/{request.pk}/")
    _assert_inert(page, NAME, PROPOSED_CHILD, FILENAME)
    page.goto(f"{live_server.url}/usulan/antrean/")
    _assert_inert(page, NAME)
    if shots := os.environ.get("SMART_SCREENSHOT_DIR"):
        page.goto(f"{live_server.url}/usulan/{request.pk}/")
        page.screenshot(path=f"{shots}/csp-change-request.png", full_page=True)
    _sign_out(page)

    # The employee sees their own address (a restricted field class for others).
    sign_in(page, live_server, cast.employee.username, PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/pegawai/saya/")
    _assert_inert(page, NAME, ADDRESS, CHILD)
    if shots := os.environ.get("SMART_SCREENSHOT_DIR"):
        page.screenshot(path=f"{shots}/csp-profile.png")
    page.goto(f"{live_server.url}/usulan/saya/")
    _assert_inert(page, NAME)


def test_the_charts_write_numbers_as_the_tables_do_under_the_csp(watched, live_server, cast):
    """User test: Chart.js axes said "1,000" beside tables saying "1.000"."""
    page = watched
    sign_in(page, live_server, cast.verifier.username, PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    assert page.goto(f"{live_server.url}/laporan/statistik/").status == 200
    page.wait_for_function("window.Chart && window.Chart.defaults.locale === 'id-ID'")
    assert page.evaluate("new Intl.NumberFormat(window.Chart.defaults.locale)"
                         ".format(1000)") == "1.000"
    _clean(page)
