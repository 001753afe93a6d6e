"""Forms of the change-request pages."""

from __future__ import annotations

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from smart.changes.targets import Target
from smart.documents.forms import DocumentUploadForm
from smart.documents.models import DocumentType


class ProposalNoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note for the unit admin and the verifier"), max_length=1000, required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    # One key per form shown: sent twice, it makes one request (attack case 19b).
    kunci = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, required: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kunci"].initial = uuid.uuid4
        self.fields["note"].required = required
        if required:
            self.fields["note"].label = _("Reason for removing this entry")


class MoveForm(forms.Form):
    move = forms.CharField(max_length=20)
    note = forms.CharField(label=_("Note"), max_length=1000, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))


def proposal_document_form(target: Target, *args, required: bool, **kwargs):
    """The supporting-document upload, offering the target's document types."""
    form = DocumentUploadForm(*args, prefix="dokumen", **kwargs)
    form.fields["document_type"].queryset = DocumentType.objects.active().filter(
        code__in=target.document_types)
    form.fields["file"].required = required
    form.fields["document_type"].required = required
    return form
