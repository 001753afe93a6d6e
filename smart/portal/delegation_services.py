"""Recording and ending Plt/Plh appointments (Perbup 35/2020 Pasal 33).

Pasal 33 leaves the exercise of a delegated authority by a Plh or Plt to "the
laws and regulations"; the BKN circular on Plh/Plt (SE Kepala BKN
1/SE/I/2021) appoints either for at most three months at a time, an extension
being a new warrant. The effect of a delegation lives in ``smart.access``
(``policies._load``): while it is in force the acting official holds the
holder's roles except "pegawai". These services live in the portal because
they audit and notify, and ``smart.access`` sits below both.
"""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from smart.access.models import Delegation, Role, RoleAssignment
from smart.access.policies import has_role
from smart.audit.services import audit_record
from smart.notifications.services import notify

# One warrant covers at most three months (SE Kepala BKN 1/SE/I/2021); 92 days
# lets any three calendar months through.
MAX_DAYS = 92


class DelegationRefused(Exception):
    """A delegation the rules do not allow (Indonesian text)."""


def _refuse_unless(condition: bool, message: str) -> None:
    if not condition:
        raise DelegationRefused(message)


def delegable_roles(user, on: datetime.date) -> list[str]:
    """The administrative roles the user holds on that day (never "pegawai")."""
    return sorted(set(
        RoleAssignment.objects.in_force(on).filter(user=user).exclude(role=Role.EMPLOYEE)
        .values_list("role", flat=True)))


def _audit_data(delegation: Delegation, **extra) -> dict:
    return {"holder": delegation.holder.username, "acting": delegation.acting.username,
            "kind": delegation.kind, "valid_from": delegation.valid_from,
            "valid_to": delegation.valid_to, "decree": delegation.decree,
            "decree_date": delegation.decree_date, **extra}


def _period(delegation: Delegation) -> str:
    return f"{delegation.valid_from:%d-%m-%Y} s.d. {delegation.valid_to:%d-%m-%Y}"


def delegation_create(*, actor, holder, acting, kind: str, valid_from: datetime.date,
                      valid_to: datetime.date, decree: str,
                      decree_date: datetime.date | None = None) -> Delegation:
    """The Pengelola SMART records a Plt/Plh from the warrant."""
    today = timezone.localdate()
    _refuse_unless(has_role(actor, Role.SYSTEM_MANAGER),
                   "Hanya Pengelola SMART yang dapat mencatat Plt/Plh.")
    _refuse_unless(kind in Delegation.Kind.values, "Jenis Plt/Plh tidak dikenal.")
    _refuse_unless(holder.pk != acting.pk,
                   "Pejabat yang diwakili dan Plt/Plh tidak boleh orang yang sama.")
    # Recording oneself as acting official would hand oneself roles past the
    # access authorisation of Pasal 11b.
    _refuse_unless(acting.pk != actor.pk,
                   "Anda tidak dapat mencatat diri sendiri sebagai Plt/Plh.")
    _refuse_unless(acting.is_active and holder.is_active,
                   "Pejabat yang diwakili dan Plt/Plh harus pengguna yang aktif.")
    _refuse_unless(valid_to >= valid_from,
                   "Tanggal berakhir tidak boleh sebelum tanggal mulai.")
    _refuse_unless(valid_to >= today,
                   "Masa Plt/Plh ini sudah lewat; yang dicatat hanya penugasan yang masih "
                   "atau akan berlaku.")
    _refuse_unless((valid_to - valid_from).days < MAX_DAYS,
                   "Satu surat perintah Plt/Plh berlaku paling lama 3 (tiga) bulan; "
                   "perpanjangan dicatat sebagai surat perintah baru.")
    _refuse_unless(bool(decree.strip()), "Nomor surat perintah wajib diisi.")
    _refuse_unless(decree_date is None or decree_date <= max(valid_from, today),
                   "Tanggal surat perintah tidak boleh sesudah tanggal mulai.")
    _refuse_unless(bool(delegable_roles(holder, max(valid_from, today))),
                   "Pejabat yang diwakili tidak memegang peran administratif yang berlaku; "
                   "tidak ada kewenangan yang dapat dilaksanakan Plt/Plh.")
    with transaction.atomic():
        # The holder's row is the lock: two overlapping warrants at once make one.
        get_user_model().objects.select_for_update().get(pk=holder.pk)
        clash = (Delegation.objects.filter(holder=holder, ended_at__isnull=True,
                                           valid_from__lte=valid_to, valid_to__gte=valid_from)
                 .select_related("acting").first())
        if clash is not None:
            raise DelegationRefused(
                f"Pejabat ini sudah diwakili {clash.get_kind_display()} {clash.acting} pada "
                f"{_period(clash)}; tanggalnya beririsan. Akhiri penugasan itu lebih dulu.")
        delegation = Delegation.objects.create(
            holder=holder, acting=acting, kind=kind, valid_from=valid_from, valid_to=valid_to,
            decree=decree.strip(), decree_date=decree_date, created_by=actor)
        audit_record(actor=actor, action="access.delegation.create", target=delegation,
                     data=_audit_data(delegation))
        label = "Plt" if kind == Delegation.Kind.PLT else "Plh"
        url = reverse("portal:delegations")
        notify(users=[acting], url=url,
               message=f"Anda dicatat sebagai {label} atas nama {holder} untuk "
                       f"{_period(delegation)} (surat perintah {delegation.decree}).")
        notify(users=[holder], url=url,
               message=f"{acting} dicatat sebagai {label} atas nama Anda untuk "
                       f"{_period(delegation)} (surat perintah {delegation.decree}).")
    return delegation


def delegation_end(*, delegation: Delegation, actor, reason: str) -> Delegation:
    """End a delegation before its end date; the acting official loses the
    roles with their next request."""
    _refuse_unless(has_role(actor, Role.SYSTEM_MANAGER),
                   "Hanya Pengelola SMART yang dapat mengakhiri Plt/Plh.")
    _refuse_unless(bool(reason.strip()), "Alasan mengakhiri Plt/Plh wajib diisi.")
    with transaction.atomic():
        locked = (Delegation.objects.select_for_update().select_related("holder", "acting")
                  .get(pk=delegation.pk))
        status = locked.status()
        _refuse_unless(status != "ended", "Penugasan Plt/Plh ini sudah diakhiri.")
        _refuse_unless(status != "lapsed",
                       "Masa penugasan Plt/Plh ini sudah habis dengan sendirinya.")
        locked.ended_at = timezone.now()
        locked.ended_by = actor
        locked.end_reason = reason.strip()
        locked.save(update_fields=["ended_at", "ended_by", "end_reason"])
        audit_record(actor=actor, action="access.delegation.end", target=locked,
                     data=_audit_data(locked, reason=locked.end_reason, was=status))
        notify(users=[locked.acting, locked.holder], url=reverse("portal:delegations"),
               message=f"Penugasan {locked.get_kind_display()} {locked.acting} atas nama "
                       f"{locked.holder} ({_period(locked)}) diakhiri: {locked.end_reason[:200]}")
    return locked
