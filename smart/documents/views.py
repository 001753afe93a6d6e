"""Downloading a supporting document: the only way a stored file leaves the server."""

from django.http import FileResponse, Http404
from django.views.decorators.http import require_GET

from smart.documents.models import get_document_for_user_or_404
from smart.documents.services import document_open


@require_GET
def document_download(request, uuid):
    document = get_document_for_user_or_404(request.user, uuid)
    try:
        stream = document_open(document=document, actor=request.user)
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(stream, as_attachment=True, filename=document.original_name,
                            content_type=document.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
