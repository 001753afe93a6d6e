"""The sidebar: entries depend on the user's roles (computed once per request)."""

from smart.portal.navigation import navigation_for


def navigation(request):
    # Error pages for requests refused before authentication (e.g. a bad Host
    # header) have no user: they get no sidebar rather than a second error.
    return {"nav_items": navigation_for(getattr(request, "user", None), request.path)}
