"""Migration 0003 (decision 51): events written under the old plain SHA-256 chain
are re-chained under the key, and a broken old chain stops the migration."""

import datetime
import hashlib
import json

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from smart.audit.services import audit_verify_chain

# Migrating needs a real transaction on SQLite. The flush after such a test
# empties only the tables of available_apps (audit and what its migrations
# depend on), so the seed data of the other apps (reference tables loaded by
# data migrations) stays for later tests (tests/e2e).
pytestmark = pytest.mark.django_db(transaction=True, available_apps=[
    "smart.audit", "smart.accounts", "django.contrib.auth", "django.contrib.contenttypes"])

OLD = [("audit", "0001_initial")]


def _latest():
    """The app's newest migration, so later tests find every table again."""
    executor = MigrationExecutor(connection)
    return [key for key in executor.loader.graph.leaf_nodes() if key[0] == "audit"]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _write_old_chain(apps, tamper=False):
    AuditEvent = apps.get_model("audit", "AuditEvent")
    prev = "0" * 64
    at = datetime.datetime(2026, 12, 1, 3, 0, tzinfo=datetime.UTC)
    for seq, data in enumerate([{"x": 1}, {"stage": "forwarded", "on_behalf_of": "Kepala"}],
                               start=1):
        payload = {"seq": seq, "at": at.isoformat(), "actor": "system", "action": "test.old",
                   "target_type": "", "target_id": "", "target_label": "", "data": data}
        canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"))
        digest = hashlib.sha256((prev + canonical).encode()).hexdigest()
        AuditEvent.objects.create(seq=seq, at=at, actor_label="system", action="test.old",
                                  data={"x": 9} if tamper and seq == 1 else data,
                                  prev_hash=prev, hash=digest)
        prev = digest


@pytest.fixture
def at_the_old_scheme():
    apps = _migrate(OLD)
    yield apps
    _migrate(_latest())


def test_old_events_are_rechained_under_the_key(at_the_old_scheme):
    _write_old_chain(at_the_old_scheme)
    apps = _migrate(_latest())
    assert audit_verify_chain() is None
    moved = apps.get_model("audit", "AuditEvent").objects.get(seq=2)
    assert (moved.acting_for, moved.data) == ("Kepala", {"stage": "forwarded"})


def test_a_broken_old_chain_stops_the_migration(at_the_old_scheme):
    _write_old_chain(at_the_old_scheme, tamper=True)
    with pytest.raises(RuntimeError, match="Rantai audit lama putus pada kejadian #1"):
        _migrate(_latest())
    at_the_old_scheme.get_model("audit", "AuditEvent").objects.all().delete()
