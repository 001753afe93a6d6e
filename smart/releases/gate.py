"""The gate every export view passes: it answers with the release that opens
the file, or with the page that explains why a release is needed.

    gate = export_gate(request, export)
    if gate.refusal:
        return gate.refusal
    content = build_the_file(note=gate.note)
    gate.record_use(content, filename)

The page links to the request form with the export in a signed token bound
to the user, so nobody can request (or be approved for) an export other than
the one the owning app described.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core import signing
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from smart.releases.marking import release_note
from smart.releases.models import DataRelease
from smart.releases.policies import Export, release_required, row_threshold, usable_release_for
from smart.releases.services import export_refusal_record, release_use_record

SIGNING_NAMESPACE = "smart.releases.export"
LINK_MAX_AGE = datetime.timedelta(days=1)


def export_token(user, export: Export) -> str:
    return signing.dumps({
        "user": user.pk, "code": export.code, "label": export.label, "rows": export.rows,
        "specific": export.specific, "params": export.params, "url": export.url,
    }, salt=SIGNING_NAMESPACE, compress=True)


def export_from_token(user, token: str) -> Export | None:
    """The export the token describes, if it is intact, fresh and this user's."""
    try:
        data = signing.loads(token, salt=SIGNING_NAMESPACE, max_age=LINK_MAX_AGE)
    except signing.BadSignature:
        return None
    if data.get("user") != user.pk:
        return None
    return Export(code=data["code"], label=data["label"], rows=data["rows"],
                  specific=data["specific"], params=data["params"],
                  url=data.get("url", ""))


@dataclass
class Gate:
    request: object
    export: Export
    release: DataRelease | None = None
    refusal: HttpResponse | None = None
    on: datetime.datetime = field(default_factory=timezone.now)

    @property
    def note(self) -> str:
        """The line the file must carry; empty when no release was needed."""
        return release_note(self.release, self.request.user, self.on) if self.release else ""

    def record_use(self, content: bytes, filename: str) -> None:
        if self.release is not None:
            release_use_record(release=self.release, actor=self.request.user,
                               content=content, filename=filename, rows=self.export.rows)


def export_gate(request, export: Export) -> Gate:
    """Decide one export for the signed-in user (Perbup 35/2020 Pasal 24(2))."""
    user = request.user
    if not release_required(user, rows=export.rows, specific=export.specific,
                            own_record=export.own_record):
        return Gate(request, export)
    release = usable_release_for(user, export)
    if release is not None:
        return Gate(request, export, release=release)
    return Gate(request, export, refusal=release_needed(request, export))


def release_needed(request, export: Export) -> HttpResponse:
    """403 with an explanation and the way to ask for a release."""
    export_refusal_record(actor=request.user, export=export)
    pending = DataRelease.objects.filter(
        requester=request.user, export_code=export.code, params_key=export.params_key,
    ).order_by("-created_at").first()
    return render(request, "releases/release_needed.html", {
        "export": export, "threshold": row_threshold(), "pending": pending,
        "token": export_token(request.user, export),
    }, status=403)
