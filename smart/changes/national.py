"""The synchronisation stage compares a proposal with the national record
(SAPK/SIASN) when one is loaded.

``changes`` may not import ``integrations`` (integrations call the domain, not
the other way round), so a national source registers itself here: a callable
that returns the national values of a record kind for an employee, keyed by
our field names, or None when nothing is loaded for them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from smart.changes.models import ChangeRequest

NationalSource = Callable[[Any, str], dict[str, Any] | None]
SOURCES: list[NationalSource] = []


def register_national_source(source: NationalSource) -> None:
    if source not in SOURCES:
        SOURCES.append(source)


@dataclass(frozen=True)
class NationalDifference:
    field: str
    proposed: Any
    national: Any


def national_comparison(request: ChangeRequest) -> list[NationalDifference] | None:
    """Fields where the proposal and the national record differ; None when no
    national record is loaded for this employee and kind."""
    for source in SOURCES:
        national = source(request.employee, request.kind)
        if national is None:
            continue
        return [NationalDifference(name, request.proposed.get(name), value)
                for name, value in national.items()
                if name in request.proposed and request.proposed.get(name) != value]
    return None
