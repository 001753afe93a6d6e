"""When an export needs a data release, and which release opens it.

The one rule (Perbup 35/2020 Pasal 24(2), R-CONF-2): a file with personal data
of others needs a release approved by the Pengelola SMART when it holds
SPECIFIC data (security.md D-3) or more rows than ``SMART_RELEASE_ROW_THRESHOLD``.
One's own record is never restricted. No role is exempt: the Pengelola SMART
needs another Pengelola SMART's approval like anyone else.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from django.conf import settings

from smart.releases.models import DataRelease


@dataclass(frozen=True)
class Export:
    """One export as the app that produces it describes it.

    ``code`` names the export ("records.drh"), ``params`` what it is of
    ({"employee": 12}, or a report's filter), ``label`` says it in Indonesian
    for the request and the approver, ``rows`` how many people's data it holds.
    ``url`` is where the file is made again: the report page with the choices
    that give this export (or the file itself), the link an approved release
    shows its requester. It is not matched: the parameters are.
    """

    code: str
    label: str
    rows: int
    specific: bool
    params: dict = field(default_factory=dict)
    own_record: bool = False
    url: str = ""
    # A file the user may take instead without a release (e.g. the DRH
    # without SPECIFIC data), offered on the gate's page.
    alternative_url: str = ""

    @property
    def params_key(self) -> str:
        return params_key(self.params)


def params_key(params: dict) -> str:
    return json.dumps(params, sort_keys=True, separators=(",", ":"), default=str)


def row_threshold() -> int:
    return settings.SMART_RELEASE_ROW_THRESHOLD


def release_required(user, *, rows: int, specific: bool, own_record: bool) -> bool:
    """Whether an export of ``rows`` rows needs an approved data release.

    ``user`` is part of the question so that a later rule may depend on it;
    today the answer is the same for every role.
    """
    if own_record:
        return False
    return specific or rows > row_threshold()


def usable_release_for(user, export: Export) -> DataRelease | None:
    """The user's own approved, unexpired release that covers this export: the
    same code and parameters, at least as many rows, SPECIFIC data if the
    export has them. Someone else's release never opens a file."""
    if not getattr(user, "is_authenticated", False):
        return None
    candidates = DataRelease.objects.usable().filter(
        requester=user, export_code=export.code, params_key=export.params_key,
        row_count__gte=export.rows)
    if export.specific:
        candidates = candidates.filter(includes_specific=True)
    return candidates.order_by("valid_until", "pk").first()
