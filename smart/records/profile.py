"""The profile's sections: every record kind of the registry, grouped as the
Lampiran groups them, each loaded with one query."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

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
    """All kinds for one employee: one query per kind plus one for all their
    documents, whatever the row count. Kinds in ``hide`` are listed empty and
    marked hidden, without reading them."""
    documents = _documents_by_entry(employee)
    sections = []
    for group, kinds in kinds_by_group():
        kind_sections = []
        for kind in kinds:
            if kind.slug in hide:
                kind_sections.append(KindSection(kind, [], [], hidden=True))
                continue
            entries = list(kind.entries_of(employee.pk))
            kind_sections.append(KindSection(kind, entries, [
                (e, column_values(e, kind), documents.get((kind.slug, e.pk), []))
                for e in entries
            ]))
        sections.append(GroupSection(group, kind_sections))
    return sections
