from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from smart.operations.health import health_status


@login_not_required
@never_cache
@require_GET
def health(request):
    """For the infrastructure monitor: 200 when healthy, 503 otherwise (no login)."""
    healthy, body = health_status()
    return JsonResponse(body, status=200 if healthy else 503)
