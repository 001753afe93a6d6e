"""Error answers of the API: JSON in Indonesian and English, never a page.

Every 4xx has the same body (``Error``): a stable code for programs and the
message in both languages for the people who read the logs of the other
system. Bad input never reaches a 500: malformed JSON and oversized bodies
are 400/413, wrong types and unknown fields 422, ids out of scope 404.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from smart.api.auth import SecondFactorMissing, WriteNotAllowed
from smart.api.pagination import CursorUnknown
from smart.api.parser import NUL_ERROR, NulCharacter
from smart.changes.services import MoveRefused

MESSAGES = {
    "bad_request": ("Permintaan tidak dapat dibaca (JSON tidak sah).",
                    "The request could not be read (invalid JSON)."),
    "too_large": ("Isi permintaan terlalu besar.", "The request body is too large."),
    "storage_full": ("Penyimpanan dokumen sedang penuh; tidak ada yang disimpan. Coba lagi "
                     "nanti.", "Document storage is full; nothing was saved. Try again later."),
    "too_many_fields": ("Permintaan memuat terlalu banyak isian.",
                        "The request has too many fields."),
    "invalid": ("Data yang dikirim tidak sesuai skema.",
                "The data sent does not match the schema."),
    "unauthenticated": ("Masuk dulu, atau kirim kunci API yang berlaku.",
                        "Sign in, or send a valid API key."),
    "second_factor": ("Masukkan kode masuk (faktor kedua) di halaman SMART terlebih dahulu.",
                      "Enter the sign-in code (second factor) on the SMART pages first."),
    "forbidden": ("Anda tidak berwenang melakukan ini.", "You are not allowed to do this."),
    "csrf": ("Token CSRF tidak ada atau tidak cocok.", "The CSRF token is missing or wrong."),
    "write_not_allowed": ("Kunci API ini tidak boleh mengirim data.",
                          "This API key may not send data."),
    "not_found": ("Data tidak ditemukan.", "Not found."),
    "cursor_unknown": ("Kursor halaman tidak dikenal; mulai lagi dari halaman pertama.",
                       "Unknown page cursor; start again from the first page."),
    "refused": ("Permintaan ditolak.", "The request was refused."),
}


class Message(Schema):
    id: str
    en: str


class Error(Schema):
    code: str
    message: Message
    detail: list[dict[str, Any]] = []


ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 413: Error, 422: Error,
          507: Error}


def error_body(code: str, detail: list | None = None, *, message_id: str = "") -> dict:
    text_id, text_en = MESSAGES[code]
    return {"code": code, "message": {"id": message_id or text_id, "en": text_en},
            "detail": detail or []}


def _plain(errors: list[dict]) -> list[dict]:
    """pydantic's errors without the input values (they may be personal data)."""
    return [{"loc": [str(part) for part in e.get("loc", ())], "type": str(e.get("type", "")),
             "msg": str(e.get("msg", ""))} for e in errors]


def install(api) -> None:
    def answer(request, status: int, code: str, detail=None, message_id: str = ""):
        return api.create_response(request, error_body(code, detail, message_id=message_id),
                                   status=status)

    @api.exception_handler(ValidationError)
    def invalid(request, exc):
        return answer(request, 422, "invalid", _plain(exc.errors))

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        return answer(request, 401, "unauthenticated")

    @api.exception_handler(SecondFactorMissing)
    def second_factor(request, exc):
        return answer(request, 401, "second_factor")

    @api.exception_handler(WriteNotAllowed)
    def write_not_allowed(request, exc):
        return answer(request, 403, "write_not_allowed")

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return answer(request, 404, "not_found")

    @api.exception_handler(CursorUnknown)
    def cursor_unknown(request, exc):
        return answer(request, 404, "cursor_unknown")

    @api.exception_handler(MoveRefused)
    def move_refused(request, exc):
        return answer(request, 403, "refused", message_id=str(exc))

    @api.exception_handler(DjangoValidationError)
    def refused(request, exc):
        return answer(request, 422, "invalid", [{"msg": m} for m in exc.messages])

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        if isinstance(exc.__cause__, RequestDataTooBig):
            return answer(request, 413, "too_large")
        if isinstance(exc.__cause__, NulCharacter):
            return answer(request, 422, "invalid", [NUL_ERROR])
        if exc.status_code == 403 and "CSRF" in str(exc):
            return answer(request, 403, "csrf")
        code = {400: "bad_request", 401: "unauthenticated", 403: "forbidden",
                404: "not_found"}.get(exc.status_code, "refused")
        return answer(request, exc.status_code, code)
