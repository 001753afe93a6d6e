"""Indonesian unless the user chose otherwise.

Django's LocaleMiddleware follows the browser's Accept-Language header, so a
PC set up in English would show SMART in English. The regulation's users
expect Indonesian by default: only the explicit choice (the language switch,
stored in the language cookie) changes it.
"""

from django.conf import settings
from django.http import HttpResponseNotAllowed
from django.utils import translation
from django.utils.cache import patch_vary_headers

from smart.audit.services import audit_record


class ChosenLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response


class HttpHygieneMiddleware:
    """Methods SMART does not serve get 405, and signed-in pages are never
    cached by the browser or a proxy (personal data must not linger)."""

    ALLOWED_METHODS = frozenset({"GET", "HEAD", "POST"})

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in self.ALLOWED_METHODS:
            return HttpResponseNotAllowed(sorted(self.ALLOWED_METHODS))
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if "Cache-Control" not in response:
                response["Cache-Control"] = "private, no-store"
            if response.status_code in (403, 404):
                # Every denial is on record (issue 5): an out-of-scope id looks like a
                # missing page to the user, but not to the auditor.
                audit_record(actor=user, action="access.request.denied", data={
                    "path": request.path[:300], "method": request.method,
                    "status": response.status_code})
        return response
