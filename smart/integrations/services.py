"""Writes of the import workflow: upload, column mapping, preview and apply
jobs, and the administrator's corrections of the reference mapping."""

from __future__ import annotations

import datetime
import uuid
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from smart.access.policies import may_import_employees, may_map_references
from smart.audit.services import audit_record
from smart.integrations.imports import (
    HEADER_ONLY,
    ImportRefused,
    batch_path,
    import_dir,
    remembered_columns,
)
from smart.integrations.models import ColumnMapping, ImportBatch, ReferenceMapping
from smart.integrations.siasn.export import (
    COLUMNS,
    MAX_HEADER_CHARS,
    ExportFileError,
    export_rows,
    read_header,
)
from smart.integrations.tables import (
    MAX_FILE_BYTES,
    TableFileError,
    check_table_file,
    table_rows,
    too_large_message,
)
from smart.jobs.services import job_start
from smart.references.models import FunctionalPosition

PREVIEW_HANDLER = "smart.integrations.jobs.import_preview_job"
APPLY_HANDLER = "smart.integrations.jobs.import_apply_job"
_SUFFIXES = {"csv": ".csv", "xlsx": ".xlsx"}


def _refuse_unless(allowed: bool, message: str) -> None:
    if not allowed:
        raise ImportRefused(message)


def import_upload(*, actor, upload) -> ImportBatch:
    """Keep an uploaded export and start its preview (or ask for its columns).

    The file is checked (size, content, header) before a batch exists: a
    refused file leaves nothing behind. Raises ``ImportRefused``.
    """
    _refuse_unless(may_import_employees(actor), "Anda tidak berwenang mengimpor data pegawai.")
    if upload.size > MAX_FILE_BYTES:
        raise ImportRefused(too_large_message(upload.size))
    stored = uuid.uuid4()
    path = import_dir() / f"{stored}.upload"
    with path.open("wb") as handle:
        for piece in upload.chunks():
            handle.write(piece)
    try:
        table = check_table_file(path)
        header, rows = export_rows(table_rows(table), remembered_columns(), sheet=table.sheet)
        if next(rows, None) is None:
            raise TableFileError(table.where(HEADER_ONLY))
    except (TableFileError, ExportFileError) as error:
        path.unlink(missing_ok=True)
        raise ImportRefused(str(error)) from None
    final = path.with_suffix(_SUFFIXES[table.kind])
    path.rename(final)
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            owner=actor, filename=upload.name[:200], stored_name=final.name,
            file_kind=table.kind, layout=header.layout, size=upload.size,
            header=[cell[:100] for cell in header.cells[:300]], unknown_columns=header.unknown)
        audit_record(actor=actor, action="integrations.import.upload", target=batch,
                     target_label=batch.filename,
                     data={"size": upload.size, "kind": table.kind, "layout": header.layout})
        if header.unknown:
            batch.status = ImportBatch.Status.NEEDS_COLUMNS
            batch.save(update_fields=["status"])
        else:
            import_preview_start(batch=batch, actor=actor)
    return batch


def import_columns_save(*, batch: ImportBatch, actor, mapping: dict[str, str]) -> ImportBatch:
    """Remember how the file's unknown headers map (once, for every later file)
    and start the preview."""
    _refuse_unless(batch.status == ImportBatch.Status.NEEDS_COLUMNS,
                   "Kolom berkas ini sudah dipetakan.")
    for header, column in mapping.items():
        _refuse_unless(column in COLUMNS or column == "", f"Kolom SIASN '{column}' tidak dikenal.")
        _refuse_unless(len(header) <= MAX_HEADER_CHARS,
                       f"Kepala kolom '{header[:40]}…' terlalu panjang untuk diingat.")
    try:
        read_header(batch.header, {**remembered_columns(), **mapping})
    except ExportFileError as error:
        raise ImportRefused(str(error)) from None
    with transaction.atomic():
        for header, column in mapping.items():
            ColumnMapping.objects.update_or_create(header=header, defaults={
                "column": column, "created_by": actor})
        audit_record(actor=actor, action="integrations.column_mapping.save", target=batch,
                     target_label=batch.filename, data={"mapping": mapping})
        batch.unknown_columns = []
        batch.save(update_fields=["unknown_columns"])
        import_preview_start(batch=batch, actor=actor)
    return batch


def _job_params(batch: ImportBatch) -> dict:
    """The batch, and its page for the job page's link back (also after a cancel)."""
    return {"batch": str(batch.pk),
            "back_url": reverse("integrations:import_detail", args=[batch.pk])}


def import_preview_start(*, batch: ImportBatch, actor) -> ImportBatch:
    with transaction.atomic():
        job = job_start(handler=PREVIEW_HANDLER, owner=actor,
                        title=f"Pratinjau impor {batch.filename}", params=_job_params(batch))
        batch.preview_job, batch.status = job.pk, ImportBatch.Status.PREVIEWING
        batch.save(update_fields=["preview_job", "status"])
    return batch


def _cancelled_message(batch: ImportBatch, counts: dict) -> str:
    """What a cancel left behind, plainly (Indonesian, shown on the batch's page)."""
    if batch.status == ImportBatch.Status.PREVIEWING:
        return ("Pratinjau dibatalkan sebelum selesai; tidak ada data pegawai yang ditulis. "
                "Jalankan pratinjau lagi bila berkas ini masih hendak diimpor.")
    created, updated = counts.get("created", 0), counts.get("updated", 0)
    if not created + updated:
        return ("Impor dibatalkan sebelum ada baris yang ditulis; data pegawai tidak berubah. "
                "Jalankan pratinjau lagi untuk mengimpor berkas ini.")
    message = (f"Impor dibatalkan setelah {created + updated} baris ditulis ({created} "
               f"pegawai baru, {updated} pegawai diubah); baris itu tetap tersimpan.")
    if batch.mode != ImportBatch.Mode.KEEP_VALID:
        message += (" Pilihan \"semua atau tidak sama sekali\" TIDAK terpenuhi: berkas ini "
                    "baru tertulis sebagian.")
    return message + (" Jalankan pratinjau lagi untuk mengimpor sisanya; baris yang sudah "
                      "ditulis akan tampil tidak berubah.")


def import_cancelled(*, batch: ImportBatch, job) -> ImportBatch:
    """The batch's preview or apply job was cancelled: the batch says so, with
    what was written (the job's last checkpoint), and may be previewed again.

    Called by the job handler when the cancel stops it, and by the batch's page
    for a job cancelled before it ever ran. Does nothing once the batch moved on.
    """
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        ours = {ImportBatch.Status.PREVIEWING: batch.preview_job,
                ImportBatch.Status.APPLYING: batch.apply_job}
        if ours.get(batch.status) != job.pk:
            return batch
        counts = (job.state or {}).get("counts", {})
        batch.message = _cancelled_message(batch, counts)
        batch.created, batch.updated = counts.get("created", 0), counts.get("updated", 0)
        batch.status = ImportBatch.Status.CANCELLED
        batch.save(update_fields=["message", "created", "updated", "status"])
    return batch


def import_preview_again(*, batch: ImportBatch, actor) -> ImportBatch:
    """A cancelled batch's file is judged again (rows already written are then
    unchanged); the apply follows from the new preview as usual."""
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        _refuse_unless(batch.status == ImportBatch.Status.CANCELLED,
                       "Pratinjau hanya dapat dijalankan lagi untuk impor yang dibatalkan.")
        _refuse_unless(batch_path(batch).exists(),
                       "Berkas unggahan sudah tidak ada; unggah berkasnya lagi.")
        batch.message = ""
        batch.save(update_fields=["message"])
        audit_record(actor=actor, action="integrations.import.preview_again", target=batch,
                     target_label=batch.filename)
        import_preview_start(batch=batch, actor=actor)
    return batch


def import_apply_start(*, batch: ImportBatch, actor, mode: str) -> ImportBatch:
    """Confirm the previewed import; the apply job writes it."""
    _refuse_unless(mode in ImportBatch.Mode.values, "Pilih cara impor.")
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        _refuse_unless(batch.status == ImportBatch.Status.PREVIEWED,
                       "Impor ini tidak dalam keadaan siap diterapkan.")
        _refuse_unless(batch_path(batch).exists(),
                       "Berkas unggahan sudah tidak ada; unggah berkasnya lagi.")
        job = job_start(handler=APPLY_HANDLER, owner=actor,
                        title=f"Terapkan impor {batch.filename}", params=_job_params(batch))
        batch.apply_job, batch.mode = job.pk, mode
        batch.status = ImportBatch.Status.APPLYING
        batch.save(update_fields=["apply_job", "mode", "status"])
        audit_record(actor=actor, action="integrations.import.confirm", target=batch,
                     target_label=batch.filename, data={"mode": mode})
    return batch


def reference_mapping_save(*, mapping: ReferenceMapping, actor, values: dict) -> ReferenceMapping:
    """An administrator's correction of one SIASN id's local reference; the
    importer keeps it from now on."""
    _refuse_unless(may_map_references(actor), "Anda tidak berwenang mengubah pemetaan.")
    with transaction.atomic():
        mapping = ReferenceMapping.objects.select_for_update().get(pk=mapping.pk)
        before = _mapping_values(mapping)
        for name, value in values.items():
            setattr(mapping, name, value)
        mapping.source = ReferenceMapping.Source.ADMIN
        mapping.updated_by = actor
        mapping.full_clean()
        mapping.save()
        audit_record(actor=actor, action="integrations.reference_mapping.update",
                     target=mapping, target_label=str(mapping), before=before,
                     after=_mapping_values(mapping))
    return mapping


def import_files_sweep(*, now: datetime.datetime | None = None) -> list[str]:
    """Delete uploaded exports no batch will read again, once older than
    ``settings.SMART_IMPORT_KEEP_DAYS``: files of refused, failed, cancelled or
    never-applied batches, and files no batch names (an upload interrupted
    before its batch was written). A batch whose preview or apply is running
    (or may be resumed) keeps its file. Run by the upload sweep."""
    now = now or timezone.now()
    folder = Path(settings.SMART_IMPORT_DIR)
    if not folder.is_dir():
        return []
    limit = (now - datetime.timedelta(days=settings.SMART_IMPORT_KEEP_DAYS)).timestamp()
    old = {path.name: path for path in folder.iterdir()
           if path.is_file() and path.stat().st_mtime < limit}
    busy = set(ImportBatch.objects.filter(
        stored_name__in=list(old),
        status__in=[ImportBatch.Status.PREVIEWING, ImportBatch.Status.APPLYING],
    ).values_list("stored_name", flat=True))
    removed = []
    for name in sorted(set(old) - busy):
        old[name].unlink(missing_ok=True)
        removed.append(name)
    return removed


def _mapping_values(mapping: ReferenceMapping) -> dict[str, str]:
    return {"unit": str(mapping.unit or ""), "local_name": mapping.local_name,
            "education_level": str(mapping.education_level or ""),
            "functional_position": str(mapping.functional_position or "")}


FUNCTIONAL_POSITION_FIELDS = ("code", "name", "siasn_id", "retirement_age", "is_active")


def functional_position_save(*, position: FunctionalPosition | None, actor,
                             values: dict) -> FunctionalPosition:
    """Add or correct a JF of the reference (its BUP above all); every report
    reads the new BUP at once. Same keeper as the SIASN mapping."""
    _refuse_unless(may_map_references(actor), "Anda tidak berwenang mengubah referensi jabatan.")
    with transaction.atomic():
        if position is None:
            position, before = FunctionalPosition(), {}
        else:
            position = FunctionalPosition.objects.select_for_update().get(pk=position.pk)
            before = {name: getattr(position, name) for name in FUNCTIONAL_POSITION_FIELDS}
        for name, value in values.items():
            setattr(position, name, value)
        position.full_clean()
        position.save()
        audit_record(actor=actor, action="integrations.functional_position.save",
                     target=position, target_label=str(position), before=before,
                     after={name: getattr(position, name) for name in FUNCTIONAL_POSITION_FIELDS})
    return position
