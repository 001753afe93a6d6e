"""How complete an employee's record is (R-ME monitoring, Pasal 30 listing).

The required elements are the Lampiran's single-valued data that every ASN
has, plus the record kinds every ASN has at least one entry of (registry
``required``). The score is the share of required elements present.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from smart.people.models import AsnKind, Employee

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


def completeness_of(employee: Employee, sections) -> Completeness:
    result = Completeness()
    for name, label in REQUIRED_FIELDS:
        if name == "tmt_cpns" and employee.asn_kind == AsnKind.PPPK:
            continue
        result.total += 1
        if not getattr(employee, name):
            result.missing.append(label)
    for group in sections:
        for section in group.kinds:
            if not section.kind.required:
                continue
            # Two elements per required kind: the data, and its supporting document.
            result.total += 2
            if not section.entries:
                result.missing.append(section.kind.label)
                result.missing.append(_("%(kind)s: supporting document") % {
                    "kind": section.kind.label})
            elif not any(documents for _entry, _values, documents in section.rows):
                result.missing.append(_("%(kind)s: supporting document") % {
                    "kind": section.kind.label})
    return result
