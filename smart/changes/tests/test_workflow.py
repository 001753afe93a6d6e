"""R-PROC-2: the record changes only when a verifier validates; every other
move is refused; nobody acts on their own request (defect 9)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from smart.changes.models import Action, ChangeRequest, Stage
from smart.changes.services import MoveRefused, request_move, request_propose
from smart.changes.targets import target_for
from smart.changes.workflow import PERBUP_35_2020
from smart.documents.models import Document, DocumentType
from smart.documents.tests.samples import pdf_bytes
from smart.people.models import Employee
from smart.records.models import RankHistory
from smart.references.models import Golongan
from smart.workdays.calendar import add_working_days

pytestmark = pytest.mark.django_db


def _sk():
    return [(DocumentType.objects.get(code="SK_PANGKAT"),
             SimpleUploadedFile("sk.pdf", pdf_bytes(), "application/pdf"))]


def _propose_rank(cast, *, submit=True, tmt=datetime.date(2018, 4, 1)):
    target = target_for("pangkat")
    form = target.form_class()(data={
        "golongan": Golongan.objects.get(code="34").pk, "tmt": tmt.isoformat(),
        "mk_years": 8, "mk_months": 3, "sk_number": "823/BKPP/2018/5",
        "sk_date": "2018-03-01"}, instance=RankHistory(employee=cast.employee_record))
    assert form.is_valid(), form.errors
    return request_propose(target=target, employee=cast.employee_record, action=Action.ADD,
                           target_id=None, values=form.cleaned_data, note="",
                           proposer=cast.employee, documents=_sk(), submit=submit)


def _walk(request, cast, moves):
    actors = {"forward": cast.admin_a, "return": cast.admin_a, "submit": cast.employee,
              "answer": cast.employee, "withdraw": cast.employee}
    for move in moves:
        request = request_move(request=request, move_name=move,
                               actor=actors.get(move, cast.verifier), note="catatan")
    return request


def test_the_full_path_changes_the_record_only_at_validation(cast):
    request = _propose_rank(cast)
    assert request.stage == Stage.SUBMITTED
    request = _walk(request, cast, ["forward", "ask", "answer", "verify", "synchronise"])
    assert not RankHistory.objects.exists()
    request = _walk(request, cast, ["validate"])
    entry = RankHistory.objects.get(employee=cast.employee_record)
    assert entry.is_validated and entry.validated_by == cast.verifier
    assert Employee.objects.get(pk=cast.employee_record.pk).golongan.name == "III/d"
    assert request.applied_entry_id == entry.pk and request.closed_at is not None
    assert Document.objects.get().record_kind == "pangkat"
    moves = list(request.events.values_list("move", flat=True))
    assert moves == ["create", "submit", "forward", "ask", "answer", "verify", "synchronise",
                     "validate"]


def test_deadlines_count_working_days_from_submission(cast):
    request = _propose_rank(cast)
    submitted = request.submitted_at.astimezone(datetime.timezone(datetime.timedelta(hours=7)))
    assert request.forward_deadline == add_working_days(submitted.date(), 10)
    assert request.close_deadline == add_working_days(request.document_received_on, 10)


@pytest.mark.parametrize("stage", list(Stage))
def test_every_move_not_declared_for_a_stage_is_refused(cast, stage):
    request = _propose_rank(cast, submit=False)
    ChangeRequest.objects.filter(pk=request.pk).update(stage=stage)
    for move in PERBUP_35_2020.values():
        if stage in move.sources:
            continue
        for actor in (cast.employee, cast.admin_a, cast.verifier):
            with pytest.raises(MoveRefused):
                request_move(request=request, move_name=move.name, actor=actor, note="x")
    assert ChangeRequest.objects.get(pk=request.pk).stage == stage


def test_the_proposer_cannot_forward_or_verify_their_own_request(cast):
    request = _propose_rank(cast)
    for move in ("forward", "return"):
        with pytest.raises(MoveRefused, match="tidak berwenang"):
            request_move(request=request, move_name=move, actor=cast.employee, note="x")


def test_a_verifier_never_acts_on_a_request_about_themselves(cast):
    target = target_for("identitas")
    form = target.form_class()(instance=cast.verifier.employee, data={
        **{f: getattr(cast.verifier.employee, f) or "" for f in target.fields},
        "sex": cast.verifier.employee.sex_id, "birth_place": "TELUK KUANTAN",
        "birth_date": cast.verifier.employee.birth_date.isoformat()})
    assert form.is_valid(), form.errors
    request = request_propose(
        target=target, employee=cast.verifier.employee, action=Action.CORRECT,
        target_id=cast.verifier.employee.pk, values=form.cleaned_data, note="",
        proposer=cast.verifier, documents=_sk(), submit=True)
    ChangeRequest.objects.filter(pk=request.pk).update(stage=Stage.VERIFICATION)
    for move in ("verify", "ask", "reject"):
        with pytest.raises(MoveRefused):
            request_move(request=request, move_name=move, actor=cast.verifier, note="x")


def test_an_admin_of_another_unit_cannot_forward(cast):
    request = _propose_rank(cast)
    with pytest.raises(MoveRefused, match="tidak berwenang"):
        request_move(request=request, move_name="forward", actor=cast.admin_b)


def test_a_replayed_move_leaves_exactly_one_transition(cast):
    request = _walk(_propose_rank(cast), cast, ["forward", "verify", "synchronise", "validate"])
    with pytest.raises(MoveRefused, match="sudah berada pada tahap"):
        request_move(request=request, move_name="validate", actor=cast.verifier)
    assert request.events.filter(move="validate").count() == 1
    assert RankHistory.objects.count() == 1


def test_one_open_request_per_entry(cast):
    request = _walk(_propose_rank(cast), cast, ["forward", "verify", "synchronise", "validate"])
    entry_id = request.applied_entry_id
    target = target_for("pangkat")
    entry = RankHistory.objects.get(pk=entry_id)
    form = target.form_class()(data={**{f: getattr(entry, target.kind.model._meta.get_field(f)
                                                   .attname) for f in target.fields},
                                     "sk_number": "823/BKPP/2018/6", "tmt": "2018-04-01",
                                     "sk_date": "2018-03-01"}, instance=entry)
    assert form.is_valid(), form.errors
    kwargs = dict(target=target, employee=cast.employee_record, action=Action.CORRECT,
                  target_id=entry_id, values=form.cleaned_data, note="",
                  proposer=cast.employee, submit=True)
    request_propose(documents=_sk(), **kwargs)
    with pytest.raises(ValidationError, match="sudah memiliki usulan"):
        request_propose(documents=_sk(), **kwargs)


def test_a_target_changed_after_the_proposal_is_not_overwritten(cast):
    request = _walk(_propose_rank(cast), cast, ["forward", "verify", "synchronise", "validate"])
    entry = RankHistory.objects.get(pk=request.applied_entry_id)
    target = target_for("pangkat")
    form = target.form_class()(data={"golongan": entry.golongan_id, "tmt": "2018-04-01",
                                     "mk_years": 9, "mk_months": 0,
                                     "sk_number": "823/BKPP/2018/9", "sk_date": "2018-03-01"},
                               instance=entry)
    assert form.is_valid(), form.errors
    correction = request_propose(
        target=target, employee=cast.employee_record, action=Action.CORRECT,
        target_id=entry.pk, values=form.cleaned_data, note="", proposer=cast.employee,
        documents=_sk(), submit=True)
    correction = _walk(correction, cast, ["forward", "verify", "synchronise"])
    entry.sk_number = "DIUBAH/LANGSUNG"
    entry.save()
    with pytest.raises(MoveRefused, match="telah berubah sejak diusulkan"):
        request_move(request=correction, move_name="validate", actor=cast.verifier)
    assert RankHistory.objects.get(pk=entry.pk).sk_number == "DIUBAH/LANGSUNG"


def test_a_proposal_without_a_document_is_refused(cast):
    target = target_for("pangkat")
    with pytest.raises(ValidationError, match="dokumen pendukung"):
        request_propose(target=target, employee=cast.employee_record, action=Action.ADD,
                        target_id=None, values={}, note="", proposer=cast.employee,
                        documents=[], submit=True)
    assert not ChangeRequest.objects.exists()


def test_removal_needs_a_reason_and_deletes_only_at_validation(cast):
    request = _walk(_propose_rank(cast), cast, ["forward", "verify", "synchronise", "validate"])
    target = target_for("pangkat")
    with pytest.raises(ValidationError, match="alasan"):
        request_propose(target=target, employee=cast.employee_record, action=Action.REMOVE,
                        target_id=request.applied_entry_id, values={}, note=" ",
                        proposer=cast.employee, documents=[], submit=True)
    removal = request_propose(target=target, employee=cast.employee_record,
                              action=Action.REMOVE, target_id=request.applied_entry_id,
                              values={}, note="Tercatat ganda", proposer=cast.employee,
                              documents=[], submit=True)
    removal = _walk(removal, cast, ["forward", "verify", "synchronise"])
    assert RankHistory.objects.exists()
    _walk(removal, cast, ["validate"])
    assert not RankHistory.objects.exists()


def test_a_rejection_needs_a_reason_and_keeps_its_trail(cast):
    request = _walk(_propose_rank(cast), cast, ["forward"])
    with pytest.raises(MoveRefused, match="Catatan wajib"):
        request_move(request=request, move_name="reject", actor=cast.verifier, note="")
    request = request_move(request=request, move_name="reject", actor=cast.verifier,
                           note="SK tidak terbaca")
    assert request.stage == Stage.REJECTED
    assert request.events.last().note == "SK tidak terbaca"
    assert not RankHistory.objects.exists()


def test_another_role_does_not_widen_where_a_unit_admin_may_forward(cast):
    """A Disdik admin who is also regency-wide leadership reads Dinkes staff,
    but may forward only Disdik requests."""
    from smart.access.models import Role, RoleAssignment

    RoleAssignment.objects.create(user=cast.admin_b, role=Role.LEADERSHIP)
    request = _propose_rank(cast)
    with pytest.raises(MoveRefused, match="tidak berwenang"):
        request_move(request=request, move_name="forward", actor=cast.admin_b)


def test_synchronisation_shows_differences_from_a_loaded_national_record(cast):
    from smart.changes import national

    request = _walk(_propose_rank(cast), cast, ["forward", "verify"])
    assert national.national_comparison(request) is None

    def siasn(employee, kind):
        return {"sk_number": "823/BKPP/2018/5", "mk_years": 9} if kind == "pangkat" else None

    national.register_national_source(siasn)
    try:
        differences = national.national_comparison(request)
    finally:
        national.SOURCES.remove(siasn)
    assert [(d.field, d.proposed, d.national) for d in differences] == [("mk_years", 8, 9)]


def test_an_identity_correction_is_based_on_the_stored_values_and_validates(cast):
    employee = cast.employee_record
    target = target_for("identitas")
    data = {f: getattr(employee, target.model._meta.get_field(f).attname) or ""
            for f in target.fields}
    data.update(birth_date=employee.birth_date.isoformat(), phone="081200001111")
    form = target.form_class()(data=data, instance=employee)
    assert form.is_valid(), form.errors
    request = request_propose(target=target, employee=employee, action=Action.CORRECT,
                              target_id=employee.pk, values=form.cleaned_data, note="",
                              proposer=cast.employee, documents=_sk(), submit=True)
    assert request.based_on["phone"] == "" and request.proposed["phone"] == "081200001111"
    _walk(request, cast, ["forward", "verify", "synchronise", "validate"])
    assert Employee.objects.get(pk=employee.pk).phone == "081200001111"


def test_a_correction_that_changes_nothing_is_refused(cast):
    request = _walk(_propose_rank(cast), cast, ["forward", "verify", "synchronise", "validate"])
    entry = RankHistory.objects.get(pk=request.applied_entry_id)
    target = target_for("pangkat")
    data = {f: getattr(entry, target.model._meta.get_field(f).attname) for f in target.fields}
    data = {k: v.isoformat() if hasattr(v, "isoformat") else ("" if v is None else v)
            for k, v in data.items()}
    form = target.form_class()(data=data, instance=entry)
    assert form.is_valid(), form.errors
    with pytest.raises(ValidationError, match="Tidak ada data yang berubah"):
        request_propose(target=target, employee=cast.employee_record, action=Action.CORRECT,
                        target_id=entry.pk, values=form.cleaned_data, note="",
                        proposer=cast.employee, documents=_sk(), submit=True)


def test_a_date_far_in_the_future_is_a_form_error(cast):
    target = target_for("pangkat")
    form = target.form_class()(data={
        "golongan": Golongan.objects.get(code="34").pk, "tmt": "9999-12-31", "mk_years": 0,
        "mk_months": 0, "sk_number": "X", "sk_date": "2018-03-01"},
        instance=RankHistory(employee=cast.employee_record))
    assert not form.is_valid()
    assert "tidak masuk akal" in str(form.errors["tmt"])


def test_a_draft_is_visible_to_its_proposer_only(cast):
    request = _propose_rank(cast, submit=False)
    assert ChangeRequest.objects.visible_to(cast.employee).filter(pk=request.pk).exists()
    for other in (cast.verifier, cast.admin_a, cast.system_manager):
        assert not ChangeRequest.objects.visible_to(other).filter(pk=request.pk).exists()


def test_a_verifier_limited_to_a_unit_acts_and_queues_only_there(cast):
    from smart.access.models import Role, RoleAssignment
    from smart.changes.queues import verification_queue
    from smart.references.models import Unit
    from tests.personas import make_user

    limited = make_user("verif_disdik", Role.VERIFIER, "DISDIK")
    request = _walk(_propose_rank(cast), cast, ["forward"])  # a Dinkes employee
    assert not verification_queue(limited).filter(pk=request.pk).exists()
    with pytest.raises(MoveRefused, match="tidak berwenang"):
        request_move(request=request, move_name="verify", actor=limited)
    assert RoleAssignment.objects.filter(user=limited, unit=Unit.objects.get(code="DISDIK"))


def test_a_proposal_that_would_duplicate_a_rank_or_overlap_a_position_is_refused(cast):
    from smart.records.models import PositionHistory
    from smart.references.models import PositionType, Unit

    _walk(_propose_rank(cast), cast, ["forward", "verify", "synchronise", "validate"])
    target = target_for("pangkat")
    form = target.form_class()(data={
        "golongan": Golongan.objects.get(code="41").pk, "tmt": "2018-04-01", "mk_years": 0,
        "mk_months": 0, "sk_number": "X/1", "sk_date": "2018-03-01"},
        instance=RankHistory(employee=cast.employee_record))
    assert not form.is_valid()
    assert "Sudah ada riwayat pangkat dengan TMT" in str(form.errors["tmt"])

    unit = Unit.objects.get(code="DINKES.PKM02")
    PositionHistory.objects.create(
        employee=cast.employee_record, position_name="Perawat Ahli Pertama",
        position_type=PositionType.objects.get(code="2"), unit=unit,
        tmt=datetime.date(2019, 1, 1), sk_number="S/1", sk_date=datetime.date(2018, 12, 1))
    position = target_for("jabatan")
    form = position.form_class()(data={
        "position_name": "Perawat Ahli Muda", "position_type": PositionType.objects.get(
            code="2").pk, "unit": unit.pk, "tmt": "2019-01-01", "sk_number": "S/2",
        "sk_date": "2018-12-01"}, instance=PositionHistory(employee=cast.employee_record))
    assert not form.is_valid()
    assert "dua jabatan definitif" in str(form.errors["tmt"])


def test_every_document_type_a_kind_names_exists():
    from smart.records.registry import KINDS

    codes = set(DocumentType.objects.values_list("code", flat=True))
    for kind in KINDS:
        assert set(kind.document_types) <= codes, kind.slug
    assert set(target_for("identitas").document_types) <= codes
