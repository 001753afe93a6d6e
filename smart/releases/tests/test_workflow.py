"""R-ROLE-1, Perbup 35/2020 Pasal 24(2), security.md Z8/Z9: a data release is
requested by its user and decided by the Pengelola SMART only, never by the
requester; each move is audited, notified and made once."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.messages import get_messages
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from smart.access.models import Role, RoleAssignment
from smart.audit.models import AuditEvent
from smart.notifications.models import Notification
from smart.releases.gate import export_from_token, export_token
from smart.releases.models import DataRelease, ReleaseStage
from smart.releases.policies import Export
from smart.releases.services import ReleaseRefused, release_move, release_request
from tests.personas import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def _export(cast, rows=1, specific=True):
    return Export(code="records.drh", label="DRH lengkap REKAN DINKES", rows=rows,
                  specific=specific, params={"employee": cast.colleague_a.pk},
                  url=reverse("records:drh_full", args=[cast.colleague_a.pk]))


def _request(cast, user=None):
    return release_request(requester=user or cast.verifier, export=_export(cast),
                           purpose="Bahan sidang Baperjakat.")


def _login(client, user):
    client.logout()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def _messages(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_a_request_is_recorded_audited_and_sent_to_the_smart_manager(cast):
    release = _request(cast)
    assert release.stage == ReleaseStage.REQUESTED
    assert release.export_params == {"employee": cast.colleague_a.pk}
    assert [e.to_stage for e in release.events.all()] == [ReleaseStage.REQUESTED]
    event = AuditEvent.objects.get(action="releases.release.request")
    assert event.actor == cast.verifier and event.data["specific"] is True
    assert Notification.objects.filter(user=cast.system_manager,
                                       url=reverse("releases:detail", args=[release.pk]))


def test_approval_starts_the_configured_validity(cast, settings):
    settings.SMART_RELEASE_VALID_DAYS = 3
    release = release_move(release=_request(cast), move_name="approve",
                           actor=cast.system_manager, note="Untuk Baperjakat saja.")
    assert release.stage == ReleaseStage.APPROVED
    assert release.approver == cast.system_manager
    assert release.valid_until - release.approved_at == datetime.timedelta(days=3)
    assert release.is_usable
    assert AuditEvent.objects.filter(action="releases.release.approve").count() == 1
    assert Notification.objects.filter(user=cast.verifier, message__contains="disetujui")


def test_the_requester_can_never_approve_their_own_request(cast):
    """Even a Pengelola SMART needs another Pengelola SMART (Z8)."""
    release = _request(cast, user=cast.system_manager)
    with pytest.raises(ReleaseRefused, match="Pemohon tidak dapat memutuskan"):
        release_move(release=release, move_name="approve", actor=cast.system_manager)
    release.refresh_from_db()
    assert release.stage == ReleaseStage.REQUESTED
    second = make_user("pengelola2", Role.SYSTEM_MANAGER)
    assert release_move(release=release, move_name="approve",
                        actor=second).stage == ReleaseStage.APPROVED


def test_the_database_refuses_an_approver_who_is_the_requester(cast):
    release = _request(cast)
    release.approver = cast.verifier
    with pytest.raises(IntegrityError), transaction.atomic():
        release.save()


@pytest.mark.parametrize("who", ["verifier", "admin_a", "super_admin", "hr_manager_b"])
def test_only_the_smart_manager_decides(cast, who):
    release = _request(cast, user=cast.division_admin)
    for move in ("approve", "reject"):
        with pytest.raises(ReleaseRefused, match="Hanya Pengelola SMART"):
            release_move(release=release, move_name=move, actor=getattr(cast, who),
                         note="x")
    release.refresh_from_db()
    assert release.stage == ReleaseStage.REQUESTED


def test_a_second_approval_is_refused_and_makes_no_second_event(cast):
    release = _request(cast)
    release_move(release=release, move_name="approve", actor=cast.system_manager)
    with pytest.raises(ReleaseRefused, match="sudah berada pada tahap"):
        release_move(release=release, move_name="approve", actor=cast.system_manager)
    assert release.events.filter(move="approve").count() == 1
    assert AuditEvent.objects.filter(action="releases.release.approve").count() == 1


def test_a_rejection_needs_a_reason_and_can_end_an_approved_release(cast):
    release = _request(cast)
    with pytest.raises(ReleaseRefused, match="Alasan wajib"):
        release_move(release=release, move_name="reject", actor=cast.system_manager)
    release_move(release=release, move_name="approve", actor=cast.system_manager)
    release = release_move(release=release, move_name="reject", actor=cast.system_manager,
                           note="Tujuan sudah tercapai.")
    assert release.stage == ReleaseStage.REJECTED and not release.is_usable


def test_only_the_requester_withdraws(cast):
    release = _request(cast)
    with pytest.raises(ReleaseRefused):
        release_move(release=release, move_name="withdraw", actor=cast.system_manager)
    release = release_move(release=release, move_name="withdraw", actor=cast.verifier)
    assert release.stage == ReleaseStage.WITHDRAWN
    assert Notification.objects.filter(user=cast.system_manager, message__contains="ditarik")


def test_a_request_needs_a_purpose_and_an_export_that_needs_a_release(cast):
    with pytest.raises(ReleaseRefused, match="Tujuan"):
        release_request(requester=cast.verifier, export=_export(cast), purpose="  ")
    with pytest.raises(ReleaseRefused, match="tidak memerlukan"):
        release_request(requester=cast.verifier, export=_export(cast, specific=False),
                        purpose="Rekap.")
    _request(cast)
    with pytest.raises(ReleaseRefused, match="masih menunggu"):
        _request(cast)
    assert DataRelease.objects.count() == 1


def test_an_expired_release_is_no_longer_usable(cast):
    release = release_move(release=_request(cast), move_name="approve",
                           actor=cast.system_manager)
    DataRelease.objects.filter(pk=release.pk).update(
        valid_until=timezone.now() - datetime.timedelta(minutes=1))
    release.refresh_from_db()
    assert release.is_expired and not release.is_usable


# The pages.

def test_the_request_form_comes_from_a_signed_link_bound_to_its_user(client, cast):
    export = _export(cast)
    token = export_token(cast.verifier, export)
    assert export_from_token(cast.verifier, token) == Export(
        code=export.code, label=export.label, rows=1, specific=True, params=export.params,
        url=export.url)
    assert export_from_token(cast.admin_a, token) is None  # another user's link
    assert export_from_token(cast.verifier, token[:-2] + "xx") is None  # tampered

    _login(client, cast.admin_a)
    assert client.get(reverse("releases:request", args=[token])).status_code == 404
    _login(client, cast.verifier)
    page = client.get(reverse("releases:request", args=[token]))
    assert page.status_code == 200 and "DRH lengkap REKAN DINKES" in page.content.decode()
    response = client.post(reverse("releases:request", args=[token]),
                           {"purpose": "Bahan sidang Baperjakat."})
    release = DataRelease.objects.get()
    assert response.url == reverse("releases:detail", args=[release.pk])
    assert release.requester == cast.verifier and release.export_params == export.params


def test_the_manager_approves_from_the_detail_page(client, cast):
    release = _request(cast)
    _login(client, cast.system_manager)
    listing = client.get(reverse("releases:list")).content.decode()
    assert reverse("releases:detail", args=[release.pk]) in listing
    page = client.get(reverse("releases:detail", args=[release.pk])).content.decode()
    assert 'value="approve"' in page
    response = client.post(reverse("releases:move", args=[release.pk]), {"move": "approve"})
    assert response.status_code == 302
    release.refresh_from_db()
    assert release.stage == ReleaseStage.APPROVED


def test_the_requester_sees_no_approve_button_and_a_forged_post_is_refused(client, cast):
    release = _request(cast, user=cast.system_manager)
    _login(client, cast.system_manager)
    page = client.get(reverse("releases:detail", args=[release.pk])).content.decode()
    assert 'value="approve"' not in page and 'value="withdraw"' in page
    response = client.post(reverse("releases:move", args=[release.pk]), {"move": "approve"})
    assert any("Pemohon tidak dapat" in m for m in _messages(response))
    release.refresh_from_db()
    assert release.stage == ReleaseStage.REQUESTED


def test_others_releases_are_404(client, cast):
    release = _request(cast)
    for user in (cast.admin_a, cast.division_admin):
        _login(client, user)
        assert client.get(reverse("releases:detail", args=[release.pk])).status_code == 404
        assert client.post(reverse("releases:move", args=[release.pk]),
                           {"move": "withdraw"}).status_code == 404
    release.refresh_from_db()
    assert release.stage == ReleaseStage.REQUESTED


def test_a_lapsed_smart_manager_decides_nothing(cast):
    release = _request(cast)
    RoleAssignment.objects.filter(user=cast.system_manager).update(
        valid_to=timezone.localdate() - datetime.timedelta(days=1))
    manager = type(cast.system_manager).objects.get(pk=cast.system_manager.pk)
    with pytest.raises(ReleaseRefused):
        release_move(release=release, move_name="approve", actor=manager)


def test_an_approved_release_shows_the_requester_where_to_get_the_file_and_no_withdraw(
        client, cast):
    """User test: after approval the page said "no file yet" with no way to the
    file, and still offered to withdraw."""
    release = release_request(requester=cast.verifier, purpose="Rapat Baperjakat.",
                              export=Export(code="reports.nominatif", label="Daftar nominatif",
                                            rows=5000, specific=False,
                                            params={"unit": ["7"], "columns": ["nip", "age"]}))
    _login(client, cast.verifier)
    page = client.get(reverse("releases:detail", args=[release.pk])).content.decode()
    assert 'value="withdraw"' in page and "release-get-file" not in page
    release = release_move(release=release, move_name="approve", actor=cast.system_manager)
    page = client.get(reverse("releases:detail", args=[release.pk])).content.decode()
    assert 'value="withdraw"' not in page
    assert "release-get-file" in page
    # No ``Export.url`` (a request made before it was kept): the page of the code.
    assert f'href="{reverse("reports:nominatif")}?unit=7&amp;columns=nip&amp;columns=age"' in page
    with pytest.raises(ReleaseRefused):
        release_move(release=release, move_name="withdraw", actor=cast.verifier)


def test_an_approved_release_links_to_where_its_export_said_the_file_is_made(
        client, cast):
    """Decision 211: the owning app names the page (``Export.url``); a KP list
    keeps its period as start and end but its page reads ``on``."""
    url = f"{reverse('reports:promotion')}?on=2028-04-01"
    export = Export(code="reports.promotion", label="Calon KP", rows=500, specific=False,
                    params={"start": "2028-04-01", "end": "2028-04-01", "unit": None}, url=url)
    release = release_move(
        release=release_request(requester=cast.verifier, export=export, purpose="Baperjakat."),
        move_name="approve", actor=cast.system_manager)
    assert release.export_url == url
    _login(client, cast.verifier)
    assert client.get(reverse("releases:detail", args=[release.pk])).context["export_url"] == url


def test_a_release_links_only_to_a_page_of_this_site(client, cast):
    release = release_move(release=_request(cast), move_name="approve",
                           actor=cast.system_manager)
    _login(client, cast.verifier)
    for url in ("https://example.org/drh.pdf", "//example.org/drh.pdf", "javascript:x()"):
        DataRelease.objects.filter(pk=release.pk).update(export_url=url)
        page = client.get(reverse("releases:detail", args=[release.pk]))
        assert page.context["export_url"] == "" and "example.org" not in page.content.decode()

