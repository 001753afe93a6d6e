"""Proposing, moving and applying change requests (R-PROC-2).

Every move takes a row lock on the request and re-reads its stage, so two
verifiers clicking at once, a double-clicked button or a replayed POST leave
exactly one transition: the second finds the request already moved and is
refused with a readable message.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from smart.access.models import Role
from smart.access.policies import acting_for
from smart.audit.services import audit_record
from smart.changes.models import Action, ChangeRequest, Stage, StageEvent
from smart.changes.notices import notify_move
from smart.changes.targets import Target, target_for, to_json
from smart.changes.workflow import (
    FIRST_MOVE,
    UNIT_ADMIN,
    VERIFIER,
    Move,
    may_make,
    moves_of,
)
from smart.documents.models import DocumentType, proposal_record_kind
from smart.documents.services import document_link, document_store
from smart.people.models import Employee
from smart.workdays.calendar import add_working_days

ACTOR_ROLES = {UNIT_ADMIN: Role.UNIT_ADMIN, VERIFIER: Role.VERIFIER}
FORWARD_WORKING_DAYS = 10  # Pasal 21(3): unit admin forwards within 10 working days
CLOSE_WORKING_DAYS = 10  # Pasal 21(4): the update closes within 10 working days


class MoveRefused(Exception):
    """A move that is not allowed now; the message is for the user."""


def request_propose(*, target: Target, employee: Employee, action: str,
                    target_id: int | None, values: dict[str, Any], note: str, proposer,
                    documents: list[tuple[DocumentType, Any]], submit: bool,
                    submission_key=None, route: str = "perbup-35-2020") -> ChangeRequest:
    """Create a proposal from already-validated form values, with its documents.

    Adding or correcting needs at least one supporting document; removing
    needs a note. One open request per entry: a second one is refused.
    ``submission_key`` is the form's one-time key: the same key again (a
    double click, a replayed POST, two at once) returns the request the first
    one made, so a proposal of a new entry is made exactly once. ``route`` is
    the stage rules it follows (``workflow.ROUTES``).
    """
    if submission_key is not None:
        earlier = _proposed_with(proposer, submission_key)
        if earlier is not None:
            return earlier
    if action in (Action.ADD, Action.CORRECT) and not documents:
        raise ValidationError("Lampirkan minimal satu dokumen pendukung.")
    if action == Action.REMOVE and not note.strip():
        raise ValidationError("Jelaskan alasan penghapusan data ini.")
    based_on = target.stored_values(employee.pk, target_id)
    proposed = {name: to_json(value) for name, value in values.items()}
    if action == Action.CORRECT and all(based_on.get(k) == v for k, v in proposed.items()):
        raise ValidationError("Tidak ada data yang berubah; usulan perbaikan tidak dibuat.")
    with transaction.atomic():
        try:
            with transaction.atomic():
                request = ChangeRequest.objects.create(
                    employee=employee, kind=target.slug, action=action, target_id=target_id,
                    proposed=proposed, based_on=based_on, note=note, proposer=proposer,
                    submission_key=submission_key, route=route,
                )
        except IntegrityError:
            earlier = (_proposed_with(proposer, submission_key)
                       if submission_key is not None else None)
            if earlier is not None:  # the same form, sent twice at once
                return earlier
            raise ValidationError(
                "Data ini sudah memiliki usulan yang sedang diproses; tunggu sampai selesai "
                "atau tarik usulan itu terlebih dahulu."
            ) from None
        _event(request, "", Stage.DRAFT, "create", proposer, note)
        for document_type, uploaded_file in documents:
            document = document_store(employee=employee, document_type=document_type,
                                      uploaded_file=uploaded_file, actor=proposer,
                                      record_kind=proposal_record_kind(target.slug),
                                      record_id=request.pk)
            request.documents.add(document)
        audit_record(actor=proposer, action="changes.request.create", target=request,
                     data={"kind": target.slug, "action": action, "target_id": target_id})
        if submit:
            request = request_move(request=request, move_name=FIRST_MOVE[route],
                                   actor=proposer, note="")
    return request


def _proposed_with(proposer, submission_key) -> ChangeRequest | None:
    return ChangeRequest.objects.filter(proposer=proposer,
                                        submission_key=submission_key).first()


def request_move(*, request: ChangeRequest, move_name: str, actor, note: str = "",
                 document: tuple | None = None) -> ChangeRequest:
    """Make one move; validating also writes the change to the record.

    ``document`` (type, file) is stored with the move — only once every check
    has passed, in the same transaction, so a refused move keeps no file.
    """
    with transaction.atomic():
        locked = ChangeRequest.objects.select_for_update().select_related(
            "employee__unit").get(pk=request.pk)
        move = moves_of(locked).get(move_name)
        if move is None:
            raise MoveRefused("Langkah ini tidak dikenal.")
        if locked.stage not in move.sources:
            raise MoveRefused(
                f"Usulan ini sudah berada pada tahap “{locked.get_stage_display()}”; "
                "langkah itu tidak dapat dilakukan lagi."
            )
        if not may_make(move, locked, actor):
            raise MoveRefused("Anda tidak berwenang melakukan langkah ini pada usulan ini.")
        if move.needs_note and not note.strip():
            raise MoveRefused("Catatan wajib diisi untuk langkah ini.")
        if document is not None:
            _attach(locked, actor, *document)
        previous = locked.stage
        role = ACTOR_ROLES.get(move.actor)
        on_behalf_of = acting_for(actor, role, locked.employee.unit.path) if role else ""
        _stamp(locked, move)
        if move.name == "validate":
            _apply(locked, actor, target_for(locked.kind))
        locked.stage = move.target
        locked.save()
        _event(locked, previous, move.target, move.name, actor, note, on_behalf_of)
        audit_record(actor=actor, action=f"changes.request.{move.name}", target=locked,
                     data={"stage": move.target, "note": note}, acting_for=on_behalf_of)
        notify_move(locked, move.name, note)
    return locked


def _stamp(request: ChangeRequest, move: Move) -> None:
    now = timezone.now()
    today = timezone.localdate()
    if move.name in ("submit", "send"):
        request.submitted_at = now
        if move.name == "send":  # the officer's proposal reaches the verifier at once
            request.forwarded_at = now
        if request.document_received_on is None:
            request.document_received_on = today
        request.forward_deadline = add_working_days(today, FORWARD_WORKING_DAYS)
        request.close_deadline = add_working_days(request.document_received_on,
                                                  CLOSE_WORKING_DAYS)
    elif move.name == "forward":
        request.forwarded_at = now
    elif move.target in (Stage.VALIDATED, Stage.REJECTED, Stage.WITHDRAWN):
        request.closed_at = now


def _apply(request: ChangeRequest, actor, target: Target) -> None:
    """Apply the proposal to the record, unless the entry changed meanwhile."""
    instance = target.instance(request.employee, request.target_id)
    if request.action != Action.ADD and instance is None:
        raise MoveRefused("Data yang diusulkan untuk diubah sudah tidak ada.")
    if (request.action != Action.ADD and
            target.stored_values(request.employee_id, request.target_id) != request.based_on):
        raise MoveRefused(
            "Data ini telah berubah sejak diusulkan. Tolak usulan ini dan minta pegawai "
            "mengusulkan ulang berdasarkan data terbaru."
        )
    values = {}
    if request.action != Action.REMOVE:
        form = target.form_class()(data=request.proposed, instance=instance)
        if not form.is_valid():
            errors = "; ".join(f"{k}: {' '.join(v)}" for k, v in form.errors.items())
            raise MoveRefused(f"Usulan tidak lagi memenuhi aturan data: {errors}")
        values = form.cleaned_data
    entry_id = target.apply(employee=request.employee, action=request.action,
                            target_id=request.target_id, values=values, actor=actor,
                            reason=f"Usulan #{request.pk}")
    request.applied_entry_id = entry_id
    if request.action != Action.REMOVE and target.kind is not None:
        for document in request.documents.all():
            document_link(document=document, record_kind=target.slug, record_id=entry_id)


def _event(request: ChangeRequest, from_stage: str, to_stage: str, move: str, actor,
           note: str, on_behalf_of: str = "") -> StageEvent:
    return StageEvent.objects.create(
        request=request, from_stage=from_stage or "", to_stage=to_stage, move=move,
        actor=actor, actor_label=str(actor), note=note, on_behalf_of_label=on_behalf_of,
    )


def request_direct_correction(*, target: Target, employee: Employee, instance, values,
                              reason: str, verifier, document) -> ChangeRequest:
    """Pasal 14b: a verifier adds or corrects an entry directly, with a reason and
    a document. Recorded as a request proposed and validated by the verifier in
    one step, so it appears in every list as what it was."""
    if employee.user_id is not None and employee.user_id == verifier.pk:
        raise MoveRefused("Verifikator tidak dapat mengubah data dirinya sendiri.")
    action = Action.CORRECT if instance is not None else Action.ADD
    target_id = instance.pk if instance is not None else None
    with transaction.atomic():
        try:
            with transaction.atomic():
                request = ChangeRequest.objects.create(
                    employee=employee, kind=target.slug, action=action, target_id=target_id,
                    proposed={name: to_json(value) for name, value in values.items()},
                    based_on=target.stored_values(employee.pk, target_id), note=reason,
                    proposer=verifier, stage=Stage.VALIDATED, route="koreksi-langsung",
                    submitted_at=timezone.now(), closed_at=timezone.now(),
                )
        except IntegrityError:
            raise MoveRefused(
                "Data ini sedang diusulkan untuk diubah; selesaikan usulan itu terlebih dahulu."
            ) from None
        entry_id = target.apply(employee=employee, action=action, target_id=target_id,
                                values=values, actor=verifier,
                                reason=f"Koreksi langsung #{request.pk}: {reason}")
        request.applied_entry_id = entry_id
        request.save(update_fields=["applied_entry_id"])
        document_type, uploaded_file = document
        stored = document_store(employee=employee, document_type=document_type,
                                uploaded_file=uploaded_file, actor=verifier,
                                record_kind=target.slug if target.kind else "",
                                record_id=entry_id if target.kind else None)
        request.documents.add(stored)
        _event(request, "", Stage.VALIDATED, "direct", verifier, reason)
        audit_record(actor=verifier, action="changes.request.direct", target=request,
                     data={"kind": target.slug, "action": action, "entry": entry_id,
                           "reason": reason})
    return request


# While the request is back with the proposer, documents and values may change:
# a clarification often asks for a corrected or missing value (user test).
EDITABLE_STAGES = (Stage.DRAFT, Stage.RETURNED, Stage.CLARIFICATION)


def _attach(locked: ChangeRequest, actor, document_type, uploaded_file) -> None:
    """The proposer adds a supporting document while the request is back with
    them (draft, returned, clarification); the caller holds the row lock."""
    if locked.proposer_id != actor.pk or locked.stage not in EDITABLE_STAGES:
        raise MoveRefused("Dokumen hanya dapat ditambahkan oleh pengusul saat usulan "
                          "masih berupa draf, dikembalikan, atau diminta klarifikasi.")
    document = document_store(employee=locked.employee, document_type=document_type,
                              uploaded_file=uploaded_file, actor=actor,
                              record_kind=proposal_record_kind(locked.kind),
                              record_id=locked.pk)
    locked.documents.add(document)
    _event(locked, locked.stage, locked.stage, "document", actor,
           f"Dokumen ditambahkan: {document.document_type.name}")


def request_revise(*, request: ChangeRequest, values: dict[str, Any], note: str,
                   actor) -> ChangeRequest:
    """The proposer changes the proposed values of a draft or returned request,
    or while answering a clarification; it is re-based on the record as it is now."""
    target = target_for(request.kind)
    with transaction.atomic():
        locked = ChangeRequest.objects.select_for_update().get(pk=request.pk)
        if locked.proposer_id != actor.pk or locked.stage not in EDITABLE_STAGES:
            raise MoveRefused("Usulan hanya dapat diubah oleh pengusul saat masih berupa draf, "
                              "dikembalikan, atau diminta klarifikasi.")
        locked.proposed = {name: to_json(value) for name, value in values.items()}
        locked.based_on = target.stored_values(locked.employee_id, locked.target_id)
        if note:
            locked.note = note
        locked.save(update_fields=["proposed", "based_on", "note"])
        _event(locked, locked.stage, locked.stage, "revise", actor, note)
        audit_record(actor=actor, action="changes.request.revise", target=locked)
    return locked
