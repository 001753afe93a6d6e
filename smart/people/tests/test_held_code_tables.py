"""Code tables held in each process (decision 218): an employee's golongan,
agama, eselon … come from memory, and a changed code-table row is never shown
stale beyond the rules of ``smart.references.held``."""

import pytest
from django.db import connection, models
from django.test.utils import CaptureQueriesContext, isolate_apps

from smart.people.models import Employee, get_employee_for_user_or_404
from smart.references.held import (
    _held_foreign_keys,
    forget_held_rows,
    held_generation,
    held_rows,
    with_held_rows,
)
from smart.references.models import Golongan, Religion
from tests.personas import make_employee, make_user

pytestmark = pytest.mark.django_db


def _read(pk: int) -> Employee:
    return with_held_rows(Employee.objects.filter(pk=pk)).get()


def _code_tables_read(queries) -> list[str]:
    return [q["sql"] for q in queries.captured_queries
            if any(t in q["sql"] for t in ('"references_golongan"', '"references_sex"',
                                           '"references_religion"', '"references_echelon"'))]


def test_code_table_values_cost_no_query_once_held():
    employee = make_employee("DINKES")
    _read(employee.pk)  # the first use reads the tables
    with CaptureQueriesContext(connection) as queries:
        read = _read(employee.pk)
        names = (read.golongan.name, read.sex.code)
    assert names == ("III/c", "F")
    assert len(queries) == 1
    assert _code_tables_read(queries) == []


def test_a_row_saved_through_the_orm_is_shown_at_once():
    employee = make_employee("DINKES")
    assert _read(employee.pk).golongan.name == "III/c"
    golongan = Golongan.objects.get(code="33")
    golongan.name = "III/c (diubah)"
    golongan.save()
    assert _read(employee.pk).golongan.name == "III/c (diubah)"


def test_a_row_added_elsewhere_is_found_by_its_id():
    employee = make_employee("DINKES")
    held_rows(Religion)  # held before the row exists
    [religion] = Religion.objects.bulk_create([Religion(code="99", name="Kepercayaan Uji")])
    Employee.objects.filter(pk=employee.pk).update(religion=religion)  # no signal either way
    assert _read(employee.pk).religion.name == "Kepercayaan Uji"


def test_a_row_changed_without_signals_is_shown_after_the_holding_time(settings):
    employee = make_employee("DINKES")
    assert _read(employee.pk).golongan.name == "III/c"
    Golongan.objects.filter(code="33").update(name="III/c baru")  # update() sends no signal
    assert _read(employee.pk).golongan.name == "III/c"  # held for the setting's seconds
    settings.SMART_CODE_TABLE_SECONDS = 0
    assert _read(employee.pk).golongan.name == "III/c baru"


def test_a_deferred_key_is_not_read_to_attach_its_row():
    employee = make_employee("DINKES")
    _read(employee.pk)
    with CaptureQueriesContext(connection) as queries:
        read = with_held_rows(Employee.objects.filter(pk=employee.pk)).only("pk", "name").get()
    assert len(queries) == 1
    assert "golongan_id" in read.get_deferred_fields()


def test_the_profile_reads_the_employee_in_one_query_with_names_from_memory():
    user = make_user("pegawai_held", employee_unit="DINKES")
    employee = Employee.objects.get(user=user)
    appraiser = make_employee("DINKES", name="PENILAI UJI")
    Employee.objects.filter(pk=employee.pk).update(appraiser=appraiser)
    forget_held_rows()
    get_employee_for_user_or_404(user, employee.pk)
    with CaptureQueriesContext(connection) as queries:
        read = get_employee_for_user_or_404(user, employee.pk)
        shown = (read.golongan.name, read.sex.name, read.unit.agency.code,
                 read.appraiser.display_name)
    assert shown == ("III/c", employee.sex.name, "DINKES", "PENILAI UJI")
    assert _code_tables_read(queries) == []
    assert len([q for q in queries.captured_queries if '"people_employee"' in q["sql"]]) == 1


def test_the_generation_changes_only_when_a_held_table_changes(settings):
    employee = make_employee("DINKES")
    _read(employee.pk)
    settings.SMART_CODE_TABLE_SECONDS = 0  # every use reads the tables again
    before = held_generation()
    _read(employee.pk)
    assert held_generation() == before  # read again, the same values
    Golongan.objects.filter(code="33").update(name="III/c lain")  # no signal
    _read(employee.pk)
    assert held_generation() != before


@isolate_apps("smart.people")
def test_a_key_to_another_column_than_the_id_is_not_held():
    class ByCode(models.Model):
        golongan = models.ForeignKey(Golongan, models.PROTECT, to_field="code")
        religion = models.ForeignKey(Religion, models.PROTECT)

        def __str__(self) -> str:
            return str(self.pk)

    assert [field.name for field in _held_foreign_keys(ByCode)] == ["religion"]
