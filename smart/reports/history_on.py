"""Point-in-time reads for many employees at once (R-USE, "as of a chosen date").

The same rules as ``records.services.rank_on`` and ``position_on`` — the latest
validated entry whose TMT is on or before the date; Plt/Plh and additional
duties are not a position — written as correlated subqueries, so a report over
10 000 employees pays a fixed number of queries instead of two per person.
A test checks that both forms give the same answer.
"""

from __future__ import annotations

import datetime

from django.db.models import (
    Case,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)

from smart.records.models import (
    FormalEducation,
    PositionHistory,
    RankHistory,
    StructuralTrainingRecord,
)
from smart.records.models.career import ACTING

# Seniority of the structural training levels (references.StructuralTraining codes):
# Diklat PIM Tk. I (5) above Tk. II (4) … above SEPADA (1); SESPIM counts as
# Tk. II and SESPATI as Tk. I, "lainnya" below all [U: the equivalences follow
# the names of the levels, no regulation found].
TRAINING_RANK = {"1": 1, "2": 2, "3": 3, "4": 4, "5": 5, "6": 4, "7": 5, "8": 0}


def has_validated(model) -> Exists:
    """Whether the employee has any validated entry of this kind."""
    return Exists(model.objects.validated().filter(employee=OuterRef("pk")))


def rank_entry_on(on: datetime.date) -> Subquery:
    """The pk of the employee's (``OuterRef("pk")``) rank entry on ``on``."""
    return Subquery(
        RankHistory.objects.validated().filter(employee=OuterRef("pk"), tmt__lte=on)
        .order_by("-tmt", "-pk").values("pk")[:1])


def position_entry_on(on: datetime.date) -> Subquery:
    """The pk of the employee's definitive position entry on ``on``."""
    return Subquery(
        PositionHistory.objects.validated().filter(employee=OuterRef("pk"), tmt__lte=on)
        .exclude(assignment_type__code__in=ACTING)
        .order_by("-tmt", "-pk").values("pk")[:1])


def position_unit_path_on(on: datetime.date) -> Subquery:
    """The path of the unit of that position (for "the unit on that date")."""
    return Subquery(
        PositionHistory.objects.validated().filter(employee=OuterRef("pk"), tmt__lte=on)
        .exclude(assignment_type__code__in=ACTING)
        .order_by("-tmt", "-pk").values("unit__path")[:1])


def training_rank_on(on: datetime.date) -> Subquery:
    """The most senior structural training (``TRAINING_RANK``) started on or before ``on``."""
    ranked = Case(*(When(structural_training__code=code, then=Value(rank))
                    for code, rank in TRAINING_RANK.items()),
                  default=Value(0), output_field=IntegerField())
    return Subquery(
        StructuralTrainingRecord.objects.validated()
        .filter(employee=OuterRef("pk"), start_date__lte=on)
        .annotate(rank=ranked).order_by("-rank").values("rank")[:1],
        output_field=IntegerField())


def education_code_on(on: datetime.date) -> Subquery:
    """The highest formal education level (its code; codes grow with the level)
    completed on or before ``on``: by diploma date, else by graduation year."""
    done = (Q(certificate_date__lte=on)
            | Q(certificate_date__isnull=True, graduation_year__lte=on.year))
    return Subquery(
        FormalEducation.objects.validated().filter(done, employee=OuterRef("pk"))
        .order_by("-education_level__code").values("education_level__code")[:1])


def ranks_by_pk(pks: QuerySet) -> dict[int, dict]:
    """The rank entries whose pks ``pks`` (a values queryset) yields, in one query."""
    return {row["pk"]: row for row in RankHistory.objects.filter(pk__in=pks).values(
        "pk", "golongan__code", "golongan__name", "golongan__pangkat", "tmt",
        "mk_years", "mk_months")}


def positions_by_pk(pks: QuerySet) -> dict[int, dict]:
    return {row["pk"]: row for row in PositionHistory.objects.filter(pk__in=pks).values(
        "pk", "position_name", "position_type__code", "echelon__code", "echelon__name",
        "tmt", "unit__name")}
