"""Comparing a newer national export with SMART, field by field (R-PROC-2,
stage "sinkronisasi").

Each difference is classified by the rule a BKPP verifier applies by hand:

* **SMART newer** — SMART's TMT is later than the export's, or SMART's value
  was validated after the day the export was downloaded;
* **national newer** — the export's TMT is later (and SMART has not validated
  a change since the export), SMART's value was last validated before the
  export, or SMART has no value at all;
* **conflict** — they differ and nothing tells which is newer (same TMT, no
  dates, a value never validated in SMART), or both changed: the export has a
  later TMT although SMART validated a change after the export's date.

SMART's values are read in bulk, a few queries per batch of rows, never one
query per row (``smart_values_for``).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smart.changes.models import ChangeRequest, Stage
from smart.changes.targets import IDENTITY
from smart.integrations.siasn.export import ColumnError
from smart.people.models import Employee
from smart.records.models import FormalEducation, PositionHistory, RankHistory
from smart.references.models import (
    EducationLevel,
    EmployeeType,
    Golongan,
    LegalStatus,
    MaritalStatus,
    PositionType,
    Religion,
    Sex,
    Unit,
)
from smart.synchronisation.models import Classification

ACTING = ("PLT", "PLH", "TT")


@dataclass(frozen=True)
class Concept:
    """One thing compared: a field of the master record, or a group of fields
    that belong to one history entry (golongan with its TMT)."""

    code: str
    label: Any
    fields: tuple[str, ...]  # Employee fields it is made of
    target: str = ""  # the change-request target a difference opens, "" when none
    dated: str = ""  # the Employee field holding its TMT, for dated concepts


# Identity fields: corrected through the "identitas" change request.
_IDENTITY = (
    ("name", _("name")), ("front_title", _("front title")), ("back_title", _("back title")),
    ("birth_place", _("place of birth")), ("birth_date", _("date of birth")),
    ("sex", _("sex")), ("nik", "NIK"), ("religion", _("religion")),
    ("marital_status", _("marital status")), ("phone", _("mobile phone")),
    ("email", _("e-mail")), ("address", _("address")), ("npwp", "NPWP"),
    ("bpjs", _("BPJS number")), ("kartu_asn", _("ASN card number")),
)
# Employment status: changes through BKN decrees, shown but not proposed here.
_STATUS = (
    ("employee_type", _("employee type")), ("legal_status", _("legal status")),
    ("tmt_cpns", "TMT CPNS"), ("tmt_pns", "TMT PNS"),
    ("initial_golongan", _("initial golongan")),
)

CONCEPTS: tuple[Concept, ...] = (
    *(Concept(code, label, (code,), target=IDENTITY) for code, label in _IDENTITY),
    *(Concept(code, label, (code,)) for code, label in _STATUS),
    Concept("golongan", _("golongan"), ("golongan", "tmt_golongan"), target="pangkat",
            dated="tmt_golongan"),
    Concept("jabatan", _("position"), ("position_name", "position_type", "tmt_position"),
            target="jabatan", dated="tmt_position"),
    Concept("unit", _("unit"), ("unit",), target="jabatan", dated="tmt_position"),
    Concept("pendidikan", _("education"),
            ("education_level", "education_name", "graduation_year"),
            target="pendidikan-formal", dated="graduation_year"),
)
CONCEPT_BY_CODE = {concept.code: concept for concept in CONCEPTS}
_FOREIGN_KEYS = {
    "sex": Sex, "religion": Religion, "marital_status": MaritalStatus,
    "employee_type": EmployeeType, "legal_status": LegalStatus,
    "initial_golongan": Golongan, "golongan": Golongan, "position_type": PositionType,
    "education_level": EducationLevel, "unit": Unit,
}
# Which export columns feed a concept, to name them in a row's problems.
EMPLOYEE_FIELDS = sorted({name for concept in CONCEPTS for name in concept.fields})


def classify(*, smart_empty: bool, smart_date: datetime.date | None,
             national_date: datetime.date | None, smart_changed_on: datetime.date | None,
             export_date: datetime.date,
             record_changed_on: datetime.date | None = None) -> tuple[str, str]:
    """The class of one difference and the reason, in Indonesian, for the page.

    ``smart_changed_on`` is the day SMART last validated this value;
    ``record_changed_on`` the day anything of the employee's record last
    changed (a record untouched since before the export cannot be the newer).
    """
    if smart_empty:
        return Classification.NATIONAL_NEWER, "SMART belum mencatat data ini."
    changed_after = smart_changed_on is not None and smart_changed_on > export_date
    if smart_date and national_date and smart_date != national_date:
        if smart_date > national_date:
            return (Classification.SMART_NEWER,
                    f"Tanggal di SMART ({smart_date:%d-%m-%Y}) lebih baru dari tanggal di "
                    f"SIASN ({national_date:%d-%m-%Y}).")
        if changed_after:
            return (Classification.CONFLICT,
                    f"Tanggal di SIASN ({national_date:%d-%m-%Y}) lebih baru, tetapi SMART "
                    f"memvalidasi perubahan pada {smart_changed_on:%d-%m-%Y}, setelah "
                    f"tanggal ekspor ({export_date:%d-%m-%Y}): keduanya berubah.")
        return (Classification.NATIONAL_NEWER,
                f"Tanggal di SIASN ({national_date:%d-%m-%Y}) lebih baru dari tanggal di "
                f"SMART ({smart_date:%d-%m-%Y}).")
    if changed_after:
        return (Classification.SMART_NEWER,
                f"Nilai di SMART divalidasi pada {smart_changed_on:%d-%m-%Y}, setelah "
                f"tanggal ekspor ({export_date:%d-%m-%Y}).")
    if smart_date is None and national_date is None and smart_changed_on is not None:
        return (Classification.NATIONAL_NEWER,
                f"Nilai di SMART terakhir divalidasi pada {smart_changed_on:%d-%m-%Y}, "
                f"sebelum tanggal ekspor ({export_date:%d-%m-%Y}).")
    if (smart_date is None and national_date is None and record_changed_on is not None
            and record_changed_on < export_date):
        return (Classification.NATIONAL_NEWER,
                f"Data pegawai ini di SMART tidak berubah sejak {record_changed_on:%d-%m-%Y}, "
                f"sebelum tanggal ekspor ({export_date:%d-%m-%Y}).")
    if smart_date and smart_date == national_date:
        return (Classification.CONFLICT,
                f"Tanggal sama ({smart_date:%d-%m-%Y}) tetapi isinya berbeda; periksa "
                "dokumennya.")
    return (Classification.CONFLICT,
            "Berbeda, dan tidak ada tanggal yang menunjukkan mana yang lebih baru.")


@dataclass
class SmartRecord:
    """What SMART holds for one employee, read in bulk."""

    employee_id: int
    values: dict[str, Any]  # Employee field (FK as its id) -> value
    record_changed_on: datetime.date | None = None
    rank_validated_on: datetime.date | None = None
    position_validated_on: datetime.date | None = None
    education_validated_on: datetime.date | None = None
    identity_changed_on: dict[str, datetime.date] | None = None


def _field_attname(name: str) -> str:
    return f"{name}_id" if name in _FOREIGN_KEYS else name


_VALUE_NAMES = ["id", "nip", "unit__path", "updated_at",
                *(_field_attname(n) for n in EMPLOYEE_FIELDS)]


def _latest_validated(model, employee_ids: list[int], order: str, extra: Q | None = None
                      ) -> dict[int, datetime.date]:
    """Employee id -> the day its latest (by ``order``) validated entry was validated."""
    queryset = model.objects.validated().filter(employee_id__in=employee_ids)
    if extra is not None:
        queryset = queryset.filter(extra)
    latest: dict[int, datetime.date] = {}
    for employee_id, validated_at in (queryset.order_by("employee_id", f"-{order}", "-pk")
                                      .values_list("employee_id", "validated_at")):
        latest.setdefault(employee_id, validated_at.date())
    return latest


def smart_values_for(nips: Iterable[str]) -> dict[str, tuple[str, SmartRecord]]:
    """NIP -> (unit path, SMART's record) for the NIPs SMART knows; five queries
    for any number of NIPs (callers pass batches of a few hundred)."""
    rows = list(Employee.objects.filter(nip__in=list(nips)).values(*_VALUE_NAMES))
    ids = [row["id"] for row in rows]
    ranks = _latest_validated(RankHistory, ids, "tmt")
    positions = _latest_validated(PositionHistory, ids, "tmt",
                                  ~Q(assignment_type__code__in=ACTING))
    education = _latest_validated(FormalEducation, ids, "graduation_year")
    identity: dict[int, dict[str, datetime.date]] = {}
    for employee_id, proposed, based_on, closed_at in (
            ChangeRequest.objects.filter(employee_id__in=ids, kind=IDENTITY,
                                         stage=Stage.VALIDATED)
            .order_by("closed_at").values_list("employee_id", "proposed", "based_on",
                                               "closed_at")):
        changed = identity.setdefault(employee_id, {})
        for name, value in (proposed or {}).items():
            if (based_on or {}).get(name) != value and closed_at is not None:
                changed[name] = closed_at.date()
    found = {}
    for row in rows:
        values = {name: row[_field_attname(name)] for name in EMPLOYEE_FIELDS}
        found[row["nip"]] = (row["unit__path"], SmartRecord(
            employee_id=row["id"], values=values,
            record_changed_on=timezone.localdate(row["updated_at"]),
            rank_validated_on=ranks.get(row["id"]),
            position_validated_on=positions.get(row["id"]),
            education_validated_on=education.get(row["id"]),
            identity_changed_on=identity.get(row["id"], {}),
        ))
    return found


class Labels:
    """Display names of the code tables and units, loaded once per run."""

    def __init__(self) -> None:
        self.by_model = {model: dict(model.objects.values_list("pk", "name"))
                         for model in set(_FOREIGN_KEYS.values()) - {Unit, Golongan}}
        self.by_model[Unit] = dict(Unit.objects.values_list("pk", "name"))
        self.by_model[Golongan] = {pk: f"{name} ({pangkat})" if pangkat else name
                                   for pk, name, pangkat in
                                   Golongan.objects.values_list("pk", "name", "pangkat")}

    def show(self, name: str, value: Any) -> str:
        if value in (None, ""):
            return ""
        model = _FOREIGN_KEYS.get(name)
        if model is not None:
            return str(self.by_model[model].get(value, value))
        if isinstance(value, datetime.date):
            return f"{value:%d-%m-%Y}"
        return str(value)


def _plain(value: Any) -> Any:
    """A value as compared: model instances by id, text without case or extra spaces."""
    if isinstance(value, str):
        return " ".join(value.split()).casefold()
    if isinstance(value, Model):
        return value.pk
    return value


def _json(value: Any) -> Any:
    if hasattr(value, "pk"):
        return value.pk
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


@dataclass(frozen=True)
class Difference:
    concept: Concept
    smart_value: str
    national_value: str
    national_data: dict[str, Any] | None
    smart_date: datetime.date | None
    national_date: datetime.date | None
    classification: str
    reason: str


def _as_date(value: Any) -> datetime.date | None:
    if isinstance(value, int):  # a graduation year
        return datetime.date(value, 1, 1)
    return value


def _prefill(concept: Concept, national: dict[str, Any], smart: dict[str, Any]
             ) -> dict[str, Any] | None:
    """The national value as the change-request form of the concept's target takes it."""
    if not concept.target:
        return None
    if concept.target == IDENTITY:
        return {concept.code: _json(national[concept.code])}
    if concept.code == "golongan":
        return {"golongan": _json(national["golongan"]), "tmt": _json(national["tmt_golongan"]),
                "mk_years": national.get("mk_years"), "mk_months": national.get("mk_months")}
    if concept.code in ("jabatan", "unit"):
        unit = national.get("unit")
        return {"position_name": national.get("position_name") or "",
                "position_type": _json(national.get("position_type")),
                "unit": _json(unit) if unit is not None else smart.get("unit"),
                "tmt": _json(national.get("tmt_position")),
                "golongan": _json(national.get("golongan"))}
    return {"education_level": _json(national.get("education_level")),
            "programme": national.get("education_name") or "",
            "graduation_year": national.get("graduation_year")}


def differences_of(national: dict[str, Any], errors: list[ColumnError], smart: SmartRecord,
                   *, export_date: datetime.date, labels: Labels) -> list[Difference]:
    """Where one export row and SMART's record differ, each classified.

    A concept whose national side is empty (a column the export lacks, a
    ``null``, a cell with an error) is not a difference: nothing is known.
    """
    found = []
    # Each value made comparable once per row (this loop runs for every row).
    theirs = {name: _plain(value) for name in EMPLOYEE_FIELDS
              if (value := national.get(name)) not in (None, "")}
    ours = smart.values
    for concept in CONCEPTS:
        if not any(name in theirs for name in concept.fields if name != concept.dated):
            continue
        if all(theirs[name] == _plain(ours.get(name))
               for name in concept.fields if name in theirs):
            continue
        names = [name for name in concept.fields if name != concept.dated]
        national_date = _as_date(national.get(concept.dated)) if concept.dated else None
        smart_date = _as_date(smart.values.get(concept.dated)) if concept.dated else None
        if concept.code == "pendidikan":
            changed_on = smart.education_validated_on
        elif concept.code == "golongan":
            changed_on = smart.rank_validated_on
        elif concept.dated == "tmt_position":
            changed_on = smart.position_validated_on
        else:
            changed_on = (smart.identity_changed_on or {}).get(concept.code)
        smart_empty = all(smart.values.get(name) in (None, "") for name in names)
        classification, reason = classify(
            smart_empty=smart_empty, smart_date=smart_date, national_date=national_date,
            smart_changed_on=changed_on, export_date=export_date,
            record_changed_on=None if concept.dated else smart.record_changed_on)
        found.append(Difference(
            concept=concept,
            smart_value=_shown(concept, smart.values, labels),
            national_value=_shown(concept, national, labels),
            national_data=_prefill(concept, national, smart.values),
            smart_date=smart_date if concept.dated != "graduation_year" else None,
            national_date=national_date if concept.dated != "graduation_year" else None,
            classification=classification, reason=reason,
        ))
    return found


def _shown(concept: Concept, values: dict[str, Any], labels: Labels) -> str:
    """"III/b (Penata Muda Tk. I), TMT 01-04-2020" — the concept's fields in words."""
    parts = []
    for name in concept.fields:
        value = values.get(name)
        if _plain(value) in (None, ""):
            continue
        value = _plain(value) if name in _FOREIGN_KEYS else value
        text = labels.show(name, value)
        if name == concept.dated:
            text = (f"lulus {text}" if name == "graduation_year" else f"TMT {text}")
        parts.append(text)
    return ", ".join(parts)[:300]
