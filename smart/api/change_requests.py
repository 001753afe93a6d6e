"""Change requests (usulan) through the API: the same services as the pages.

Only people work on change requests: a system's key is refused with 403.
Proposals are self-service (the employee, about their own record, with a
supporting document), and every stage move goes through ``request_move``,
which refuses a party of the request (the self-action ban) and anyone
outside the move's role and scope.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import ConfigDict

from smart.api.auth import Caller, WriteNotAllowed
from smart.api.errors import ERRORS
from smart.api.pagination import DEFAULT_LIMIT, MAX_LIMIT, page_of
from smart.changes.diff import proposal_diff
from smart.changes.forms import proposal_document_form
from smart.changes.models import Action, ChangeRequest, Stage
from smart.changes.services import request_move, request_propose
from smart.changes.targets import target_for
from smart.changes.workflow import allowed_moves
from smart.documents.models import DocumentType
from smart.people.models import Employee, get_employee_for_user_or_404
from smart.people.services import employee_record_read
from smart.records.privacy import access_of

router = Router(tags=["change requests"])


def _person(request) -> Caller:
    caller: Caller = request.auth
    if caller.is_system:
        raise WriteNotAllowed
    return caller


def _request_or_404(user, pk: int) -> ChangeRequest:
    change = (ChangeRequest.objects.readable_by(user)
              .select_related("employee__unit", "proposer").filter(pk=pk).first())
    if change is None:
        raise Http404
    return change


class ChangeRow(Schema):
    id: int
    employee_id: int
    kind: str
    action: str
    stage: str
    target_id: int | None
    created_at: datetime.datetime
    submitted_at: datetime.datetime | None
    close_deadline: datetime.date | None


class ChangePage(Schema):
    items: list[ChangeRow]
    next_cursor: str | None


class ChangeFilters(Schema):
    stage: Stage | None = None
    employee_id: int | None = Field(None, ge=1)
    cursor: str = Field("", max_length=200)
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)


def _row(change: ChangeRequest) -> dict:
    return {name: getattr(change, name) for name in ChangeRow.model_fields}


@router.get("/change-requests", response={200: ChangePage, **ERRORS},
            summary="List change requests")
def change_list(request, filters: Query[ChangeFilters]):
    """Requests about employees the caller may read, and their own proposals;
    requests about a record kind hidden from the caller (discipline records,
    by the D-3 field classes) are left out, as their detail is a 404."""
    user = _person(request).user
    changes = ChangeRequest.objects.readable_by(user)
    if filters.stage:
        changes = changes.filter(stage=filters.stage)
    if filters.employee_id:
        changes = changes.filter(employee_id=filters.employee_id)
    rows, next_cursor = page_of(changes, cursor=filters.cursor, limit=filters.limit)
    return {"items": [_row(c) for c in rows], "next_cursor": next_cursor}


class FieldDiff(Schema):
    label: str
    old: Any
    new: Any


class Event(Schema):
    move: str
    from_stage: str
    to_stage: str
    actor: str
    on_behalf_of: str
    at: datetime.datetime
    note: str


class ChangeDetail(ChangeRow):
    note: str
    diff: list[FieldDiff]
    events: list[Event]
    moves: list[str] = Field(description="The moves this caller may make now.")


def _plain(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _detail(change: ChangeRequest, user) -> dict:
    access = access_of(user, change.employee)
    target = target_for(change.kind)
    return {
        **_row(change), "note": change.note,
        "diff": [{"label": str(d.label), "old": _plain(d.old), "new": _plain(d.new)}
                 for d in proposal_diff(change, target, access)],
        "events": [{"move": e.move, "from_stage": e.from_stage, "to_stage": e.to_stage,
                    "actor": e.actor_label, "on_behalf_of": e.on_behalf_of_label,
                    "at": e.at, "note": e.note} for e in change.events.all()],
        "moves": [m.name for m in allowed_moves(change, user)],
    }


@router.get("/change-requests/{change_id}", response={200: ChangeDetail, **ERRORS},
            summary="One change request")
def change_detail(request, change_id: int):
    user = _person(request).user
    change = _request_or_404(user, change_id)
    employee_record_read(actor=user, employee=change.employee, what="api:usulan")
    return _detail(change, user)


class MoveIn(Schema):
    model_config = ConfigDict(extra="forbid")

    move: str = Field(max_length=20, description="e.g. submit, forward, verify, reject.")
    note: str = Field("", max_length=2000)


@router.post("/change-requests/{change_id}/moves", response={200: ChangeDetail, **ERRORS},
             summary="Make one stage move")
def change_move(request, change_id: int, body: MoveIn):
    """Refused with 403 (and nothing written) when the move does not fit the stage,
    the caller's role and scope, or when the caller is a party of the request."""
    user = _person(request).user
    change = _request_or_404(user, change_id)
    moved = request_move(request=change, move_name=body.move, actor=user, note=body.note)
    return _detail(moved, user)


@router.post("/change-requests", response={201: ChangeDetail, **ERRORS},
             summary="Propose a change to one's own record")
def change_create(request, kind: Form[str], action: Form[Action],
                  values: Form[str] = "{}", target_id: Form[int | None] = None,
                  note: Form[str] = "", submit: Form[bool] = False,
                  document_type: Form[str] = "", document: File[UploadedFile] = None):
    """Multipart, as the page's form: ``values`` is a JSON object of the kind's
    fields (see ``/record-kinds``; ``identitas`` for one's core data).
    Adding and correcting need a supporting document (``document_type`` is its
    code, e.g. KK); removing needs a note."""
    user = _person(request).user
    target = target_for(kind)
    employee = get_employee_for_user_or_404(user, _own_employee_id(user))
    if target is None:
        raise Http404
    allowed = ([Action.CORRECT] if target.kind is None
               else [Action.ADD] if target_id is None else [Action.CORRECT, Action.REMOVE])
    if action not in allowed:
        raise ValidationError("Aksi ini tidak berlaku untuk data tersebut.")
    instance = target.instance(employee, target_id if target.kind else employee.pk)
    if action != Action.ADD and instance is None:
        raise Http404
    cleaned = {}
    if action != Action.REMOVE:
        try:
            data = json.loads(values)
        except (ValueError, RecursionError):  # "[[[[…" nested past the stack: not an object
            raise ValidationError("values harus berupa objek JSON.") from None
        if not isinstance(data, dict):
            raise ValidationError("values harus berupa objek JSON.")
        form = target.form_class()(data, instance=instance or target.model(employee=employee))
        unknown = sorted(set(data) - set(form.fields))
        if unknown:  # never silently dropped: the sender learns what was not taken
            raise ValidationError(f"Isian tidak dikenal: {', '.join(unknown)}.")
        if not form.is_valid():
            raise ValidationError([f"{k}: {' '.join(v)}" for k, v in form.errors.items()])
        cleaned = form.cleaned_data
    type_pk = DocumentType.objects.filter(code=document_type).values_list("pk", flat=True)
    upload = proposal_document_form(
        target, {"dokumen-document_type": next(iter(type_pk), "")},
        {"dokumen-file": document} if document else {}, required=action != Action.REMOVE)
    if not upload.is_valid():
        raise ValidationError([f"{k}: {' '.join(v)}" for k, v in upload.errors.items()])
    documents = ([(upload.cleaned_data["document_type"], upload.cleaned_data["file"])]
                 if upload.cleaned_data.get("file") else [])
    created = request_propose(target=target, employee=employee, action=action,
                              target_id=instance.pk if instance is not None else None,
                              values=cleaned, note=note, proposer=user, documents=documents,
                              submit=submit)
    return Status(201, _detail(created, user))


def _own_employee_id(user) -> int:
    employee = Employee.objects.filter(user=user).only("pk").first()
    if employee is None:
        raise Http404  # proposals are self-service: only about one's own record
    return employee.pk
