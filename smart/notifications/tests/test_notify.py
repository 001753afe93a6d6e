"""notify: one row per distinct active recipient, e-mail only after commit."""

from contextlib import suppress

import pytest
from django.core import mail
from django.db import transaction

from smart.notifications.models import Notification
from smart.notifications.services import (
    notification_mark_read,
    notifications_mark_all_read,
    notify,
)

pytestmark = pytest.mark.django_db

MESSAGE = "Usulan #12 (pangkat) menunggu penerusan ke verifikator."


@pytest.fixture
def people(cast):
    cast.admin_a.email = "admin.dinkes@example.test"
    cast.admin_a.save()
    cast.verifier.email = "verifikator@example.test"
    cast.verifier.save()
    return cast


def test_it_creates_one_notification_per_distinct_recipient(people,
                                                            django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        count = notify(users=[people.admin_a, people.verifier, people.admin_a, None],
                       message=MESSAGE, url="/usulan/12/")
    assert count == 2
    assert sorted(Notification.objects.values_list("user__username", flat=True)) == [
        "admin_dinkes", "verifikator"]
    assert Notification.objects.unread().count() == 2


def test_it_skips_inactive_users(people, django_capture_on_commit_callbacks):
    people.verifier.is_active = False
    people.verifier.save()
    with django_capture_on_commit_callbacks(execute=True):
        count = notify(users=[people.admin_a, people.verifier], message=MESSAGE, url="/")
    assert count == 1
    assert [m.to for m in mail.outbox] == [["admin.dinkes@example.test"]]


def test_a_dedup_key_tells_each_user_once(people, django_capture_on_commit_callbacks):
    key = "reminder:request-12:2026-03-02"
    with django_capture_on_commit_callbacks(execute=True):
        first = notify(users=[people.admin_a], message=MESSAGE, url="/", dedup_key=key)
        again = notify(users=[people.admin_a, people.verifier], message=MESSAGE, url="/",
                       dedup_key=key)
    assert (first, again) == (1, 1)
    assert Notification.objects.filter(user=people.admin_a).count() == 1
    assert [m.to for m in mail.outbox] == [["admin.dinkes@example.test"],
                                           ["verifikator@example.test"]]


def test_without_a_dedup_key_the_same_message_may_come_again(people):
    notify(users=[people.admin_a], message=MESSAGE, url="/")
    notify(users=[people.admin_a], message=MESSAGE, url="/")
    assert Notification.objects.filter(user=people.admin_a).count() == 2


def test_e_mail_goes_out_only_after_commit(people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        notify(users=[people.admin_a, people.verifier, people.employee], message=MESSAGE,
               url="/usulan/12/", email_subject="Usulan #12 menunggu Anda")
        assert mail.outbox == []
    assert len(callbacks) == 1
    callbacks[0]()
    # One message per recipient with an address; the employee has none.
    assert sorted(m.to[0] for m in mail.outbox) == ["admin.dinkes@example.test",
                                                    "verifikator@example.test"]
    sent = mail.outbox[0]
    assert sent.subject == "[SMART] Usulan #12 menunggu Anda"
    assert sent.from_email == "SMART Kuantan Singingi <smart@kuansing.go.id>"
    assert MESSAGE in sent.body and "/usulan/12/" in sent.body


def test_the_subject_defaults_to_the_message(people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify(users=[people.admin_a], message=MESSAGE, url="/")
    assert mail.outbox[0].subject == f"[SMART] {MESSAGE}"


def test_a_rolled_back_transaction_sends_nothing(people, django_capture_on_commit_callbacks):
    with (django_capture_on_commit_callbacks(execute=True) as callbacks,
          suppress(RuntimeError), transaction.atomic()):
        notify(users=[people.admin_a], message=MESSAGE, url="/")
        raise RuntimeError("the move failed")
    assert callbacks == []
    assert mail.outbox == []
    assert not Notification.objects.exists()


def test_a_failing_mail_server_does_not_break_the_committed_work(
        people, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "smart.notifications.tests.test_notify.BrokenBackend"
    with django_capture_on_commit_callbacks(execute=True):
        assert notify(users=[people.admin_a], message=MESSAGE, url="/") == 1
    assert Notification.objects.filter(user=people.admin_a).exists()


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("no mail server")


def test_mark_read_keeps_the_first_reading_time(people):
    notify(users=[people.admin_a], message=MESSAGE, url="/")
    notification = Notification.objects.get()
    notification_mark_read(user=people.admin_a, notification=notification)
    first = Notification.objects.get().read_at
    assert first is not None
    notification_mark_read(user=people.admin_a, notification=Notification.objects.get())
    assert Notification.objects.get().read_at == first


def test_only_the_recipient_marks_a_notification_read(people):
    notify(users=[people.admin_a], message=MESSAGE, url="/")
    with pytest.raises(PermissionError):
        notification_mark_read(user=people.verifier, notification=Notification.objects.get())
    assert Notification.objects.get().read_at is None


def test_mark_all_read_touches_only_the_users_own(people):
    notify(users=[people.admin_a, people.verifier], message=MESSAGE, url="/")
    notify(users=[people.admin_a], message=MESSAGE, url="/")
    assert notifications_mark_all_read(user=people.admin_a) == 2
    assert Notification.objects.unread().get().user == people.verifier


def test_the_e_mail_link_is_a_full_address(people, settings, django_capture_on_commit_callbacks):
    """User test: a path alone is not clickable in a mail client."""
    settings.SMART_SITE_URL = "https://smart.kuansing.go.id/"
    with django_capture_on_commit_callbacks(execute=True):
        notify(users=[people.admin_a], message=MESSAGE, url="/usulan/7/")
    assert "https://smart.kuansing.go.id/usulan/7/" in mail.outbox[0].body
