"""Who hears about a request, and when (defect 10).

The next actor is told at each stage; the proposer hears about questions and
returns, and the final outcome only at the end — never "approved" midway.
The parties of a request are never its next actor, so they are left out, and
so is anyone from whom the request's record kind is hidden (D-3).
"""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from smart.access.models import Delegation, Role
from smart.changes.models import ChangeRequest, Stage
from smart.changes.queues import VERIFIER_STAGES
from smart.changes.workflow import covers, is_party
from smart.notifications.recipients import unit_admins_for, verifiers
from smart.notifications.services import notify

MESSAGES = {
    "submit": "Usulan #{pk} ({kind}) dari {name} menunggu pemeriksaan Anda (teruskan paling "
              "lambat {deadline}).",
    "forward": "Usulan #{pk} ({kind}, {name}) diteruskan untuk diverifikasi; selesaikan "
               "paling lambat {close}.",
    "send": "Usulan #{pk} ({kind}, {name}) dari petugas menunggu verifikasi Anda; selesaikan "
            "paling lambat {close}.",
    "answer": "{name} menjawab permintaan klarifikasi pada usulan #{pk}.",
    "return": "Usulan #{pk} Anda dikembalikan karena belum lengkap. Lihat catatan admin OPD.",
    "ask": "Verifikator meminta klarifikasi atas usulan #{pk} Anda ({kind}): {note}",
    "validate": "Usulan #{pk} Anda telah divalidasi; data Anda sudah diperbarui.",
    "reject": "Usulan #{pk} Anda ditolak. Lihat alasannya pada usulan.",
}


def _recipients(request: ChangeRequest, move: str) -> list:
    if move == "submit":
        users = unit_admins_for(request.employee.unit)
    elif move in ("forward", "answer", "send"):
        users = [user for user in verifiers() if covers(user, Role.VERIFIER, request)]
    elif move in ("return", "ask", "validate", "reject"):
        return [request.proposer]
    else:
        return []
    return [user for user in _with_acting_officials(users)
            if not is_party(request, user) and _may_read(request, user)]


def _may_read(request: ChangeRequest, user) -> bool:
    """Whether the request's page opens for the user: a message names the
    request's record kind and employee, so nobody is told of a request about a
    kind their field classes hide (the lists' ``without_hidden_kinds``)."""
    return ChangeRequest.objects.filter(pk=request.pk).without_hidden_kinds(user).exists()


def _with_acting_officials(users: list) -> list:
    """The officials and whoever acts for them today as Plt/Plh (Pasal 33)."""
    acting = [d.acting for d in Delegation.objects.in_force()
              .filter(holder__in=[u.pk for u in users]).select_related("acting")]
    return [*users, *acting]


def notify_move(request: ChangeRequest, move: str, note: str = "") -> int:
    template = MESSAGES.get(move)
    if template is None:
        return 0
    message = template.format(
        pk=request.pk, name=request.employee.display_name, kind=request.kind_label,
        note=note[:300], close=request.close_deadline.strftime("%d-%m-%Y")
        if request.close_deadline else "-",
        deadline=request.forward_deadline.strftime("%d-%m-%Y")
        if request.forward_deadline else "-")
    return notify(users=_recipients(request, move), message=message,
                  url=reverse("changes:detail", args=[request.pk]))


def remind_due_requests(today: datetime.date | None = None) -> int:
    """Tell the current actor of every open request due tomorrow or overdue,
    once a day (the dedup key makes a second run that day a no-op)."""
    today = today or timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    sent = 0
    for request in (ChangeRequest.objects.open().select_related("employee__unit", "proposer")
                    .exclude(stage=Stage.DRAFT)):
        deadline = (request.forward_deadline if request.stage == Stage.SUBMITTED
                    else request.close_deadline)
        if deadline is None or deadline > tomorrow:
            continue
        if request.stage == Stage.SUBMITTED:
            users = _recipients(request, "submit")
        elif request.stage in VERIFIER_STAGES and request.stage != Stage.CLARIFICATION:
            users = _recipients(request, "forward")
        else:
            users = [request.proposer]
        state = "terlambat" if deadline < today else "jatuh tempo besok"
        sent += notify(
            users=users,
            message=f"Pengingat: usulan #{request.pk} ({request.employee.display_name}) "
                    f"{state} ({deadline:%d-%m-%Y}).",
            url=reverse("changes:detail", args=[request.pk]),
            dedup_key=f"pengingat:{request.pk}:{today.isoformat()}",
        )
    return sent
