"""The sidebar: entries depend on the user's roles (computed once per request)."""

from smart.portal.navigation import navigation_for


def navigation(request):
    return {"nav_items": navigation_for(request.user, request.path)}
