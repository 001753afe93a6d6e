"""Faults that must be survived (issue 8, security.md G3/G12): a full disk while
uploading, the database connection lost while a validated change is applied, and
what interrupted uploads leave behind (the sweep). The server killed mid-upload
runs a real gunicorn: tests/faults/test_killed_server.py."""

from __future__ import annotations

import datetime
import os
import resource
import signal

import pytest
from django.db import OperationalError, connection
from django.db.models.signals import post_save
from django.urls import reverse
from django.utils import timezone

from smart.audit.models import AuditEvent
from smart.audit.services import audit_first_break
from smart.changes.models import Action, ChangeRequest, Stage
from smart.changes.services import request_move, request_propose
from smart.changes.targets import target_for
from smart.documents.models import Document, DocumentType
from smart.documents.tests.samples import make_document, pdf_bytes, upload
from smart.operations.sweep import upload_sweep
from smart.people.models import Employee
from smart.records.models import RankHistory
from tests.attacks.scenery import rank_proposal
from tests.personas import PASSWORD


def _files_in(folder) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


@pytest.fixture
def small_disk():
    """The process may not write any file beyond 1 MB: the kernel refuses the
    write (EFBIG) exactly as a full disk does (ENOSPC) for the upload path."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (1_000_000, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous)


@pytest.mark.django_db
def test_a_full_disk_while_uploading_is_explained_and_leaves_nothing(client, cast, settings,
                                                                     small_disk):
    client.login(username=cast.employee.username, password=PASSWORD)
    url = reverse("changes:propose", args=[cast.employee_record.pk, "pangkat"])
    scan = pdf_bytes(padding=1_500_000)  # a 1.5 MB scanned SK
    response = client.post(url, rank_proposal(**{"dokumen-file": upload("sk.pdf", scan)}))
    assert response.status_code == 200
    assert "Penyimpanan dokumen sedang penuh" in response.content.decode()
    assert not ChangeRequest.objects.exists() and not Document.objects.exists()
    assert _files_in(settings.MEDIA_ROOT) == []  # nothing half-written
    # Reads keep working while the disk is full.
    assert client.get(reverse("people:my_profile"), follow=True).status_code == 200
    hard = resource.getrlimit(resource.RLIMIT_FSIZE)[1]
    resource.setrlimit(resource.RLIMIT_FSIZE, (hard, hard))
    response = client.post(url, rank_proposal(**{"dokumen-file": upload("sk.pdf", scan)}))
    assert response.status_code == 302  # space again: the same upload goes through
    assert Document.objects.get().size == len(scan)


@pytest.mark.django_db
def test_a_full_disk_while_a_large_upload_is_spooled_is_explained(client, cast, settings,
                                                                 tmp_path, small_disk):
    """Over 2.5 MB Django spools the upload to FILE_UPLOAD_TEMP_DIR while it parses
    the body, before any view: the OSError there was the 500 page (pages) or an
    undocumented 500 (API). Both now explain it, keep nothing, and reads go on."""
    settings.FILE_UPLOAD_TEMP_DIR = tmp_path / "spool"
    settings.FILE_UPLOAD_TEMP_DIR.mkdir()
    client.raise_request_exception = False
    client.login(username=cast.employee.username, password=PASSWORD)
    url = reverse("changes:propose", args=[cast.employee_record.pk, "pangkat"])
    scan = pdf_bytes(padding=3_000_000)  # a 3 MB scanned SK
    response = client.post(url, rank_proposal(**{"dokumen-file": upload("sk.pdf", scan)}))
    assert response.status_code == 507
    assert "Penyimpanan dokumen sedang penuh" in response.content.decode()
    response = client.post("/api/v1/change-requests", {
        "kind": "orang-tua", "action": "add", "values": "{}", "document_type": "KK",
        "document": upload("kk.pdf", scan)})
    assert response.status_code == 507
    assert response.json()["code"] == "storage_full"
    assert not ChangeRequest.objects.exists() and not Document.objects.exists()
    assert _files_in(settings.FILE_UPLOAD_TEMP_DIR) == []  # nothing half-written
    assert _files_in(settings.MEDIA_ROOT) == []
    assert client.get(reverse("people:my_profile"), follow=True).status_code == 200


def _ready_for_validation(cast) -> ChangeRequest:
    """A new rank proposed with its SK, forwarded, verified and synchronised."""
    target = target_for("pangkat")
    form = target.form_class()(data=rank_proposal(),
                               instance=RankHistory(employee=cast.employee_record))
    assert form.is_valid(), form.errors
    request = request_propose(
        target=target, employee=cast.employee_record, action=Action.ADD, target_id=None,
        values=form.cleaned_data, note="", proposer=cast.employee, submit=True,
        documents=[(DocumentType.objects.get(code="SK_PANGKAT"), upload("sk.pdf", pdf_bytes()))])
    for move, actor in (("forward", cast.admin_a), ("verify", cast.verifier),
                        ("synchronise", cast.verifier)):
        request = request_move(request=request, move_name=move, actor=actor, note="ok")
    return request


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_database_lost_while_applying_a_validated_change_is_all_or_nothing(cast):
    request = _ready_for_validation(cast)
    golongan_before = Employee.objects.get(pk=cast.employee_record.pk).golongan_id
    events_before = AuditEvent.objects.count()

    def connection_lost(sender, instance, **kwargs):
        # Half-way through the apply: the entry is written, the rest is not yet.
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:  # the server ends this session
                cursor.execute("SELECT pg_terminate_backend(pg_backend_pid())")
        raise OperationalError("disk I/O error")  # what SQLite reports when its file is lost

    post_save.connect(connection_lost, sender=RankHistory, dispatch_uid="fault")
    try:
        with pytest.raises(Exception):  # noqa: B017 - OperationalError or the driver's own
            request_move(request=request, move_name="validate", actor=cast.verifier)
    finally:
        post_save.disconnect(dispatch_uid="fault", sender=RankHistory)
        connection.close()  # a broken connection is replaced at the next query
    request.refresh_from_db()
    assert request.stage == Stage.SYNCHRONISED and request.applied_entry_id is None
    assert not RankHistory.objects.exists()
    assert not RankHistory.history.exists()
    assert Employee.objects.get(pk=cast.employee_record.pk).golongan_id == golongan_before
    assert AuditEvent.objects.count() == events_before
    assert audit_first_break() is None
    # When the database is back, the same validation goes through once.
    request = request_move(request=request, move_name="validate", actor=cast.verifier)
    assert request.stage == Stage.VALIDATED and RankHistory.objects.count() == 1


@pytest.mark.django_db
def test_the_sweep_removes_stale_upload_spools_and_quarantines_row_less_files(cast, settings,
                                                                              tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = tmp_path / "spool"
    settings.SMART_QUARANTINE_DIR = tmp_path / "quarantine"
    settings.FILE_UPLOAD_TEMP_DIR.mkdir()
    old = (timezone.now() - datetime.timedelta(hours=2)).timestamp()
    stale = settings.FILE_UPLOAD_TEMP_DIR / "tmpabc.upload.pdf"
    stale.write_bytes(b"%PDF-1.7 half")
    os.utime(stale, (old, old))
    fresh = settings.FILE_UPLOAD_TEMP_DIR / "tmpdef.upload.pdf"  # a request still reading
    fresh.write_bytes(b"%PDF")
    kept = make_document(cast.employee_record)
    # A worker killed between writing the file and committing its row:
    crashed = settings.MEDIA_ROOT / str(cast.employee_record.pk) / \
        "0b6c7f0e-1d2a-4c3b-9e8f-7a6b5c4d3e2f.pdf"
    crashed.write_bytes(b"%PDF-1.7")
    # A stored document whose row went missing later: evidence, not an interrupted upload.
    lost = make_document(cast.employee_record, name="ijazah.pdf")
    lost_name = lost.file.name
    Document.objects.filter(pk=lost.pk).delete()
    for path in (crashed, settings.MEDIA_ROOT / lost_name):
        os.utime(path, (old, old))

    result = upload_sweep()

    assert result.spool_removed == ["tmpabc.upload.pdf"] and fresh.exists()
    assert result.quarantined == [f"{cast.employee_record.pk}/{crashed.name}"]
    assert not crashed.exists()
    assert (settings.SMART_QUARANTINE_DIR.glob(f"*/{cast.employee_record.pk}/{crashed.name}"))
    assert (settings.MEDIA_ROOT / lost_name).exists()  # left for the archive check
    assert (settings.MEDIA_ROOT / kept.file.name).exists()
    assert not result.ok and "karantina" in result.summary
