"""The demo regency's history: every record kind, consistent with the employee,
deterministic, plus sample documents for the demo accounts."""

import io
from collections import defaultdict

import pytest
from django.core.management import call_command
from django.db.models import F

from smart.accounts.models import User
from smart.changes.models import ChangeRequest
from smart.demo.documents import demo_pdf
from smart.demo.history import CHANGE_REASON, build_history
from smart.demo.loader import DEMO_ACCOUNTS
from smart.documents.files import check_document_file
from smart.documents.models import Document
from smart.documents.services import document_verify_integrity
from smart.people.models import AsnKind, Employee
from smart.records import models as m
from smart.records.registry import KINDS
from smart.records.services import employee_refresh_current

CHARTER = "PENGHARGAAN"  # the supporting document of the demo's award proposals

SIZES = ("--pns", "120", "--pppk", "80")
CURRENT = ("golongan_id", "tmt_golongan", "mk_years", "mk_months", "position_name",
           "position_type_id", "echelon_id", "tmt_position", "unit_id")


def _load(**extra) -> list[str]:
    out = io.StringIO()
    call_command("load_demo", *SIZES, stdout=out, stderr=io.StringIO(), **extra)
    return [line.split(": ")[1].split(" / ")[0] for line in out.getvalue().splitlines()]


def _by_employee(model, order: str) -> dict[int, list]:
    entries = defaultdict(list)
    for entry in model.objects.select_related().order_by("employee_id", order, "pk"):
        entries[entry.employee_id].append(entry)
    return entries


@pytest.fixture
def loaded(db, tmp_path, settings):
    settings.DATA_DIR = tmp_path
    return _load()


def test_every_kind_has_validated_entries_each_with_its_history_row(loaded):
    for kind in KINDS:
        count = kind.model.objects.count()
        assert count, kind.slug
        assert not kind.model.objects.filter(validated_at__isnull=True).exists(), kind.slug
        assert not kind.model.objects.exclude(validated_by=None).exists(), kind.slug
        history = kind.model.history.filter(history_type="+")
        assert history.count() == count, kind.slug
        assert set(history.values_list("history_change_reason", flat=True)) == {CHANGE_REASON}
    assert m.RankHistory.objects.values("employee").distinct().count() == 200
    assert m.Parent.objects.filter(relation="ayah").count() >= 180  # some records have gaps
    assert not m.Award.objects.exclude(employee__asn_kind=AsnKind.PNS).exists()
    assert set(m.Award.objects.values_list("award_type__code", flat=True)) >= {"201", "202"}


def test_the_rank_history_starts_at_tmt_cpns_and_ends_at_the_current_golongan(loaded):
    ranks = _by_employee(m.RankHistory, "tmt")
    for employee in Employee.objects.select_related("golongan"):
        entries = ranks[employee.pk]
        dates = [entry.tmt for entry in entries]
        assert dates == sorted(set(dates)), employee.nip
        assert dates[0] == employee.tmt_cpns, employee.nip
        last = entries[-1]
        assert (last.golongan_id, last.tmt, last.mk_years, last.mk_months) == (
            employee.golongan_id, employee.tmt_golongan, employee.mk_years, employee.mk_months)
        if employee.asn_kind == AsnKind.PPPK:
            assert len(entries) == 1
        else:
            codes = [entry.golongan.code for entry in entries]
            assert codes == sorted(codes) and codes[0] == employee.initial_golongan.code
            for entry in entries[1:]:
                assert entry.sk_number.startswith(f"823/BKPP/{entry.sk_date.year}/")
                assert 28 <= (entry.tmt - entry.sk_date).days <= 92
    for model, field in ((m.RankHistory, "tmt"), (m.PositionHistory, "tmt"),
                         (m.LeaveRecord, "start_date"), (m.Award, "sk_date"),
                         (m.TechnicalTraining, "start_date")):
        assert not model.objects.filter(**{f"{field}__lt": F("employee__tmt_cpns")}).exists()


def test_the_position_history_ends_at_the_current_position(loaded):
    positions = _by_employee(m.PositionHistory, "tmt")
    for employee in Employee.objects.all():
        entries = positions[employee.pk]
        assert 1 <= len(entries) <= 4, employee.nip
        dates = [entry.tmt for entry in entries]
        assert dates == sorted(set(dates)) and dates[0] >= employee.tmt_cpns
        last = entries[-1]
        assert (last.position_name, last.position_type_id, last.echelon_id, last.unit_id,
                last.tmt) == (employee.position_name, employee.position_type_id,
                              employee.echelon_id, employee.unit_id, employee.tmt_position)
    assert set(m.PositionHistory.objects.values_list("assignment_type__code", flat=True)) == {"D"}
    assert set(m.ActingAppointment.objects.values_list("assignment_type__code", flat=True)) <= {
        "PLT", "PLH"}


def test_refreshing_the_current_values_from_the_history_changes_nothing(loaded):
    sample = list(Employee.objects.order_by("nip"))[::7]
    for employee in sample:
        before = [getattr(employee, name) for name in CURRENT]
        employee_refresh_current(employee)
        employee.refresh_from_db()
        assert [getattr(employee, name) for name in CURRENT] == before, employee.nip


def test_families_are_plausible(loaded):
    married = {spouse.employee_id: spouse for spouse in m.Spouse.objects.select_related(
        "employee__sex")}
    assert married
    for spouse in married.values():
        assert spouse.relation == ("istri" if spouse.employee.sex.code == "M" else "suami")
        assert spouse.marriage_date > spouse.employee.birth_date
    for child in m.Child.objects.all():
        assert child.employee_id in married
        assert child.birth_date > married[child.employee_id].marriage_date
    per_employee = defaultdict(int)
    for employee_id in m.Child.objects.values_list("employee_id", flat=True):
        per_employee[employee_id] += 1
    assert max(per_employee.values()) <= 4
    for parent in m.Parent.objects.select_related("employee"):
        assert parent.birth_date < parent.employee.birth_date


def test_lampiran_fields_and_appraisers(loaded):
    employees = list(Employee.objects.select_related("unit"))
    assert not [e.nip for e in employees if e.pk in (e.appraiser_id, e.appraiser_superior_id)]
    sekda = Employee.objects.get(position_name="Sekretaris Daerah")
    assert sekda.appraiser_id is None
    others = [e for e in employees if e.pk != sekda.pk]
    assert all(e.appraiser_id for e in others)  # every OPD of the small demo has a head
    assert all(e.appraiser_superior_id == sekda.pk for e in others if e.appraiser_id != sekda.pk)
    complete = [e for e in employees if e.blood_type and e.height_cm and e.domicile_village]
    assert 0.85 * len(employees) <= len(complete) < len(employees)
    assert sum(e.origin_regency == "Kabupaten Kuantan Singingi" for e in employees) > len(
        employees) / 2
    assert {e.postal_code[:4] for e in employees if e.postal_code} == {"2956"}
    assert all(e.languages.startswith("Indonesia") for e in employees if e.languages)


def test_the_demo_accounts_have_stored_documents_that_verify(loaded):
    assert len(loaded) == len(DEMO_ACCOUNTS)
    for nip in loaded:
        employee = User.objects.get(username=nip).employee
        documents = {document.document_type.code: document for document in
                     Document.objects.filter(employee=employee).exclude(
                         document_type__code=CHARTER).select_related("document_type")}
        assert set(documents) == {"SK_PANGKAT", "IJAZAH"}, nip
        for document in documents.values():
            assert document.content_type == "application/pdf" and document.size < 4000
            assert document_verify_integrity(document)
        rank = m.RankHistory.objects.get(pk=documents["SK_PANGKAT"].record_id)
        assert rank.employee_id == employee.pk and documents["SK_PANGKAT"].record_kind == "pangkat"
    # Besides: one award charter per request in flight (smart.demo.requests).
    charters = Document.objects.filter(document_type__code=CHARTER)
    assert charters.count() == ChangeRequest.objects.count() > 0
    assert Document.objects.count() == 2 * len(DEMO_ACCOUNTS) + charters.count()
    before = Document.objects.count()
    _load()  # a rerun stores nothing again
    assert Document.objects.count() == before


def test_the_sample_pdf_passes_the_upload_checks():
    from django.core.files.uploadedfile import SimpleUploadedFile

    content = demo_pdf("Contoh (uji)", ["Baris satu", "Nama: A (B) \\ C"])
    checked = check_document_file(SimpleUploadedFile("contoh.pdf", content, "application/pdf"))
    assert checked.content_type == "application/pdf" and checked.size == len(content)


def _snapshot() -> dict:
    """Counts per kind and the first entries of each kind, by employee NIP."""
    nips = dict(Employee.objects.values_list("pk", "nip"))
    skip = {"id", "employee", "created_at", "updated_at", "validated_at"}
    snapshot = {}
    for kind in KINDS:
        fields = [field.attname for field in kind.model._meta.concrete_fields
                  if field.name not in skip]
        first = [(nips[row.pop("employee_id")], row) for row in
                 kind.model.objects.order_by("pk").values("employee_id", *fields)[:20]]
        snapshot[kind.slug] = (kind.model.objects.count(), first)
    snapshot["employees"] = sorted(Employee.objects.values_list(
        "nip", "blood_type", "height_cm", "origin_village", "appraiser__nip"))
    return snapshot


@pytest.mark.django_db
def test_two_loads_into_empty_databases_give_the_same_history(tmp_path, settings):
    settings.DATA_DIR = tmp_path
    _load()
    first = _snapshot()
    ChangeRequest.objects.all().delete()
    Document.objects.all().delete()
    Employee.objects.all().delete()  # the entries go with them
    User.objects.all().delete()
    assert not m.RankHistory.objects.exists()
    _load()
    assert _snapshot() == first


@pytest.mark.django_db
def test_the_history_does_not_depend_on_the_order_of_the_employees(tmp_path, settings):
    settings.DATA_DIR = tmp_path
    _load()
    employees = list(Employee.objects.order_by("nip"))[:60]

    def entries(order):
        rows = build_history(order, seed=2026)
        return {model: sorted(tuple(str(getattr(entry, field.attname))
                                    for field in model._meta.concrete_fields
                                    if field.name not in ("id", "validated_at"))
                              for entry in built)
                for model, built in rows.items()}

    assert entries(employees) == entries(list(reversed(employees)))
