"""Requests about a record kind the reader's field classes hide (discipline
records, ``access.fields.KIND_CLASSES``) stay out of every page and message
that would show them, as the request's own page and the API already keep
them out (``ChangeRequestQuerySet.without_hidden_kinds``)."""

import datetime

import pytest
from django.urls import reverse

from smart.access.models import Access, FieldClass, FieldGrant, Role, RoleAssignment
from smart.changes.models import Action, ChangeRequest, Stage
from smart.changes.notices import notify_move, remind_due_requests
from smart.notifications.models import Notification
from tests.personas import make_user

pytestmark = pytest.mark.django_db

LONG_AGO = datetime.date(2020, 1, 2)


def _request(cast, kind: str, **fields) -> ChangeRequest:
    return ChangeRequest.objects.create(
        employee=cast.employee_record, kind=kind, action=Action.ADD,
        proposer=cast.employee, **fields)


def _hide_discipline_from(role: str) -> None:
    """The Pengelola SMART lowers a role's discipline access (``FieldGrant``)."""
    FieldGrant.objects.create(role=role, field_class=FieldClass.DISCIPLINE,
                              access=Access.NONE)


def test_the_unit_inbox_leaves_out_what_the_unit_admin_may_not_see(client, cast):
    _hide_discipline_from(Role.UNIT_ADMIN)
    hidden = _request(cast, "hukuman-disiplin", stage=Stage.SUBMITTED)
    shown = _request(cast, "orang-tua", stage=Stage.SUBMITTED)
    client.force_login(cast.admin_a)
    page = client.get(reverse("changes:inbox")).content.decode()
    assert reverse("changes:detail", args=[shown.pk]) in page
    assert reverse("changes:detail", args=[hidden.pk]) not in page
    assert "Hukuman disiplin" not in page
    # Neither its page nor a step on it: what the list leaves out is not reachable.
    assert client.get(reverse("changes:detail", args=[hidden.pk])).status_code == 404
    response = client.post(reverse("changes:move", args=[hidden.pk]), {"move": "forward"})
    assert response.status_code == 404
    assert ChangeRequest.objects.get(pk=hidden.pk).stage == Stage.SUBMITTED
    # The employee who proposed it still finds it among their proposals.
    client.force_login(cast.employee)
    mine = client.get(reverse("changes:mine")).content.decode()
    assert reverse("changes:detail", args=[hidden.pk]) in mine


def test_nobody_is_told_about_a_request_hidden_from_them(cast):
    _hide_discipline_from(Role.UNIT_ADMIN)
    hidden = _request(cast, "hukuman-disiplin", stage=Stage.SUBMITTED,
                      forward_deadline=LONG_AGO, close_deadline=LONG_AGO)
    shown = _request(cast, "orang-tua", stage=Stage.SUBMITTED,
                     forward_deadline=LONG_AGO, close_deadline=LONG_AGO)
    notify_move(hidden, "submit")
    notify_move(shown, "submit")
    remind_due_requests()
    told = list(Notification.objects.filter(user=cast.admin_a).values_list("message", "url"))
    assert told and all(f"#{hidden.pk} " not in message for message, _ in told)
    assert reverse("changes:detail", args=[hidden.pk]) not in [url for _, url in told]
    assert any(f"#{shown.pk} " in message for message, _ in told)


def test_the_verifier_queue_keeps_what_verifiers_always_see(client, cast):
    """Verifiers' field classes are locked to full (D-3): the same rule leaves
    their queue whole."""
    _hide_discipline_from(Role.UNIT_ADMIN)
    change = _request(cast, "hukuman-disiplin", stage=Stage.VERIFICATION)
    client.force_login(cast.verifier)
    page = client.get(reverse("changes:queue")).content.decode()
    assert reverse("changes:detail", args=[change.pk]) in page


def test_deadline_monitoring_counts_a_hidden_request_without_listing_it(client, cast):
    """An HR manager of Disdik who is also in the leadership reads every unit
    (the leadership's scope) but discipline records only in Disdik: a late
    discipline request about a Dinkes employee is counted, not shown."""
    reader = make_user("kepeg_pimpinan", Role.HR_MANAGER, "DISDIK")
    RoleAssignment.objects.create(user=reader, role=Role.LEADERSHIP)
    hidden = _request(cast, "hukuman-disiplin", stage=Stage.SUBMITTED,
                      forward_deadline=LONG_AGO, close_deadline=LONG_AGO)
    shown = _request(cast, "orang-tua", stage=Stage.SUBMITTED,
                     forward_deadline=LONG_AGO, close_deadline=LONG_AGO)
    client.force_login(reader)
    response = client.get(reverse("changes:oversight"))
    page = response.content.decode()
    assert reverse("changes:detail", args=[shown.pk]) in page
    assert reverse("changes:detail", args=[hidden.pk]) not in page
    assert "Hukuman disiplin" not in page
    assert response.context["page"].paginator.count == 1
    assert response.context["late_total"] == 2
    assert response.context["late_unlisted"] == 1
    assert "1 usulan terlambat tentang data yang tidak ditampilkan" in page
    # The system manager sees discipline records: both are listed.
    client.force_login(cast.system_manager)
    page = client.get(reverse("changes:oversight")).content.decode()
    assert reverse("changes:detail", args=[hidden.pk]) in page
