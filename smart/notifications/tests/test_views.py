"""The list, opening a notification, marking all read, and the bell."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from smart.notifications.context_processors import unread_count
from smart.notifications.models import BELL_LIMIT, Notification, unread_count_for_bell
from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db


def note(user, message="Usulan #7 menunggu verifikasi.", url="/usulan/7/"):
    return Notification.objects.create(user=user, message=message, url=url)


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def test_the_list_shows_only_the_users_own_notifications(client, cast):
    note(cast.admin_a, "Untuk admin Dinkes")
    note(cast.verifier, "Untuk verifikator")
    login(client, cast.admin_a)
    page = client.get(reverse("notifications:list")).content.decode()
    assert "Untuk admin Dinkes" in page
    assert "Untuk verifikator" not in page


def test_the_list_is_newest_first_and_highlights_unread(client, cast):
    older = note(cast.admin_a, "Pesan lama")
    older.read_at = older.created_at
    older.save()
    note(cast.admin_a, "Pesan baru")
    login(client, cast.admin_a)
    response = client.get(reverse("notifications:list"))
    page = response.content.decode()
    assert page.index("Pesan baru") < page.index("Pesan lama")
    assert page.count("list-group-item-success") == 1
    assert reverse("notifications:mark_all") in page


def test_opening_marks_read_and_follows_the_link(client, cast):
    notification = note(cast.admin_a)
    login(client, cast.admin_a)
    response = client.get(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 302 and response.url == "/usulan/7/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_opening_works_by_post_too(client, cast):
    notification = note(cast.admin_a)
    login(client, cast.admin_a)
    response = client.post(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 302 and response.url == "/usulan/7/"


def test_another_users_notification_is_a_404_and_stays_unread(client, cast):
    notification = note(cast.verifier)
    login(client, cast.admin_a)
    response = client.get(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


@pytest.mark.parametrize("url", ["https://evil.example/", "//evil.example/",
                                 "/\\evil.example/", "javascript:alert(1)", "usulan/7/", ""])
def test_a_link_off_the_site_is_not_followed(client, cast, url):
    notification = note(cast.admin_a, url=url)
    login(client, cast.admin_a)
    response = client.get(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 302
    assert response.url == reverse("portal:home")


def test_mark_all_read(client, cast):
    note(cast.admin_a)
    note(cast.admin_a)
    theirs = note(cast.verifier)
    login(client, cast.admin_a)
    response = client.post(reverse("notifications:mark_all"))
    assert response.status_code == 302 and response.url == reverse("notifications:list")
    assert not Notification.objects.for_user(cast.admin_a).unread().exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_the_bell_count_is_one_query(cast, django_assert_num_queries):
    note(cast.admin_a)
    note(cast.admin_a)
    note(cast.verifier)
    request = RequestFactory().get("/")
    request.user = cast.admin_a
    with django_assert_num_queries(1):
        assert unread_count(request) == {"unread_notifications": 2}


def test_the_bells_statement_counts_what_the_queryset_counts(cast):
    """The bell's written-once statement against ``for_user().unread()``: the
    user's own unread rows only, read ones and another's left out, and a count
    that stops at BELL_LIMIT (the badge says "99+")."""
    def queryset_count(user):
        return min(Notification.objects.for_user(user).unread().count(), BELL_LIMIT)

    for user in (cast.admin_a, cast.verifier, cast.employee):
        assert unread_count_for_bell(user) == queryset_count(user) == 0
    note(cast.admin_a)
    read = note(cast.admin_a)
    Notification.objects.filter(pk=read.pk).update(read_at=timezone.now())
    note(cast.verifier)
    counts = {user: unread_count_for_bell(user)
              for user in (cast.admin_a, cast.verifier, cast.employee)}
    assert counts == {user: queryset_count(user) for user in counts}
    assert list(counts.values()) == [1, 1, 0]
    Notification.objects.bulk_create(
        Notification(user=cast.employee, message=f"Pengingat {number}")
        for number in range(BELL_LIMIT + 5))
    assert unread_count_for_bell(cast.employee) == queryset_count(cast.employee) == BELL_LIMIT
    assert unread_count_for_bell(AnonymousUser()) == 0


def test_the_bell_asks_nothing_for_anonymous_or_userless_requests(django_assert_num_queries):
    request = RequestFactory().get("/")
    with django_assert_num_queries(0):
        assert unread_count(request) == {"unread_notifications": 0}
        request.user = AnonymousUser()
        assert unread_count(request) == {"unread_notifications": 0}


def test_the_bell_shows_the_count_with_a_spoken_label(cast):
    context = {"user": cast.admin_a, "unread_notifications": 3}
    with translation.override("en"):
        html = render_to_string("notifications/_bell.html", context)
    assert reverse("notifications:list") in html
    assert 'aria-label="Notifications, 3 unread"' in html
    assert ">3</span>" in html


def test_a_bell_counted_to_its_limit_says_more_than_99_in_both_languages(cast):
    """The count stops at BELL_LIMIT: the badge and the spoken label say "99+",
    never "100 unread" for a user with thousands."""
    context = {"user": cast.admin_a, "unread_notifications": BELL_LIMIT}
    labels = {}
    for language in ("id", "en"):
        with translation.override(language):
            html = render_to_string("notifications/_bell.html", context)
        assert ">99+</span>" in html and " 100 " not in html
        labels[language] = html.split('aria-label="')[1].split('"')[0]
    assert labels == {"id": "Notifikasi, lebih dari 99 belum dibaca",
                      "en": "Notifications, more than 99 unread"}


def test_the_bell_hides_the_badge_when_nothing_is_unread(cast):
    with translation.override("en"):
        html = render_to_string("notifications/_bell.html",
                                {"user": cast.admin_a, "unread_notifications": 0})
    assert 'aria-label="Notifications"' in html
    assert "badge" not in html


def test_every_page_carries_the_count(client, cast):
    note(cast.admin_a)
    login(client, cast.admin_a)
    response = client.get(reverse("notifications:list"))
    assert response.context["unread_notifications"] == 1
