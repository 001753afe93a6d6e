"""One trigram index for the name search on PostgreSQL (decision 222).

The search (``EmployeeQuerySet.search``) matched each word against the name,
the front title and the back title, each with its own GIN trigram index
(migration 0004): three index scans OR'ed per word. The titles' indexes are
a few short strings repeated over every row, so their posting lists are long
and a word that is in no title cost 10 ms of them at 100,000 ASN. The search
now reads one text, ``name || ' ' || front_title || ' ' || back_title``
(``people.models.SearchText``), and this index is on exactly what
``icontains`` writes on it. Built CONCURRENTLY, so the employee table keeps
taking writes; an INVALID index left by an interrupted build is built again.
The three single-column indexes are dropped and the table analysed (the
planner needs the expression's statistics). Nothing is done on SQLite or
where pg_trgm is not installed (the search scans, as before).
"""

from django.db import migrations

INDEX = "people_employee_search_trgm"
EXPRESSION = "UPPER((name || ' ' || front_title || ' ' || back_title)::text)"
OLD_INDEXES = ("people_employee_name_trgm", "people_employee_front_title_trgm",
               "people_employee_back_title_trgm")
OLD_COLUMNS = ("name", "front_title", "back_title")


def _has_trigrams(cursor) -> bool:
    cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
    return cursor.fetchone() is not None


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        if not _has_trigrams(cursor):  # migration 0004 could not create it: scans
            return
        cursor.execute("SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass(%s)",
                       [INDEX])
        found = cursor.fetchone()
    if found is not None and not found[0]:
        schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {INDEX}")
    schema_editor.execute(f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {INDEX} "
                          f"ON people_employee USING gin ({EXPRESSION} gin_trgm_ops)")
    for old in OLD_INDEXES:
        schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {old}")
    # The planner's estimate of a match comes from the expression's statistics,
    # which only ANALYZE gathers (a sample: seconds at 1,000,000 rows); without
    # them it expects 10 rows and joins the thousand found one by one.
    schema_editor.execute("ANALYZE people_employee")


def restore_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        if not _has_trigrams(cursor):
            return
    for old, column in zip(OLD_INDEXES, OLD_COLUMNS, strict=True):
        schema_editor.execute(f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {old} "
                              f"ON people_employee USING gin (UPPER({column}::text) gin_trgm_ops)")
    schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY runs outside a transaction

    dependencies = [
        ("people", "0005_employee_functional_position"),
    ]

    operations = [
        migrations.RunPython(create_index, restore_indexes, elidable=False),
    ]
