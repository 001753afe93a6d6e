"""Requests refused before any view runs: oversized API bodies, and a NUL
character in the path or query string (pages and API alike)."""

from urllib.parse import unquote

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import JsonResponse
from django.urls import get_resolver

from smart.api.errors import error_body
from smart.api.parser import NUL_ERROR
from smart.documents.middleware import upload_parse_failed_full


class BodySizeLimitMiddleware:
    """An API request whose declared body exceeds ``DATA_UPLOAD_MAX_MEMORY_SIZE``
    gets the API's JSON 413 — otherwise the first middleware that reads the
    body turns Django's RequestDataTooBig into the HTML 400 page. A form body
    (multipart, with files) is parsed here for the same reason."""

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
            if request.method == "POST" and request.content_type in FORM_TYPES:
                refused = _form_refusal(request)
                if refused is not None:
                    return refused
        return self.get_response(request)


FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")


def _form_refusal(request) -> JsonResponse | None:
    """Parse a form body here, where its refusals can still be the API's JSON:
    a field over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (a file may be larger) is 413,
    more than ``DATA_UPLOAD_MAX_NUMBER_FIELDS`` fields 400. Django raises both
    on the first read of ``request.POST``, which later turned them into the
    HTML 400 page. A full disk while a large upload is spooled is 507."""
    try:
        if upload_parse_failed_full(request):
            return JsonResponse(error_body("storage_full"), status=507)
    except RequestDataTooBig:
        return JsonResponse(error_body("too_large"), status=413)
    except TooManyFieldsSent:
        return JsonResponse(error_body("too_many_fields"), status=400)
    return None


class NulCharacterMiddleware:
    """A NUL (``%00``) in the path or a query parameter is refused: PostgreSQL
    cannot compare text holding NUL, so a filter such as ``?q=a%00`` would
    otherwise end in psycopg's ``DataError`` and a 500. The API answers its
    JSON 422, the pages their 400 page. Bodies are checked where they are read:
    Django's form fields refuse NUL, and so does the API's parser."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if "\x00" in request.path or "\x00" in unquote(query):
            if request.path.startswith("/api/"):
                detail = [{**NUL_ERROR, "loc": ["query"]}]
                return JsonResponse(error_body("invalid", detail), status=422)
            # The project's 400 page (handler400), as for any other bad request.
            return get_resolver().resolve_error_handler(400)(request)
        return self.get_response(request)
