"""Trigram (pg_trgm) GIN indexes for the name search on PostgreSQL (issue 10).

The list's search is ``icontains`` on the name and the titles, which Django
writes as ``UPPER(col::text) LIKE UPPER('%word%')``: a B-tree cannot serve a
leading wildcard, a trigram index on exactly that expression can. Only on
PostgreSQL, and only when the pg_trgm extension is available and may be
created; elsewhere (SQLite, a server without the extension) nothing is done
and the search scans, as before.
"""

from django.db import migrations

COLUMNS = ("name", "front_title", "back_title")


def _index(column: str) -> str:
    return f"people_employee_{column}_trgm"


def create_trigram_indexes(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
        if cursor.fetchone() is None:
            return
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        if cursor.fetchone() is None:
            cursor.execute("SAVEPOINT smart_trgm")
            try:
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            except Exception:  # noqa: BLE001 - no privilege: the search scans instead
                cursor.execute("ROLLBACK TO SAVEPOINT smart_trgm")
                return
            cursor.execute("RELEASE SAVEPOINT smart_trgm")
        for column in COLUMNS:
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {_index(column)} ON people_employee "
                f"USING gin (UPPER({column}::text) gin_trgm_ops)")


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for column in COLUMNS:
            cursor.execute(f"DROP INDEX IF EXISTS {_index(column)}")


class Migration(migrations.Migration):

    dependencies = [
        ("people", "0003_employee_name_nip_index"),
    ]

    operations = [
        migrations.RunPython(create_trigram_indexes, drop_trigram_indexes, elidable=False),
    ]
