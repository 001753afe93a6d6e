"""people.bulk.insert_rows (issue 6 performance, issue 10): what goes in comes
back the same, primary keys in insertion order, on SQLite (multi-row VALUES)
and on PostgreSQL (one array per column through UNNEST)."""

from __future__ import annotations

import datetime

import pytest

from smart.integrations.models import ImportBatch, ImportRow
from smart.people.bulk import insert_rows
from smart.people.models import Employee
from smart.references.models import Golongan, Sex, Unit

pytestmark = pytest.mark.django_db


def _employee(n: int, **extra) -> Employee:
    return Employee(
        nip=f"19850312201001{n % 2 + 1}{n:03d}", nik=f"14090252038{n:05d}",
        name=f"PEGAWAI MASSAL {n}", birth_date=datetime.date(1985, 3, 12),
        sex=Sex.objects.get(code="F"), unit=Unit.objects.get(code="DINKES"),
        golongan=Golongan.objects.get(code="33"), tmt_cpns=datetime.date(2010, 1, 1),
        findings=[{"code": "uji", "text": f"baris {n}"}], **extra)


def test_model_rows_get_their_keys_in_order_and_keep_every_value():
    employees = [_employee(n) for n in range(1, 40)]
    employees[3].tmt_cpns = None  # an empty date stays empty
    insert_rows(Employee, employees)
    assert all(e.pk and not e._state.adding for e in employees)
    assert [e.pk for e in employees] == sorted(e.pk for e in employees)
    stored = {e.pk: e for e in Employee.objects.filter(pk__in=[e.pk for e in employees])}
    for employee in employees:
        again = stored[employee.pk]
        assert (again.nip, again.name, again.tmt_cpns, again.golongan_id, again.findings) == (
            employee.nip, employee.name, employee.tmt_cpns, employee.golongan_id,
            employee.findings)


def test_dict_rows_with_json_and_text_that_looks_like_sql():
    batch = ImportBatch.objects.create(filename="uji.csv")
    rows = [{"batch_id": batch.pk, "phase": "preview", "number": n, "nip": "'1985",
             "name": "O'HARA); DROP TABLE x; --", "outcome": "invalid",
             "errors": [["nip_baru", "NIP 1.98503E+17 rusak"]], "diff": [], "findings": [],
             "cells": ["'1985", None, {"n": n}]} for n in range(2, 1200)]
    insert_rows(ImportRow, rows)
    stored = list(ImportRow.objects.filter(batch=batch).order_by("pk"))
    assert [r.number for r in stored] == list(range(2, 1200))
    assert stored[0].name == "O'HARA); DROP TABLE x; --"
    assert stored[-1].errors == [["nip_baru", "NIP 1.98503E+17 rusak"]]
    assert stored[-1].cells == ["'1985", None, {"n": 1199}]
