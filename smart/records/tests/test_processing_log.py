"""'Who processed my data' (UU PDP Art. 32): the employee's events are found by
id and by the NIP that starts their entries' labels, without reading the whole
audit log on PostgreSQL (audit migration 0006)."""

import pytest
from django.db import connection

from smart.audit.services import audit_record
from smart.records.personal_data import processing_log

pytestmark = pytest.mark.django_db


def test_the_log_finds_reads_of_the_record_and_changes_to_its_entries(cast):
    employee, other = cast.colleague_a, cast.employee_record
    audit_record(actor=cast.verifier, action="people.employee.read", target=employee)
    audit_record(actor=cast.verifier, action="records.rankhistory.update",
                 target_label=f"{employee.nip} pangkat III/a")
    audit_record(actor=cast.verifier, action="people.employee.read", target=other)
    actions = sorted(processing_log(employee).values_list("action", flat=True))
    assert actions == ["people.employee.read", "records.rankhistory.update"]


def test_the_log_is_read_through_indexes_on_postgresql(cast):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's LIKE with ESCAPE uses no index; its logs are small")
    sql, params = processing_log(cast.colleague_a).order_by().query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # what a log of millions forces
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Seq Scan on audit_auditevent" not in plan, plan
    assert "audit_auditevent_target_label_prefix" in plan, plan
