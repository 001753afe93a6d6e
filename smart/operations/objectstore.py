"""The disaster-recovery copy in S3-compatible object storage (Perbup 35/2020 Pasal 16).

After each backup the archive (already GPG-encrypted: the store never sees
plaintext) is uploaded to ``SMART_BACKUP_DR_S3_BUCKET`` under
``SMART_BACKUP_DR_S3_PREFIX`` at the endpoint ``SMART_BACKUP_DR_S3_URL`` (MinIO,
Ceph RGW or any S3 API at the DRC), then read back whole and its SHA-256
compared with the local archive's. The SHA-256 is also stored as object
metadata (``x-amz-meta-sha256``): an S3 ETag is an MD5 at best and, for a
multipart upload, not a hash of the content at all, so it proves nothing.
Only a verified upload lets the rotation delete older objects (same keep rules
as the local folder), so a failing store never costs a good old copy.

Credentials come from the environment and are passed to boto3 only; no message
here or in boto3's exceptions contains them.
"""

from __future__ import annotations

import contextlib
import hashlib
import posixpath
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from smart.operations import backups

READ_CHUNK = 1024 * 1024


class DRCopyError(backups.BackupError):
    """Shipping, checking or fetching the S3 copy failed; the message is Indonesian."""


@dataclass
class Shipped:
    key: str
    sha256: str
    size: int
    removed: list[str] = field(default_factory=list)


def dr_s3_configured() -> bool:
    return bool(settings.SMART_BACKUP_DR_S3_URL)


def dr_s3_label() -> str:
    """Where the copy lives, for messages: endpoint, bucket and prefix (never a key)."""
    return (f"{settings.SMART_BACKUP_DR_S3_URL.rstrip('/')}/"
            f"{settings.SMART_BACKUP_DR_S3_BUCKET}/{_prefix()}")


def _prefix() -> str:
    prefix = settings.SMART_BACKUP_DR_S3_PREFIX.strip("/")
    return f"{prefix}/" if prefix else ""


def _client():
    missing = [name for name in ("SMART_BACKUP_DR_S3_BUCKET", "SMART_BACKUP_DR_S3_ACCESS_KEY",
                                 "SMART_BACKUP_DR_S3_SECRET_KEY")
               if not getattr(settings, name)]
    if missing:
        raise DRCopyError(f"Salinan DR S3 belum lengkap diatur: {', '.join(missing)} kosong.")
    import boto3  # here, not at import: the web process never needs it
    from botocore.config import Config

    config = Config(
        # On-premises stores answer at host:port/bucket, not bucket.host.
        s3={"addressing_style": settings.SMART_BACKUP_DR_S3_ADDRESSING},
        connect_timeout=10, read_timeout=120,
        retries={"max_attempts": 3, "mode": "standard"},
        # botocore's default CRC32 trailers are refused by some S3-compatible
        # stores; the content is checked by SHA-256 read back instead.
        request_checksum_calculation="when_required",
        response_checksum_validation="when_required",
    )
    return boto3.session.Session().client(
        "s3", endpoint_url=settings.SMART_BACKUP_DR_S3_URL,
        region_name=settings.SMART_BACKUP_DR_S3_REGION or "us-east-1",
        aws_access_key_id=settings.SMART_BACKUP_DR_S3_ACCESS_KEY,
        aws_secret_access_key=settings.SMART_BACKUP_DR_S3_SECRET_KEY,
        verify=settings.SMART_BACKUP_DR_S3_CA_BUNDLE or None, config=config,
    )


def _failure(doing: str, error: Exception) -> DRCopyError:
    """botocore's messages name the endpoint, bucket and error code, never the credentials."""
    return DRCopyError(f"{doing} salinan DR di {dr_s3_label()} gagal: "
                       f"{type(error).__name__}: {error}")


def _errors() -> tuple[type[BaseException], ...]:
    from boto3.exceptions import Boto3Error
    from botocore.exceptions import BotoCoreError, ClientError

    return (BotoCoreError, ClientError, Boto3Error, OSError)


def _stream_sha256(body) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    for chunk in iter(lambda: body.read(READ_CHUNK), b""):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def dr_s3_upload(client, archive: Path, key: str, sha256: str) -> None:
    from boto3.s3.transfer import TransferConfig

    client.upload_file(
        str(archive), settings.SMART_BACKUP_DR_S3_BUCKET, key,
        ExtraArgs={"Metadata": {"sha256": sha256}, "ContentType": "application/pgp-encrypted"},
        Config=TransferConfig(multipart_threshold=64 * 1024 * 1024,
                              multipart_chunksize=64 * 1024 * 1024),
    )


def dr_s3_verify(client, key: str, sha256: str, size: int) -> None:
    """Read the object back whole: its content must hash to ``sha256`` and be ``size`` bytes."""
    response = client.get_object(Bucket=settings.SMART_BACKUP_DR_S3_BUCKET, Key=key)
    read_sha256, read_size = _stream_sha256(response["Body"])
    stored = response.get("Metadata", {}).get("sha256", "")
    if read_sha256 != sha256 or read_size != size or stored != sha256:
        raise DRCopyError(
            f"Salinan DR {key} di {dr_s3_label()} tidak sama dengan arsip lokal: SHA-256 "
            f"dibaca kembali {read_sha256[:16]}… ({read_size} bita), seharusnya "
            f"{sha256[:16]}… ({size} bita); SHA-256 tercatat pada objek "
            f"{stored[:16] or 'tidak ada'}.")


def dr_s3_archives(client) -> list[tuple]:
    """The archives under the prefix as (time, key), oldest first."""
    prefix = _prefix()
    found = []
    paginator = client.get_paginator("list_objects_v2")
    for page in paginator.paginate(Bucket=settings.SMART_BACKUP_DR_S3_BUCKET, Prefix=prefix):
        for item in page.get("Contents", []):
            moment = backups.archive_moment(item["Key"][len(prefix):])
            if moment is not None:
                found.append((moment, item["Key"]))
    return sorted(found)


def dr_s3_rotate(client) -> list[str]:
    """Delete the objects the keep rules drop (one by one: DeleteObjects needs a
    checksum header that not every S3-compatible store accepts)."""
    removed = []
    for key in backups.rotation_drop(dr_s3_archives(client)):
        client.delete_object(Bucket=settings.SMART_BACKUP_DR_S3_BUCKET, Key=key)
        removed.append(posixpath.basename(key))
    return removed


def dr_s3_ship(archive: Path, sha256: str) -> Shipped:
    """Upload ``archive``, read it back and compare, then rotate the bucket.

    A copy that does not read back identical is deleted (it is no DR copy) and
    nothing is rotated; the error says what was read."""
    key = _prefix() + archive.name
    size = archive.stat().st_size
    client = _client()
    errors = _errors()
    try:
        dr_s3_upload(client, archive, key, sha256)
    except errors as error:
        raise _failure("Mengunggah", error) from error
    try:
        dr_s3_verify(client, key, sha256, size)
    except DRCopyError:
        # The report is what matters; if even the delete fails, a later drill finds it.
        with contextlib.suppress(*errors):
            client.delete_object(Bucket=settings.SMART_BACKUP_DR_S3_BUCKET, Key=key)
        raise
    except errors as error:
        raise _failure("Memeriksa", error) from error
    shipped = Shipped(key=key, sha256=sha256, size=size)
    try:
        shipped.removed = dr_s3_rotate(client)
    except errors as error:
        raise _failure("Merotasi", error) from error
    return shipped


def dr_s3_fetch_latest(directory: Path) -> Path:
    """Download the newest archive of the DR copy into ``directory`` and check it
    against the SHA-256 recorded when it was shipped; returns the file."""
    client = _client()
    errors = _errors()
    try:
        found = dr_s3_archives(client)
        if not found:
            raise DRCopyError(f"Belum ada arsip cadangan di salinan DR {dr_s3_label()}.")
        key = found[-1][1]
        target = directory / posixpath.basename(key)
        partial = target.with_name(target.name + ".partial")
        response = client.get_object(Bucket=settings.SMART_BACKUP_DR_S3_BUCKET, Key=key)
        with partial.open("wb") as stream:
            shutil.copyfileobj(response["Body"], stream, READ_CHUNK)
    except errors as error:
        raise _failure("Mengambil", error) from error
    stored = response.get("Metadata", {}).get("sha256", "")
    read = backups.file_sha256(partial)
    if read != stored:
        partial.unlink()
        raise DRCopyError(
            f"Arsip cadangan {target.name} di salinan DR {dr_s3_label()} rusak: SHA-256 isinya "
            f"{read[:16]}… tidak sama dengan yang tercatat saat dikirim "
            f"({stored[:16] or 'tidak ada'}…). Tidak ada yang dipulihkan.")
    partial.rename(target)
    return target


def dr_fetch_latest(directory: Path) -> tuple[Path, str]:
    """The newest DR archive, from S3 when configured, else from ``SMART_BACKUP_DR_DIR``,
    as (local file, where it came from)."""
    if dr_s3_configured():
        return dr_s3_fetch_latest(directory), f"S3 {dr_s3_label()}"
    if settings.SMART_BACKUP_DR_DIR:
        dr_dir = Path(settings.SMART_BACKUP_DR_DIR)
        latest = backups.latest_archive(dr_dir)
        if latest is None:
            raise DRCopyError(f"Belum ada arsip cadangan di folder DR {dr_dir}.")
        return latest, f"folder {dr_dir}"
    raise DRCopyError("Tidak ada salinan DR yang diatur (SMART_BACKUP_DR_S3_URL atau "
                      "SMART_BACKUP_DR_DIR).")


def scratch_dir() -> Path:
    return Path(tempfile.mkdtemp(prefix="smart-dr-fetch-"))
