"""The history sub-records of an employee, one table per kind (Lampiran)."""

from smart.records.models.base import RecordEntry, RecordEntryQuerySet
from smart.records.models.career import (
    ActingAppointment,
    Award,
    DisciplinaryPenalty,
    LeaveRecord,
    PositionHistory,
    RankHistory,
)
from smart.records.models.education import (
    FormalEducation,
    FunctionalTraining,
    NonFormalEducation,
    StructuralTrainingRecord,
    TechnicalTraining,
)
from smart.records.models.family import Child, Parent, ParentInLaw, Sibling, Spouse

__all__ = [
    "ActingAppointment", "Award", "Child", "DisciplinaryPenalty", "FormalEducation",
    "FunctionalTraining", "LeaveRecord", "NonFormalEducation", "Parent", "ParentInLaw",
    "PositionHistory", "RankHistory", "RecordEntry", "RecordEntryQuerySet", "Sibling",
    "Spouse", "StructuralTrainingRecord", "TechnicalTraining",
]
