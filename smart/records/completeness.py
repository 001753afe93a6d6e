"""How complete an employee's record is (R-ME monitoring, Pasal 30 listing).

The required elements are the Lampiran's single-valued data that every ASN
has, plus the record kinds every ASN has at least one entry of (registry
``required``). The score is the share of required elements present.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from smart.people.models import AsnKind, Employee
from smart.records.registry import kinds_by_group

# (field, label) of the employee's own required data.
REQUIRED_FIELDS = [
    ("nik", "NIK"),
    ("birth_place", _("place of birth")),
    ("religion_id", _("religion")),
    ("marital_status_id", _("marital status")),
    ("address", _("address")),
    ("phone", _("mobile phone")),
    ("npwp", "NPWP"),
    ("bpjs", _("BPJS number")),
    ("tmt_cpns", "TMT CPNS"),
    ("golongan_id", _("golongan")),
    ("position_name", _("position")),
    ("education_level_id", _("education level")),
    ("blood_type", _("blood type")),
]


@dataclass
class Completeness:
    missing: list = field(default_factory=list)
    total: int = 0

    @property
    def score(self) -> int:
        """Percentage of required elements present."""
        if not self.total:
            return 100
        return round(100 * (self.total - len(self.missing)) / self.total)


def required_state(sections) -> dict[str, tuple[bool, bool]]:
    """slug → (has entries, has a document on one of them) of the required kinds."""
    return {section.kind.slug: (bool(section.entries),
                                any(documents for _entry, _values, documents in section.rows))
            for group in sections for section in group.kinds if section.kind.required}


def completeness_of(employee: Employee, sections) -> Completeness:
    return completeness_from(employee, required_state(sections))


def completeness_from(employee: Employee, state: dict[str, tuple[bool, bool]]) -> Completeness:
    """The completeness from the employee's own data and ``required_state`` (which
    the profile keeps with its rendered sections)."""
    result = Completeness()
    for name, label in REQUIRED_FIELDS:
        if name == "tmt_cpns" and employee.asn_kind == AsnKind.PPPK:
            continue
        result.total += 1
        if not getattr(employee, name):
            result.missing.append(label)
    for _group, kinds in kinds_by_group():
        for kind in kinds:
            if not kind.required:
                continue
            # Two elements per required kind: the data, and its supporting document.
            result.total += 2
            has_entries, has_documents = state.get(kind.slug, (False, False))
            if not has_entries:
                result.missing.append(kind.label)
                result.missing.append(_("%(kind)s: supporting document") % {"kind": kind.label})
            elif not has_documents:
                result.missing.append(_("%(kind)s: supporting document") % {"kind": kind.label})
    return result
