"""Write use cases of data releases: request, move, and the record of each use.

Every move locks the release row and re-checks its stage, so a double click or
a replayed POST makes one transition (security.md 2.3.4).
"""

from __future__ import annotations

import datetime
import hashlib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from smart.audit.services import audit_record
from smart.notifications.recipients import system_managers
from smart.notifications.services import notify
from smart.releases.models import DataRelease, DataReleaseEvent, DataReleaseUse, ReleaseStage
from smart.releases.policies import Export, release_required
from smart.releases.workflow import MOVES, may_make


class ReleaseRefused(Exception):
    """A request or move the rules do not allow (Indonesian text)."""


def _url(release: DataRelease) -> str:
    return reverse("releases:detail", args=[release.pk])


def _event(release: DataRelease, move: str, from_stage: str, actor, note: str) -> None:
    DataReleaseEvent.objects.create(release=release, move=move, from_stage=from_stage,
                                    to_stage=release.stage, actor=actor,
                                    actor_label=str(actor), note=note)


def _audit_data(release: DataRelease, note: str = "") -> dict:
    return {"export": release.export_code, "params": release.export_params,
            "rows": release.row_count, "specific": release.includes_specific,
            "stage": release.stage, "note": note}


def release_request(*, requester, export: Export, purpose: str) -> DataRelease:
    """Ask the Pengelola SMART to release one export."""
    purpose = purpose.strip()
    if not purpose:
        raise ReleaseRefused("Tujuan penggunaan data wajib diisi.")
    if not release_required(requester, rows=export.rows, specific=export.specific,
                            own_record=export.own_record):
        raise ReleaseRefused("Ekspor ini tidak memerlukan persetujuan rilis data.")
    with transaction.atomic():
        # The requester's row is the lock: a double submit makes one request.
        get_user_model().objects.select_for_update().get(pk=requester.pk)
        if DataRelease.objects.filter(requester=requester, export_code=export.code,
                                      params_key=export.params_key,
                                      stage=ReleaseStage.REQUESTED).exists():
            raise ReleaseRefused("Permohonan rilis untuk ekspor yang sama masih menunggu "
                                 "keputusan Pengelola SMART.")
        release = DataRelease.objects.create(
            requester=requester, purpose=purpose, export_code=export.code,
            export_params=export.params, params_key=export.params_key,
            export_label=export.label[:300], export_url=export.url, row_count=export.rows,
            includes_specific=export.specific)
        _event(release, "request", "", requester, purpose)
        audit_record(actor=requester, action="releases.release.request", target=release,
                     data=_audit_data(release, purpose))
        notify(users=[u for u in system_managers() if u.pk != requester.pk],
               message=f"Permohonan rilis data #{release.pk} ({release.export_label}) dari "
                       f"{requester} menunggu persetujuan Pengelola SMART.",
               url=_url(release))
    return release


def _notify_move(release: DataRelease, move: str) -> None:
    subject = f"Permohonan rilis data #{release.pk} ({release.export_label})"
    if move == "approve":
        until = timezone.localtime(release.valid_until)
        notify(users=[release.requester],
               message=f"{subject} disetujui; dapat digunakan sampai {until:%d-%m-%Y %H.%M}.",
               url=_url(release))
    elif move == "reject":
        notify(users=[release.requester], message=f"{subject} ditolak.", url=_url(release))
    elif move == "withdraw":
        notify(users=[u for u in system_managers() if u.pk != release.requester_id],
               message=f"{subject} ditarik pemohon.", url=_url(release))


def release_move(*, release: DataRelease, move_name: str, actor,
                 note: str = "") -> DataRelease:
    """Approve, reject or withdraw; approval starts the validity period."""
    note = note.strip()
    with transaction.atomic():
        locked = DataRelease.objects.select_for_update().get(pk=release.pk)
        move = MOVES.get(move_name)
        if move is None:
            raise ReleaseRefused("Langkah ini tidak dikenal.")
        if locked.stage not in move.sources:
            raise ReleaseRefused(
                f"Permohonan ini sudah berada pada tahap “{locked.get_stage_display()}”; "
                "langkah itu tidak dapat dilakukan lagi.")
        if not may_make(move, locked, actor):
            if locked.requester_id == actor.pk:
                raise ReleaseRefused("Pemohon tidak dapat memutuskan permohonannya sendiri.")
            raise ReleaseRefused("Hanya Pengelola SMART yang dapat memutuskan permohonan "
                                 "rilis data.")
        if move.needs_note and not note:
            raise ReleaseRefused("Alasan wajib diisi untuk langkah ini.")
        previous = locked.stage
        now = timezone.now()
        if move.name == "approve":
            locked.approver = actor
            locked.approved_at = now
            locked.approval_note = note
            locked.valid_until = now + datetime.timedelta(days=settings.SMART_RELEASE_VALID_DAYS)
        else:
            locked.closed_at = now
        locked.stage = move.target
        locked.save()
        _event(locked, move.name, previous, actor, note)
        audit_record(actor=actor, action=f"releases.release.{move.name}", target=locked,
                     data={**_audit_data(locked, note),
                           "valid_until": locked.valid_until})
        _notify_move(locked, move.name)
    return locked


def release_use_record(*, release: DataRelease, actor, content: bytes, filename: str,
                       rows: int) -> DataReleaseUse:
    """Keep the record of one file let out under the release (its SHA-256)."""
    with transaction.atomic():
        locked = DataRelease.objects.select_for_update().get(pk=release.pk)
        if locked.requester_id != actor.pk or not locked.is_usable:
            raise ReleaseRefused("Persetujuan rilis ini tidak berlaku lagi.")
        use = DataReleaseUse.objects.create(
            release=locked, actor=actor, filename=filename[:200], rows=rows,
            sha256=hashlib.sha256(content).hexdigest())
        audit_record(actor=actor, action="releases.release.use", target=locked,
                     data={"export": locked.export_code, "params": locked.export_params,
                           "file": use.filename, "rows": rows, "sha256": use.sha256})
    return use



def export_refusal_record(*, actor, export: Export) -> None:
    """Log an export refused for want of a release (ASVS 16.3.2: failed authorisation)."""
    audit_record(actor=actor, action="releases.export.refuse", target_label=export.label[:200],
                 data={"export": export.code, "params": export.params, "rows": export.rows,
                       "specific": export.specific})
