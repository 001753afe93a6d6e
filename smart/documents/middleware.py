"""A full disk while an upload is still being received.

Django writes an upload over ``FILE_UPLOAD_MAX_MEMORY_SIZE`` (2.5 MB) to
``FILE_UPLOAD_TEMP_DIR`` while it parses the body, at the first read of
``request.POST`` (the CSRF check) — before any view, so ``document_store``
cannot explain a full disk there: it was an ``OSError`` and the 500 page.
"""

from __future__ import annotations

import contextlib

from django.conf import settings
from django.shortcuts import render

from smart.documents.services import STORAGE_FULL


def upload_parse_failed_full(request) -> bool:
    """Read a multipart body now; whether the disk (quota, file-size limit) was
    full. What was spooled is removed; any other error is raised."""
    try:
        request.POST  # noqa: B018  (parsed once; the view reads the cached result)
    except OSError as error:
        if error.errno not in STORAGE_FULL:
            raise
        for handler in request.upload_handlers:
            spooled = getattr(handler, "file", None)
            if spooled is not None:
                with contextlib.suppress(OSError):
                    spooled.close()  # a temporary upload file deletes itself on close
        return True
    return False


# Room for the multipart boundaries and the other fields beside the largest file.
SLACK = 1024 * 1024


def _declared_length(request) -> int:
    """A body declared bigger than any upload SMART takes is left unread: its view
    refuses it (413) before reading it (the import's page)."""
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


class UploadStorageFullMiddleware:
    """The pages' answer: the 507 page with ``document_store``'s message
    (nothing was saved, try again later). The API answers its JSON 507 from
    ``api.middleware.BodySizeLimitMiddleware``, which reads API bodies first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (request.method == "POST" and request.content_type == "multipart/form-data"
                and _declared_length(request) <= settings.SMART_LARGEST_UPLOAD_BYTES + SLACK
                and upload_parse_failed_full(request)):
            return render(request, "errors/507.html", status=507)
        return self.get_response(request)
