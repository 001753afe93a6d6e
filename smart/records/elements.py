"""What a complete record holds, as database expressions (R-ME, R-PROC-1).

The same elements as ``records.completeness`` (the profile's score): the
employee's own required data, at least one entry of every required record kind
and a supporting document for it. A campaign may count a subset of them and
any document kinds (``DocumentType``). Each element is a condition "missing"
on an ``Employee`` row, so a unit's counts are one aggregate query however many
employees it has (never one query per employee).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Value, When
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from smart.documents.models import Document
from smart.people.models import AsnKind, Employee
from smart.records.completeness import REQUIRED_FIELDS
from smart.records.registry import KINDS

FIELD, ENTRY, ENTRY_DOCUMENT, DOCUMENT = "field", "entry", "entry-document", "document"


@dataclass(frozen=True)
class Element:
    code: str  # "data:nik", "riwayat:pangkat", "dokumen-riwayat:pangkat", "dokumen:SK_CPNS"
    label: str | Promise
    kind: str
    missing: Q | models.Expression
    applies: Q | None = None  # None: every employee; else only those matching

    def missing_flag(self) -> Case:
        """1 when the element counts for the employee and is missing, else 0."""
        condition = self.missing if self.applies is None else self.applies & self.missing
        return Case(When(condition, then=Value(1)), default=Value(0),
                    output_field=IntegerField())

    def counts_flag(self) -> Case | Value:
        """1 when the element counts for the employee at all."""
        if self.applies is None:
            return Value(1, output_field=IntegerField())
        return Case(When(self.applies, then=Value(1)), default=Value(0),
                    output_field=IntegerField())


def _field_missing(name: str) -> Q:
    field = Employee._meta.get_field(name)
    if isinstance(field, models.CharField | models.TextField):
        return Q(**{f"{field.name}__isnull": True}) | Q(**{field.name: ""})
    return Q(**{f"{field.name}__isnull": True})


def _live_documents():
    return Document.objects.filter(employee_id=OuterRef("pk"), withdrawn_at__isnull=True)


def _field_elements() -> list[Element]:
    elements = []
    for name, label in REQUIRED_FIELDS:
        applies = ~Q(asn_kind=AsnKind.PPPK) if name == "tmt_cpns" else None  # PPPK: no CPNS
        elements.append(Element(f"data:{name.removesuffix('_id')}", label, FIELD,
                                _field_missing(name), applies))
    return elements


def _kind_elements() -> list[Element]:
    elements = []
    for kind in KINDS:
        if not kind.required:
            continue
        entries = kind.model.objects.filter(employee_id=OuterRef("pk"))
        elements.append(Element(f"riwayat:{kind.slug}", kind.label, ENTRY, ~Exists(entries)))
        elements.append(Element(
            f"dokumen-riwayat:{kind.slug}",
            _("%(kind)s: supporting document") % {"kind": kind.label}, ENTRY_DOCUMENT,
            ~Exists(_live_documents().filter(record_kind=kind.slug))))
    return elements


def standard_elements() -> list[Element]:
    """Every element of the profile's completeness score, in its order."""
    return [*_field_elements(), *_kind_elements()]


def element_choices() -> list[tuple[str, str]]:
    return [(element.code, element.label) for element in standard_elements()]


def elements_of(codes) -> list[Element]:
    """The catalogue's elements with these codes, in catalogue order (unknown
    codes, e.g. of a field removed since, are skipped)."""
    wanted = set(codes)
    return [element for element in standard_elements() if element.code in wanted]


# Document kinds that exist only for some kinds of ASN (decision 201): a PPPK has
# no SK CPNS nor SK PNS, and a CPNS has no SK PNS yet. For anyone else such a
# document neither counts nor is missing. Every other kind applies to all.
DOCUMENT_APPLIES = {
    "SK_CPNS": Q(asn_kind__in=(AsnKind.PNS, AsnKind.CPNS)),
    "SK_PNS": Q(asn_kind=AsnKind.PNS),
}


def document_elements(document_types) -> list[Element]:
    """One element per document kind: a live (not withdrawn) file of that kind,
    counted only for the employees whose ASN kind has it (``DOCUMENT_APPLIES``)."""
    return [Element(f"dokumen:{t.code}", t.name, DOCUMENT,
                    ~Exists(_live_documents().filter(document_type_id=t.pk)),
                    DOCUMENT_APPLIES.get(t.code))
            for t in document_types]
