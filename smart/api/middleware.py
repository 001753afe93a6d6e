"""Oversized API bodies are refused before any middleware reads them."""

from django.conf import settings
from django.http import JsonResponse

from smart.api.errors import error_body


class BodySizeLimitMiddleware:
    """An API request whose declared body exceeds ``DATA_UPLOAD_MAX_MEMORY_SIZE``
    gets the API's JSON 413 — otherwise the first middleware that reads the
    body turns Django's RequestDataTooBig into the HTML 400 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/api/"):
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
            is_upload = request.content_type == "multipart/form-data"
            if limit is not None and length > limit and not is_upload:
                return JsonResponse(error_body("too_large"), status=413)
        return self.get_response(request)
