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
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db import connection

from smart.documents.models import Document
from smart.people.models import Employee
from smart.records.registry import Group, RecordKind, kinds_by_group


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


def _has_rows(meta, extra: str = "") -> str:
    """An EXISTS test for one employee's rows of a model's table: the names come
    from the model and are quoted, the employee id is a parameter."""
    quote = connection.ops.quote_name
    return (f"EXISTS (SELECT 1 FROM {quote(meta.db_table)} "  # noqa: S608
            f"WHERE {quote(meta.get_field('employee').column)} = %s{extra})")


def kinds_present(employee_id: int, kinds: list[RecordKind]) -> tuple[set[str], bool]:
    """(slugs of the kinds with at least one row for the employee, whether the
    employee has any document tied to an entry): one query of EXISTS tests."""
    documents = Document._meta
    tied = f" AND {connection.ops.quote_name(documents.get_field('record_kind').column)} <> ''"
    tests = [_has_rows(kind.model._meta) for kind in kinds] + [_has_rows(documents, tied)]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(tests)}", [employee_id] * len(tests))
        *present, has_documents = cursor.fetchone()
    found = {kind.slug for kind, here in zip(kinds, present, strict=True) if here}
    return found, bool(has_documents)


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


def profile_sections(employee: Employee, *, hide: frozenset[str] = frozenset()
                     ) -> list[GroupSection]:
    """All kinds for one employee: one query saying which kinds have entries,
    then one per such kind plus one for all their documents, whatever the row
    count. Kinds in ``hide`` are listed empty and marked hidden, without
    reading them."""
    groups = kinds_by_group()
    present, has_documents = kinds_present(
        employee.pk, [kind for _, kinds in groups for kind in kinds if kind.slug not in hide])
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
