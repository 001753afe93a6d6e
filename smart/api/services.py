"""Writes of the API app: keys for other systems, and the data they push.

Every function is keyword-only, runs in one transaction and writes its audit
event inside it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from smart.access.models import AccessRequest, AccessRequestEvent, AccessStage
from smart.access.workflow import may_issue_key
from smart.accounts.models import User
from smart.api.keys import key_hash, key_make, key_matches, key_prefix
from smart.api.models import ApiKey, AttendanceLog, SkpResult
from smart.audit.services import audit_record
from smart.notifications.services import notify
from smart.people.models import Employee
from smart.references.models import Unit

# last_used_at is refreshed at most this often: a busy system must not turn
# every read into a write.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)


class KeyRefused(Exception):
    """A key operation the rules do not allow (Indonesian text)."""


def api_key_create(*, actor, access_request: AccessRequest) -> tuple[ApiKey, str]:
    """The API key of an approved system access request (Pasal 11b), issued by the
    Super Administrator: its system, scope and read/write come from the request,
    which becomes "granted". Returns the key string, shown once."""
    with transaction.atomic():
        # of=self: the unit is a nullable join, which PostgreSQL cannot lock.
        locked = (AccessRequest.objects.select_for_update(of=("self",)).select_related("unit")
                  .get(pk=access_request.pk))
        if not locked.is_for_system:
            raise KeyRefused("Usulan ini bukan untuk sistem lain; kunci API hanya dibuat "
                             "untuk usulan akses sistem.")
        if locked.stage != AccessStage.APPROVED:
            raise KeyRefused(f"Usulan ini berada pada tahap “{locked.get_stage_display()}”; "
                             "kunci API hanya dibuat untuk usulan yang sudah disetujui "
                             "Pengelola SMART.")
        if not may_issue_key(locked, actor):
            raise KeyRefused("Anda tidak berwenang membuat kunci API untuk usulan ini.")
        units = ([locked.unit] if locked.unit_id
                 else list(Unit.objects.filter(depth=1)))  # the whole regency
        key, prefix = key_make()
        account = User(username=f"sistem-{prefix}", full_name=f"Sistem {locked.system}"[:200])
        account.set_unusable_password()  # never signs in through the pages
        account.save()
        api_key = ApiKey.objects.create(system=locked.system, prefix=prefix,
                                        key_hash=key_hash(key), account=account,
                                        can_write=locked.can_write, created_by=actor,
                                        access_request=locked)
        api_key.units.set(units)
        previous = locked.stage
        locked.stage = AccessStage.GRANTED
        locked.granted_at = locked.closed_at = timezone.now()
        locked.save(update_fields=["stage", "granted_at", "closed_at"])
        AccessRequestEvent.objects.create(
            request=locked, move="grant", from_stage=previous, to_stage=AccessStage.GRANTED,
            actor=actor, actor_label=str(actor), note=f"Kunci API smart_{prefix}_…")
        audit_record(actor=actor, action="api.key.create", target=api_key,
                     data={"system": locked.system, "units": [u.code for u in units],
                           "can_write": locked.can_write, "request": locked.pk})
        notify(users=[locked.proposer],
               message=f"Kunci API untuk sistem {locked.system} (usulan #{locked.pk}) telah "
                       "dibuat oleh Super Administrator.",
               url=reverse("portal:access_request_detail", args=[locked.pk]))
    return api_key, key


def api_key_revoke(*, actor, api_key: ApiKey, reason: str) -> ApiKey:
    """The key stops working at once; its account is deactivated with it, and
    its access request records the revocation."""
    if not reason.strip():
        raise KeyRefused("Alasan wajib diisi.")
    with transaction.atomic():
        locked = ApiKey.objects.select_for_update().get(pk=api_key.pk)
        if locked.revoked_at is not None:
            raise KeyRefused("Kunci ini sudah dicabut.")
        locked.revoked_at = timezone.now()
        locked.revoked_by = actor
        locked.revoke_reason = reason.strip()
        locked.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
        User.objects.filter(pk=locked.account_id).update(is_active=False)
        request = locked.access_request
        if request is not None:
            AccessRequestEvent.objects.create(
                request=request, move="revoke", from_stage=request.stage,
                to_stage=request.stage, actor=actor, actor_label=str(actor),
                note=locked.revoke_reason)
        audit_record(actor=actor, action="api.key.revoke", target=locked,
                     data={"reason": locked.revoke_reason,
                           "request": locked.access_request_id})
    return locked


def api_key_authenticate(key: str) -> ApiKey | None:
    """The usable key this string is, else None; stamps the last-used time."""
    prefix = key_prefix(key)
    if prefix is None:
        return None
    api_key = (ApiKey.objects.usable().select_related("account").filter(prefix=prefix)
               .first())
    if api_key is None or not key_matches(key, api_key.key_hash):
        return None
    now = timezone.now()
    if api_key.last_used_at is None or now - api_key.last_used_at > LAST_USED_RESOLUTION:
        ApiKey.objects.filter(pk=api_key.pk).update(last_used_at=now)
        api_key.last_used_at = now
    return api_key


@dataclass(frozen=True)
class Received:
    """What a batch did: rows stored, rows already there, rows refused (by index)."""

    created: int
    duplicates: int
    refused: list[dict]


def _employees_by_nip(user, nips) -> dict[str, Employee]:
    """The employees of these NIPs the key's account may see; others are unknown."""
    return {e.nip: e for e in Employee.objects.visible_to(user).filter(nip__in=set(nips))
            .only("id", "nip")}


def skp_results_receive(*, api_key: ApiKey, source: str, rows: list) -> Received:
    """Store SKP results; the same (employee, year, source) twice is one row.

    A second push for the same year updates nothing: a corrected rating is a
    matter for the verifier, not a silent overwrite. Unknown or out-of-scope
    NIPs are refused row by row, with the same message.
    """
    employees = _employees_by_nip(api_key.account, [row.nip for row in rows])
    refused, batch = [], []
    for index, row in enumerate(rows):
        employee = employees.get(row.nip)
        if employee is None:
            refused.append({"index": index, "nip": row.nip, "reason": "NIP tidak dikenal."})
            continue
        batch.append(SkpResult(employee=employee, year=row.year, rating=row.rating,
                               appraiser_nip=row.appraiser_nip, appraiser_name=row.appraiser_name,
                               source=source, received_with=api_key))
    with transaction.atomic():
        existing = set(SkpResult.objects.filter(
            employee__in=[r.employee_id for r in batch], source=source)
            .values_list("employee_id", "year"))
        new = {(r.employee_id, r.year): r for r in batch
               if (r.employee_id, r.year) not in existing}
        # ignore_conflicts: a concurrent push of the same rows stays one row each.
        SkpResult.objects.bulk_create(new.values(), ignore_conflicts=True)
        created = len(new)
        audit_record(actor=api_key.account, action="api.skp.receive", target_label=source,
                     data={"rows": len(rows), "created": created, "refused": len(refused)})
    return Received(created=created, duplicates=len(batch) - created, refused=refused)


def attendance_receive(*, api_key: ApiKey, source: str, rows: list) -> Received:
    """Store fingerprint readings; the same (employee, time, device) twice is one row."""
    employees = _employees_by_nip(api_key.account, [row.nip for row in rows])
    refused, batch, seen = [], [], set()
    for index, row in enumerate(rows):
        employee = employees.get(row.nip)
        if employee is None:
            refused.append({"index": index, "nip": row.nip, "reason": "NIP tidak dikenal."})
            continue
        if (employee.pk, row.at, row.device) in seen:
            continue  # repeated within the batch: counted as a duplicate below
        seen.add((employee.pk, row.at, row.device))
        batch.append(AttendanceLog(employee=employee, at=row.at, device=row.device,
                                   source=source, received_with=api_key))
    with transaction.atomic():
        existing = set()
        if batch:
            existing = set(AttendanceLog.objects.filter(
                employee__in={r.employee_id for r in batch},
                at__range=(min(r.at for r in batch), max(r.at for r in batch)))
                .values_list("employee_id", "at", "device"))
        new = [r for r in batch if (r.employee_id, r.at, r.device) not in existing]
        # ignore_conflicts: a concurrent push of the same rows stays one row each.
        AttendanceLog.objects.bulk_create(new, ignore_conflicts=True, batch_size=500)
        created = len(new)
        audit_record(actor=api_key.account, action="api.attendance.receive",
                     target_label=source,
                     data={"rows": len(rows), "created": created, "refused": len(refused)})
    accepted = len(rows) - len(refused)
    return Received(created=created, duplicates=accepted - created, refused=refused)
