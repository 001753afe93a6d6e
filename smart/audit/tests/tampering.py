"""Editing audit rows behind the application's back, as an attacker with
database access would. On PostgreSQL the append-only trigger is switched off
for the block (inside the test's transaction, so the rollback restores it)."""

import contextlib

from django.db import connection

TRIGGER = "audit_auditevent_append_only"


@contextlib.contextmanager
def trigger_disabled():
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        # Deferred foreign-key checks of the new rows must run first: PostgreSQL
        # will not alter a table with pending trigger events.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(f"ALTER TABLE audit_auditevent DISABLE TRIGGER {TRIGGER}")
        try:
            yield
        finally:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"ALTER TABLE audit_auditevent ENABLE TRIGGER {TRIGGER}")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
