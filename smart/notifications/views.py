"""The user's own notifications: list, open (marks read), mark all read."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from smart.notifications.models import Notification, get_notification_for_user_or_404
from smart.notifications.services import notification_mark_read, notifications_mark_all_read

PAGE_SIZE = 25


def _is_local_path(url: str) -> bool:
    """Only a path on this site is followed: "//host", "/\\host" and any
    scheme are refused, so a stored link can never send users elsewhere."""
    return url.startswith("/") and url_has_allowed_host_and_scheme(url, allowed_hosts=None)


def notification_list(request):
    notifications = Notification.objects.for_user(request.user)
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "notifications/notification_list.html", {"page": page})


def notification_open(request, pk: int):
    # GET too: the list links here, and a link must work without a form.
    notification = get_notification_for_user_or_404(request.user, pk)
    notification_mark_read(user=request.user, notification=notification)
    if _is_local_path(notification.url):
        return redirect(notification.url)
    return redirect("portal:home")


@require_POST
def notifications_mark_all(request):
    count = notifications_mark_all_read(user=request.user)
    if count:
        messages.success(request, _("All notifications are marked as read."))
    return redirect("notifications:list")
