"""The canonical export: every row of the personnel data, in a fixed order, hashed.

Two databases hold the same personnel data exactly when their canonical
exports have the same SHA-256 (security.md G3). It covers employees, the
history records and their simple-history rows, change requests with their
stage events, the documents table and the audit chain. Rows are read by
primary key with every concrete column, serialised as sorted-key JSON.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from django.apps import apps

# The apps whose tables are the personnel data (read by label: this module
# imports none of them, so it needs no place above them in the layers).
CANONICAL_APPS = ("people", "records", "changes", "documents", "audit")


@dataclass
class CanonicalExport:
    sha256: str
    tables: dict[str, str] = field(default_factory=dict)  # table -> SHA-256 of its rows
    rows: dict[str, int] = field(default_factory=dict)  # table -> row count


def _models():
    found = []
    for label in CANONICAL_APPS:
        found.extend(apps.get_app_config(label).get_models(include_auto_created=True))
    return sorted(found, key=lambda model: model._meta.db_table)


def canonical_export(*, using: str = "default") -> CanonicalExport:
    total = hashlib.sha256()
    export = CanonicalExport(sha256="")
    for model in _models():
        columns = [f.attname for f in model._meta.concrete_fields]
        digest = hashlib.sha256()
        count = 0
        rows = (model._base_manager.using(using).order_by("pk")
                .values_list(*columns).iterator(chunk_size=2000))
        for row in rows:
            digest.update(json.dumps(dict(zip(columns, row, strict=True)), sort_keys=True,
                                     separators=(",", ":"), default=str).encode())
            digest.update(b"\n")
            count += 1
        table = model._meta.db_table
        export.tables[table] = digest.hexdigest()
        export.rows[table] = count
        total.update(f"{table}:{count}:{digest.hexdigest()}\n".encode())
    export.sha256 = total.hexdigest()
    return export
