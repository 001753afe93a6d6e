"""PostgreSQL: a trigger refuses UPDATE and DELETE of audit rows (security.md L6).

One UPDATE is let through: setting ``actor_id`` to NULL and nothing else, which
is what deleting a user does (``on_delete=SET_NULL``); ``actor_id`` is not in
the hashed payload, ``actor_label`` keeps the name.

TRUNCATE is not refused: Django's test flush (TransactionTestCase, live_server)
empties tables with TRUNCATE, and TRUNCATE needs the table owner's rights or
the TRUNCATE privilege, which the production database role should not hold
(decision 52). SQLite has no such guard; the chain still detects edits.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION audit_auditevent_refuse_change() RETURNS trigger AS $$
DECLARE
    unchanged audit_auditevent;
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.actor_id IS NULL AND OLD.actor_id IS NOT NULL THEN
        unchanged := NEW;
        unchanged.actor_id := OLD.actor_id;
        IF unchanged IS NOT DISTINCT FROM OLD THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION 'audit events are append-only: % of event #% refused', TG_OP, OLD.seq
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql
"""

TRIGGER = """
CREATE TRIGGER audit_auditevent_append_only
    BEFORE UPDATE OR DELETE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION audit_auditevent_refuse_change()
"""

DROP = [
    "DROP TRIGGER IF EXISTS audit_auditevent_append_only ON audit_auditevent",
    "DROP FUNCTION IF EXISTS audit_auditevent_refuse_change()",
]


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # One statement per call, no parameters: "%" in the message stays literal.
        schema_editor.execute(CREATE, params=None)
        schema_editor.execute(TRIGGER, params=None)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP:
            schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0003_rechain_with_hmac"),
    ]

    operations = [
        migrations.RunPython(create_trigger, drop_trigger),
    ]
