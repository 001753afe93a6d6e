"""R-CONF-1, security.md L6: the keyed audit chain detects any edit, deletion or
reordering, and the key lives outside the database."""

import datetime
import io

import pytest
from django.core.management import call_command

from smart.audit.models import AuditEvent
from smart.audit.services import audit_first_break, audit_record, audit_verify_chain
from smart.audit.tests.tampering import trigger_disabled

pytestmark = pytest.mark.django_db


def _three_events():
    for i in range(3):
        audit_record(actor=None, action="test.thing.touch", target_label=f"item {i}",
                     data={"i": i}, before={"x": i}, after={"x": i + 1})


def verify_audit():
    """Runs the command; (exit status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("verify_audit", stdout=out, stderr=err)
        status = 0
    except SystemExit as exit_:
        status = exit_.code
    return status, out.getvalue(), err.getvalue()


def test_an_untouched_chain_verifies():
    _three_events()
    assert AuditEvent.objects.count() == 3
    assert audit_verify_chain() is None


def test_an_edited_event_breaks_the_chain_at_that_event():
    _three_events()
    with trigger_disabled():
        AuditEvent.objects.filter(seq=2).update(target_label="something else")
    assert audit_verify_chain() == 2


def test_a_deleted_event_breaks_the_chain():
    _three_events()
    with trigger_disabled():
        AuditEvent.objects.filter(seq=2).delete()
    assert audit_verify_chain() == 3


@pytest.mark.parametrize("column, value", [
    ("before", {"x": 99}), ("after", {"x": 99}), ("ip", "10.9.9.9"),
    ("request_id", "forged-request-id"), ("acting_for", "Bupati"),
    ("at", datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)),
])
def test_every_new_column_is_in_the_hashed_payload(column, value):
    _three_events()
    with trigger_disabled():
        AuditEvent.objects.filter(seq=2).update(**{column: value})
    assert audit_verify_chain() == 2


def test_a_chain_recomputed_without_the_key_does_not_verify(settings):
    """Whoever can write the table but lacks SMART_AUDIT_KEY cannot forge a
    consistent chain: hashes made under another key fail."""
    _three_events()
    settings.SMART_AUDIT_KEY = "another-key-that-the-attacker-chose"
    assert audit_verify_chain() == 1


def test_the_key_is_generated_once_in_the_data_dir_owner_only(tmp_path, monkeypatch):
    import config.settings as project_settings

    monkeypatch.delenv("SMART_AUDIT_KEY", raising=False)
    monkeypatch.setattr(project_settings, "DATA_DIR", tmp_path)
    key = project_settings._audit_key()
    assert len(key) >= 48 and project_settings._audit_key() == key
    assert (tmp_path / "audit_key").stat().st_mode & 0o777 == 0o600
    monkeypatch.setenv("SMART_AUDIT_KEY", "from-the-environment")
    assert project_settings._audit_key() == "from-the-environment"


def test_verify_audit_reports_a_whole_chain_and_exits_0():
    _three_events()
    assert verify_audit() == (0, "Rantai audit utuh: 3 kejadian.\n", "")


def test_verify_audit_names_an_edited_row_and_exits_1():
    _three_events()
    event = AuditEvent.objects.get(seq=2)
    with trigger_disabled():
        AuditEvent.objects.filter(seq=2).update(data={"i": 7})
    status, out, err = verify_audit()
    at = event.at.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    assert (status, out) == (1, "")
    assert err == (f"Rantai audit putus pada kejadian #2 ({at}, test.thing.touch): "
                   "isinya diubah setelah dicatat.\n")


def test_verify_audit_names_the_row_after_a_deleted_one():
    _three_events()
    with trigger_disabled():
        AuditEvent.objects.filter(seq=2).delete()
    status, _, err = verify_audit()
    assert status == 1
    assert err.startswith("Rantai audit putus pada kejadian #3 (")
    assert "kejadian sebelumnya hilang" in err


def test_verify_audit_names_reordered_rows():
    _three_events()
    with trigger_disabled():
        AuditEvent.objects.filter(seq=3).update(seq=99)
        AuditEvent.objects.filter(seq=2).update(seq=3)
        AuditEvent.objects.filter(seq=99).update(seq=2)
    status, _, err = verify_audit()
    assert status == 1
    assert err.startswith("Rantai audit putus pada kejadian #2 (")
    assert "tautan ke kejadian sebelumnya tidak cocok" in err
    assert audit_first_break().reason == "link"


def test_an_empty_chain_verifies():
    assert verify_audit() == (0, "Rantai audit utuh: 0 kejadian.\n", "")
