"""A prefix index on the audit events' target label, on PostgreSQL.

"Who processed my data" (records.personal_data.processing_log) finds an
employee's events by their id or by labels that start with their NIP (the
entries' events). Without an index on the label PostgreSQL cannot split that
OR into two index scans and reads the whole audit log, which grows by every
profile read, on every view of the employee's own data page. The index is
built CONCURRENTLY, so a large log keeps taking events meanwhile (it waits for
older transactions to end: a running pg_dump holds the migration until the
backup is done). SQLite's LIKE with ESCAPE cannot use an index: nothing is
done there.
"""

from django.db import migrations

INDEX = "audit_auditevent_target_label_prefix"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        # An interrupted CONCURRENTLY build leaves an INVALID index that IF NOT
        # EXISTS would accept: build it again.
        cursor.execute("SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass(%s)",
                       [INDEX])
        found = cursor.fetchone()
    if found is not None and not found[0]:
        schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {INDEX}")
    schema_editor.execute(
        f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {INDEX} "
        "ON audit_auditevent (target_label varchar_pattern_ops)")


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY runs outside a transaction

    dependencies = [
        ("audit", "0005_audit_checks"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index, elidable=False),
    ]
