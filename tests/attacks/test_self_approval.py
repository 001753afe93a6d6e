"""Attack case 6 (security.md §8) and checklist Z8: a verifier approving their
own request, and a request validated without its earlier steps — through
every interface that exists: the move view, the batch validation view, the
direct correction, and the services underneath them.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from smart.access.models import Role, RoleAssignment
from smart.changes.models import ChangeRequest, Stage, StageEvent
from smart.changes.services import MoveRefused, request_direct_correction, request_move
from smart.changes.targets import target_for
from smart.changes.workflow import PERBUP_35_2020, PROPOSER
from smart.documents.models import DocumentType
from smart.documents.tests.samples import pdf_bytes
from smart.records.models import RankHistory
from smart.references.models import Golongan, Unit
from tests.attacks.scenery import rank_proposal
from tests.personas import PASSWORD, make_user

pytestmark = pytest.mark.django_db

OPEN = [Stage.DRAFT, Stage.SUBMITTED, Stage.RETURNED, Stage.VERIFICATION,
        Stage.CLARIFICATION, Stage.VERIFIED, Stage.SYNCHRONISED]
OTHERS_MOVES = [m.name for m in PERBUP_35_2020.values() if m.actor != PROPOSER]


def _login(client, user):
    client.logout()
    assert client.login(username=user.username, password=PASSWORD)


def _own_request(client, user, *, submit=True) -> ChangeRequest:
    _login(client, user)
    body = rank_proposal()
    if not submit:
        body.pop("kirim")
    response = client.post(reverse("changes:propose", args=[user.employee.pk, "pangkat"]),
                           body)
    assert response.status_code == 302, response.content.decode()[:2000]
    return ChangeRequest.objects.get()


def _attempt_everything(client, user, change) -> None:
    """Every move of someone else, by view and by service, and the batch view."""
    for move in OTHERS_MOVES:
        client.post(reverse("changes:move", args=[change.pk]), {"move": move, "note": "ok"})
        with pytest.raises(MoveRefused):
            request_move(request=change, move_name=move, actor=user, note="ok")
    client.post(reverse("changes:batch_validate"), {"usulan": [change.pk]})


def test_case_6_a_verifier_makes_no_move_on_their_own_request_at_any_stage(client, cast):
    """Case 6 / Z8: the verifier — here also the unit admin of their own unit,
    the worst case — proposes, then tries every verifier and unit-admin move at
    every open stage: the stage never changes and the record is untouched."""
    RoleAssignment.objects.create(user=cast.verifier, role=Role.UNIT_ADMIN,
                                  unit=Unit.objects.get(code="BKPP"))
    change = _own_request(client, cast.verifier)
    events = StageEvent.objects.count()
    for stage in OPEN:
        ChangeRequest.objects.filter(pk=change.pk).update(stage=stage)
        _attempt_everything(client, cast.verifier, change)
        change.refresh_from_db()
        assert change.stage == stage
    assert StageEvent.objects.count() == events
    assert not RankHistory.objects.exists()


def test_case_6_another_verifier_may_validate_it(client, cast):
    """The attack above can fail: a second verifier walks the same request to
    validation, so the refusals come from who acts, not from the request."""
    colleague = make_user("verifikator2", Role.VERIFIER, employee_unit="BKPP.03")
    RoleAssignment.objects.create(user=colleague, role=Role.UNIT_ADMIN,
                                  unit=Unit.objects.get(code="BKPP"))
    change = _own_request(client, cast.verifier)
    for move in ("forward", "verify", "synchronise"):
        change = request_move(request=change, move_name=move, actor=colleague)
    _login(client, colleague)
    client.post(reverse("changes:batch_validate"), {"usulan": [change.pk]})
    change.refresh_from_db()
    assert change.stage == Stage.VALIDATED
    assert RankHistory.objects.get().validated_by == colleague


def test_case_6_no_step_is_skipped(client, cast):
    """Case 6 / Z8: a draft, then a request at each stage before synchronised,
    cannot be validated (nor verified or synchronised out of turn) by the
    verifier, through the move view, the batch view or the service."""
    change = _own_request(client, cast.employee, submit=False)
    assert change.stage == Stage.DRAFT
    _login(client, cast.verifier)
    for stage, too_early in [(Stage.DRAFT, OTHERS_MOVES),
                             (Stage.SUBMITTED, ["verify", "synchronise", "validate", "ask"]),
                             (Stage.VERIFICATION, ["synchronise", "validate"]),
                             (Stage.VERIFIED, ["validate", "verify"])]:
        ChangeRequest.objects.filter(pk=change.pk).update(stage=stage)
        for move in too_early:
            client.post(reverse("changes:move", args=[change.pk]), {"move": move, "note": "x"})
            with pytest.raises(MoveRefused):
                request_move(request=change, move_name=move, actor=cast.verifier, note="x")
        client.post(reverse("changes:batch_validate"), {"usulan": [change.pk]})
        change.refresh_from_db()
        assert change.stage == stage
    assert not RankHistory.objects.exists()
    # The unit admin cannot forward a draft the employee has not sent.
    ChangeRequest.objects.filter(pk=change.pk).update(stage=Stage.DRAFT)
    with pytest.raises(MoveRefused):
        request_move(request=change, move_name="forward", actor=cast.admin_a)


def test_case_6_the_direct_correction_service_refuses_the_verifiers_own_record(cast):
    """Case 6 / Z8 below the view (the view's 404 is in smart/changes/tests): the
    service itself refuses a verifier writing their own record."""
    target = target_for("pangkat")
    form = target.form_class()(data={
        "golongan": Golongan.objects.get(code="34").pk, "tmt": "2018-04-01",
        "mk_years": 8, "mk_months": 0, "sk_number": "823/X/2018", "sk_date": "2018-03-01"},
        instance=RankHistory(employee=cast.verifier.employee))
    assert form.is_valid(), form.errors
    with pytest.raises(MoveRefused):
        request_direct_correction(
            target=target, employee=cast.verifier.employee, instance=None,
            values=form.cleaned_data, reason="sendiri", verifier=cast.verifier,
            document=(DocumentType.objects.get(code="SK_PANGKAT"),
                      SimpleUploadedFile("sk.pdf", pdf_bytes(), "application/pdf")))
    assert not RankHistory.objects.exists() and not ChangeRequest.objects.exists()


# --- the other approval workflows: data releases and access authorisation -----------

def test_z8_the_smart_manager_cannot_approve_their_own_data_release(client, cast):
    """Z8 for data releases (Pasal 24(2)): the Pengelola SMART asks for a
    release and tries to approve it, by view and by service: refused, still
    requested. A second Pengelola SMART may (so the refusal is about who)."""
    from smart.releases.models import ReleaseStage
    from smart.releases.services import ReleaseRefused, release_move, release_request
    from tests.attacks.scenery import drh_export

    release = release_request(requester=cast.system_manager,
                              export=drh_export(cast.colleague_a), purpose="Rapat.")
    _login(client, cast.system_manager)
    client.post(reverse("releases:move", args=[release.pk]), {"move": "approve"})
    with pytest.raises(ReleaseRefused):
        release_move(release=release, move_name="approve", actor=cast.system_manager)
    release.refresh_from_db()
    assert release.stage == ReleaseStage.REQUESTED and release.approver is None
    other = make_user("pengelola2", Role.SYSTEM_MANAGER, employee_unit="BKPP.02")
    assert release_move(release=release, move_name="approve",
                        actor=other).stage == ReleaseStage.APPROVED


def test_z8_nobody_approves_or_grants_access_they_proposed_or_that_is_theirs(cast):
    """Z8 for access authorisation (Pasal 11b): the Pengelola SMART who proposed
    cannot approve; the user the request is about, even as super administrator,
    cannot grant it; and a proposed request cannot be granted before approval."""
    from smart.access.models import AccessStage
    from smart.portal.access_services import (
        AccessRefused,
        access_request_move,
        access_request_propose,
    )

    request = access_request_propose(proposer=cast.system_manager, user=cast.super_admin,
                                     role=Role.LEADERSHIP, unit=None, reason="Rapat.")
    with pytest.raises(AccessRefused):
        access_request_move(request=request, move_name="grant", actor=cast.super_admin)
    with pytest.raises(AccessRefused):
        access_request_move(request=request, move_name="approve", actor=cast.system_manager)
    other = make_user("pengelola2", Role.SYSTEM_MANAGER, employee_unit="BKPP.02")
    request = access_request_move(request=request, move_name="approve", actor=other)
    with pytest.raises(AccessRefused):
        access_request_move(request=request, move_name="grant", actor=cast.super_admin)
    request.refresh_from_db()
    assert request.stage == AccessStage.APPROVED
    assert not RoleAssignment.objects.filter(user=cast.super_admin,
                                             role=Role.LEADERSHIP).exists()
