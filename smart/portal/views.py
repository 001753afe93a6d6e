"""The home page and the friendly error pages."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.csrf import requires_csrf_token

from smart.access.models import Delegation, RoleAssignment
from smart.people.services import headcount_for


def home(request):
    assignments = (
        RoleAssignment.objects.in_force().filter(user=request.user).select_related("unit")
    )
    # Appointments the user takes part in, today or later (one query).
    delegations = (Delegation.objects.involving(request.user).filter(
        valid_to__gte=timezone.localdate(), ended_at__isnull=True)
        .select_related("holder", "acting").order_by("valid_from", "id"))
    return render(request, "portal/home.html", {
        "assignments": assignments,
        "delegations": delegations,
        "headcount": headcount_for(request.user),
        "own_employee": getattr(request.user, "employee", None),
    })


def _error(request, template: str, status: int):
    return render(request, template, status=status)


@login_not_required
@requires_csrf_token
def bad_request(request, exception=None):
    return _error(request, "errors/400.html", 400)


@login_not_required
@requires_csrf_token
def permission_denied(request, exception=None):
    return _error(request, "errors/403.html", 403)


@login_not_required
def csrf_failure(request, reason=""):
    """An expired or missing form token: SMART's own page, in Indonesian."""
    return render(request, "errors/403_csrf.html", status=403)


@login_not_required
@requires_csrf_token
def page_not_found(request, exception=None):
    return _error(request, "errors/404.html", 404)


@login_not_required
@requires_csrf_token
def server_error(request):
    # No context processors that query the database: the error may be the database.
    from django.http import HttpResponseServerError
    from django.template import loader

    return HttpResponseServerError(loader.get_template("errors/500.html").render())
