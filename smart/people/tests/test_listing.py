"""Issue 10: the employee list at scale — numbered pages first, keyset pages
beyond them, a capped count that is cached only for big lists, the filter
selects in one query, the trigram index on PostgreSQL — and queries per page
that do not grow with the number of employees."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from smart.people.forms import CODE_TABLE_FIELDS
from smart.people.models import Employee
from smart.references.held import active_held
from smart.references.models import Golongan, Religion
from tests.personas import make_employee

pytestmark = pytest.mark.django_db

URL = reverse("people:employee_list")


@pytest.fixture
def small_pages(settings):
    """Two rows a page, two numbered pages, exact counts up to five rows."""
    settings.SMART_EMPLOYEE_PAGE_SIZE = 2
    settings.SMART_LIST_OFFSET_PAGES = 2
    settings.SMART_LIST_EXACT_COUNT_UP_TO = 5
    cache.clear()
    yield
    cache.clear()


def _names(response) -> list[str]:
    return [e.name for e in response.context["page"].object_list]


def _everyone_in_order() -> list[str]:
    return list(Employee.objects.order_by("name", "nip").values_list("name", flat=True))


def _walk(client, first: dict) -> list[str]:
    """Follow "next" from ``first`` to the end, as a user clicks."""
    seen, params = [], first
    filters = {k: v for k, v in first.items() if k not in ("page", "after", "before", "last")}
    while True:
        response = client.get(URL, params)
        page = response.context["page"]
        seen += _names(response)
        if not page.has_next:
            return seen
        key, value = page.next_query.split("=")
        params = {**filters, key: value}  # the page's links keep its filters


def test_next_pages_walk_everyone_once_in_name_order_past_the_numbered_pages(
        client, cast, small_pages):
    for n in range(5):
        make_employee("DINKES.01", name=f"ZULKIFLI {n}")
    assert client.login(username=cast.verifier.username, password="Persona-Test-Pass-2026")
    seen = _walk(client, {})
    assert seen == _everyone_in_order()
    third = client.get(URL, {"page": 2}).context["page"]
    assert third.next_query.startswith("after=")  # numbered pages end at page 2


def test_a_name_search_pages_in_name_order_forwards_and_backwards(client, cast, small_pages):
    # Decision 216: a search orders by the same (name, NIP) written as an expression.
    for n in (4, 1, 3, 0, 2, 5):
        make_employee("DINKES.01", name=f"ZULKIFLI {n}")
    make_employee("DINKES.01", name="ANDI TANPA NAMA ITU")
    assert client.login(username=cast.verifier.username, password="Persona-Test-Pass-2026")
    expected = [f"ZULKIFLI {n}" for n in range(6)]
    assert _walk(client, {"q": "zulkifli"}) == expected
    last = client.get(URL, {"q": "zulkifli", "last": 1}).context["page"]
    assert [e.name for e in last.object_list] == expected[-2:]
    key, value = last.previous_query.split("=")
    before = client.get(URL, {"q": "zulkifli", key: value})
    assert _names(before) == expected[-4:-2]


def test_previous_and_last_pages_are_keyset_pages(client, cast, small_pages):
    for n in range(5):
        make_employee("DINKES.01", name=f"ZULKIFLI {n}")
    assert client.login(username=cast.verifier.username, password="Persona-Test-Pass-2026")
    everyone = _everyone_in_order()
    last = client.get(URL, {"last": 1})
    assert _names(last) == everyone[-2:] and not last.context["page"].has_next
    key, value = last.context["page"].previous_query.split("=")
    before = client.get(URL, {key: value})
    assert _names(before) == everyone[-4:-2]
    assert "after=" in before.content.decode() and "last=1" in before.content.decode()


def test_a_cursor_outside_the_callers_list_starts_at_the_first_page(client, cast,
                                                                     small_pages):
    """A unit admin cannot page from an employee of another unit: the cursor is
    looked up in their own list, and an unknown one is the first page."""
    assert client.login(username=cast.admin_a.username, password="Persona-Test-Pass-2026")
    first = _names(client.get(URL))
    assert _names(client.get(URL, {"after": cast.person_b.pk})) == first
    assert _names(client.get(URL, {"before": "x"})) == first
    assert cast.person_b.name not in client.get(URL, {"after": cast.person_b.pk}).content.decode()


def test_counts_are_exact_when_small_and_cached_when_big(client, cast, small_pages):
    assert client.login(username=cast.verifier.username, password="Persona-Test-Pass-2026")
    total = Employee.objects.count()
    assert total > 5  # above the cap of the fixture
    page = client.get(URL).context["page"]
    # Counted once and kept; "about" from the first view on, as on the next pages.
    assert (page.count, page.counted.exact) == (total, False)
    make_employee("DINKES.01", name="BARU SAJA")
    again = client.get(URL)
    assert (again.context["page"].count, again.context["page"].counted.exact) == (
        total, False)
    assert "Sekitar" in again.content.decode() or "About" in again.content.decode()
    # While the figure is kept the list is not counted at all (decision 215).
    with CaptureQueriesContext(connection) as ctx:
        kept = client.get(URL).context["page"]
    assert (kept.count, kept.counted.exact) == (total, False)
    assert not any("COUNT(" in q["sql"].upper() and "people_employee" in q["sql"]
                   for q in ctx.captured_queries)
    # A filtered small list is counted exactly at once.
    small = client.get(URL, {"q": "BARU SAJA"}).context["page"]
    assert (small.count, small.counted.exact) == (1, True)
    # Another scope never reads the regency's cached figure.
    client.logout()
    assert client.login(username=cast.admin_a.username, password="Persona-Test-Pass-2026")
    mine = client.get(URL).context["page"].count
    assert mine == Employee.objects.visible_to(cast.admin_a).count()


def test_the_filter_selects_come_from_the_held_tables_in_their_own_order(settings):
    active_held(CODE_TABLE_FIELDS)
    with CaptureQueriesContext(connection) as captured:
        found = active_held(CODE_TABLE_FIELDS)
    assert len(captured.captured_queries) == 0
    assert [g.pk for g in found["golongan"]] == list(
        Golongan.objects.active().values_list("pk", flat=True))
    assert [r.name for r in found["religion"]] == list(
        Religion.objects.active().values_list("name", flat=True))
    # Out of use: inactive, or outside its validity dates (seen once the copy is renewed).
    Religion.objects.filter(pk=found["religion"][0].pk).update(is_active=False)
    Religion.objects.filter(pk=found["religion"][1].pk).update(
        valid_to=timezone.localdate() - datetime.timedelta(days=1))
    settings.SMART_CODE_TABLE_SECONDS = 0
    assert len(active_held({"religion": Religion})["religion"]) == len(found["religion"]) - 2


def test_the_name_search_has_its_trigram_index_on_postgresql(cast):
    """On PostgreSQL the migrations leave one GIN trigram index for the search,
    on name and titles together (decision 222), and the search's WHERE is the
    index's expression: the plan reads it (sequential scans off, as a large
    table would choose). On SQLite nothing is added and the search scans."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = "
                           "'people_employee' AND indexdef LIKE '%%gin_trgm_ops%%'")
            assert {row[0] for row in cursor.fetchall()} == {"people_employee_search_trgm"}
            sql, params = (Employee.objects.search("rekan dinkes").only("pk").order_by()
                           .query.sql_with_params())
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            assert "people_employee_search_trgm" in plan, plan
            assert "%REKAN%" in plan and "%DINKES%" in plan
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE name LIKE '%trgm%'")
            assert cursor.fetchall() == []
    assert list(Employee.objects.search("rekan dinkes")) == [cast.colleague_a]


@pytest.mark.parametrize("text", ["rekan dinkes", "DINKES rekan", "rekan,", "ekan dink"])
def test_each_word_matches_within_the_name_or_a_title(cast, text):
    """Words in any order, each inside the name or one title (a word holds no
    space, so it never matches across the space that joins them)."""
    assert list(Employee.objects.search(text)) == [cast.colleague_a]


def test_titles_are_searched_and_a_word_never_spans_two_fields(cast):
    colleague = cast.colleague_a
    colleague.front_title, colleague.back_title = "Drs.", "M.Si."
    colleague.save()
    assert list(Employee.objects.search("drs. rekan")) == [colleague]
    assert list(Employee.objects.search("m.si")) == [colleague]
    assert list(Employee.objects.search("DINKESM.Si")) == []  # name end + title
    assert list(Employee.objects.search("50%")) == []  # LIKE's wildcards are text here
    assert list(Employee.objects.search("REK_N")) == []  # "_" is no wildcard either


def _queries(client, params=None, url=URL) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params or {}).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("params", [{}, {"q": "pegawai"}, {"last": 1}, {"page": 2}],
                         ids=["first", "search", "last", "page-2"])
def test_list_queries_do_not_grow_with_the_employees(client, cast, small_pages, params):
    """6 employees more, then 30 more: the same number of queries per page (both
    lists above the fixture's exact-count cap of 5, whose figure is kept)."""
    assert client.login(username=cast.verifier.username, password="Persona-Test-Pass-2026")
    for n in range(6):
        make_employee("DINKES.01", name=f"PEGAWAI TIGA {n}")
    client.get(URL, params)
    few = _queries(client, params)
    for n in range(30):
        make_employee("DISDIK.01", name=f"PEGAWAI TIGA PULUH {n}")
    cache.clear()
    client.get(URL, params)
    assert _queries(client, params) == few


def test_api_list_queries_do_not_grow_with_the_employees(client, cast):
    assert client.login(username=cast.verifier.username, password="Persona-Test-Pass-2026")
    url = reverse("api:employee_list")
    for n in range(3):
        make_employee("DINKES.01", name=f"PEGAWAI TIGA {n}")
    client.get(url)
    few = _queries(client, {"limit": 100}, url)
    for n in range(30):
        make_employee("DISDIK.01", name=f"PEGAWAI TIGA PULUH {n}")
    assert _queries(client, {"limit": 100}, url) == few


def _unit_options(response) -> set[str]:
    form = re.search(r'<select name="unit".*?</select>', response.content.decode(), re.S)
    return set(re.findall(r"<option[^>]*>([^<]*)</option>", form.group()))


def test_the_unfiltered_form_is_kept_per_scope_and_language_and_renewed_by_a_unit_change(
        client, cast):
    """Decision 221: the list's filter form with nothing chosen is rendered once per
    scope and language; another scope never sees its units, a unit added or renamed
    in this process shows at the next view, a chosen filter renders the form afresh."""
    from smart.references.models import Unit
    from smart.references.services import unit_add

    cache.clear()
    client.force_login(cast.verifier)  # regency-wide
    regency = _unit_options(client.get(URL))
    assert any("Dinas Pendidikan" in label for label in regency)
    client.force_login(cast.admin_a)  # Dinkes only, after the regency's form was kept
    dinkes = _unit_options(client.get(URL))
    assert dinkes and all("Dinas Pendidikan" not in label for label in dinkes)
    assert dinkes < regency

    added = unit_add(parent=Unit.objects.get(code="DINKES"), code="DINKES.99",
                     name="Seksi Baru Sekali", kind=Unit.Kind.SUBUNIT)
    assert any("Seksi Baru Sekali" in label for label in _unit_options(client.get(URL)))
    added.name = "Seksi Berganti Nama"
    added.save()
    options = _unit_options(client.get(URL))
    assert any("Seksi Berganti Nama" in label for label in options)
    assert not any("Seksi Baru Sekali" in label for label in options)

    assert "Saringan lainnya" in client.get(URL).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = client.get(URL).content.decode()
    assert "More filters" in english and "Saringan lainnya" not in english

    chosen = client.get(URL, {"unit": added.pk, "q": "tidak ada"})
    assert chosen.context["form"].is_valid()
    assert re.search(rf'<option value="{added.pk}" selected>', chosen.content.decode())
    other = client.get(URL, {"unit": Unit.objects.get(code="DISDIK").pk})
    assert other.context["form"].errors and not other.context["page"].object_list
