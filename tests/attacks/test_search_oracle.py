"""Attack case 7 (security.md §8), checklists Z3 and C5: the employee search
and its htmx autocomplete tell a unit admin nothing about other units — not
in the rows, not in the count, not in the size of the answer — and a NIK
never travels in a URL.

Decision (docs/decisions.md): the list searches by name and NIP only; a
query with exactly 16 digits (a NIK, however spaced) is refused by the
browser (the field's ``pattern``, which htmx honours before each request)
and by the server, which answers with the list without ``q`` so the NIK
leaves the address bar and the history.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from smart.people.identity import looks_like_nik
from smart.people.models import Employee
from tests.personas import PASSWORD, make_employee

pytestmark = pytest.mark.django_db

LIST = reverse("people:employee_list")


def _as_admin_a(client, cast):
    client.logout()
    assert client.login(username=cast.admin_a.username, password=PASSWORD)


def _bare(html: str, query: str = "") -> str:
    """The answer without per-request tokens and without the echoed query."""
    html = re.sub(r'(csrfmiddlewaretoken" value=|"X-CSRFToken": |nonce=)"[^"]*"', r"\1", html)
    html = re.sub(r'name="next" type="hidden" value="[^"]*"', "", html)
    return html.replace(query, "") if query else html


def _queries_about(employee: Employee) -> list[str]:
    nip = employee.nip
    return [nip[:8], nip[:14], nip, employee.nip_grouped, f"NIP {nip}", employee.name,
            employee.name.split()[0], employee.name.lower()]


@pytest.mark.parametrize("htmx", [False, True])
def test_case_7_prefixes_and_names_of_another_unit_find_nothing(client, cast, htmx):
    """Case 7 / Z3: NIP prefixes, the full NIP (as typed and as printed) and
    the names of unit B's people find none of them, in the page or the htmx
    fragment the search box asks for while typing."""
    _as_admin_a(client, cast)
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    for query in _queries_about(cast.person_b) + _queries_about(cast.admin_b.employee):
        body = _bare(client.get(LIST, {"q": query}, **headers).content.decode(), query)
        for other in (cast.person_b, cast.admin_b.employee):
            assert other.nip_grouped not in body and other.name not in body, query


def test_case_7_the_count_is_the_scoped_count(client, cast):
    """Z3: the number the list states is that of the admin's scoped queryset."""
    _as_admin_a(client, cast)
    expected = Employee.objects.visible_to(cast.admin_a).count()
    body = client.get(LIST, {"q": ""}).content.decode()
    assert f"{expected} pegawai ditemukan" in body
    assert Employee.objects.count() > expected


def test_case_7_an_existing_and_a_missing_nip_of_another_unit_answer_alike(client, cast):
    """Case 7: a NIP that exists in unit B and one that exists nowhere give the
    same status and the same page once the echoed query is taken out — and the
    same size, since both are 18 digits."""
    _as_admin_a(client, cast)
    existing = cast.person_b.nip
    missing = existing[:-3] + ("999" if existing[-3:] != "999" else "998")
    assert not Employee.objects.filter(nip=missing).exists()
    for query_of in (lambda nip: nip, lambda nip: nip[:12]):
        a, b = (client.get(LIST, {"q": query_of(nip)}) for nip in (existing, missing))
        assert a.status_code == b.status_code == 200
        assert len(_bare(a.content.decode(), query_of(existing))) == len(
            _bare(b.content.decode(), query_of(missing)))
        assert _bare(a.content.decode(), query_of(existing)) == _bare(
            b.content.decode(), query_of(missing))


def test_case_7_an_own_unit_search_does_find(client, cast):
    """The oracle tests can fail: the same searches find unit A's colleague."""
    _as_admin_a(client, cast)
    for query in _queries_about(cast.colleague_a):
        assert cast.colleague_a.nip_grouped in client.get(LIST, {"q": query}).content.decode()


# --- C5: no NIK in a URL -------------------------------------------------------------

@pytest.mark.parametrize("typed", ["{nik}", "{a} {b} {c} {d}", "NIK {nik}", "{a}.{b}.{c}.{d}"])
def test_c5_a_nik_in_the_search_is_not_run_and_leaves_the_address(client, cast, typed):
    """C5: a NIK typed into the search (plain, spaced, labelled) is not
    searched; the answer sends the browser to the list without it and says
    why, in Indonesian. Even the admin's own colleague is not found by NIK."""
    _as_admin_a(client, cast)
    nik = cast.colleague_a.nik
    query = typed.format(nik=nik, a=nik[:4], b=nik[4:8], c=nik[8:12], d=nik[12:])
    response = client.get(LIST, {"q": query, "golongan": "", "page": "2"})
    assert response.status_code == 302
    assert nik[4:12] not in response.url and response.url.startswith(LIST)
    page = client.get(response.url).content.decode()
    assert "NIK tidak dicari di daftar ini" in page
    assert nik not in page and query not in page


def test_c5_an_htmx_search_with_a_nik_replaces_the_whole_page(client, cast):
    """C5: the autocomplete's request gets a client redirect (HX-Redirect) to
    the list without the NIK, so htmx pushes no URL holding it."""
    _as_admin_a(client, cast)
    response = client.get(LIST, {"q": cast.colleague_a.nik}, HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"] == LIST
    assert "HX-Push-Url" not in response and cast.colleague_a.nik not in response.content.decode()


def test_c5_the_search_box_refuses_a_nik_before_sending(client, cast):
    """C5: the field carries a pattern that refuses exactly 16 digits and keeps
    names and NIPs (checked here with Python's engine, which reads this
    pattern as the browser does)."""
    _as_admin_a(client, cast)
    body = client.get(LIST).content.decode()
    pattern = re.search(r'name="q"[^>]*pattern="([^"]+)"', body) or re.search(
        r'pattern="([^"]+)"[^>]*name="q"', body)
    assert pattern, "the search field has no pattern"
    regex = re.compile(f"^(?:{pattern.group(1)})$")
    nik = cast.colleague_a.nik
    for refused in (nik, f"{nik[:4]} {nik[4:8]} {nik[8:12]} {nik[12:]}", f"NIK {nik}"):
        assert not regex.match(refused) and looks_like_nik(refused)
    for allowed in ("", "abdul", "Drs. Abdul, S.Pd.", cast.colleague_a.nip, "19850312",
                    cast.colleague_a.nip_grouped, nik[:15]):
        assert regex.match(allowed) and not looks_like_nik(allowed)


def test_c5_a_nip_search_still_works_at_every_length_but_16(client, cast):
    """C5 keeps the NIP search: 15 and 18 digits find the colleague."""
    other = make_employee("DINKES.01", name="REKAN KEDUA")
    _as_admin_a(client, cast)
    for length in (8, 15, 17, 18):
        body = client.get(LIST, {"q": other.nip[:length]}).content.decode()
        assert other.nip_grouped in body, length
