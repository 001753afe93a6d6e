"""The import of a national export (R-PROC-1): judge every row, then write.

The file is read twice, never held in memory: once for the preview, once
for the apply (the data may have changed in between, so the apply judges
again). Rows go through in chunks of ``settings.SMART_IMPORT_CHUNK_ROWS``
(500); each chunk costs one query for the recorded employees it names.

Rules:

* NIP is the key. A row is *new* (no employee with that NIP), *changed*
  (some field the file carries differs), *unchanged*, or *invalid* (refused
  with row, column and Indonesian reason; nothing of it is written).
* An empty cell never erases a recorded value, and a column the file does
  not have is not touched: the national export does not hold everything
  SMART records.
* Duplicate NIP (or NIK) in the file: the first row counts, every later row
  with the same number is refused and says which row was kept — a record is
  never a mix of two rows.
* The importer's scope: the Pengelola SMART imports for the whole regency;
  a Pengelola Kepegawaian only for employees (recorded and new) in the units
  of their assignment. A row outside it is refused.
* Apply: each chunk is one transaction — employees created or updated
  through ``people.services`` (history reason and audit "import <file>,
  baris N"), the learned reference mappings, the chunk's row outcomes and the
  checkpoint. A killed worker leaves the chunk unwritten; a re-run starts
  after the last committed chunk. Cancel is honoured between chunks; the
  batch then becomes "cancelled" saying how many rows were written
  (``services.import_cancelled``), and its preview may run again.
* "All or nothing" checks the whole file first and writes nothing when any
  row is invalid; "keep the valid rows" writes the valid ones.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from smart.access.policies import IMPORTERS, role_scope
from smart.integrations.models import ColumnMapping, ImportBatch, ImportRow, ReferenceMapping
from smart.integrations.siasn.export import (
    ExportFileError,
    ExportReferences,
    ExportRow,
    Header,
    employee_values,
    export_rows,
    fields_in,
)
from smart.integrations.tables import check_table_file, table_rows
from smart.people.bulk import insert_rows
from smart.people.models import AsnKind, Employee
from smart.people.services import employee_findings, employee_update, employees_create_bulk

_FK_FIELDS = ("sex", "religion", "marital_status", "employee_type", "legal_status",
              "initial_golongan", "golongan", "position_type", "echelon", "education_level",
              "unit", "functional_position")
# Fields a non-empty cell may empty: the JF link of a position that is no known JF.
_CLEARED_BY_A_VALUE = frozenset({"functional_position"})
Outcome = ImportRow.Outcome
# What a *new* employee gets where the file says nothing (an empty mk_tahun,
# mk_bulan or status_cpns_pns); an update leaves the recorded value instead.
NEW_EMPLOYEE_DEFAULTS = {"mk_years": 0, "mk_months": 0, "asn_kind": AsnKind.PNS}


HEADER_ONLY = "Berkas hanya berisi kepala kolom; tidak ada baris data."


class ImportRefused(Exception):
    """The import as a whole cannot go on; the message is for the user."""


def import_dir() -> Path:
    path = Path(settings.SMART_IMPORT_DIR)
    path.mkdir(parents=True, exist_ok=True)
    return path


def batch_path(batch: ImportBatch) -> Path:
    return import_dir() / batch.stored_name


def remembered_columns() -> dict[str, str]:
    return dict(ColumnMapping.objects.values_list("header", "column"))


def open_batch(batch: ImportBatch, source: Path | None = None,
               ) -> tuple[Header, Iterator[tuple[int, ExportRow]]]:
    """The batch's header and its rows, read lazily; ``ExportFileError`` when
    the file cannot be read (or is gone). ``source``: a file outside the
    upload folder (the demo's export)."""
    path = source or batch_path(batch)
    if not (source or batch.stored_name) or not path.exists():
        raise ExportFileError("Berkas unggahan sudah tidak ada; unggah berkasnya lagi.")
    table = check_table_file(path)
    return export_rows(table_rows(table), remembered_columns(), sheet=table.sheet)


# --- scope -----------------------------------------------------------------------------------

def import_scope_paths(actor) -> tuple[str, ...] | None:
    """Unit paths the actor may import into; None = the whole regency.

    No actor (the demo loader, a command) imports everywhere.
    """
    if actor is None:
        return None
    paths: list[str] = []
    for role in IMPORTERS:
        scope = role_scope(actor, role)
        if scope.everything:
            return None
        paths += scope.unit_paths
    return tuple(paths)


def _in_scope(unit_path: str, paths: tuple[str, ...] | None) -> bool:
    return paths is None or any(unit_path.startswith(path) for path in paths)


# --- judging rows ----------------------------------------------------------------------------

@dataclass
class Verdict:
    """What one row is and, for new and changed rows, what would be written."""

    number: int
    row: ExportRow
    nip: str
    name: str
    outcome: str = Outcome.UNCHANGED
    errors: list[tuple[str, str]] = field(default_factory=list)
    diff: list[tuple[str, str, str]] = field(default_factory=list)  # field, old, new
    findings: list[str] = field(default_factory=list)
    values: dict = field(default_factory=dict)
    employee: Employee | None = None

    def refuse(self, column: str, message: str) -> None:
        self.outcome = Outcome.INVALID
        self.errors.append((column, message))


def shown(value) -> str:
    """A value as the preview shows it."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return f"{value:%d-%m-%Y}"
    return str(value)


def _same(employee: Employee, name: str, value) -> bool:
    model_field = Employee._meta.get_field(name)
    current = getattr(employee, model_field.attname)
    if model_field.is_relation:
        return current == (value.pk if value is not None else None)
    return current == value


class RowJudge:
    """Judges a file's rows chunk by chunk; remembers the NIPs and NIKs seen."""

    def __init__(self, header: Header, *, actor, today: datetime.date | None = None) -> None:
        self.header = header
        self.today = today or timezone.localdate()
        self.fields = fields_in(header) - {"nip"}
        self.scope = import_scope_paths(actor)
        self.refs = ExportReferences.load()
        self.mappings = {(m.kind, m.siasn_id.upper()): m
                         for m in ReferenceMapping.objects.select_related(
                             "unit", "functional_position")}
        for (kind, siasn_id), mapping in self.mappings.items():
            if kind == ReferenceMapping.Kind.UNIT and mapping.unit is not None:
                self.refs.units_by_siasn_id[siasn_id] = [mapping.unit]
        self.learned: dict[tuple[str, str], dict] = {}
        self.nip_rows: dict[str, int] = {}
        self.nik_rows: dict[str, tuple[int, str]] = {}
        self.with_findings = True

    # One row on its own: the export's rules plus the mapping table.
    def _row_values(self, number: int, row: ExportRow) -> Verdict:
        result = employee_values(row, self.refs, today=self.today)
        values = result.values
        verdict = Verdict(number, row, values.get("nip") or row.get("nip_baru", ""),
                          row.get("nama", ""), values=values)
        for error in result.errors:
            verdict.refuse(error.column, error.message)
        self._use_mappings(row, values)
        return verdict

    def _use_mappings(self, row: ExportRow, values: dict) -> None:
        """Apply administrators' mappings; note what the file teaches."""
        kinds = ReferenceMapping.Kind
        unor_id = row.get("unor_id", "").upper()
        if unor_id and (kinds.UNIT, unor_id) not in self.mappings:
            unit = values.get("unit")
            by_id = unit is not None and unit.siasn_id.upper() == unor_id
            if not by_id:
                self.learned[kinds.UNIT, unor_id] = {
                    "siasn_name": row.get("unor_nama", ""), "unit": unit}
        for kind, id_column, name_column, field_name in (
                (kinds.POSITION, "jabatan_id", "jabatan_nama", "position_name"),
                (kinds.EDUCATION, "pendidikan_id", "pendidikan_nama", "education_name")):
            siasn_id = row.get(id_column, "").upper()
            if not siasn_id:
                continue
            mapping = self.mappings.get((kind, siasn_id))
            if mapping is None:
                self.learned.setdefault((kind, siasn_id), {
                    "siasn_name": row.get(name_column, ""),
                    "local_name": row.get(name_column, ""),
                    "education_level": values.get("education_level")
                    if kind == kinds.EDUCATION else None,
                    "functional_position": values.get("functional_position")
                    if kind == kinds.POSITION else None})
                continue
            if kind == kinds.POSITION and mapping.functional_position_id:
                # The JF an administrator (or an earlier file) linked this id to.
                values["functional_position"] = mapping.functional_position
            if mapping.source == ReferenceMapping.Source.ADMIN and mapping.local_name:
                values[field_name] = mapping.local_name
                if kind == kinds.EDUCATION and mapping.education_level_id:
                    values["education_level"] = mapping.education_level

    def _check_repeats(self, verdict: Verdict) -> None:
        """Later rows with a NIP or NIK already seen in the file are refused."""
        nip = verdict.values.get("nip")
        if nip:
            first = self.nip_rows.setdefault(nip, verdict.number)
            if first != verdict.number:
                verdict.refuse("nip_baru", f"NIP {nip} sudah ada di baris {first} berkas ini; "
                               f"baris ini ditolak seluruhnya, baris {first} yang dipakai "
                               f"(periksa mana yang benar)")
                return
        nik = verdict.values.get("nik")
        if nik:
            first_row, first_nip = self.nik_rows.setdefault(nik, (verdict.number, nip or ""))
            if first_row != verdict.number and first_nip != nip:
                verdict.refuse("nik", f"NIK {nik} sudah dipakai NIP {first_nip} di baris "
                               f"{first_row} berkas ini")

    def judge(self, rows: list[tuple[int, ExportRow]], *,
              findings: bool = True) -> list[Verdict]:
        """The verdicts of one chunk; ``findings=False`` leaves the findings of
        new rows to the write, which computes them anyway."""
        self.with_findings = findings
        verdicts = [self._row_values(number, row) for number, row in rows]
        for verdict in verdicts:
            self._check_repeats(verdict)
        nips = [v.values["nip"] for v in verdicts if v.values.get("nip")]
        recorded = {e.nip: e for e in Employee.objects.filter(nip__in=nips)
                    .select_related(*_FK_FIELDS)}
        niks = [v.values["nik"] for v in verdicts if v.values.get("nik")]
        nik_owners = dict(Employee.objects.filter(nik__in=niks).values_list("nik", "nip"))
        for verdict in verdicts:
            self._compare(verdict, recorded.get(verdict.values.get("nip")), nik_owners)
        return verdicts

    def _compare(self, verdict: Verdict, employee: Employee | None,
                 nik_owners: dict[str, str]) -> None:
        values = verdict.values
        nik = values.get("nik")
        if nik and nik_owners.get(nik, values.get("nip")) != values.get("nip"):
            verdict.refuse("nik", f"NIK {nik} sudah tercatat untuk pegawai NIP "
                           f"{nik_owners[nik]}")
        unit = values.get("unit")
        if unit is not None and not _in_scope(unit.path, self.scope):
            verdict.refuse("unor_nama", f"unit {unit.name} di luar cakupan tugas Anda")
        if employee is not None and not _in_scope(employee.unit.path, self.scope):
            verdict.refuse("nip_baru", f"pegawai NIP {employee.nip} tercatat di "
                           f"{employee.unit.name}, di luar cakupan tugas Anda")
        if verdict.outcome == Outcome.INVALID:
            return
        if employee is None:
            verdict.outcome = Outcome.NEW
            defaults = {name: default for name, default in NEW_EMPLOYEE_DEFAULTS.items()
                        if values.get(name) is None}
            # unsaved; the write saves this one
            verdict.employee = Employee(**{**values, **defaults})
            if self.with_findings:
                verdict.findings = employee_findings(verdict.employee)
            return
        verdict.employee = employee
        changes = {}
        for name in sorted(self.fields):
            value = values.get(name)
            cleared = value is None and name in values and name in _CLEARED_BY_A_VALUE
            if (value in (None, "") and not cleared) or _same(employee, name, value):
                continue
            changes[name] = value
            verdict.diff.append((name, shown(getattr(employee, name)), shown(value)))
        verdict.values = changes
        if changes:
            verdict.outcome = Outcome.CHANGED
            future = Employee(**{f.attname: getattr(employee, f.attname)
                                 for f in Employee._meta.concrete_fields})
            for name, value in changes.items():
                setattr(future, name, value)
            verdict.findings = employee_findings(future)


def chunks(rows: Iterator[tuple[int, ExportRow]], size: int) -> Iterator[list]:
    while chunk := list(islice(rows, size)):
        yield chunk


def _row_record(batch: ImportBatch, phase: str, verdict: Verdict) -> dict:
    """An ``ImportRow`` as the dict ``people.bulk.insert_rows`` writes."""
    invalid = verdict.outcome == Outcome.INVALID
    return {
        "batch_id": batch.pk, "phase": phase, "number": verdict.number,
        "nip": verdict.nip[:40], "name": verdict.name[:200], "outcome": verdict.outcome,
        "errors": [list(error) for error in verdict.errors],
        "diff": [list(change) for change in verdict.diff], "findings": verdict.findings,
        "cells": list(verdict.row.cells) if invalid else [],
    }


def _store_rows(batch: ImportBatch, phase: str, verdicts: list[Verdict]) -> None:
    """The chunk's verdicts but the unchanged ones (those are only counted)."""
    insert_rows(ImportRow, [_row_record(batch, phase, v) for v in verdicts
                            if v.outcome != Outcome.UNCHANGED])


@dataclass
class Counts:
    total: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    invalid: int = 0
    with_findings: int = 0
    created: int = 0
    updated: int = 0

    def add(self, verdict: Verdict, *, findings: bool = True) -> None:
        """Count one verdict; ``findings=False`` leaves its findings to
        ``add_findings`` (the apply knows a new row's findings once written)."""
        self.total += 1
        setattr(self, verdict.outcome, getattr(self, verdict.outcome) + 1)
        if findings:
            self.add_findings([verdict])

    def add_findings(self, verdicts: list[Verdict]) -> None:
        self.with_findings += sum(1 for verdict in verdicts if verdict.findings
                                  and verdict.outcome in (Outcome.NEW, Outcome.CHANGED))

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


def _store_counts(batch: ImportBatch, counts: Counts, **extra) -> None:
    for name, value in {**counts.as_dict(), **extra}.items():
        setattr(batch, name, value)
    batch.save()


# --- preview -------------------------------------------------------------------------------

def preview_import(batch: ImportBatch, run, *, chunk_size: int | None = None) -> dict:
    """Judge every row and store the verdicts; nothing else is written.

    ``run`` reports progress (and raises when the user cancels).
    """
    chunk_size = chunk_size or settings.SMART_IMPORT_CHUNK_ROWS
    try:
        header, rows = open_batch(batch)
        if header.unknown:
            raise ImportRefused(f"Kolom belum dipetakan: {', '.join(header.unknown)}.")
        judge = RowJudge(header, actor=batch.owner)
        counts = Counts()
        batch.rows.filter(phase=ImportRow.Phase.PREVIEW).delete()
        for chunk in chunks(rows, chunk_size):
            verdicts = judge.judge(chunk)
            for verdict in verdicts:
                counts.add(verdict)
            _store_rows(batch, ImportRow.Phase.PREVIEW, verdicts)
            # The preview is what counts the rows: their number is not known yet.
            run.progress(counts.total, batch.total or None, message=f"{counts.total} baris")
    except (ExportFileError, ImportRefused) as error:
        batch.status, batch.message = ImportBatch.Status.REFUSED, str(error)
        batch.save(update_fields=["status", "message"])
        return {"refused": str(error)}
    if counts.total == 0:
        batch.status = ImportBatch.Status.REFUSED
        batch.message = HEADER_ONLY
        batch.save(update_fields=["status", "message"])
        return {"refused": batch.message}
    _store_counts(batch, counts, status=ImportBatch.Status.PREVIEWED, message="",
                  layout=header.layout)
    return counts.as_dict()


# --- apply ---------------------------------------------------------------------------------

def _save_learned(judge: RowJudge, actor) -> None:
    """Write the mappings the file taught; an administrator's entry is kept."""
    for (kind, siasn_id), learned in judge.learned.items():
        mapping = judge.mappings.get((kind, siasn_id))
        if mapping is not None and mapping.source == ReferenceMapping.Source.ADMIN:
            continue
        unit = learned.get("unit")
        matched = unit is not None or bool(learned.get("local_name"))
        defaults = {
            "siasn_name": learned.get("siasn_name", "")[:300],
            "unit": unit, "local_name": learned.get("local_name", "")[:200],
            "education_level": learned.get("education_level"),
            "functional_position": learned.get("functional_position"),
            "source": ReferenceMapping.Source.NAME if matched
            else ReferenceMapping.Source.UNMATCHED,
        }
        mapping, _created = ReferenceMapping.objects.update_or_create(
            kind=kind, siasn_id=siasn_id, defaults=defaults)
        judge.mappings[kind, siasn_id] = mapping
    judge.learned.clear()


def _write_chunk(batch: ImportBatch, verdicts: list[Verdict], judge: RowJudge, counts: Counts,
                 prepare_new: Callable[[list[Employee]], None] | None) -> None:
    """One chunk in the caller's transaction: creations, updates, mappings, outcomes."""
    source = batch.source_label
    actor = batch.owner if batch.owner_id else None
    new = []
    for verdict in verdicts:
        if verdict.outcome == Outcome.NEW:
            employee = verdict.employee
            employee._change_reason = f"{source}, baris {verdict.number}"[:100]
            new.append((verdict, employee))
    if new:
        employees = [employee for _verdict, employee in new]
        if prepare_new is not None:
            prepare_new(employees)
        employees_create_bulk(employees=employees, actor=actor, source=source, data={
            "file": batch.filename, "rows": [[v.number, v.nip] for v, _e in new]})
        counts.created += len(new)
        for verdict, employee in new:
            verdict.findings = employee.findings
    for verdict in verdicts:
        if verdict.outcome != Outcome.CHANGED:
            continue
        try:
            with transaction.atomic():
                employee_update(employee=verdict.employee, values=verdict.values, actor=actor,
                                reason=f"{source}, baris {verdict.number}",
                                data={"file": batch.filename, "row": verdict.number})
            counts.updated += 1
        except ValidationError as error:
            counts.changed -= 1
            counts.invalid += 1
            verdict.outcome = Outcome.INVALID
            for column, messages in error.message_dict.items():
                verdict.errors.append((column, "; ".join(messages)))
    _save_learned(judge, actor)
    _store_rows(batch, ImportRow.Phase.APPLY, verdicts)


def _check_whole_file(batch: ImportBatch, run, chunk_size: int,
                      source: Path | None) -> tuple[Counts, list]:
    """"All or nothing": judge every row before anything is written.

    Returns the counts and the first refusal as ``[row, column, reason]``.
    """
    header, rows = open_batch(batch, source)
    judge = RowJudge(header, actor=batch.owner)
    counts, first = Counts(), []
    for chunk in chunks(rows, chunk_size):
        for verdict in judge.judge(chunk, findings=False):
            counts.add(verdict)
            if verdict.outcome == Outcome.INVALID and not first:
                first = [verdict.number, *verdict.errors[0]]
        run.progress(counts.total, 2 * (batch.total or counts.total),
                     message="memeriksa seluruh berkas")
    return counts, first


def apply_import(batch: ImportBatch, run, *, state: dict | None = None,
                 chunk_size: int | None = None, source: Path | None = None,
                 prepare_new: Callable[[list[Employee]], None] | None = None) -> dict:
    """Write the batch's valid rows chunk by chunk, resuming after ``state``.

    ``state`` is the last checkpoint (``{"after_row": N, "counts": {...}}``);
    ``source`` a file to read instead of the upload (kept afterwards);
    ``prepare_new`` may complete the unsaved new employees of a chunk (the
    demo adds its personal details). Returns the counts; a refusal returns
    ``refused`` (the message) and ``first_error``.
    """
    chunk_size = chunk_size or settings.SMART_IMPORT_CHUNK_ROWS
    state = dict(state or {})
    after_row = state.get("after_row", 0)
    try:
        all_or_nothing = batch.mode != ImportBatch.Mode.KEEP_VALID
        if all_or_nothing and not after_row:
            checked, first_error = _check_whole_file(batch, run, chunk_size, source)
            if checked.invalid:
                message = (f"Tidak ada yang disimpan: {checked.invalid} dari {checked.total} "
                           f"baris tidak sah (pilihan \"semua atau tidak sama sekali\").")
                # Back to the preview: the user may choose "keep the valid rows".
                _store_counts(batch, checked, status=ImportBatch.Status.PREVIEWED,
                              message=message)
                return {"refused": message, "first_error": first_error,
                        **checked.as_dict()}
        header, rows = open_batch(batch, source)
    except ExportFileError as error:
        batch.status, batch.message = ImportBatch.Status.FAILED, str(error)
        batch.save(update_fields=["status", "message"])
        return {"refused": str(error), "first_error": [error.row, error.column, str(error)]}
    judge = RowJudge(header, actor=batch.owner)
    counts = Counts(**state.get("counts", {}))
    if not after_row:
        batch.rows.filter(phase=ImportRow.Phase.APPLY).delete()
    total = batch.total or 0
    try:
        for chunk in chunks(rows, chunk_size):
            # Earlier chunks too: the file's NIPs must be known.
            verdicts = judge.judge(chunk, findings=False)
            if chunk[-1][0] <= after_row:
                continue
            for verdict in verdicts:
                counts.add(verdict, findings=False)
            with transaction.atomic():
                _write_chunk(batch, verdicts, judge, counts, prepare_new)
                # After the write: a new row's findings are the saved employee's.
                counts.add_findings(verdicts)
                state = {"after_row": chunk[-1][0], "counts": counts.as_dict()}
                run.save_state(state)
            run.progress(counts.total, total, message=f"{counts.total} baris")
    except ExportFileError as error:  # a broken line further down: the chunks before stay
        batch.status, batch.message = ImportBatch.Status.FAILED, str(error)
        batch.save(update_fields=["status", "message"])
        return {"refused": str(error), "first_error": [error.row, error.column, str(error)],
                **counts.as_dict()}
    _store_counts(batch, counts, status=ImportBatch.Status.APPLIED, applied_at=timezone.now(),
                  message="", layout=header.layout)
    if source is None:
        batch_path(batch).unlink(missing_ok=True)
    return counts.as_dict()


class SilentRun:
    """A ``run`` for imports outside the queue (the demo loader, the benchmark)."""

    def progress(self, done: int, total: int | None = None, message: str = "") -> None:
        pass

    def save_state(self, state: dict) -> None:
        self.state = state
