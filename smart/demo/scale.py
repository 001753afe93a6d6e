"""A regency or a province of synthetic employees, for the benchmark (issue 10).

Rules:

* The same people and history as the demo (``generator``, ``personal``,
  ``history``), at any size: the export is generated for ``employees`` ASN
  in the demo's PNS/PPPK proportion, read by the same reader and written
  with the same services, so every consistency rule of the demo holds
  (history ends at the employee's current golongan and position, nothing
  before TMT CPNS, …).
* Units and references are the seeded tables; at a province's size the
  regency's units simply hold more people.
* Employees and their history are written in batches of ``batch``
  employees, all in one transaction: the load appears whole or not at all.
  Employees go through ``people.services.employees_create_bulk``; on
  PostgreSQL the history entries and their simple-history rows go through
  COPY (``copy_with_history``: Django's bulk_create spends most of its time
  compiling the INSERT, not in the database), elsewhere through
  ``bulk_create_with_history``. Appraisers and the demo accounts follow.
* Reproducible: the export depends only on seed and size, the history only
  on seed and NIP. Each batch gets the demo's "at least one penalty and one
  Plt/Plh" rule, so the count of those differs slightly from one batch size
  to another; everything else does not.
* On PostgreSQL the whole database is ANALYZEd after the commit: the
  benchmark may follow at once. At 1,000,000 ASN the appraisers and the
  commit (which checks the deferred foreign keys of every row written) take
  the last 8 of the 30 minutes.
* Only into a database without employees, like the demo.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from simple_history.utils import bulk_create_with_history

from smart.demo.documents import ensure_demo_documents
from smart.demo.generator import DEFAULT_PNS, DEFAULT_PPPK, write_demo_export
from smart.demo.history import write_history
from smart.demo.loader import (
    DemoError,
    _assign_demo_unit_ids,
    ensure_demo_accounts,
    iter_employees,
)
from smart.demo.personal import assign_appraisers, fill_personal_details
from smart.demo.requests import ensure_requests_in_flight
from smart.people.models import Employee
from smart.people.services import employees_create_bulk

DEFAULT_BATCH = 2000
# Below this the regency has too few people for one demo account per role.
MIN_EMPLOYEES = 200


@dataclass
class ScaleLoad:
    employees: int = 0
    history: dict[str, int] = field(default_factory=dict)  # entries per record kind
    audit_rows: int = 0  # simple-history rows written beside them
    seconds: float = 0.0

    @property
    def entries(self) -> int:
        return sum(self.history.values())

    @property
    def rows(self) -> int:
        """Every database row written: employees, entries and their history rows."""
        return self.employees + self.entries + self.audit_rows

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


def copy_with_history(objs: list, model, *, batch_size: int | None = None,
                      default_change_reason: str = "", default_date=None) -> list:
    """``bulk_create_with_history`` by PostgreSQL COPY, for the scale load.

    Ids come from the table's sequence first, so the history rows can carry
    them; ``auto_now`` fields get ``default_date`` as bulk_create would give
    them the time of the insert. Each history row is a "+" row without user
    (an import), with ``default_change_reason``, like simple-history's own.
    """
    if not objs:
        return objs
    fields = model._meta.concrete_fields
    history = model.history.model
    tracked = [field.attname for field in history.tracked_fields]
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) "
                       "FROM generate_series(1, %s)", [model._meta.db_table, len(objs)])
        for obj, (pk,) in zip(objs, cursor.fetchall(), strict=True):
            obj.pk = pk
            obj._state.adding, obj._state.db = False, connection.alias
        for field in fields:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                for obj in objs:
                    setattr(obj, field.attname, default_date)
        _copy(cursor.cursor, model._meta.db_table, [field.column for field in fields],
              ([getattr(obj, field.attname) for field in fields] for obj in objs))
        columns = [history._meta.get_field(name).column for name in tracked]
        _copy(cursor.cursor, history._meta.db_table,
              columns + ["history_date", "history_change_reason", "history_type",
                         "history_user_id"],
              ([getattr(obj, name) for name in tracked]
               + [default_date, default_change_reason, "+", None] for obj in objs))
    return objs


def _copy(cursor, table: str, columns: list[str], rows) -> None:
    quote = connection.ops.quote_name
    statement = (f"COPY {quote(table)} ({', '.join(quote(column) for column in columns)}) "
                 f"FROM STDIN")
    with cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)


def split(employees: int) -> tuple[int, int]:
    """(PNS, PPPK) in the demo regency's proportion."""
    n_pns = round(employees * DEFAULT_PNS / (DEFAULT_PNS + DEFAULT_PPPK))
    return n_pns, employees - n_pns


def scale_export_path(employees: int, seed: int) -> Path:
    return Path(settings.DATA_DIR) / "demo" / f"siasn-export-scale-{employees}-{seed}.csv"


def _analyze(*models) -> None:
    """Statistics for the tables of ``models`` (all tables when none is named).
    Inside the load's transaction its rows are not committed, so autovacuum has
    not counted them; without statistics PostgreSQL plans the appraisers'
    ``id IN (500 ids)`` updates as scans of the whole history table: at
    1,000,000 employees 0.4 s each, hours in all."""
    tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in models)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {tables}".strip())


def scale_generate(*, employees: int, seed: int, batch: int = DEFAULT_BATCH,
                   progress: Callable[[str], None] | None = None) -> ScaleLoad:
    """Generate ``employees`` ASN with their history into an empty database."""
    if employees < MIN_EMPLOYEES:
        raise DemoError(f"Jumlah pegawai harus paling sedikit {MIN_EMPLOYEES} agar setiap "
                        f"peran demo mendapat akun.")
    if Employee.objects.exists():
        raise DemoError("Basis data sudah berisi pegawai; data skala hanya dimuat ke basis "
                        "data yang belum berisi pegawai.")
    started = time.perf_counter()
    path = scale_export_path(employees, seed)
    n_pns, n_pppk = split(employees)
    if not path.exists():
        write_demo_export(path, seed=seed, n_pns=n_pns, n_pppk=n_pppk)
    result = ScaleLoad()
    create = (copy_with_history if connection.vendor == "postgresql"
              else bulk_create_with_history)
    with transaction.atomic():
        _assign_demo_unit_ids()
        rows = iter_employees(path)
        while chunk := list(islice(rows, batch)):
            fill_personal_details(chunk, seed=seed)
            result.employees += employees_create_bulk(
                employees=chunk, actor=None, source=f"Data skala {path.name}")
            for slug, count in write_history(chunk, seed=seed, create=create).items():
                result.history[slug] = result.history.get(slug, 0) + count
            if progress:
                progress(f"{result.employees} pegawai, {result.entries} entri riwayat "
                         f"({time.perf_counter() - started:.0f} s)")
        if connection.vendor == "postgresql":
            _analyze(Employee, Employee.history.model)
        assign_appraisers(list(Employee.objects.select_related("position_type", "echelon")
                               .only("id", "nip", "unit_id", "position_type__code",
                                     "echelon__code")))
        logins = ensure_demo_accounts()
        ensure_demo_documents([username for _, username, _ in logins])
        ensure_requests_in_flight(seed=seed)
    if connection.vendor == "postgresql":
        # Statistics for what was committed, so the benchmark that follows plans on
        # them (autovacuum may be off, or not there yet): 9 s at 1,000,000 ASN.
        _analyze()
    # Employees and entries each got one simple-history row ("+").
    result.audit_rows = result.employees + result.entries
    result.seconds = time.perf_counter() - started
    return result
