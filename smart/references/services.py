"""Changes to the organisation tree."""

from __future__ import annotations

import datetime

from django.db import transaction

from smart.references.models import AGENCY_DEPTH, Unit


def unit_add(*, parent: Unit, code: str, name: str, kind: str, short_name: str = "",
             valid_from: datetime.date | None = None) -> Unit:
    """Open a new unit under ``parent``; it belongs to the parent's OPD
    (or is an OPD itself when opened directly under the regency)."""
    with transaction.atomic():
        unit = Unit.objects.add_child(parent, {
            "code": code, "name": name, "kind": kind, "short_name": short_name,
            "valid_from": valid_from,
        })
        unit.agency = unit if unit.depth == AGENCY_DEPTH else parent.agency
        unit.save(update_fields=["agency"])
    return unit
