"""The database side of backups: a consistent copy out, a restore into an empty target.

SQLite is copied with its online backup API, which gives a consistent snapshot
while the server keeps writing (WAL included). PostgreSQL is dumped with
``pg_dump -Fc`` from a snapshot exported by a REPEATABLE READ transaction, so
the canonical export computed in that transaction describes exactly the dump.

Scratch databases (the snapshot file, a restored copy) are read through extra
connection aliases registered here at run time; they never replace "default".
"""

from __future__ import annotations

import contextlib
import copy
import os
import sqlite3
import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.db import connections, transaction
from django.db.utils import load_backend

SQLITE = "sqlite"
POSTGRESQL = "postgresql"


class DatabaseTargetError(Exception):
    """A restore target that must not be written (not empty, wrong engine)."""


def engine_of(settings_dict: dict) -> str:
    engine = settings_dict["ENGINE"]
    if engine.endswith("sqlite3"):
        return SQLITE
    if "postgresql" in engine:
        return POSTGRESQL
    raise DatabaseTargetError(f"Mesin basis data {engine} tidak didukung oleh pencadangan SMART.")


@contextlib.contextmanager
def scratch_alias(settings_dict: dict) -> Iterator[str]:
    """A temporary connection alias for ``settings_dict``; closed and removed after.

    The connection is made directly and never added to ``settings.DATABASES``:
    it exists for this thread and this block only.
    """
    alias = f"ops_{uuid.uuid4().hex[:12]}"
    connection = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, alias)
    connections[alias] = connection
    try:
        yield alias
    finally:
        connection.close()
        del connections[alias]


def sqlite_settings(path: Path) -> dict:
    """The default connection's settings pointed at another SQLite file, without
    the WAL pragma (a scratch file stays one self-contained file)."""
    settings_dict = copy.deepcopy(connections["default"].settings_dict)
    settings_dict["NAME"] = str(path)
    settings_dict["OPTIONS"] = {"timeout": 20}
    return settings_dict


def postgresql_settings(name: str) -> dict:
    settings_dict = copy.deepcopy(connections["default"].settings_dict)
    settings_dict["NAME"] = name
    return settings_dict


# --- SQLite ------------------------------------------------------------------

def sqlite_snapshot(target: Path) -> None:
    """Copy the default database into ``target`` with the online backup API."""
    source = connections["default"]
    source.ensure_connection()
    destination = sqlite3.connect(target)
    try:
        source.connection.backup(destination)
        # The copy keeps the source's WAL flag; one plain file restores anywhere.
        destination.execute("PRAGMA journal_mode=DELETE")
    finally:
        destination.close()


def sqlite_is_empty(settings_dict: dict) -> bool:
    """No tables in the database ``settings_dict`` names (opened the way Django
    opens it, so a missing file counts as empty and a URI name is understood)."""
    with scratch_alias(settings_dict) as alias, connections[alias].cursor() as cursor:
        cursor.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'")
        return cursor.fetchone()[0] == 0


def sqlite_restore(snapshot: Path, settings_dict: dict) -> None:
    if not sqlite_is_empty(settings_dict):
        raise DatabaseTargetError(
            "Basis data tujuan tidak kosong: pemulihan hanya ke basis data kosong agar "
            "tidak ada data yang tertimpa.")
    name = str(settings_dict["NAME"])
    if not name.startswith("file:"):
        Path(name).parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(f"file:{snapshot}?mode=ro", uri=True)
    try:
        with scratch_alias(settings_dict) as alias:
            target = connections[alias]
            target.ensure_connection()
            source.backup(target.connection)
    finally:
        source.close()
    if Path(name).is_file():
        Path(name).chmod(0o600)


# --- PostgreSQL ----------------------------------------------------------------

def _pg_args(settings_dict: dict) -> tuple[list[str], dict]:
    args = []
    if settings_dict.get("HOST"):
        args += ["-h", str(settings_dict["HOST"])]
    if settings_dict.get("PORT"):
        args += ["-p", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["-U", str(settings_dict["USER"])]
    environment = {**os.environ}
    if settings_dict.get("PASSWORD"):
        environment["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    return args, environment


def _run(command: list[str], environment: dict) -> None:
    result = subprocess.run(command, env=environment, capture_output=True, text=True,
                            check=False)
    if result.returncode != 0:
        raise DatabaseTargetError(
            f"{command[0]} gagal (kode {result.returncode}): {result.stderr.strip()[:500]}")


@dataclass
class PostgresSnapshot:
    alias: str  # a connection inside the REPEATABLE READ transaction of the dump


@contextlib.contextmanager
def postgresql_snapshot(target: Path) -> Iterator[PostgresSnapshot]:
    """Dump the default database to ``target`` (``pg_dump -Fc``) and keep the
    snapshot's transaction open while the caller reads through ``alias``."""
    settings_dict = copy.deepcopy(connections["default"].settings_dict)
    with scratch_alias(settings_dict) as alias, transaction.atomic(using=alias):
        with connections[alias].cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot_id = cursor.fetchone()[0]
        args, environment = _pg_args(settings_dict)
        _run(["pg_dump", *args, "-Fc", "--no-owner", "--no-privileges",
              f"--snapshot={snapshot_id}", "-f", str(target), settings_dict["NAME"]],
             environment)
        yield PostgresSnapshot(alias=alias)


def postgresql_is_empty(settings_dict: dict) -> bool:
    with scratch_alias(settings_dict) as alias, connections[alias].cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
        return cursor.fetchone()[0] == 0


def postgresql_restore(dump: Path, settings_dict: dict) -> None:
    if not postgresql_is_empty(settings_dict):
        raise DatabaseTargetError(
            f"Basis data tujuan {settings_dict['NAME']} tidak kosong: pemulihan hanya ke "
            "basis data kosong agar tidak ada data yang tertimpa.")
    args, environment = _pg_args(settings_dict)
    _run(["pg_restore", *args, "--no-owner", "--no-privileges", "--exit-on-error",
          "-d", settings_dict["NAME"], str(dump)], environment)


def postgresql_create(settings_dict: dict) -> None:
    args, environment = _pg_args(settings_dict)
    _run(["createdb", *args, settings_dict["NAME"]], environment)


def postgresql_drop(settings_dict: dict) -> None:
    args, environment = _pg_args(settings_dict)
    _run(["dropdb", *args, "--if-exists", "--force", settings_dict["NAME"]], environment)
