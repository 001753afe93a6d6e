"""Daftar Urut Kepangkatan (DUK): the PNS of a unit subtree or of the regency in
order of seniority on a chosen date (R-USE; domain.md §5.5).

Rule: PNS only (no CPNS, no PPPK), in service on the date (TMT CPNS on or before
it) and with a legal status that counts as active on the date; ordered by
``people.career.duk_key``: golongan ↓, TMT golongan ↑, eselon ↑ (higher office
first), TMT eselon ↑, masa kerja ↓, structural training ↓, education ↓, age ↓.

Point in time: golongan, position, eselon and unit come from the validated
history on the date (``history_on``); an employee without any validated rank (or
position) history is placed by the current values when their TMT is on or
before the date (records loaded before history was kept); one whose first rank
comes after the date is not on that date's list. The legal status on the date
comes from the employee's history as the dashboard reads it
(``history_on.status_changed``, ``active_on``): a PNS pensioned since is on a
DUK dated before it. Masa kerja counts from TMT CPNS; CLTN periods are not
deducted (they are not recorded yet).

Cost: six queries whatever the number of employees (the ids of those whose
legal status ever changed, the employees with their point-in-time training and
education, each one's rank entry and position entry on the date as window
queries, two code tables), and a seventh when any of them ever changed legal
status (their status versions); the ordering itself is done in
Python with the pure ``duk_key``. A big list's order is kept a few minutes
(``duk_order``), so paging through it does not order it again.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import BooleanField, ExpressionWrapper, F, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from smart.access.policies import scope_cache_key
from smart.people import career
from smart.people.identity import group_nip
from smart.people.models import AsnKind, Employee
from smart.records.models import PositionHistory, RankHistory
from smart.references.models import EducationLevel, StructuralTraining, Unit
from smart.reports import history_on

NON_ECHELON = "99"


@dataclass(frozen=True)
class DukRow:
    pk: int
    nip: str
    name: str
    birth_place: str
    birth_date: datetime.date
    golongan_code: str
    golongan_name: str
    pangkat: str
    tmt_golongan: datetime.date | None
    grade_service: career.YearsMonths | None
    position_name: str
    echelon_code: str
    echelon_name: str
    tmt_echelon: datetime.date | None
    service: career.YearsMonths | None
    training_rank: int
    training_name: str
    education_code: str
    education_name: str
    age: int
    unit_name: str

    @property
    def key(self) -> tuple:
        return career.duk_key(
            golongan_code=self.golongan_code, tmt_golongan=self.tmt_golongan,
            echelon_code=self.echelon_code or None, tmt_echelon=self.tmt_echelon,
            service=self.service, training_rank=self.training_rank,
            education_code=self.education_code or None, birth_date=self.birth_date)

    @property
    def nip_grouped(self) -> str:
        return group_nip(self.nip)


def display_name(front_title: str, name: str, back_title: str) -> str:
    """As ``Employee.display_name``: "Drs. AHMAD FAUZI, M.Si."."""
    full = f"{front_title} {name}".strip()
    return f"{full}, {back_title}" if back_title else full


# Employees whose legal status ever changed are few; above this many they are
# named by a subquery instead of a list of ids (SQLite's limit on variables).
CHANGED_AS_LIST = 5000


def _in_scope(user, on: datetime.date, unit: Unit | None, only: list[int] | None):
    queryset = Employee.objects.visible_to(user).filter(asn_kind=AsnKind.PNS,
                                                         tmt_cpns__lte=on)
    if only is not None:
        queryset = queryset.filter(pk__in=only)
    if unit is not None:
        queryset = queryset.filter(Q(unit__path__startswith=unit.path)
                                   | history_on.ever_in_subtree(unit.path))
    return queryset


def _status_changed(queryset):
    """The ids of those of ``queryset`` whose legal status ever changed: a set
    (one query), or the subquery itself when there are very many."""
    subquery = history_on.status_changed(queryset)
    ids = list(subquery.values_list("id", flat=True)[:CHANGED_AS_LIST + 1])
    return subquery if len(ids) > CHANGED_AS_LIST else set(ids)


def duk_candidates(user, on: datetime.date, unit: Unit | None = None,
                   only: list[int] | None = None, changed=None):
    """The employees who may be on the DUK, scoped to the user, with their
    point-in-time training and education and whether their legal status ever
    changed (``status_changed``; ``changed``: those ids, read when not given);
    ``unit`` keeps those whose current unit or any definitive position lies in
    its subtree (``duk_rows`` then keeps those in it on the date); ``only``
    limits them to these ids."""
    queryset = _in_scope(user, on, unit, only)
    if changed is None:
        changed = _status_changed(queryset)
    # Active today and never otherwise, or with a status that changed: the
    # latter are judged on the date by ``duk_rows`` from their versions.
    active = Q(legal_status__isnull=True) | Q(legal_status__counts_as_active=True)
    if changed:
        queryset = queryset.filter(Q(pk__in=changed) | active).annotate(
            status_changed=ExpressionWrapper(Q(pk__in=changed), output_field=BooleanField()))
    else:
        queryset = queryset.filter(active).annotate(
            status_changed=Value(False, output_field=BooleanField()))
    return queryset


def duk_rows(user, on: datetime.date, unit: Unit | None = None,
             only: list[int] | None = None) -> list[DukRow]:
    """The DUK on ``on``, most senior first (see the module docstring); ``only``
    computes just the rows of these employee ids (a page of a cached order)."""
    changed = _status_changed(_in_scope(user, on, unit, only))
    candidates = duk_candidates(user, on, unit, only, changed)
    employees = list(candidates.annotate(
        has_ranks=history_on.has_validated(RankHistory),
        has_positions=history_on.has_validated(PositionHistory),
        training_rank=history_on.training_rank_on(on),
        education_code=Coalesce(history_on.education_code_on(on), F("education_level__code")),
    ).values(
        "pk", "nip", "name", "front_title", "back_title", "birth_place", "birth_date",
        "tmt_cpns", "golongan__code", "golongan__name", "golongan__pangkat", "tmt_golongan",
        "mk_years", "mk_months", "position_name", "echelon__code", "echelon__name",
        "tmt_position", "unit__name", "unit__path", "training_rank", "has_ranks",
        "has_positions", "education_code", "status_changed"))
    changed_here = [e["pk"] for e in employees if e["status_changed"]]
    if changed_here:  # in service on the date by the status of that date
        active = history_on.active_on(on, changed_here)
        employees = [e for e in employees if not e["status_changed"] or e["pk"] in active]
    if not employees:
        return []
    plain = candidates.values("pk")
    ranks = history_on.ranks_on(on, plain)
    positions = history_on.positions_on(on, plain)
    if unit is not None:  # the unit on that date: the position's, else today's
        employees = [e for e in employees
                     if (positions[e["pk"]]["unit__path"] if e["pk"] in positions
                         else e["unit__path"]).startswith(unit.path)]
    educations = dict(EducationLevel.objects.values_list("code", "name"))
    trainings = _training_names()
    rows = [row for row in (_row(e, ranks.get(e["pk"]), positions.get(e["pk"]), educations,
                                 trainings, on) for e in employees) if row is not None]
    rows.sort(key=lambda row: row.key)
    return rows


@dataclass
class DukOrder:
    """The DUK's employee ids in order, with the rows this request computed
    (all of them, or none when the order came from the cache)."""

    pks: list[int]
    rows: dict[int, DukRow]
    counted_at: datetime.datetime | None = None  # None: computed for this request

    def rows_of(self, user, on: datetime.date, unit: Unit | None,
                pks: list[int]) -> list[DukRow]:
        """The rows of ``pks`` (a page), in the order's sequence: computed now
        when the order came from the cache (someone gone since is left out)."""
        known = self.rows
        missing = [pk for pk in pks if pk not in known]
        if missing:
            known = {**known, **{row.pk: row for row in duk_rows(user, on, unit, missing)}}
        return [known[pk] for pk in pks if pk in known]


def duk_order(user, on: datetime.date, unit: Unit | None = None) -> DukOrder:
    """The DUK's order. Ordering is the cost at scale (every PNS in scope with
    their history on the date): a list of up to ``SMART_LIST_EXACT_COUNT_UP_TO``
    PNS is ordered on every request; a bigger one once per
    ``SMART_LIST_COUNT_CACHE_SECONDS`` per scope, date and unit, and the page
    says when (decision 149). The rows shown are always read fresh."""
    cap = settings.SMART_LIST_EXACT_COUNT_UP_TO
    plain = _in_scope(user, on, unit, None)
    big = plain.order_by().values("pk")[:cap + 1].count() > cap
    who = scope_cache_key(user)
    key = f"smart.reports.duk:{who}:{on.isoformat()}:{unit.pk if unit else '-'}"
    cached = cache.get(key) if big else None
    if cached is not None:
        pks, counted_at = cached
        return DukOrder(pks=pks, rows={}, counted_at=counted_at)
    rows = duk_rows(user, on, unit)
    order = DukOrder(pks=[row.pk for row in rows], rows={row.pk: row for row in rows})
    if big:
        cache.set(key, (order.pks, timezone.now()), settings.SMART_LIST_COUNT_CACHE_SECONDS)
    return order


def _training_names() -> dict[int, str]:
    names = {}
    for code, name in StructuralTraining.objects.order_by("code").values_list("code", "name"):
        rank = history_on.TRAINING_RANK.get(code, 0)
        names.setdefault(rank, name)
    return names


def _row(e: dict, rank: dict | None, position: dict | None, educations: dict,
         trainings: dict, on: datetime.date) -> DukRow | None:
    if rank is not None:
        golongan = (rank["golongan__code"], rank["golongan__name"], rank["golongan__pangkat"])
        tmt_golongan, mk = rank["tmt"], (rank["mk_years"], rank["mk_months"])
    elif not e["has_ranks"] and e["golongan__code"] and (
            e["tmt_golongan"] is None or e["tmt_golongan"] <= on):
        golongan = (e["golongan__code"], e["golongan__name"], e["golongan__pangkat"])
        tmt_golongan, mk = e["tmt_golongan"], (e["mk_years"], e["mk_months"])
    else:
        return None  # no golongan on that date: not (yet) on the list
    if golongan[0] not in career.GOLONGAN_NAMES:
        return None  # a PPPK grade on a PNS record is a data error, not a DUK row
    if position is not None:
        position_name, echelon = position["position_name"], position["echelon__code"] or ""
        echelon_name, tmt_position = position["echelon__name"] or "", position["tmt"]
        unit_name = position["unit__name"]
    elif not e["has_positions"]:
        position_name, echelon = e["position_name"], e["echelon__code"] or ""
        echelon_name, tmt_position = e["echelon__name"] or "", e["tmt_position"]
        unit_name = e["unit__name"]
    else:  # no definitive position yet on that date
        position_name, echelon, echelon_name, tmt_position = "", "", "", None
        unit_name = e["unit__name"]
    has_echelon = bool(echelon) and echelon != NON_ECHELON
    training = e["training_rank"] or 0
    try:
        service = career.service_length(e["tmt_cpns"], on) if e["tmt_cpns"] else None
        grade_service = (career.grade_service_on(mk[0], mk[1], tmt_golongan, on)
                         if tmt_golongan else None)
    except (ValueError, OverflowError):
        service = grade_service = None
    return DukRow(
        pk=e["pk"], nip=e["nip"], name=display_name(e["front_title"], e["name"],
                                                     e["back_title"]),
        birth_place=e["birth_place"], birth_date=e["birth_date"],
        golongan_code=golongan[0], golongan_name=golongan[1], pangkat=golongan[2],
        tmt_golongan=tmt_golongan, grade_service=grade_service,
        position_name=position_name, echelon_code=echelon if has_echelon else "",
        echelon_name=echelon_name if has_echelon else "",
        tmt_echelon=tmt_position if has_echelon else None, service=service,
        training_rank=training, training_name=trainings.get(training, "") if training else "",
        education_code=e["education_code"] or "",
        education_name=educations.get(e["education_code"] or "", ""),
        age=career.age_on(e["birth_date"], on), unit_name=unit_name,
    )
