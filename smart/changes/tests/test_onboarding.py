"""Onboarding by hand (perekaman awal, Perbup 35/2020 Pasal 20(1); R-PROC-1;
issue 6 item 7): the guided form creates the employee, and the initial
golongan, position and education only as change requests for verification."""

from __future__ import annotations

import pytest
from django.urls import reverse

from smart.audit.models import AuditEvent
from smart.changes.models import ChangeRequest, Onboarding, Stage
from smart.changes.queues import verification_queue
from smart.changes.services import request_move
from smart.documents.models import Document, DocumentType
from smart.documents.tests.samples import pdf_bytes, upload
from smart.people.models import AsnKind, Employee
from smart.records.models import FormalEducation, PositionHistory, RankHistory
from smart.references.models import EducationLevel, Golongan, PositionType, Sex, Unit
from tests.personas import make_user

pytestmark = pytest.mark.django_db

URL = "/perekaman-awal/baru/"
CPNS_NIP = "199501152020032001"
PPPK_NIP = "199001152022212015"


def answers(unit_code="DINKES.PKM05", **changes) -> dict:
    """Every step's answers for a CPNS candidate; ``changes`` override by name."""
    data = {
        "pegawai-kind": "calon-cpns", "pegawai-nip": "19950115 202003 2 001",
        "pegawai-name": "SITI AMINAH", "pegawai-back_title": "S.Kep.",
        "pegawai-birth_place": "Teluk Kuantan", "pegawai-birth_date": "1995-01-15",
        "pegawai-sex": Sex.objects.get(code="F").pk, "pegawai-nik": "1409025501950003",
        "kepegawaian-unit": Unit.objects.get(code=unit_code).pk,
        "kepegawaian-tmt_cpns": "2020-03-01",
        "pangkat-golongan": Golongan.objects.get(code="31").pk, "pangkat-tmt": "2020-03-01",
        "pangkat-mk_years": "0", "pangkat-mk_months": "0",
        "pangkat-sk_number": "800/BKPP/CPNS/2020/14", "pangkat-sk_date": "2020-02-20",
        "jabatan-position_name": "Perawat Terampil",
        "jabatan-position_type": PositionType.objects.get(code="2").pk,
        "jabatan-tmt": "2020-03-01", "jabatan-sk_number": "821/DINKES/2020/3",
        "jabatan-sk_date": "2020-02-25",
        "pendidikan-education_level": EducationLevel.objects.get(code="40").pk,
        "pendidikan-programme": "Ilmu Keperawatan",
        "pendidikan-institution_name": "Universitas Riau", "pendidikan-graduation_year": "2017",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def _documents() -> dict:
    def type_pk(code):
        return DocumentType.objects.get(code=code).pk

    return {
        "dokumen-pangkat-document_type": type_pk("SK_CPNS"),
        "dokumen-pangkat-file": upload("sk_cpns.pdf", pdf_bytes()),
        "dokumen-jabatan-document_type": type_pk("SK_JABATAN"),
        "dokumen-jabatan-file": upload("sk_jabatan.pdf", pdf_bytes()),
        "dokumen-pendidikan-document_type": type_pk("IJAZAH"),
        "dokumen-pendidikan-file": upload("ijazah.pdf", pdf_bytes()),
    }


def walk(client, data: dict, *, send: bool = True):
    """Go through the five steps as a browser would: each step posts everything
    typed so far; returns the last answer."""
    response = None
    for step in range(5):
        body = {**data, "langkah": str(step)}
        if step == 4 and send:
            body.update(_documents())
        response = client.post(URL, body)
        if response.status_code != 200 or response.context["step"] != step + 1:
            return response
    return response


def test_a_unit_admin_records_a_cpns_candidate_for_verification(client, cast):
    """Case "calon CPNS": the employee exists, with nothing validated: the three
    initial entries are requests at verification, with their documents, and
    the current golongan stays empty until a verifier validates."""
    client.force_login(cast.admin_a)
    response = walk(client, answers())
    assert response.status_code == 302 and response.url == reverse("onboarding:list")
    employee = Employee.objects.get(nip=CPNS_NIP)
    assert (employee.asn_kind, employee.unit.code, employee.back_title) == (
        AsnKind.CPNS, "DINKES.PKM05", "S.Kep.")
    assert employee.golongan is None and employee.position_name == ""
    onboarding = Onboarding.objects.get(employee=employee)
    assert onboarding.kind == "calon-cpns" and onboarding.recorded_by == cast.admin_a
    requests = list(ChangeRequest.objects.filter(employee=employee).order_by("pk"))
    assert [r.kind for r in requests] == ["pangkat", "jabatan", "pendidikan-formal"]
    assert {r.stage for r in requests} == {Stage.VERIFICATION}
    assert {r.route for r in requests} == {"usulan-petugas"}
    assert all(r.documents.count() == 1 for r in requests)
    assert set(onboarding.requests.all()) == set(requests)
    assert not RankHistory.objects.filter(employee=employee).exists()
    assert not PositionHistory.objects.filter(employee=employee).exists()
    assert not FormalEducation.objects.filter(employee=employee).exists()
    assert AuditEvent.objects.filter(action="changes.onboarding.create").exists()
    from smart.notifications.models import Notification

    told = Notification.objects.filter(user=cast.verifier, message__contains="petugas")
    assert told.count() == 3  # the verifiers hear of each request, the admin of none
    assert not Notification.objects.filter(user=cast.admin_a).exists()
    # The verifier's normal queue holds them; validating makes them data.
    assert set(verification_queue(cast.verifier).filter(employee=employee)) == set(requests)
    for request in requests:
        for move in ("verify", "synchronise", "validate"):
            request = request_move(request=request, move_name=move, actor=cast.verifier)
    employee.refresh_from_db()
    assert employee.golongan.code == "31" and employee.position_name == "Perawat Terampil"
    assert employee.unit.code == "DINKES.PKM05"


def test_a_pppk_candidate_gets_a_pppk_golongan(client, cast):
    client.force_login(cast.admin_a)
    data = answers(**{"pegawai-kind": "calon-pppk", "pegawai-nip": PPPK_NIP,
                      "pegawai-birth_date": "1990-01-15", "pegawai-nik": None,
                      "kepegawaian-tmt_cpns": None, "pangkat-tmt": "2022-03-01",
                      "jabatan-tmt": "2022-03-01"})
    wrong = walk(client, data)
    assert wrong.context["step"] == 1  # III/a is a PNS rank: not offered to a PPPK
    assert "golongan" in wrong.context["steps"].entries["pangkat"].errors
    choices = wrong.context["steps"].entries["pangkat"].fields["golongan"].queryset
    assert set(choices.values_list("scheme", flat=True)) == {Golongan.Scheme.PPPK}
    data["pangkat-golongan"] = Golongan.objects.get(code="VII").pk
    response = walk(client, data)
    assert response.status_code == 302
    employee = Employee.objects.get(nip=PPPK_NIP)
    assert employee.asn_kind == AsnKind.PPPK and employee.tmt_cpns is None
    assert ChangeRequest.objects.filter(employee=employee, stage=Stage.VERIFICATION).count() == 3


def test_a_transferred_employee_needs_the_previous_agency(client, cast):
    """Case "pindahan": a PNS from another agency; the agency is required and kept."""
    client.force_login(cast.hr_manager_b)
    data = answers("DISDIK.KORWIL03.SD1", **{
        "pegawai-kind": "pindahan", "kepegawaian-asn_kind": "PNS",
        "pangkat-golongan": Golongan.objects.get(code="32").pk, "pangkat-tmt": "2024-04-01",
        "pangkat-sk_number": "823/KAMPAR/2024/9", "pangkat-sk_date": "2024-03-15",
        "pangkat-mk_years": "4", "jabatan-tmt": "2026-01-02",
        "jabatan-position_name": "Guru Ahli Pertama"})
    first = walk(client, data)
    assert first.context["step"] == 0
    assert "instansi asal" in str(first.context["steps"].identity.errors)
    data["pegawai-origin_agency"] = "Pemerintah Kabupaten Kampar"
    assert walk(client, data).status_code == 302
    onboarding = Onboarding.objects.get(employee__nip=CPNS_NIP)
    assert onboarding.kind == "pindahan"
    assert onboarding.origin_agency == "Pemerintah Kabupaten Kampar"
    assert onboarding.employee.asn_kind == AsnKind.PNS
    assert "Kampar" in ChangeRequest.objects.filter(employee=onboarding.employee).first().note


def test_an_employee_never_recorded_is_recorded_by_bkpp(client, cast):
    """Case "belum terekam", by a BKPP verifier (regency-wide); their own requests
    then wait for another verifier."""
    client.force_login(cast.verifier)
    assert walk(client, answers("DISDIK.KORWIL03.SD1",
                                **{"pegawai-kind": "belum-terekam"})).status_code == 302
    employee = Employee.objects.get(nip=CPNS_NIP)
    assert employee.asn_kind == AsnKind.PNS
    assert not verification_queue(cast.verifier).filter(employee=employee).exists()
    other = make_user("verifikator_dua", "verifikator")
    assert verification_queue(other).filter(employee=employee).count() == 3


def test_a_duplicate_nip_is_refused_with_a_link_to_the_record(client, cast):
    """The NIP of someone already recorded: refused at the first step; the admin
    of that unit gets a link to the record, an admin elsewhere only the fact."""
    client.force_login(cast.admin_a)
    existing = cast.colleague_a
    response = client.post(URL, {**answers(**{"pegawai-nip": existing.nip}), "langkah": "0"})
    assert response.context["step"] == 0
    body = response.content.decode()
    assert "sudah terdaftar" in body
    assert reverse("records:profile", args=[existing.pk]) in body
    client.force_login(cast.admin_b)
    response = client.post(URL, {**answers("DISDIK.KORWIL03.SD1",
                                           **{"pegawai-nip": existing.nip}), "langkah": "0"})
    body = response.content.decode()
    assert "sudah terdaftar" in body
    assert reverse("records:profile", args=[existing.pk]) not in body
    assert existing.name not in body
    assert Employee.objects.filter(nip=existing.nip).count() == 1


@pytest.mark.parametrize(("nip", "message"), [
    ("1.99501E+17", "notasi ilmiah"),
    ("19950115202003200", "18"),
    ("199513152020032001", "tanggal"),
])
def test_an_impossible_nip_is_refused_in_indonesian(client, cast, nip, message):
    client.force_login(cast.admin_a)
    response = client.post(URL, {**answers(**{"pegawai-nip": nip}), "langkah": "0"})
    assert response.context["step"] == 0
    assert message in str(response.context["steps"].identity.errors["nip"])


def test_a_unit_admin_records_only_into_their_own_units(client, cast):
    """Scope: the Dinkes admin is offered Dinkes units only; a Disdik unit
    smuggled into the post is refused and nothing is written."""
    client.force_login(cast.admin_a)
    page = client.get(URL)
    units = page.context["steps"].employment.fields["unit"].queryset
    assert units.exists() and not units.exclude(path__startswith=Unit.objects.get(
        code="DINKES").path).exists()
    response = walk(client, answers("DISDIK.KORWIL03.SD1"))
    assert response.status_code == 200 and response.context["step"] == 1
    assert "unit" in response.context["steps"].employment.errors
    assert not Employee.objects.filter(nip=CPNS_NIP).exists()


def test_a_missing_document_sends_nothing(client, cast):
    client.force_login(cast.admin_a)
    documents = len(Document.objects.all())
    response = walk(client, answers(), send=False)
    assert response.status_code == 200 and response.context["step"] == 4
    assert not Employee.objects.filter(nip=CPNS_NIP).exists()
    assert Document.objects.count() == documents


def test_a_nip_that_disagrees_with_the_birth_date_is_shown_not_refused(client, cast):
    """R-DATA-2: a well-formed NIP whose birth date differs from the typed one is
    a finding, shown before sending and kept on the record for the verifier."""
    client.force_login(cast.admin_a)
    data = answers(**{"pegawai-birth_date": "1995-01-16", "pegawai-nik": None})
    page = client.post(URL, {**data, "langkah": "3"})
    assert page.context["step"] == 4
    assert any("tanggal lahir" in finding for finding in page.context["findings"])
    assert walk(client, data).status_code == 302
    assert "tanggal lahir" in " ".join(Employee.objects.get(nip=CPNS_NIP).findings)


def test_going_back_keeps_what_was_typed(client, cast):
    client.force_login(cast.admin_a)
    response = client.post(URL, {**answers(), "langkah": "2", "kembali": "1"})
    assert response.context["step"] == 1
    assert response.context["steps"].identity["name"].value() == "SITI AMINAH"
    assert "Perawat Terampil" in response.content.decode()


def test_who_may_open_the_form(client, cast):
    for who, status in ((cast.employee, 404), (cast.division_admin, 404),
                        (cast.leader, 404), (cast.admin_a, 200), (cast.verifier, 200)):
        client.force_login(who)
        assert client.get(URL).status_code == status


def test_a_birth_date_in_the_future_is_refused_by_the_server(client, cast):
    """Defect 13: the server refuses it (the date widget is no check); the import
    applies the same rule (smart.people.dates)."""
    import datetime

    from django.utils import timezone

    client.force_login(cast.admin_a)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)  # inside the plausible range
    response = client.post(URL, {**answers(**{"pegawai-birth_date": tomorrow.isoformat()}),
                                 "langkah": "0"})
    assert response.context["step"] == 0
    assert "ada di masa depan" in str(response.context["steps"].identity.errors["birth_date"])


def test_a_tmt_cpns_before_age_18_is_refused(client, cast):
    """Defect 13: TMT CPNS at age 4 is refused, as the import refuses it."""
    client.force_login(cast.admin_a)
    response = walk(client, answers(**{"kepegawaian-tmt_cpns": "1999-03-01"}))
    assert response.status_code == 200
    errors = str(response.context["steps"].employment.errors["tmt_cpns"])
    assert "berusia 4 tahun; usia minimal 18 tahun" in errors
    assert not Employee.objects.filter(nip=CPNS_NIP).exists()
