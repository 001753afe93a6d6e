"""Where an audit event comes from: the client address and the request id of
the request being served, kept in a context variable by
``smart.audit.middleware.RequestContextMiddleware`` so that ``audit_record``
fills them in without every service passing the request down."""

from __future__ import annotations

import contextvars
import re
import uuid
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    ip: str = ""
    request_id: str = ""


NO_REQUEST = RequestContext()
_current: contextvars.ContextVar[RequestContext] = contextvars.ContextVar(
    "smart_audit_request", default=NO_REQUEST)

# A request id from a proxy is kept only if it is a plain token: it is echoed in
# a header and stored in the log, so no spaces, CR/LF or markup get through.
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{7,63}")


def request_id_from(header: str | None) -> str:
    """The ``X-Request-ID`` sent by a proxy if it is a sane token, else a new uuid4."""
    if header and SANE_REQUEST_ID.fullmatch(header):
        return header
    return str(uuid.uuid4())


def current() -> RequestContext:
    return _current.get()


def enter(context: RequestContext) -> contextvars.Token:
    return _current.set(context)


def leave(token: contextvars.Token) -> None:
    _current.reset(token)
