"""Write use cases of access authorisation (Perbup 35/2020 Pasal 11b).

They live in the portal because each one audits and notifies, and ``smart.access``
sits below ``smart.audit`` and ``smart.notifications``. Every move locks the
request row and re-checks its stage, so a double click makes one transition.
"""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from smart.access.models import (
    AccessRequest,
    AccessRequestEvent,
    AccessStage,
    Role,
    RoleAssignment,
)
from smart.access.workflow import (
    MOVES,
    may_make,
    may_propose_in,
    may_propose_system,
    may_revoke,
)
from smart.audit.services import audit_record
from smart.notifications.recipients import holders_of
from smart.notifications.services import notify
from smart.people.models import Employee


class AccessRefused(Exception):
    """A proposal, move or revocation that the rules do not allow (Indonesian text)."""


def _url(request: AccessRequest) -> str:
    return reverse("portal:access_request_detail", args=[request.pk])


def _event(request: AccessRequest, move: str, from_stage: str, to_stage: str, actor,
           note: str) -> AccessRequestEvent:
    return AccessRequestEvent.objects.create(
        request=request, move=move, from_stage=from_stage or "", to_stage=to_stage,
        actor=actor, actor_label=str(actor), note=note)


def _audit_data(request: AccessRequest, note: str = "") -> dict:
    return {"user": request.user.username if request.user_id else None,
            "system": request.system or None, "can_write": request.can_write,
            "role": request.role,
            "unit": request.unit.code if request.unit_id else None,
            "stage": request.stage, "note": note}


def access_request_propose(*, proposer, user, role: str, unit, reason: str,
                           valid_from: datetime.date | None = None,
                           valid_to: datetime.date | None = None) -> AccessRequest:
    """A Pengelola Kepegawaian (or the Pengelola SMART) proposes a role for a user."""
    if user.pk == proposer.pk:
        raise AccessRefused("Anda tidak dapat mengusulkan hak akses untuk diri sendiri.")
    if role == Role.EMPLOYEE and unit is None:
        # The employee role is about one's own record: its scope is the employee's unit.
        own = Employee.objects.filter(user=user).select_related("unit").first()
        unit = own.unit if own is not None else None
    if not may_propose_in(proposer, role, unit):
        raise AccessRefused("Anda tidak berwenang mengusulkan peran ini pada lingkup tersebut.")
    if not reason.strip():
        raise AccessRefused("Alasan usulan wajib diisi.")
    if valid_from and valid_to and valid_to < valid_from:
        raise AccessRefused("Tanggal berakhir tidak boleh sebelum tanggal mulai.")
    if role == Role.EMPLOYEE:
        employee = Employee.objects.filter(user=user).select_related("unit").first()
        if employee is None or not employee.unit.path.startswith(unit.path):
            raise AccessRefused("Peran pegawai hanya untuk pengguna yang menjadi pegawai "
                                "pada unit tersebut.")
    with transaction.atomic():
        # The target user's row is the lock: two identical proposals at once make one.
        get_user_model().objects.select_for_update().get(pk=user.pk)
        open_requests = AccessRequest.objects.filter(
            user=user, role=role, unit=unit,
            stage__in=(AccessStage.PROPOSED, AccessStage.APPROVED))
        if open_requests.exists():
            raise AccessRefused("Usulan yang sama untuk pengguna ini masih dalam proses.")
        request = AccessRequest.objects.create(
            user=user, role=role, unit=unit, valid_from=valid_from, valid_to=valid_to,
            reason=reason.strip(), proposer=proposer, stage=AccessStage.PROPOSED)
        _event(request, "propose", "", AccessStage.PROPOSED, proposer, request.reason)
        audit_record(actor=proposer, action="access.request.propose", target=request,
                     data=_audit_data(request, request.reason))
        notify(users=[u for u in holders_of(Role.SYSTEM_MANAGER) if u.pk != proposer.pk],
               message=f"Usulan hak akses #{request.pk} ({request.get_role_display()} untuk "
                       f"{user}) menunggu persetujuan Pengelola SMART.",
               url=_url(request))
    return request


def access_request_propose_system(*, proposer, system: str, unit, can_write: bool,
                                  reason: str, valid_from: datetime.date | None = None,
                                  valid_to: datetime.date | None = None) -> AccessRequest:
    """Access for another system (Pasal 25): once approved by the Pengelola SMART,
    the Super Administrator issues its API key (``smart.api.services``), which
    reads the scope unit's employees and, with ``can_write``, sends data."""
    system = system.strip()
    if not system:
        raise AccessRefused("Nama sistem wajib diisi.")
    if not may_propose_system(proposer, unit):
        raise AccessRefused("Anda tidak berwenang mengusulkan akses sistem pada lingkup "
                            "tersebut.")
    if not reason.strip():
        raise AccessRefused("Alasan usulan wajib diisi.")
    if valid_from and valid_to and valid_to < valid_from:
        raise AccessRefused("Tanggal berakhir tidak boleh sebelum tanggal mulai.")
    with transaction.atomic():
        # The proposer's row is the lock: a double click makes one request.
        get_user_model().objects.select_for_update().get(pk=proposer.pk)
        if AccessRequest.objects.filter(
                system__iexact=system, unit=unit,
                stage__in=(AccessStage.PROPOSED, AccessStage.APPROVED)).exists():
            raise AccessRefused("Usulan yang sama untuk sistem ini masih dalam proses.")
        request = AccessRequest.objects.create(
            system=system, can_write=can_write, role=Role.LEADERSHIP, unit=unit,
            valid_from=valid_from, valid_to=valid_to, reason=reason.strip(),
            proposer=proposer, stage=AccessStage.PROPOSED)
        _event(request, "propose", "", AccessStage.PROPOSED, proposer, request.reason)
        audit_record(actor=proposer, action="access.request.propose", target=request,
                     data=_audit_data(request, request.reason))
        notify(users=[u for u in holders_of(Role.SYSTEM_MANAGER) if u.pk != proposer.pk],
               message=f"Usulan akses sistem #{request.pk} ({system}) menunggu persetujuan "
                       "Pengelola SMART.", url=_url(request))
    return request


def _notify_move(request: AccessRequest, move: str) -> None:
    subject = (f"Usulan hak akses #{request.pk} ({request.get_role_display()} untuk "
               f"{request.subject})")
    if request.is_for_system and move == "approve":
        notify(users=[u for u in holders_of(Role.SUPER_ADMIN)
                      if u.pk != request.proposer_id],
               message=f"{subject} telah disetujui; Super Administrator dapat membuat "
                       "kunci API-nya.", url=_url(request))
        notify(users=[request.proposer], message=f"{subject} disetujui Pengelola SMART.",
               url=_url(request))
        return
    if move == "approve":
        notify(users=[u for u in holders_of(Role.SUPER_ADMIN)
                      if u.pk not in (request.proposer_id, request.user_id)],
               message=f"{subject} telah disetujui dan menunggu pemberian akses oleh "
                       "Super Administrator.", url=_url(request))
        notify(users=[request.proposer], message=f"{subject} disetujui Pengelola SMART.",
               url=_url(request))
    elif move == "grant":
        notify(users=[request.proposer, request.user],
               message=f"{subject}: hak akses telah diberikan.", url=_url(request))
    elif move == "reject":
        notify(users=[request.proposer], message=f"{subject} ditolak.", url=_url(request))
    elif move == "withdraw":
        notify(users=holders_of(Role.SYSTEM_MANAGER), message=f"{subject} ditarik pengusul.",
               url=_url(request))


def access_request_move(*, request: AccessRequest, move_name: str, actor,
                        note: str = "") -> AccessRequest:
    """Make one move; granting creates the role assignment."""
    with transaction.atomic():
        locked = AccessRequest.objects.select_for_update().get(pk=request.pk)
        move = MOVES.get(move_name)
        if move is None:
            raise AccessRefused("Langkah ini tidak dikenal.")
        if locked.stage not in move.sources:
            raise AccessRefused(
                f"Usulan ini sudah berada pada tahap “{locked.get_stage_display()}”; "
                "langkah itu tidak dapat dilakukan lagi.")
        if not may_make(move, locked, actor):
            raise AccessRefused("Anda tidak berwenang melakukan langkah ini pada usulan ini.")
        if move.needs_note and not note.strip():
            raise AccessRefused("Alasan wajib diisi untuk langkah ini.")
        previous = locked.stage
        now = timezone.now()
        if move.name == "approve":
            locked.approved_at = now
        elif move.name == "grant":
            locked.granted_at = locked.closed_at = now
            locked.assignment = RoleAssignment.objects.create(
                user_id=locked.user_id, role=locked.role, unit_id=locked.unit_id,
                valid_from=locked.valid_from, valid_to=locked.valid_to, is_granted=True)
        else:
            locked.closed_at = now
        locked.stage = move.target
        locked.save()
        _event(locked, move.name, previous, move.target, actor, note.strip())
        audit_record(actor=actor, action=f"access.request.{move.name}", target=locked,
                     data={**_audit_data(locked, note.strip()),
                           "assignment": locked.assignment_id})
        _notify_move(locked, move.name)
    return locked


def assignment_revoke(*, assignment: RoleAssignment, actor, reason: str) -> RoleAssignment:
    """End a granted assignment today; the user's next request no longer has it."""
    if not reason.strip():
        raise AccessRefused("Alasan pencabutan wajib diisi.")
    with transaction.atomic():
        locked = RoleAssignment.objects.select_for_update().get(pk=assignment.pk)
        if not may_revoke(actor, locked):
            raise AccessRefused("Anda tidak berwenang mencabut hak akses ini.")
        if not locked.is_granted:
            raise AccessRefused("Hak akses ini sudah dicabut.")
        locked.is_granted = False
        locked.valid_to = timezone.localdate()
        locked.save(update_fields=["is_granted", "valid_to"])
        request = AccessRequest.objects.filter(assignment=locked).first()
        if request is not None:
            _event(request, "revoke", request.stage, request.stage, actor, reason.strip())
        audit_record(actor=actor, action="access.assignment.revoke", target=locked,
                     data={"user": locked.user.username, "role": locked.role,
                           "unit": locked.unit.code if locked.unit_id else None,
                           "reason": reason.strip(),
                           "request": request.pk if request else None})
        notify(users=[locked.user],
               message=f"Hak akses {locked.get_role_display()} Anda telah dicabut.",
               url=reverse("portal:home"))
    return locked
