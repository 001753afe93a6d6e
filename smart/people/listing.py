"""Pages of the employee list that stay fast at any size (issue 10).

* The first ``SMART_LIST_OFFSET_PAGES`` pages are numbered (``?page=n``): an
  OFFSET of a few hundred rows along the (name, NIP) index costs nothing.
* Beyond them, and for the last page, the list pages by **keyset**: ``?after=id``
  (the rows after that employee in name order), ``?before=id`` (the rows before
  it) and ``?last=1`` (the last rows, read backwards along the index). The
  cursor is an employee id looked up in the same filtered, scoped list, so a
  cursor never shows a name in the address and an id outside the caller's list
  simply starts again at the first page.
* The count: exact when the list holds at most ``SMART_LIST_EXACT_COUNT_UP_TO``
  rows (a capped count reads no more than that); above it the exact count is
  computed once and kept for ``SMART_LIST_COUNT_CACHE_SECONDS`` per scope and
  filter set, and shown as "about" from the first view on; while it is kept, the list is
  not counted.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import F, Q, Value
from django.db.models.functions import Concat


@dataclass
class Count:
    value: int
    exact: bool  # False: the figure of a big list, kept a few minutes, shown as "about"


@dataclass
class EmployeePage:
    object_list: list
    counted: Count
    number: int | None  # None on keyset pages: the position is not counted
    num_pages: int
    first_id: int | None
    last_id: int | None
    has_previous: bool
    has_next: bool
    previous_query: str  # query-string parameters of the neighbouring pages
    next_query: str
    keyset: bool

    @property
    def paginator(self):  # as Django's Page: page.paginator.count, .num_pages
        return self

    @property
    def count(self) -> int:
        return self.counted.value

    @property
    def approximate(self) -> bool:
        return not self.counted.exact


def list_count(queryset, key: str) -> Count:
    """The number of rows, exact for small lists, cached for big ones.

    A list whose figure is kept (it was big a moment ago) is not counted at
    all: even the capped count reads 5,001 rows, 80 ms for a unit subtree and
    a golongan at 1,000,000 ASN (decision 215). The kept figure is shown as
    "about" until it expires, also if the list shrank meanwhile."""
    cache_key = "smart.people.list_count." + hashlib.sha256(key.encode()).hexdigest()
    cached = cache.get(cache_key)
    if cached is not None:
        return Count(cached, exact=False)
    cap = settings.SMART_LIST_EXACT_COUNT_UP_TO
    seen = queryset.order_by().values("pk")[:cap + 1].count()
    if seen <= cap:
        return Count(seen, exact=True)
    value = queryset.order_by().count()
    cache.set(cache_key, value, settings.SMART_LIST_COUNT_CACHE_SECONDS)
    # "About" from the first view on: the next pages show the kept figure, and
    # one list should not change its wording from page to page (user test).
    return Count(value, exact=False)


def _boundary(queryset, employee_id) -> tuple[str, str] | None:
    try:
        employee_id = int(employee_id)
    except (TypeError, ValueError):
        return None
    # One row by its key: no first(), whose ORDER BY costs compiling (decision 221).
    return next(iter(queryset.filter(pk=employee_id).values_list("name", "nip").order_by()),
                None)


def _after(name: str, nip: str) -> Q:
    # name >= n bounds the index range; the OR settles ties on the NIP.
    return Q(name__gte=name) & (Q(name__gt=name) | Q(nip__gt=nip))


def _before(name: str, nip: str) -> Q:
    return Q(name__lte=name) & (Q(name__lt=name) | Q(nip__lt=nip))


def _name_order(searched: bool):
    """The list's order, name then NIP. For a name search the same order is
    written as an expression (``name || ''``), which the (name, NIP) index
    cannot give: PostgreSQL then finds the matches through the trigram index
    and sorts the few thousand of them, instead of walking the name index from
    "A" until 26 match (a first name like "DASMAWATI" sorts under "D": 70 ms
    against 27 ms at 1,000,000 ASN, decision 216)."""
    return Concat("name", Value("")) if searched else F("name")


def employee_page(queryset, params, *, count_key: str, searched: bool = False,
                  size: int | None = None) -> EmployeePage:
    """One page of ``queryset`` (ordered by name, NIP) for the query ``params``;
    ``searched``: the list is narrowed by a name search."""
    size = size or settings.SMART_EMPLOYEE_PAGE_SIZE
    offset_pages = settings.SMART_LIST_OFFSET_PAGES
    count = list_count(queryset, count_key)
    num_pages = max(1, -(-count.value // size))
    name = _name_order(searched)
    forward = queryset.order_by(name.asc(), "nip")
    backward = queryset.order_by(name.desc(), "-nip")

    after = _boundary(queryset, params.get("after")) if params.get("after") else None
    before = _boundary(queryset, params.get("before")) if params.get("before") else None
    if after is not None:
        rows = list(forward.filter(_after(*after))[:size + 1])
        has_next, rows = len(rows) > size, rows[:size]
        return _keyset(rows, count, num_pages, has_previous=True, has_next=has_next)
    if before is not None:
        rows = list(backward.filter(_before(*before))[:size + 1])
        has_previous, rows = len(rows) > size, rows[:size][::-1]
        if not has_previous:  # back at the start: the numbered first page
            return _numbered(forward, 1, size, count, num_pages, offset_pages)
        return _keyset(rows, count, num_pages, has_previous=True, has_next=True)
    if params.get("last") and num_pages > offset_pages:
        rows = list(backward[:size])[::-1]
        return _keyset(rows, count, num_pages, has_previous=True, has_next=False)
    try:
        number = int(params.get("page") or 1)
    except ValueError:
        number = 1
    if params.get("last") or params.get("page") == "last":
        number = num_pages
    number = min(max(number, 1), num_pages, offset_pages)
    return _numbered(forward, number, size, count, num_pages, offset_pages)


def _numbered(forward, number: int, size: int, count: Count, num_pages: int,
              offset_pages: int) -> EmployeePage:
    rows = list(forward[(number - 1) * size:number * size + 1])
    has_next, rows = len(rows) > size, rows[:size]
    page = EmployeePage(rows, count, number, num_pages,
                        rows[0].pk if rows else None, rows[-1].pk if rows else None,
                        has_previous=number > 1, has_next=has_next,
                        previous_query=f"page={number - 1}", next_query="", keyset=False)
    if has_next:
        page.next_query = (f"page={number + 1}" if number < offset_pages
                           else f"after={page.last_id}")
    return page


def _keyset(rows: list, count: Count, num_pages: int, *, has_previous: bool,
            has_next: bool) -> EmployeePage:
    first_id = rows[0].pk if rows else None
    last_id = rows[-1].pk if rows else None
    return EmployeePage(rows, count, None, num_pages, first_id, last_id,
                        has_previous=has_previous and first_id is not None,
                        has_next=has_next and last_id is not None,
                        previous_query=f"before={first_id}", next_query=f"after={last_id}",
                        keyset=True)
