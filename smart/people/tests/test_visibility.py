"""R-ROLE-11, defects 1–4: who sees which employees, in lists and by id."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from smart.access.models import Role, RoleAssignment
from smart.people.models import Employee
from smart.references.models import Unit
from tests.personas import PASSWORD, make_employee

pytestmark = pytest.mark.django_db


def _names(user):
    return set(Employee.objects.visible_to(user).values_list("name", flat=True))


def test_a_plain_employee_sees_only_their_own_record(cast):
    assert _names(cast.employee) == {cast.employee_record.name}


def test_a_unit_admin_sees_their_unit_subtree_and_nothing_else(cast):
    names = _names(cast.admin_a)
    assert {cast.employee_record.name, cast.colleague_a.name, "ADMIN_DINKES"} <= names
    assert cast.person_b.name not in names
    assert "ADMIN_DISDIK" not in names


def test_regency_wide_roles_see_everyone(cast):
    total = Employee.objects.count()
    for user in (cast.system_manager, cast.verifier, cast.division_admin, cast.leader):
        assert Employee.objects.visible_to(user).count() == total


def test_the_super_admin_reads_no_personnel_data(cast):
    assert _names(cast.super_admin) == set()


def test_an_expired_or_ungranted_assignment_gives_nothing(cast):
    RoleAssignment.objects.filter(user=cast.admin_a, role=Role.UNIT_ADMIN).update(
        is_granted=False)
    assert _names(cast.admin_a) == {"ADMIN_DINKES"}


def test_a_transfer_moves_visibility_at_once(cast):
    cast.person_b.unit = cast.colleague_a.unit
    cast.person_b.save()
    assert cast.person_b.name in _names(cast.admin_a)
    assert cast.person_b.name not in _names(cast.admin_b)


@pytest.mark.parametrize("who", ["employee", "admin_b", "super_admin"])
def test_an_out_of_scope_profile_is_a_404(client, cast, who):
    client.login(username=getattr(cast, who).username, password=PASSWORD)
    response = client.get(reverse("records:profile", args=[cast.colleague_a.pk]))
    assert response.status_code == 404


def test_the_list_never_shows_another_units_rows_even_when_filtered_by_them(client, cast):
    client.login(username=cast.admin_a.username, password=PASSWORD)
    other_unit = cast.person_b.unit
    response = client.get(reverse("people:employee_list"),
                          {"unit": other_unit.pk, "q": cast.person_b.name})
    assert response.status_code == 200
    results = response.content.decode().split('id="results"', 1)[1]
    assert cast.person_b.name not in results
    assert "0 pegawai" in results


def test_search_by_name_and_by_nip_with_spaces(client, cast):
    client.login(username=cast.verifier.username, password=PASSWORD)
    nip = cast.colleague_a.nip
    spaced = f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    for q in ("rekan dinkes", spaced):
        page = client.get(reverse("people:employee_list"), {"q": q}).content.decode()
        results = page.split('id="results"', 1)[1]
        assert "REKAN DINKES" in results, q
        assert "GURU DISDIK" not in results, q


def test_filters_by_unit_subtree_and_kind(client, cast):
    client.login(username=cast.verifier.username, password=PASSWORD)
    dinkes = Unit.objects.get(code="DINKES")
    page = client.get(reverse("people:employee_list"), {"unit": dinkes.pk}).content.decode()
    assert "REKAN DINKES" in page and "GURU DISDIK" not in page
    page = client.get(reverse("people:employee_list"), {"asn_kind": "PPPK"}).content.decode()
    assert "REKAN DINKES" not in page


def test_the_list_query_count_does_not_grow_with_the_number_of_employees(client, cast):
    client.login(username=cast.verifier.username, password=PASSWORD)
    url = reverse("people:employee_list")

    def count_queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    count_queries()  # the session's first renewal (decision 155)
    before = count_queries()
    for i in range(30):
        make_employee("DINKES.PKM07", name=f"TAMBAHAN {i}")
    assert count_queries() == before


def test_my_record_redirects_an_employee_to_their_own_profile(client, cast):
    client.login(username=cast.employee.username, password=PASSWORD)
    response = client.get(reverse("people:my_profile"))
    assert response.status_code == 302
    assert response.url == reverse("records:profile", args=[cast.employee_record.pk])


def test_the_unit_filter_offers_only_units_in_scope(client, cast):
    client.login(username=cast.admin_a.username, password=PASSWORD)
    page = client.get(reverse("people:employee_list")).content.decode()
    assert "UPTD Puskesmas Benai" in page
    assert "Korwil Pendidikan" not in page and "Badan Kepegawaian" not in page


def test_an_htmx_search_returns_only_the_results_fragment(client, cast):
    client.login(username=cast.verifier.username, password=PASSWORD)
    response = client.get(reverse("people:employee_list"), {"q": "rekan"},
                          headers={"HX-Request": "true"})
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="results">')
    assert "REKAN DINKES" in body and "<html" not in body
