"""The unread count for the bell in the top bar."""

from smart.notifications.models import Notification


def unread_count(request) -> dict[str, int]:
    # Error pages for requests refused before authentication have no user.
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_notifications": 0}
    return {"unread_notifications": Notification.objects.for_user(user).unread().count()}
