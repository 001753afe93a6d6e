"""The versioned JSON API, ``/api/v1/`` (R-INT, Perbup 35/2020 Pasal 25; D-7).

OpenAPI 3.1 at ``/api/v1/openapi.json`` and Swagger UI at ``/api/v1/docs``,
both for signed-in people and served from SMART's own static files (no CDN:
``ninja`` is in ``INSTALLED_APPS``). The endpoints answer to a browser session
or an API key (``smart.api.auth``).
"""

from __future__ import annotations

from ninja import NinjaAPI

from smart.api import catalogue, change_requests, employees, errors, receivers, reports
from smart.api.auth import AUTH, people_or_keys
from smart.api.parser import NulRefusingParser

api = NinjaAPI(
    title="SMART API",
    version="1",
    description=(
        "Sistem Manajemen Aparatur Terpadu, Kabupaten Kuantan Singingi. Other systems "
        "authenticate with an API key (`Authorization: Bearer smart_…`) issued by the "
        "Super Administrator; the pages' session works for signed-in people. Every error "
        "is JSON with a `code` and the message in Indonesian (`id`) and English (`en`)."
    ),
    auth=AUTH,
    urls_namespace="api",
    docs_decorator=people_or_keys,
    parser=NulRefusingParser(),
)
errors.install(api)
api.add_router("", employees.router)
api.add_router("", catalogue.router)
api.add_router("", change_requests.router)
api.add_router("", receivers.router)
api.add_router("", reports.router)
