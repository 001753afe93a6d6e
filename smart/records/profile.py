"""The profile's sections: every record kind of the registry, grouped as the
Lampiran groups them, each loaded with one query.

Rules:

* One plain query first asks which kinds (and whether documents) the employee
  has at all; only those are read through the ORM. Compiling a kind's
  query costs more than running it (0.4 ms of Python each, 16 kinds), and
  most employees have entries in half of the kinds (decision 156).
* The presence check reads the tables without the managers' filters, so it
  can only say "maybe" where the manager would find nothing, never "none"
  where it would find something.
* On PostgreSQL the same query gives the employee's **records fingerprint**:
  per table the count and a hash of the row versions' places (``ctid``) and
  writers (``xmin``, the transaction) of the employee's rows and documents.
  Any insert, update or delete, by any path (a page, an import, COPY, SQL in
  the shell), writes a row version at a new place or by a new transaction, or
  changes a count, and so changes the fingerprint. The rendered sections are
  kept under it (``shown_sections``, decision 219): a profile seen again
  unchanged costs no record query and no rendering.
  SQLite has no ``xmin``: there every view reads and renders.
* The key also holds ``references.held.held_generation()``: a code table
  changed through the ORM, or read afresh with other values (at most
  ``SMART_CODE_TABLE_SECONDS`` after a change made elsewhere), renders anew.
  A unit's name in a position entry is at most
  ``SMART_PROFILE_SECTIONS_SECONDS`` old (10 minutes; 0 keeps nothing).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.template.loader import render_to_string
from django.utils.translation import get_language

from smart.documents.models import Document
from smart.people.models import Employee
from smart.records.completeness import required_state
from smart.records.registry import Group, RecordKind, kinds_by_group
from smart.references.held import held_generation


@dataclass
class KindSection:
    kind: RecordKind
    entries: list
    rows: list[tuple[object, list, list]]  # (entry, its list columns' values, documents)
    hidden: bool = False  # the viewer's field classes exclude this kind (D-3)

    @property
    def headers(self) -> list:
        return [self.kind.model._meta.get_field(name).verbose_name for name in self.kind.columns]

    @property
    def headings(self) -> list[tuple[object, object | None]]:
        """(header, full label or None) of each list column, for the screen's table."""
        short = self.kind.short_labels
        return [(short[name], label) if name in short else (label, None)
                for name, label in zip(self.kind.columns, self.headers, strict=True)]


@dataclass
class GroupSection:
    group: Group
    kinds: list[KindSection]


def column_values(entry, kind: RecordKind) -> list:
    values = []
    for name in kind.columns:
        field = entry._meta.get_field(name)
        value = (getattr(entry, f"get_{name}_display")() if field.choices
                 else getattr(entry, name))
        values.append(None if value == "" else value)
    return values


def _employee_rows(meta) -> tuple[str, str]:
    """The quoted table and employee column of a model: names from the model,
    the employee id is always a parameter."""
    quote = connection.ops.quote_name
    return quote(meta.db_table), quote(meta.get_field("employee").column)


def _has_rows(meta, extra: str = "") -> str:
    """An EXISTS test for one employee's rows of a model's table."""
    table, column = _employee_rows(meta)
    return f"EXISTS (SELECT 1 FROM {table} WHERE {column} = %s{extra})"  # noqa: S608


def _rows_fingerprint(meta, extra: str = "") -> str:
    """PostgreSQL: 'count.hash' of one employee's rows of a model's table, the hash
    over each row version's place (ctid) and writer (xmin): an update within one
    transaction gives a new place, one in another transaction a new writer."""
    table, column = _employee_rows(meta)
    versions = "md5(string_agg(ctid::text || xmin::text, ',' ORDER BY ctid))"
    return (f"(SELECT count(*) || '.' || coalesce({versions}, '-'){extra} "  # noqa: S608
            f"FROM {table} WHERE {column} = %s)")


class Presence(NamedTuple):
    found: set[str]  # slugs of the kinds with at least one row
    has_documents: bool  # any document tied to an entry
    fingerprint: str | None  # PostgreSQL: changes with any write to these rows


def kinds_present(employee_id: int, kinds: list[RecordKind]) -> Presence:
    """Which kinds the employee has entries of, whether any document is tied to an
    entry and, on PostgreSQL, the records fingerprint: one query."""
    documents = Document._meta
    kind_column = connection.ops.quote_name(documents.get_field("record_kind").column)
    if connection.vendor == "postgresql":
        tests = [_rows_fingerprint(kind.model._meta) for kind in kinds] + [_rows_fingerprint(
            documents, f" || '.' || count(*) FILTER (WHERE {kind_column} <> '')")]
    else:
        tests = [_has_rows(kind.model._meta) for kind in kinds] + [
            _has_rows(documents, f" AND {kind_column} <> ''")]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(tests)}", [employee_id] * len(tests))
        values = cursor.fetchone()
    if connection.vendor != "postgresql":
        *present, has_documents = values
        return Presence({kind.slug for kind, here in zip(kinds, present, strict=True) if here},
                        bool(has_documents), None)
    *counted, documents_counted = values
    found = {kind.slug for kind, value in zip(kinds, counted, strict=True)
             if not value.startswith("0.")}
    tied = documents_counted.rsplit(".", 1)[1]
    return Presence(found, tied != "0", "|".join(values))


def _documents_by_entry(employee: Employee) -> dict[tuple[str, int], list[Document]]:
    """The employee's current documents, keyed by (kind slug, entry id): one query."""
    index: dict[tuple[str, int], list[Document]] = defaultdict(list)
    for document in (Document.objects.current().filter(employee=employee, withdrawn_at__isnull=True)
                     .exclude(record_kind="").select_related("document_type")):
        index[(document.record_kind, document.record_id)].append(document)
    return index


def documents_of_entry(employee: Employee, kind: RecordKind, entry) -> list[Document]:
    return list(
        Document.objects.current().filter(withdrawn_at__isnull=True)
        .filter(employee=employee, record_kind=kind.slug, record_id=entry.pk)
        .select_related("document_type")
    )


def _shown_kinds(hide: frozenset[str]) -> list[RecordKind]:
    """The registry's kinds in profile order, less those hidden from the viewer."""
    return [kind for _, kinds in kinds_by_group() for kind in kinds if kind.slug not in hide]


def profile_sections(employee: Employee, *, hide: frozenset[str] = frozenset(),
                     presence: Presence | None = None) -> list[GroupSection]:
    """All kinds for one employee: one query saying which kinds have entries,
    then one per such kind plus one for all their documents, whatever the row
    count. Kinds in ``hide`` are listed empty and marked hidden, without
    reading them."""
    groups = kinds_by_group()
    present, has_documents, _fingerprint = presence or kinds_present(
        employee.pk, _shown_kinds(hide))
    documents = _documents_by_entry(employee) if has_documents else {}
    sections = []
    for group, kinds in groups:
        kind_sections = []
        for kind in kinds:
            if kind.slug in hide:
                kind_sections.append(KindSection(kind, [], [], hidden=True))
                continue
            entries = list(kind.entries_of(employee.pk)) if kind.slug in present else []
            kind_sections.append(KindSection(kind, entries, [
                (e, column_values(e, kind), documents.get((kind.slug, e.pk), []))
                for e in entries
            ]))
        sections.append(GroupSection(group, kind_sections))
    return sections


@dataclass(frozen=True)
class ShownSections:
    html: str  # the record sections of the profile page, rendered
    required: dict[str, tuple[bool, bool]]  # completeness.required_state of them


def shown_sections(employee: Employee, *, hide: frozenset[str], can_correct: bool,
                   is_own: bool) -> ShownSections:
    """The profile's record sections, rendered, with what its completeness needs;
    kept under the records fingerprint on PostgreSQL (decision 219)."""
    presence = kinds_present(employee.pk, _shown_kinds(hide))
    seconds = settings.SMART_PROFILE_SECTIONS_SECONDS
    key = None
    if presence.fingerprint is not None and seconds:
        viewer = (f"{get_language()}|{','.join(sorted(hide))}|{can_correct:d}{is_own:d}"
                  f"|{held_generation()}")  # the code-table names in the rows
        digest = hashlib.blake2b(f"{presence.fingerprint}|{viewer}".encode(), digest_size=16)
        key = f"profile-sections:{employee.pk}:{digest.hexdigest()}"
        kept = cache.get(key)
        if kept is not None:
            return kept
    sections = profile_sections(employee, hide=hide, presence=presence)
    shown = ShownSections(
        html=render_to_string("records/_profile_sections.html", {
            "employee": employee, "sections": sections,
            "can_correct": can_correct, "is_own": is_own}),
        required=required_state(sections))
    if key is not None:
        cache.set(key, shown, seconds)
    return shown
