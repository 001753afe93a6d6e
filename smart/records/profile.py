"""The profile's sections: every record kind of the registry, grouped as the
Lampiran groups them, each loaded with one query."""

from __future__ import annotations

from dataclasses import dataclass

from smart.people.models import Employee
from smart.records.registry import Group, RecordKind, kinds_by_group


@dataclass
class KindSection:
    kind: RecordKind
    entries: list
    rows: list[tuple[object, list]]  # (entry, its list columns' values)

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
        values.append(getattr(entry, f"get_{name}_display")() if field.choices
                      else getattr(entry, name))
    return values


def profile_sections(employee: Employee) -> list[GroupSection]:
    """All kinds for one employee: one query per kind, whatever the row count."""
    sections = []
    for group, kinds in kinds_by_group():
        kind_sections = []
        for kind in kinds:
            entries = list(kind.entries_of(employee.pk))
            kind_sections.append(KindSection(
                kind, entries, [(e, column_values(e, kind)) for e in entries]))
        sections.append(GroupSection(group, kind_sections))
    return sections
