"""Changing one cell of the D-3 field-class table (security.md D-3).

It lives in the portal because it audits, and ``smart.access`` sits below
``smart.audit``. A cell set back to its code default loses its override row,
so the table page shows plainly where the regency departs from the default.
"""

from __future__ import annotations

from django.db import transaction

from smart.access.fields import D3_TABLE, LOCKED_ROLES, d3_table
from smart.access.models import Access, FieldClass, FieldGrant, Role
from smart.access.policies import has_role
from smart.audit.services import audit_record


class FieldGrantRefused(Exception):
    """A change the rules do not allow (Indonesian text)."""


def field_grant_set(*, actor, role: str, field_class: str, access: int,
                    reason: str) -> Access:
    """Set what ``role`` sees of ``field_class``; returns the previous level."""
    if not has_role(actor, Role.SYSTEM_MANAGER):
        raise FieldGrantRefused("Hanya Pengelola SMART yang dapat mengubah tabel kelas data.")
    if role not in D3_TABLE or field_class not in FieldClass.values \
            or access not in Access.values:
        raise FieldGrantRefused("Sel tabel ini tidak dikenal.")
    if role in LOCKED_ROLES:
        raise FieldGrantRefused("Baris peran ini tidak dapat diubah: verifikator dan Pengelola "
                                "SMART memerlukan data lengkap untuk tugasnya.")
    if not reason.strip():
        raise FieldGrantRefused("Alasan perubahan wajib diisi.")
    field_class, access = FieldClass(field_class), Access(access)
    with transaction.atomic():
        # Locking the cell's row serialises edits of an overridden cell, so each
        # audits its true "before"; the first override of a cell is guarded by
        # the unique constraint instead.
        FieldGrant.objects.select_for_update().filter(role=role, field_class=field_class).first()
        before = d3_table()[role][field_class]
        if before == access:
            raise FieldGrantRefused("Nilai sel ini sudah seperti itu; tidak ada yang diubah.")
        default = D3_TABLE[role][field_class]
        if access == default:
            FieldGrant.objects.filter(role=role, field_class=field_class).delete()
        else:
            FieldGrant.objects.update_or_create(
                role=role, field_class=field_class,
                defaults={"access": access, "reason": reason.strip(), "changed_by": actor})
        audit_record(actor=actor, action="access.field_grant.set",
                     target_label=f"{Role(role).label} / {field_class.label}",
                     data={"role": role, "field_class": field_class.value,
                           "before": before.name.lower(), "after": access.name.lower(),
                           "default": default.name.lower(), "reason": reason.strip()})
    return before
