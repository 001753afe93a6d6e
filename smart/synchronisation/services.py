"""Writing synchronisation runs and opening change requests from them.

``sync_run_compare`` is a plain function taking an optional ``run`` (the
background-job runner: ``run.progress(done, total)``), so a page, a command,
a test and a job all call the same code.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from smart.access.models import Role
from smart.access.policies import has_role
from smart.audit.services import audit_record
from smart.changes.models import Action, ChangeRequest
from smart.changes.services import request_propose
from smart.changes.targets import IDENTITY, target_for
from smart.changes.workflow import OFFICER_ROUTE
from smart.integrations.siasn.export import (
    ExportFileError,
    ExportReferences,
    employee_values,
    read_export,
)
from smart.records.models import FormalEducation, PositionHistory, RankHistory
from smart.references.models import Unit
from smart.synchronisation.compare import (
    ACTING,
    CONCEPT_BY_CODE,
    Labels,
    differences_of,
    smart_values_for,
)
from smart.synchronisation.models import (
    UPLOADERS,
    Classification,
    SyncDifference,
    SyncRun,
    sync_scope,
)

BATCH = 500
MAX_LISTED = 1000  # problems and unknown NIPs kept per run, for the page


class SyncRefused(Exception):
    """A request the user may not make now; the message is for the user."""


def sync_file_path(sync_run: SyncRun) -> Path:
    """Where the uploaded export waits for its comparison (private data dir)."""
    return Path(settings.DATA_DIR) / "sinkronisasi" / f"{sync_run.pk}.csv"


def sync_run_start(*, uploaded_by, file_name: str, export_date: datetime.date,
                   data: bytes) -> SyncRun:
    """Record a run in the uploader's scope and keep the file for the comparison."""
    scope = sync_scope(uploaded_by, roles=UPLOADERS)
    if scope.is_empty:
        raise SyncRefused("Anda tidak berwenang memuat ekspor SIASN.")
    if export_date > timezone.localdate():
        raise ValidationError("Tanggal ekspor tidak boleh setelah hari ini.")
    unit = None
    if not scope.everything:
        # Several subtrees: the run belongs to their nearest common ancestor.
        common = scope.unit_paths[0]
        for path in scope.unit_paths[1:]:
            while not path.startswith(common):
                common = common[:-4]
        unit = Unit.objects.filter(path=common).first()
    with transaction.atomic():
        sync_run = SyncRun.objects.create(
            file_name=file_name[:255], export_date=export_date, uploaded_by=uploaded_by,
            scope_everything=scope.everything, scope_unit=unit)
        path = sync_file_path(sync_run)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        audit_record(actor=uploaded_by, action="synchronisation.run.create", target=sync_run,
                     data={"file": file_name, "export_date": export_date.isoformat(),
                           "bytes": len(data)})
    return sync_run


def _in_scope(sync_run: SyncRun, unit_path: str) -> bool:
    return sync_run.scope_everything or (
        sync_run.scope_unit is not None and unit_path.startswith(sync_run.scope_unit.path))


class _Counts:
    def __init__(self) -> None:
        self.rows = self.compared = self.not_in_smart = self.out_of_scope = self.invalid = 0
        self.problems: list[list] = []
        self.unknown: list[list] = []
        self.seen: set[str] = set()

    def problem(self, row: int, column: str, message: str) -> None:
        if len(self.problems) < MAX_LISTED:
            self.problems.append([row, column, message])


def _compare_batch(sync_run: SyncRun, batch, counts: _Counts, refs: ExportReferences,
                   labels: Labels) -> None:
    today = timezone.localdate()
    results = []
    for number, row in batch:
        result = employee_values(row, refs, today=today)
        nip = result.values.get("nip")
        if not nip:
            counts.invalid += 1
            for error in result.errors:
                counts.problem(number, error.column, error.message)
            continue
        if nip in counts.seen:
            counts.invalid += 1
            counts.problem(number, "nip_baru", f"NIP {nip} muncul lebih dari sekali di berkas; "
                                               "baris ini tidak dibandingkan")
            continue
        counts.seen.add(nip)
        results.append((number, row, result))
    smart = smart_values_for(result.values["nip"] for _, _, result in results)
    differences = []
    for number, row, result in results:
        nip = result.values["nip"]
        if nip not in smart:
            counts.not_in_smart += 1
            if len(counts.unknown) < MAX_LISTED:
                counts.unknown.append([number, nip, row.get("nama", "")])
            continue
        unit_path, record = smart[nip]
        if not _in_scope(sync_run, unit_path):
            counts.out_of_scope += 1
            continue
        counts.compared += 1
        if result.errors:
            counts.invalid += 1
            for error in result.errors:
                counts.problem(number, error.column,
                               f"{error.message} (kolom ini tidak dibandingkan)")
        for found in differences_of(result.values, result.errors, record,
                                    export_date=sync_run.export_date, labels=labels):
            differences.append(SyncDifference(
                run=sync_run, employee_id=record.employee_id, row=number,
                field=found.concept.code, smart_value=found.smart_value,
                national_value=found.national_value, national_data=found.national_data,
                smart_date=found.smart_date, national_date=found.national_date,
                classification=found.classification, reason=found.reason[:300]))
    SyncDifference.objects.bulk_create(differences, batch_size=BATCH)


def sync_run_compare(*, sync_run: SyncRun, data: bytes | None = None, run=None) -> dict:
    """Compare the run's export with SMART and store its differences.

    Reads the file kept by ``sync_run_start`` unless ``data`` is given. Running
    it again (a re-run after a killed worker) starts afresh. A file that cannot
    be read marks the run failed with the reason; nothing else is written.
    """
    data = sync_file_path(sync_run).read_bytes() if data is None else data
    total = max(data.count(b"\n") - 1, 1)  # about the data rows; the exact count at the end
    counts = _Counts()
    refs, labels = ExportReferences.load(), Labels()
    SyncDifference.objects.filter(run=sync_run).delete()
    SyncRun.objects.filter(pk=sync_run.pk).update(status=SyncRun.Status.RUNNING, error="")
    try:
        batch = []
        for number, row in read_export(data):
            counts.rows += 1
            batch.append((number, row))
            if len(batch) >= BATCH:
                with transaction.atomic():
                    _compare_batch(sync_run, batch, counts, refs, labels)
                batch = []
                if run is not None:
                    run.progress(min(counts.rows, total), total,
                                 message=f"{counts.rows} baris dibandingkan")
        with transaction.atomic():
            _compare_batch(sync_run, batch, counts, refs, labels)
        if run is not None:
            run.progress(counts.rows, counts.rows, message=f"{counts.rows} baris dibandingkan")
    except ExportFileError as problem:
        with transaction.atomic():
            SyncDifference.objects.filter(run=sync_run).delete()
            SyncRun.objects.filter(pk=sync_run.pk).update(
                status=SyncRun.Status.FAILED, error=str(problem), finished_at=timezone.now())
            audit_record(actor=sync_run.uploaded_by, action="synchronisation.run.fail",
                         target=sync_run, data={"error": str(problem)})
        sync_run.refresh_from_db()
        return {"status": "failed", "error": str(problem)}
    except BaseException:
        # Cancelled, or the worker is stopping: say so; a re-run starts afresh.
        SyncRun.objects.filter(pk=sync_run.pk).update(
            status=SyncRun.Status.FAILED, finished_at=timezone.now(),
            error="Perbandingan dihentikan sebelum selesai; jalankan ulang tugasnya.")
        raise
    summary = {"rows": counts.rows, "compared": counts.compared,
               "not_in_smart": counts.not_in_smart, "out_of_scope": counts.out_of_scope,
               "invalid": counts.invalid}
    with transaction.atomic():
        SyncRun.objects.filter(pk=sync_run.pk).update(
            status=SyncRun.Status.DONE, finished_at=timezone.now(), problems=counts.problems,
            unknown=counts.unknown, error="", **summary)
        summary["differences"] = SyncDifference.objects.filter(run=sync_run).count()
        audit_record(actor=sync_run.uploaded_by, action="synchronisation.run.compare",
                     target=sync_run, data=summary)
    sync_file_path(sync_run).unlink(missing_ok=True)  # the differences are kept instead
    sync_run.refresh_from_db()
    return {"status": "done", **summary}


def sync_run_queue(*, sync_run: SyncRun) -> SyncRun:
    """Compare in the background; the job's page shows the progress and sends
    the user to the report when it is done."""
    from smart.jobs.services import job_start

    with transaction.atomic():
        job = job_start(handler="smart.synchronisation.jobs.compare_export",
                        owner=sync_run.uploaded_by,
                        title=f"Sinkronisasi SIASN: {sync_run.file_name}"[:200],
                        params={"run": sync_run.pk})
        SyncRun.objects.filter(pk=sync_run.pk).update(job=job)
    sync_run.job = job
    return sync_run


def sync_run_read(*, actor, sync_run: SyncRun, filters: dict) -> None:
    """A page of differences shows others' personal data: on record (R-CONF-1)."""
    audit_record(actor=actor, action="synchronisation.run.read", target=sync_run,
                 data={"filters": {k: str(v)[:100] for k, v in filters.items()}})


def run_counts(differences) -> dict[str, int]:
    """Differences per class, in one query, over an already scoped queryset."""
    totals = differences.aggregate(
        total=Count("id"),
        **{value: Count("id", filter=Q(classification=value))
           for value in Classification.values})
    return totals


# --- a change request from a difference ----------------------------------------

def proposal_for(difference: SyncDifference):
    """(target, action, entry) a difference opens: the identity data is corrected;
    a history entry with the national TMT is corrected, otherwise one is added."""
    concept = CONCEPT_BY_CODE[difference.field]
    target = target_for(concept.target) if concept.target else None
    if target is None:
        return None, None, None
    employee = difference.employee
    data = difference.national_data or {}
    if target.slug == IDENTITY:
        return target, Action.CORRECT, employee
    entry = None
    if target.slug == "pangkat" and data.get("tmt"):
        entry = RankHistory.objects.filter(employee=employee, tmt=data["tmt"]).first()
    elif target.slug == "jabatan" and data.get("tmt"):
        entry = (PositionHistory.objects.filter(employee=employee, tmt=data["tmt"])
                 .exclude(assignment_type__code__in=ACTING).first())
    elif target.slug == "pendidikan-formal" and data.get("education_level"):
        entry = FormalEducation.objects.filter(
            employee=employee, education_level_id=data["education_level"]).first()
    return target, (Action.CORRECT if entry else Action.ADD), entry


def proposal_note(difference: SyncDifference) -> str:
    run = difference.run
    national = difference.national_value
    # A value ending in a full stop (a title "S.I.Kom.") ends the sentence itself.
    end = "" if national.endswith(".") else "."
    return (f"Sinkronisasi dengan SIASN: ekspor {run.file_name} tanggal "
            f"{run.export_date:%d-%m-%Y}, baris {difference.row}. SMART: "
            f"{difference.smart_value or '(kosong)'}; SIASN: {national}{end}")


def sync_difference_propose(*, difference: SyncDifference, values: dict[str, Any], note: str,
                            proposer, documents, submission_key=None) -> ChangeRequest:
    """The verifier proposes the change a difference calls for, on the employee's
    behalf. It is sent to verification at once (the officer's route) and goes
    through every verification step there; its proposer cannot take them."""
    if not has_role(proposer, Role.VERIFIER):
        raise SyncRefused("Hanya verifikator yang dapat membuat usulan dari selisih data.")
    employee = difference.employee
    if employee.user_id is not None and employee.user_id == proposer.pk:
        raise SyncRefused("Anda tidak dapat mengusulkan perubahan data Anda sendiri di sini.")
    if difference.change_request_id is not None and difference.change_request.is_open:
        raise SyncRefused("Selisih ini sudah memiliki usulan yang sedang diproses.")
    target, action, entry = proposal_for(difference)
    if target is None:
        raise SyncRefused("Data ini diubah melalui keputusan BKN, bukan melalui usulan.")
    with transaction.atomic():
        request = request_propose(
            target=target, employee=employee, action=action,
            target_id=entry.pk if entry is not None else None, values=values,
            note=note, proposer=proposer, documents=documents, submit=True,
            submission_key=submission_key, route=OFFICER_ROUTE)
        SyncDifference.objects.filter(pk=difference.pk).update(change_request=request)
        audit_record(actor=proposer, action="synchronisation.difference.propose",
                     target=request, data={"run": difference.run_id,
                                           "difference": difference.pk,
                                           "field": difference.field})
    difference.change_request = request
    return request
