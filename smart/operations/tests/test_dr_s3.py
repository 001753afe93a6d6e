"""The disaster-recovery copy in S3-compatible object storage (Perbup 35/2020 Pasal 16,
R-OPS, R-PROC-4, security.md G3/G4).

There is no S3 store on this machine, so moto's S3 server runs in-process on a
loopback port and SMART talks to it over HTTP with boto3 exactly as it talks to
the DRC's store in production (endpoint URL, path-style bucket, signed requests;
docs/decisions.md). Faults are real ones: a port nobody listens on, an object
whose bytes were changed in the store.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import socket
import uuid
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from moto.server import ThreadedMotoServer

from smart.notifications.models import Notification
from smart.operations import objectstore
from smart.operations.backups import archives_in, backup_create, file_sha256
from smart.operations.jobs import backup_job, restore_drill_job, scheduled_restore_drill_dr
from tests.personas import build_cast

committed = pytest.mark.django_db(transaction=True, serialized_rollback=True)
ACCESS_KEY = "smart-uji-akses"
SECRET_KEY = "rahasia-uji-s3-jangan-pernah-dicatat"
DAY = datetime.timedelta(days=1)
BASE = datetime.datetime(2026, 3, 2, 18, 15, tzinfo=datetime.UTC)  # 01:15 in Jakarta


@pytest.fixture(scope="session")
def s3_endpoint():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def dr_s3(backup_settings, s3_endpoint):
    """Settings for a fresh bucket at the stand-in store; returns a client for looking."""
    backup_settings.SMART_BACKUP_DR_S3_URL = s3_endpoint
    backup_settings.SMART_BACKUP_DR_S3_BUCKET = f"smart-drc-{uuid.uuid4().hex[:12]}"
    backup_settings.SMART_BACKUP_DR_S3_PREFIX = "kuansing/smart/"
    backup_settings.SMART_BACKUP_DR_S3_REGION = ""
    backup_settings.SMART_BACKUP_DR_S3_ACCESS_KEY = ACCESS_KEY
    backup_settings.SMART_BACKUP_DR_S3_SECRET_KEY = SECRET_KEY
    backup_settings.SMART_BACKUP_DR_S3_CA_BUNDLE = ""
    backup_settings.SMART_BACKUP_DR_S3_ADDRESSING = "path"
    client = objectstore._client()
    client.create_bucket(Bucket=backup_settings.SMART_BACKUP_DR_S3_BUCKET)
    return client


def _objects(client, settings) -> dict[str, dict]:
    listed = client.list_objects_v2(Bucket=settings.SMART_BACKUP_DR_S3_BUCKET)
    return {item["Key"]: item for item in listed.get("Contents", [])}


def _read(client, settings, key) -> tuple[bytes, dict]:
    response = client.get_object(Bucket=settings.SMART_BACKUP_DR_S3_BUCKET, Key=key)
    return response["Body"].read(), response["Metadata"]


def _corrupt_object(client, settings, key) -> None:
    """Change bytes in the middle of the stored object, keeping its metadata: what a
    failing disk or a tampering hand at the DRC would leave."""
    data, metadata = _read(client, settings, key)
    damaged = bytearray(data)
    middle = len(damaged) // 2
    damaged[middle:middle + 32] = bytes(b ^ 0xFF for b in damaged[middle:middle + 32])
    client.put_object(Bucket=settings.SMART_BACKUP_DR_S3_BUCKET, Key=key, Body=bytes(damaged),
                      Metadata=metadata)


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@committed
def test_each_backup_is_shipped_to_s3_and_read_back_identical_pasal_16(dr_s3, backup_settings,
                                                                       caplog):
    """Pasal 16, R-OPS: the encrypted archive lands under the prefix, byte-identical
    (SHA-256 of the content read back), with its SHA-256 as object metadata; the
    credentials appear in no summary, detail, audit event or log line."""
    caplog.set_level(logging.DEBUG)
    build_cast()
    run = backup_job()
    assert run.ok, run.summary
    [(_, archive)] = archives_in(Path(backup_settings.SMART_BACKUP_DIR))
    key = "kuansing/smart/" + archive.name
    assert run.details["dr_s3_key"] == key and run.details["dr_failures"] == []
    assert "salinan DR di S3 dikirim dan diperiksa" in run.summary
    assert list(_objects(dr_s3, backup_settings)) == [key]
    content, metadata = _read(dr_s3, backup_settings, key)
    assert hashlib.sha256(content).hexdigest() == file_sha256(archive) == run.details["sha256"]
    assert metadata == {"sha256": run.details["sha256"]}
    from smart.audit.models import AuditEvent

    event = AuditEvent.objects.get(action="operations.backup.create")
    logged = caplog.text + "".join(str(record.args) for record in caplog.records)
    assert caplog.records, "nothing was logged: the check below would prove nothing"
    for text in (run.summary, str(run.details), str(event.data), logged):
        assert SECRET_KEY not in text


@committed
def test_s3_copies_are_rotated_with_the_local_keep_rules_r_proc_4(dr_s3, backup_settings):
    """R-PROC-4: the bucket keeps what the local folder keeps (newest per day here),
    and objects under the prefix that are not SMART archives are left alone."""
    backup_settings.SMART_BACKUP_KEEP_DAILY = 2
    backup_settings.SMART_BACKUP_KEEP_WEEKLY = 0
    backup_settings.SMART_BACKUP_KEEP_MONTHLY = 0
    dr_s3.put_object(Bucket=backup_settings.SMART_BACKUP_DR_S3_BUCKET,
                     Key="kuansing/smart/BACA-SAYA.txt", Body=b"catatan operator")
    build_cast()
    results = [backup_create(now=BASE + day * DAY) for day in range(4)]
    local = sorted(path.name for _, path in archives_in(Path(backup_settings.SMART_BACKUP_DIR)))
    remote = sorted(_objects(dr_s3, backup_settings))
    assert local == [results[2].archive.name, results[3].archive.name]
    assert remote == ["kuansing/smart/BACA-SAYA.txt"] + [f"kuansing/smart/{n}" for n in local]
    assert f"S3:{results[0].archive.name}" in results[2].removed


@committed
def test_a_wrong_sha256_read_back_is_reported_and_rotates_nothing_pasal_16(
        dr_s3, backup_settings, monkeypatch):
    """Pasal 16: the store keeps other bytes than were sent. The read-back SHA-256
    differs, the run says so (the local backup stays and counts), the Pengelola
    SMART is told, the bad object is removed and no older good copy is rotated."""
    backup_settings.SMART_BACKUP_KEEP_DAILY = 1
    backup_settings.SMART_BACKUP_KEEP_WEEKLY = 0
    backup_settings.SMART_BACKUP_KEEP_MONTHLY = 0
    cast = build_cast()
    first = backup_create(now=BASE)
    real_upload = objectstore.dr_s3_upload

    def upload_then_store_damages_it(client, archive, key, sha256):
        real_upload(client, archive, key, sha256)
        _corrupt_object(client, backup_settings, key)

    monkeypatch.setattr(objectstore, "dr_s3_upload", upload_then_store_damages_it)
    run = backup_job()
    assert run.ok, "the local backup is good and must count"
    [failure] = run.details["dr_failures"]
    assert "tidak sama dengan arsip lokal" in failure and "SHA-256 dibaca kembali" in failure
    assert run.details["dr_s3_key"] == "" and "Salinan DR GAGAL" in run.summary
    newest = archives_in(Path(backup_settings.SMART_BACKUP_DIR))[-1][1]
    assert newest.name == run.archive and file_sha256(newest) == run.details["sha256"]
    assert list(_objects(dr_s3, backup_settings)) == ["kuansing/smart/" + first.archive.name]
    assert Notification.objects.filter(user=cast.system_manager,
                                       message__contains="salinan pemulihan bencana (DR) GAGAL"
                                       ).exists()


@committed
def test_an_unreachable_store_keeps_the_local_backup_and_tells_the_manager_pasal_16(
        backup_settings):
    """Pasal 16: the DRC's store does not answer. The local archive is made and kept,
    the failure is in the run's details, the Pengelola SMART is notified, and the
    command exits non-zero so a monitor sees it; the secret is in no message."""
    backup_settings.SMART_BACKUP_DR_S3_URL = f"http://127.0.0.1:{_closed_port()}"
    backup_settings.SMART_BACKUP_DR_S3_BUCKET = "smart-drc"
    backup_settings.SMART_BACKUP_DR_S3_PREFIX = ""
    backup_settings.SMART_BACKUP_DR_S3_ACCESS_KEY = ACCESS_KEY
    backup_settings.SMART_BACKUP_DR_S3_SECRET_KEY = SECRET_KEY
    cast = build_cast()
    run = backup_job()
    assert run.ok
    [(_, archive)] = archives_in(Path(backup_settings.SMART_BACKUP_DIR))
    assert archive.name == run.archive and file_sha256(archive) == run.details["sha256"]
    [failure] = run.details["dr_failures"]
    assert failure.startswith("S3: Mengunggah salinan DR di http://127.0.0.1:")
    assert "gagal: EndpointConnectionError" in failure
    notice = Notification.objects.get(user=cast.system_manager, message__contains="DR")
    assert archive.name in notice.message and "tetap tersimpan" in notice.message
    assert SECRET_KEY not in run.summary + notice.message
    with pytest.raises(CommandError, match="Salinan DR gagal"):
        call_command("backup_create")
    # The command's archive is made too (and, newest of the day, replaces the first).
    [(_, again)] = archives_in(Path(backup_settings.SMART_BACKUP_DIR))
    assert again.name > archive.name


@pytest.mark.django_db
def test_an_incomplete_s3_setting_is_named_not_guessed(backup_settings, cast):
    """An endpoint without bucket or credentials: the failure names what is missing."""
    backup_settings.SMART_BACKUP_DR_S3_URL = "https://s3.drc.example:9000"
    backup_settings.SMART_BACKUP_DR_S3_BUCKET = ""
    backup_settings.SMART_BACKUP_DR_S3_ACCESS_KEY = ""
    backup_settings.SMART_BACKUP_DR_S3_SECRET_KEY = ""
    with pytest.raises(objectstore.DRCopyError, match="SMART_BACKUP_DR_S3_BUCKET, "
                                                      "SMART_BACKUP_DR_S3_ACCESS_KEY"):
        objectstore._client()


@committed
def test_the_drill_from_the_s3_copy_proves_it_restores_g3_d4(dr_s3, backup_settings):
    """G3 / D-4, Pasal 16: with the local archives gone (the server room lost), the
    drill downloads the newest object, restores it into scratch space and passes
    all three checks: the DR copy is usable."""
    from smart.operations.tests.test_backups import _synthetic_regency

    _synthetic_regency()
    made = backup_job()
    for _, path in archives_in(Path(backup_settings.SMART_BACKUP_DIR)):
        path.unlink()
    run = restore_drill_job(from_dr=True)
    assert run.ok, run.summary
    assert run.archive == made.archive
    assert run.details["checks"] == {"canonical_export": True, "documents": True,
                                     "audit_chain": True}
    assert run.details["canonical_sha256"] == made.details["canonical_sha256"]
    assert run.details["source"].startswith("DR S3 ")
    assert "dari salinan DR" in run.summary
    call_command("restore_drill", "--from-dr")  # the command passes too (raises otherwise)


@committed
def test_the_drc_restores_from_the_s3_copy_r_proc_4(dr_s3, backup_settings, tmp_path):
    """R-PROC-4, Pasal 16: at the DRC ``backup_restore --from-dr`` fetches the newest
    object and fills an empty database and document folder with what was backed up."""
    from smart.operations import databases
    from smart.operations.canonical import canonical_export
    from smart.operations.tests.test_backups import (
        _drop_scratch,
        _scratch_target,
        _synthetic_regency,
    )

    _synthetic_regency()
    made = backup_job()
    target = _scratch_target(tmp_path)
    try:
        if databases.engine_of(target) == databases.SQLITE:
            url = f"sqlite:///{target['NAME']}"
        else:
            url = (f"postgres://{target['USER']}@{target['HOST']}:{target['PORT']}/"
                   f"{target['NAME']}")
        call_command("backup_restore", "--from-dr", "--database-url", url,
                     "--documents", str(tmp_path / "restored"))
        with databases.scratch_alias(target) as alias:
            assert canonical_export(using=alias).sha256 == made.details["canonical_sha256"]
        assert len(list((tmp_path / "restored").rglob("*.pdf"))) == 2
    finally:
        _drop_scratch(target)
    with pytest.raises(CommandError, match="salah satu"):
        call_command("backup_restore")


@committed
def test_a_corrupted_s3_object_fails_the_drill_from_dr_g3(dr_s3, backup_settings):
    """G3, issue 8 fault: bytes changed in the stored object. The drill refuses it
    (its SHA-256 differs from the one recorded when shipped), restores nothing,
    and the Pengelola SMART is told."""
    cast = build_cast()
    made = backup_job()
    _corrupt_object(dr_s3, backup_settings, made.details["dr_s3_key"])
    run = restore_drill_job(from_dr=True)
    assert run.ok is False
    assert made.archive in run.summary and "rusak" in run.summary and "GAGAL" in run.summary
    assert Notification.objects.filter(user=cast.system_manager,
                                       message__contains="Latihan pemulihan dari salinan DR"
                                       ).exists()
    with pytest.raises(CommandError, match="rusak"):
        call_command("restore_drill", "--from-dr")


@committed
def test_the_drill_from_the_dr_folder_and_without_any_dr(backup_settings, tmp_path):
    """Pasal 16: with only the DR folder set the drill restores from it; with no DR
    copy at all the scheduled DR drill is skipped and the command says why."""
    backup_settings.SMART_BACKUP_DR_DIR = str(tmp_path / "drc")
    build_cast()
    backup_create()
    run = restore_drill_job(from_dr=True)
    assert run.ok, run.summary
    assert run.details["source"] == f"DR folder {tmp_path / 'drc'}"
    backup_settings.SMART_BACKUP_DR_DIR = ""
    assert "dilewati" in scheduled_restore_drill_dr()
    with pytest.raises(CommandError, match="Tidak ada salinan DR yang diatur"):
        call_command("restore_drill", "--from-dr")
