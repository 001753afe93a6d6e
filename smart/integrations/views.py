"""Pages of the import of national exports (R-PROC-1).

Upload → (map unknown columns) → preview job → preview page (counts,
differences, errors, the choice of mode) → apply job → result page, plus the
error report (.xlsx) and the SIASN reference mapping. Who may: the importers
of ``access.policies`` (others get 404); a batch is its owner's (and the
Pengelola SMART's), anyone else gets 404.
"""

from __future__ import annotations

import re

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from smart.access.policies import may_import_employees, may_map_references
from smart.integrations.error_report import error_report_xlsx
from smart.integrations.forms import (
    ApplyForm,
    ColumnsForm,
    FunctionalPositionForm,
    ReferenceMappingForm,
    UploadForm,
)
from smart.integrations.imports import ImportRefused, remembered_columns
from smart.integrations.models import ImportBatch, ImportRow, ReferenceMapping
from smart.integrations.services import (
    functional_position_save,
    import_apply_start,
    import_cancelled,
    import_columns_save,
    import_preview_again,
    import_upload,
    reference_mapping_save,
)
from smart.integrations.siasn.export import ExportFileError, missing_columns, read_header
from smart.integrations.tables import MAX_FILE_BYTES, too_large_message
from smart.jobs.models import Job, JobStatus
from smart.people.models import Employee
from smart.references.models import FunctionalPosition

PAGE_SIZE = 50
APPLY_STATES = (ImportBatch.Status.APPLYING, ImportBatch.Status.APPLIED,
                ImportBatch.Status.FAILED)
_MULTIPART_SLACK = 64 * 1024  # form fields and boundaries around the file
_VIEWS = {"berubah": ImportRow.Outcome.CHANGED, "galat": ImportRow.Outcome.INVALID,
          "baru": ImportRow.Outcome.NEW}


def _importer_or_404(user) -> None:
    if not may_import_employees(user):
        raise Http404


def get_batch_for_user_or_404(user, batch_id) -> ImportBatch:
    _importer_or_404(user)
    batch = ImportBatch.objects.visible_to(user).filter(pk=batch_id).first()
    if batch is None:
        raise Http404
    return batch


@csrf_exempt  # checked below, after the size: the token is in the body we refuse to read
def import_list(request):
    """My imports and the upload form."""
    _importer_or_404(request.user)
    if request.method == "POST":
        length = int(request.META.get("CONTENT_LENGTH") or 0)
        if length > MAX_FILE_BYTES + _MULTIPART_SLACK:
            return _list_page(request, UploadForm(), error=too_large_message(length), status=413)
    return _import_list_checked(request)


@csrf_protect
def _import_list_checked(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = import_upload(actor=request.user, upload=form.cleaned_data["file"])
        except ImportRefused as error:
            return _list_page(request, form, error=str(error), status=200)
        if batch.status == ImportBatch.Status.NEEDS_COLUMNS:
            return redirect("integrations:import_columns", batch_id=batch.pk)
        return redirect("jobs:detail", job_id=batch.preview_job)
    return _list_page(request, form)


def _list_page(request, form, *, error: str = "", status: int = 200):
    batches = ImportBatch.objects.visible_to(request.user).select_related("owner")[:30]
    return render(request, "integrations/import_list.html", {
        "form": form, "error": error, "batches": batches,
        "can_map": may_map_references(request.user),
    }, status=status)


def import_columns(request, batch_id):
    """Map the headers no layout knows, once; then the preview starts."""
    batch = get_batch_for_user_or_404(request.user, batch_id)
    if batch.status != ImportBatch.Status.NEEDS_COLUMNS:
        return redirect("integrations:import_detail", batch_id=batch.pk)
    form = ColumnsForm(request.POST or None, headers=batch.unknown_columns,
                       cells=batch.header, remembered=remembered_columns())
    if request.method == "POST" and form.is_valid():
        try:
            import_columns_save(batch=batch, actor=request.user, mapping=form.mapping())
        except ImportRefused as error:
            messages.error(request, str(error))
            return redirect("integrations:import_columns", batch_id=batch.pk)
        return redirect("jobs:detail", job_id=batch.preview_job)
    return render(request, "integrations/import_columns.html", {
        "batch": batch, "form": form, "missing": _missing_columns(batch)})


def _missing_columns(batch: ImportBatch) -> list[str]:
    """The required columns the file lacks until its unknown headers are mapped."""
    try:
        return missing_columns(read_header(batch.header, remembered_columns()).columns)
    except ExportFileError:
        return []


def _field_label(name: str) -> str:
    try:
        return str(Employee._meta.get_field(name).verbose_name)
    except Exception:  # noqa: BLE001 - a stored name from an older version
        return name


def _settle(batch: ImportBatch) -> ImportBatch:
    """A job cancelled while still queued never ran its handler: the batch
    learns of the cancel here."""
    job_id = {ImportBatch.Status.PREVIEWING: batch.preview_job,
              ImportBatch.Status.APPLYING: batch.apply_job}.get(batch.status)
    job = Job.objects.filter(pk=job_id, status=JobStatus.CANCELLED).first() if job_id else None
    return import_cancelled(batch=batch, job=job) if job is not None else batch


def import_detail(request, batch_id):
    """The preview (before apply) or the result (after): counts and the rows."""
    batch = _settle(get_batch_for_user_or_404(request.user, batch_id))
    phase = ImportRow.Phase.APPLY if batch.status in APPLY_STATES else ImportRow.Phase.PREVIEW
    view = request.GET.get("tampil", "galat" if batch.invalid else "berubah")
    outcome = _VIEWS.get(view, ImportRow.Outcome.INVALID)
    rows = batch.rows.filter(phase=phase, outcome=outcome).order_by("number")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    for row in page:
        row.changes = [(_field_label(name), old, new) for name, old, new in row.diff]
    return render(request, "integrations/import_detail.html", {
        "batch": batch, "phase": phase, "page": page, "view": view,
        "query": f"tampil={view}", "form": ApplyForm(), "Status": ImportBatch.Status,
        "tabs": [("galat", _("Invalid rows")), ("berubah", _("Changed rows")),
                 ("baru", _("New rows"))],
        "has_errors": batch.rows.filter(phase=phase, outcome=ImportRow.Outcome.INVALID)
        .exists(),
    })


@require_POST
def import_apply(request, batch_id):
    batch = get_batch_for_user_or_404(request.user, batch_id)
    form = ApplyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose how to import."))
        return redirect("integrations:import_detail", batch_id=batch.pk)
    try:
        batch = import_apply_start(batch=batch, actor=request.user,
                                   mode=form.cleaned_data["mode"])
    except ImportRefused as error:
        messages.error(request, str(error))
        return redirect("integrations:import_detail", batch_id=batch.pk)
    return redirect("jobs:detail", job_id=batch.apply_job)


@require_POST
def import_preview_again_view(request, batch_id):
    """A cancelled import: judge the file again."""
    batch = get_batch_for_user_or_404(request.user, batch_id)
    try:
        batch = import_preview_again(batch=batch, actor=request.user)
    except ImportRefused as error:
        messages.error(request, str(error))
        return redirect("integrations:import_detail", batch_id=batch.pk)
    return redirect("jobs:detail", job_id=batch.preview_job)


def import_errors(request, batch_id):
    """The refused rows as .xlsx: row, column, reason and the original cells."""
    batch = get_batch_for_user_or_404(request.user, batch_id)
    phase = request.GET.get("tahap", ImportRow.Phase.PREVIEW)
    if phase not in ImportRow.Phase.values:
        raise Http404
    response = HttpResponse(
        error_report_xlsx(batch, phase),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", batch.filename.rsplit(".", 1)[0])[:60] or "impor"
    response["Content-Disposition"] = f'attachment; filename="galat-{stem}.xlsx"'
    return response


# --- the SIASN reference mapping ----------------------------------------------------------

def _mapper_or_404(user) -> None:
    if not may_map_references(user):
        raise Http404


def mapping_list(request):
    _mapper_or_404(request.user)
    kind = request.GET.get("jenis", "")
    mappings = ReferenceMapping.objects.select_related(
        "unit", "education_level", "functional_position", "updated_by")
    if kind in ReferenceMapping.Kind.values:
        mappings = mappings.filter(kind=kind)
    if request.GET.get("belum"):
        mappings = mappings.filter(source=ReferenceMapping.Source.UNMATCHED)
    page = Paginator(mappings, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "integrations/mapping_list.html", {
        "page": page, "kind": kind, "kinds": ReferenceMapping.Kind.choices,
        "unmatched_only": bool(request.GET.get("belum")),
        "query": f"jenis={kind}" + ("&belum=1" if request.GET.get("belum") else ""),
    })


def mapping_edit(request, mapping_id):
    _mapper_or_404(request.user)
    mapping = ReferenceMapping.objects.filter(pk=mapping_id).first()
    if mapping is None:
        raise Http404
    form = ReferenceMappingForm(request.POST or None, instance=mapping)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.fields}
        mapping.refresh_from_db()  # the form changed the instance; the service writes
        reference_mapping_save(mapping=mapping, actor=request.user, values=values)
        messages.success(request, _("Mapping saved; the next imports use it."))
        return redirect("integrations:mapping_list")
    return render(request, "integrations/mapping_edit.html", {"mapping": mapping, "form": form})


# --- the JF reference (its own BUP), kept beside the mapping ------------------------------

def functional_position_list(request):
    _mapper_or_404(request.user)
    page = Paginator(FunctionalPosition.objects.order_by("name", "code"),
                     PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "integrations/functional_position_list.html", {"page": page})


def functional_position_edit(request, position_id=None):
    """Add a JF (no id) or correct one; the BUP counts in every report at once."""
    _mapper_or_404(request.user)
    position = None
    if position_id is not None:
        position = FunctionalPosition.objects.filter(pk=position_id).first()
        if position is None:
            raise Http404
    form = FunctionalPositionForm(request.POST or None, instance=position)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.fields}
        if position is not None:
            position.refresh_from_db()  # the form changed the instance; the service writes
        functional_position_save(position=position, actor=request.user, values=values)
        messages.success(request, _("Functional position saved; reports use its BUP."))
        return redirect("integrations:functional_position_list")
    return render(request, "integrations/functional_position_edit.html",
                  {"position": position, "form": form})
