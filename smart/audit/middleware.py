"""Sets the audit context (client address, request id) for each request and
echoes the request id as ``X-Request-ID``, so a user's report of an error can
be matched to the audit events and server logs of that request."""

from axes.helpers import get_client_ip_address

from smart.audit import context

REQUEST_ID_HEADER = "X-Request-ID"


def client_ip(request) -> str:
    """The client address by the sign-in lockout's rule (decision 47):
    ``REMOTE_ADDR`` unless ``SMART_PROXY_COUNT`` proxies stand in front, then
    the n-th ``X-Forwarded-For`` entry from the right. Calling django-axes' own
    helper keeps the two from ever disagreeing."""
    return (get_client_ip_address(request) or "")[:45]


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = context.request_id_from(request.headers.get(REQUEST_ID_HEADER))
        request.request_id = request_id
        token = context.enter(context.RequestContext(ip=client_ip(request),
                                                     request_id=request_id))
        try:
            response = self.get_response(request)
        finally:
            context.leave(token)
        response[REQUEST_ID_HEADER] = request_id
        return response
