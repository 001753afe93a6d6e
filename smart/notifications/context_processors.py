"""The unread count for the bell in the top bar."""

from smart.notifications.models import unread_count_for_bell


def unread_count(request) -> dict[str, int]:
    # Error pages for requests refused before authentication have no user.
    return {"unread_notifications": unread_count_for_bell(getattr(request, "user", None))}
