"""security.md L6: on PostgreSQL the database itself refuses UPDATE and DELETE of
audit rows, whatever the application does."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.utils import DatabaseError

from smart.audit.models import AuditEvent
from smart.audit.services import audit_record, audit_verify_chain

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="the append-only trigger exists on PostgreSQL only; "
                              "SQLite relies on the chain check"),
]


def test_an_update_through_the_orm_is_refused():
    event = audit_record(actor=None, action="test.thing.touch")
    event.action = "test.thing.hidden"
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        event.save()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(data={"x": 1})
    assert AuditEvent.objects.get(pk=event.pk).action == "test.thing.touch"


def test_a_delete_through_the_orm_is_refused():
    event = audit_record(actor=None, action="test.thing.touch")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        event.delete()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_deleting_a_user_only_clears_the_actor_link():
    """on_delete=SET_NULL is the one update let through; the name stays and the
    chain still holds (actor_id is not hashed)."""
    user = get_user_model().objects.create_user(username="sementara", full_name="Akun Sementara")
    event = audit_record(actor=user, action="test.thing.touch")
    user.delete()
    event.refresh_from_db()
    assert (event.actor_id, event.actor_label) == (None, "Akun Sementara")
    assert audit_verify_chain() is None


def test_clearing_the_actor_together_with_another_column_is_refused():
    user = get_user_model().objects.create_user(username="sementara2")
    event = audit_record(actor=user, action="test.thing.touch")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(actor=None, actor_label="orang lain")
