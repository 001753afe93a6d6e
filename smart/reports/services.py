"""The reports' writes: the usage record of every report page, file and API
read (R-CONF-1, Pasal 22(3)), saved nominatif views, and the report layout with its
column sets (Pasal 11h). Each in one transaction with its audit event."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from smart.audit.services import audit_record
from smart.references.models import Unit
from smart.reports.models import ColumnSet, ReportLayout, ReportUse, SavedView, Sharing, UseKind


def _user_label(user) -> str:
    return (getattr(user, "full_name", "") or user.get_username())[:200]


def report_export_record(*, actor, code: str, params: dict, rows: int, filename: str,
                         data_label: str = "") -> None:
    """Every report file leaves a trace: which report, of what, how many rows —
    in the audit chain and in the usage log.

    The data release (when one was needed) is logged separately by the gate."""
    with transaction.atomic():
        audit_record(actor=actor, action="reports.export", target_label=code,
                     data={"report": code, "params": params, "rows": rows,
                           "file": filename})
        ReportUse.objects.create(user=actor, user_label=_user_label(actor), report=code,
                                 kind=UseKind.FILE, data_label=data_label[:300],
                                 params=params, rows=rows, filename=filename[:200])


def report_page_record(*, actor, code: str, params: dict, data_label: str = "",
                       rows: int | None = None) -> None:
    """A report shown on screen (its first page; paging on is the same use)."""
    ReportUse.objects.create(user=actor, user_label=_user_label(actor), report=code,
                             kind=UseKind.PAGE, data_label=data_label[:300], params=params,
                             rows=rows)


def report_api_record(*, actor, code: str, params: dict, data_label: str = "",
                      rows: int | None = None) -> None:
    """A report read through the API (its audit event is the endpoint's)."""
    ReportUse.objects.create(user=actor, user_label=_user_label(actor), report=code,
                             kind=UseKind.API, data_label=data_label[:300], params=params,
                             rows=rows)


def _name_taken(owner, name: str, exclude: int | None = None) -> bool:
    return SavedView.objects.filter(owner=owner, name__iexact=name).exclude(pk=exclude).exists()


def saved_view_save(*, actor, name: str, query: dict, sharing: str,
                    shared_unit: Unit | None = None) -> SavedView:
    """Save the nominatif's filters and columns under a name of the actor's own;
    saving again under the same name replaces that view."""
    if sharing == Sharing.UNIT and shared_unit is None:
        raise ValidationError("Tampilan hanya dapat dibagikan ke unit Anda sendiri.")
    with transaction.atomic():
        view = SavedView.objects.filter(owner=actor, name__iexact=name).first()
        created = view is None
        view = view or SavedView(owner=actor)
        view.name, view.query, view.sharing = name, query, sharing
        view.shared_unit = shared_unit if sharing == Sharing.UNIT else None
        view.save()
        audit_record(actor=actor, action="reports.view.save", target=view,
                     target_label=name, data={"created": created, "sharing": sharing,
                                              "query": query})
    return view


def saved_view_rename(*, actor, view: SavedView, name: str) -> SavedView:
    if view.owner_id != actor.pk:
        raise ValidationError("Hanya pembuat tampilan yang dapat mengubahnya.")
    if _name_taken(actor, name, exclude=view.pk):
        raise ValidationError(f"Anda sudah mempunyai tampilan bernama \u201c{name}\u201d.")
    with transaction.atomic():
        before = view.name
        view.name = name
        try:
            view.save(update_fields=["name", "updated_at"])
        except IntegrityError:
            raise ValidationError(
                f"Anda sudah mempunyai tampilan bernama \u201c{name}\u201d.") from None
        audit_record(actor=actor, action="reports.view.rename", target=view,
                     target_label=name, before={"name": before}, after={"name": name})
    return view


def saved_view_delete(*, actor, view: SavedView) -> None:
    if view.owner_id != actor.pk:
        raise ValidationError("Hanya pembuat tampilan yang dapat menghapusnya.")
    with transaction.atomic():
        audit_record(actor=actor, action="reports.view.delete", target=view,
                     target_label=view.name, before={"query": view.query})
        view.delete()


def report_layout_save(*, actor, layout: ReportLayout) -> ReportLayout:
    """Store the layout the Super Administrator set (one row for the regency)."""
    fields = ["letterhead_1", "letterhead_2", "letterhead_3", "logo_text", "place",
              "signer_title", "signer_name", "signer_nip", "signer_pangkat"]
    with transaction.atomic():
        stored = ReportLayout.objects.select_for_update().order_by("pk").first()
        before = {f: getattr(stored, f) for f in fields} if stored else {}
        stored = stored or ReportLayout()
        for name in fields:
            setattr(stored, name, getattr(layout, name))
        stored.save()
        audit_record(actor=actor, action="reports.layout.update", target=stored,
                     target_label="Tata letak laporan", before=before,
                     after={f: getattr(stored, f) for f in fields})
    return stored


def column_set_save(*, actor, name: str, columns: list[str]) -> ColumnSet:
    with transaction.atomic():
        column_set, created = ColumnSet.objects.update_or_create(
            name=name, defaults={"columns": list(columns)})
        audit_record(actor=actor, action="reports.column_set.save", target=column_set,
                     target_label=name, data={"created": created, "columns": list(columns)})
    return column_set


def column_set_delete(*, actor, column_set: ColumnSet) -> None:
    with transaction.atomic():
        audit_record(actor=actor, action="reports.column_set.delete", target=column_set,
                     target_label=column_set.name, before={"columns": column_set.columns})
        column_set.delete()
