"""The upload form the records and change-request pages embed.

It runs the same checks as ``document_store`` (one size limit, content
sniffing, structural check), so a bad file is refused next to the field
before anything is written.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from smart.documents.files import ACCEPTED_KINDS, check_document_file, format_size
from smart.documents.models import DocumentType


class DocumentUploadForm(forms.Form):
    document_type = forms.ModelChoiceField(
        label=_("Document type"), queryset=DocumentType.objects.none(),
    )
    file = forms.FileField(label=_("File"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document_type"].queryset = DocumentType.objects.active()
        limit = settings.SMART_DOCUMENT_MAX_BYTES
        self.fields["file"].help_text = _("PDF, JPEG or PNG, at most %(limit)s.") % {
            "limit": format_size(limit)}
        self.fields["file"].widget.attrs["accept"] = ",".join(
            [f".{ext}" for kind in ACCEPTED_KINDS.values() for ext in sorted(kind.extensions)]
            + list(ACCEPTED_KINDS))
        self.fields["file"].widget.attrs["data-max-bytes"] = str(limit)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("file") and not cleaned.get("document_type"):
            self.add_error("document_type", "Pilih jenis dokumen untuk berkas yang dilampirkan.")
        return cleaned

    def clean_file(self):
        uploaded_file = self.cleaned_data["file"]
        if uploaded_file:  # optional where the page says so (e.g. a removal)
            check_document_file(uploaded_file)
        return uploaded_file
