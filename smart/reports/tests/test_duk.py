"""R-USE (issue 7 §1, domain.md §5.5): the DUK, hand-computed on a small regency."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from smart.access.models import Role
from smart.accounts.models import User
from smart.people.models import AsnKind
from smart.records.services import position_on, rank_on
from smart.references.models import Unit
from smart.reports.duk import duk_rows
from smart.reports.tests.builders import D, education, pns, position, rank, training
from tests.personas import make_user

pytestmark = pytest.mark.django_db
ON = D(2026, 1, 1)
UNIT = "DINKES.PKM05"


@pytest.fixture
def regency():
    """Twelve PNS whose order exercises every key of the DUK, one PPPK and one CPNS."""
    people = {
        "A": pns(UNIT, "A", golongan="41", tmt_golongan=D(2020, 4, 1)),
        "B": pns(UNIT, "B", tmt_golongan=D(2018, 4, 1)),
        "C": pns(UNIT, "C", echelon="31", tmt_echelon=D(2022, 1, 1)),
        "D": pns(UNIT, "D", echelon="41", tmt_echelon=D(2021, 1, 1)),
        "E": pns(UNIT, "E", echelon="41", tmt_echelon=D(2023, 1, 1)),
        "F": pns(UNIT, "F", tmt_cpns=D(2005, 1, 1)),
        "G": pns(UNIT, "G"),
        "H": pns(UNIT, "H"),
        "I": pns(UNIT, "I", education_code="45"),
        "J": pns(UNIT, "J", birth=D(1980, 5, 1)),
        # One month more service than H (TMT CPNS 1 December 2007): masa kerja in
        # months decides before the training H has.
        "K": pns(UNIT, "K", tmt_cpns=D(2007, 12, 1)),
        # III/d only from 2027: on ON they are III/c.
        "N": pns(UNIT, "N", golongan="33", tmt_golongan=D(2015, 4, 1)),
    }
    rank(people["N"], "34", D(2027, 4, 1))
    training(people["H"], "2", D(2015, 3, 1))
    training(people["G"], "5", D(2026, 6, 1))  # after ON: does not count yet
    education(people["G"], "45", 2030)  # S-2 finished after ON: does not count yet
    pns(UNIT, "PPPK", asn_kind=AsnKind.PPPK, golongan="")
    pns(UNIT, "CPNS", asn_kind=AsnKind.CPNS)
    pns(UNIT, "LATER", tmt_cpns=D(2026, 3, 1))  # not yet in service on ON
    pns("DISDIK.KORWIL03.SD1", "OTHER UNIT", golongan="44", tmt_golongan=D(2010, 4, 1))
    return people


def reader(role=Role.SYSTEM_MANAGER, scope=None):
    username = f"reader-{role}-{scope}"
    return User.objects.filter(username=username).first() or make_user(username, role, scope)


def test_it_orders_by_every_tie_breaker_in_turn(regency):
    """golongan ↓, TMT golongan ↑, eselon ↑, TMT eselon ↑, masa kerja ↓,
    diklat ↓, pendidikan ↓, usia ↓ — each neighbouring pair below differs in the
    key named: A/B golongan, B/C TMT golongan, C/D eselon, D/E TMT eselon, E/F
    eselon against none, F/K masa kerja (years), K/H masa kerja (one month), H/I
    diklat, I/J pendidikan, J/G usia, G/N golongan on the date (N is III/d later)."""
    rows = duk_rows(reader(), ON, Unit.objects.get(code=UNIT))
    assert [r.name for r in rows] == ["A", "B", "C", "D", "E", "F", "K", "H", "I", "J", "G",
                                      "N"]


def test_it_reads_the_history_as_of_the_date(regency):
    rows = {r.name: r for r in duk_rows(reader(), ON, Unit.objects.get(code=UNIT))}
    assert (rows["N"].golongan_name, rows["N"].tmt_golongan) == ("III/c", D(2015, 4, 1))
    assert rows["G"].training_rank == 0 and rows["G"].education_name == "S-1/Sarjana"
    assert rows["H"].training_name.startswith("SEPALA")
    later = {r.name: r for r in duk_rows(reader(), D(2027, 5, 1), Unit.objects.get(code=UNIT))}
    assert later["N"].golongan_name == "III/d"
    assert "LATER" in later


def test_the_bulk_reading_agrees_with_rank_on_and_position_on(regency):
    """history_on's subqueries are the same rule as records.services."""
    for on in (D(2016, 1, 1), ON, D(2028, 1, 1)):
        rows = {r.pk: r for r in duk_rows(reader(), on, Unit.objects.get(code=UNIT))}
        for employee in regency.values():
            entry, post = rank_on(employee, on), position_on(employee, on)
            if employee.pk in rows:
                assert rows[employee.pk].tmt_golongan == entry.tmt
                assert rows[employee.pk].position_name == post.position_name


def test_it_lists_pns_only_in_service_on_the_date(regency):
    names = {r.name for r in duk_rows(reader(), ON)}
    assert {"PPPK", "CPNS", "LATER"} & names == set()
    assert "OTHER UNIT" in names


def test_it_places_an_employee_by_the_unit_of_that_date(regency):
    """Moved to Disdik in 2025: on the Disdik DUK of 2026, on the Dinkes DUK of 2024."""
    position(regency["B"], tmt=D(2025, 1, 1), unit="DISDIK.KORWIL03.SD1")
    dinkes, disdik = Unit.objects.get(code="DINKES"), Unit.objects.get(code="DISDIK")
    assert "B" not in {r.name for r in duk_rows(reader(), ON, dinkes)}
    assert "B" in {r.name for r in duk_rows(reader(), ON, disdik)}
    assert "B" in {r.name for r in duk_rows(reader(), D(2024, 6, 1), dinkes)}


def test_it_stays_within_the_readers_scope(regency):
    """A unit admin of Dinkes sees no Disdik PNS, even for the whole regency."""
    names = {r.name for r in duk_rows(reader(Role.UNIT_ADMIN, "DINKES"), ON)}
    assert "OTHER UNIT" not in names and "A" in names


def test_its_query_count_does_not_grow_with_the_list(regency):
    """Issue 7 performance: a fixed number of queries, however many employees."""
    user = reader()
    duk_rows(user, ON)  # roles cached on the user
    with CaptureQueriesContext(connection) as few:
        duk_rows(user, ON)
    for n in range(15):
        pns(UNIT, f"MORE {n}", tmt_golongan=datetime.date(2000 + n, 4, 1))
    with CaptureQueriesContext(connection) as many:
        rows = duk_rows(user, ON)
    assert len(rows) == 13 + 15
    assert len(many) == len(few) == 6


def test_the_legal_status_is_the_one_of_the_dates_day(regency):
    """A PNS pensioned in 2026 (status "Pensiun" recorded on 01-02-2026, active in
    the versions before) is on the DUK of 30-06-2025 and not on today's; reading
    those versions costs one query, whatever the number of such employees."""
    from django.utils import timezone

    from smart.references.models import LegalStatus

    retired = pns(UNIT, "PENSIUN 2026", birth=D(1968, 1, 10))
    history = type(retired).history.model
    history.objects.filter(id=retired.pk).update(
        history_date=timezone.make_aware(datetime.datetime(2024, 1, 1, 9)))
    retired.legal_status = LegalStatus.objects.get(code="99")
    retired.save()
    history.objects.filter(id=retired.pk, legal_status__code="99").update(
        history_date=timezone.make_aware(datetime.datetime(2026, 2, 1, 9)))
    user = reader()
    duk_rows(user, ON)  # roles cached on the user
    with CaptureQueriesContext(connection) as queries:
        then = {r.name for r in duk_rows(user, D(2025, 6, 30))}
    assert "PENSIUN 2026" in then and "A" in then
    assert len(queries) == 7  # the six of every DUK and the versions of the changed
    now = {r.name for r in duk_rows(user, timezone.localdate())}
    assert "PENSIUN 2026" not in now and "A" in now
