"""R-PROC-1 (Perbup 35/2020 Pasal 20, 32): the recording campaign per unit and per
employee, its scope, its files and its reminders."""

from __future__ import annotations

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from smart.access.models import Role
from smart.audit.models import AuditEvent
from smart.documents.models import DocumentType
from smart.monitoring.campaigns import campaign_elements, campaign_employees, campaign_scope
from smart.monitoring.models import RecordingCampaign
from smart.monitoring.services import campaign_create, campaign_reminders_send
from smart.monitoring.tests.scenery import fill_gaps, make_campaign
from smart.notifications.models import Notification
from smart.people.models import AsnKind, Employee
from smart.records.progress import annotate_missing, missing_of, progress_by_unit
from smart.references.models import Unit
from smart.reports.tests.xlsx import read_xlsx
from tests.personas import make_employee, make_user

pytestmark = pytest.mark.django_db


def _rows(content: bytes) -> list[tuple]:
    """The data rows of our workbook (the header is row 5)."""
    cells = read_xlsx(content)["cells"]
    last = max(int("".join(c for c in ref if c.isdigit())) for ref in cells)
    return [tuple(cells.get(f"{col}{n}") for col in "ABCDEF") for n in range(6, last + 1)]


def _dinkes():
    return Unit.objects.get(code="DINKES")


def test_progress_per_agency_is_counted_by_hand(cast):
    """R-PROC-1: Dinkes has 3 employees, 12 required elements, 5 missing → 58.3 %,
    1 complete and 2 incomplete; NPWP is missing for 1 of them, the KTP for 2."""
    fill_gaps(cast)
    campaign = make_campaign(cast)
    user = cast.system_manager
    lines = progress_by_unit(campaign_employees(user, campaign_scope(user)),
                             campaign_elements(campaign))
    dinkes = next(line for line in lines if line.unit_id == _dinkes().pk)
    assert (dinkes.employees, dinkes.complete, dinkes.incomplete) == (3, 1, 2)
    assert (dinkes.elements_counted, dinkes.elements_missing) == (12, 5)
    assert dinkes.percent == 58.3
    assert dinkes.missing == {"data:nik": 0, "data:npwp": 1, "riwayat:pangkat": 2,
                              "dokumen:KTP": 2}


def test_a_withdrawn_ktp_does_not_count(cast):
    """R-PROC-1: only live files count; a withdrawn KTP leaves the element missing."""
    from smart.documents.models import Document

    fill_gaps(cast)
    campaign = make_campaign(cast)
    Document.objects.filter(employee=cast.colleague_a).update(
        withdrawn_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC))
    user = cast.system_manager
    lines = progress_by_unit(campaign_employees(user, campaign_scope(user)),
                             campaign_elements(campaign))
    dinkes = next(line for line in lines if line.unit_id == _dinkes().pk)
    assert dinkes.complete == 0 and dinkes.missing["dokumen:KTP"] == 3


def test_the_query_count_does_not_grow_with_the_employees(client, cast):
    """R-PROC-1, ARCHITECTURE "a report": the campaign page aggregates in the
    database; twenty more employees add no query."""
    fill_gaps(cast)
    campaign = make_campaign(cast)
    client.force_login(cast.system_manager)
    url = reverse("monitoring:campaign_detail", args=[campaign.pk])
    client.get(url)  # warm the session and caches
    with CaptureQueriesContext(connection) as before:
        assert client.get(url).status_code == 200
    for n in range(20):
        make_employee("DINKES.PKM02", name=f"TAMBAHAN {n}")
    with CaptureQueriesContext(connection) as after:
        assert client.get(url).status_code == 200
    assert len(after) == len(before)
    assert len(before) <= 16, [q["sql"][:120] for q in before.captured_queries]


def test_reminders_use_a_bounded_number_of_queries_and_tell_each_admin_once(cast):
    """R-PROC-1: each unit admin learns how many of their employees are incomplete;
    a second run on the same day tells nobody again; the queries do not depend
    on the number of employees."""
    fill_gaps(cast)
    make_campaign(cast)
    with CaptureQueriesContext(connection) as first:
        sent = campaign_reminders_send()
    assert sent == 2  # admin_dinkes and admin_disdik
    note = Notification.objects.get(user=cast.admin_a)
    assert "2 pegawai di unit Anda" in note.message  # Dinkes: 2 of 3 incomplete
    assert "Perekaman 2026" in note.message
    assert campaign_reminders_send() == 0
    for n in range(15):
        make_employee("DISDIK.01", name=f"GURU {n}")
    Notification.objects.all().delete()
    with CaptureQueriesContext(connection) as second:
        assert campaign_reminders_send() == 2
    assert len(second) == len(first)
    assert "17 pegawai" in Notification.objects.get(user=cast.admin_b).message


def test_reminders_skip_campaigns_that_have_not_started_or_ended(cast):
    today = datetime.date.today()
    make_campaign(cast, start=today + datetime.timedelta(days=1))
    make_campaign(cast, start=today - datetime.timedelta(days=100),
                  deadline=today - datetime.timedelta(days=1), name="Lama")
    assert campaign_reminders_send() == 0


def test_the_unit_admin_sees_only_their_unit(client, cast):
    """R-PROC-1, R-ROLE: the Dinkes admin's list holds Dinkes employees only; the
    Disdik teacher's NIP is not on the page or in the Excel file."""
    fill_gaps(cast)
    campaign = make_campaign(cast)
    client.force_login(cast.admin_a)
    page = client.get(reverse("monitoring:campaign_detail", args=[campaign.pk]),
                      {"status": "semua"}).content.decode()
    assert cast.employee_record.nip_grouped in page
    assert cast.person_b.nip_grouped not in page and cast.person_b.name not in page
    response = client.get(reverse("monitoring:campaign_xlsx", args=[campaign.pk]),
                          {"status": "semua"})
    assert response.status_code == 200
    nips = {row[1] for row in _rows(response.content)}
    assert cast.employee_record.nip_grouped in nips and cast.colleague_a.nip_grouped in nips
    assert cast.person_b.nip_grouped not in nips


def test_the_regency_view_exports_every_agency(client, cast):
    """R-PROC-1: the system manager's Excel holds the incomplete employees of
    every agency, with what each one misses; the export is audited."""
    fill_gaps(cast)
    campaign = make_campaign(cast)
    client.force_login(cast.system_manager)
    response = client.get(reverse("monitoring:campaign_xlsx", args=[campaign.pk]))
    assert response.status_code == 200
    rows = _rows(response.content)
    by_nip = {row[1]: row for row in rows}
    assert cast.person_b.nip_grouped in by_nip  # the incomplete of every agency
    assert cast.colleague_a.nip_grouped not in by_nip  # complete
    own = by_nip[cast.employee_record.nip_grouped]
    assert own[4] == 2 and "KTP" in own[5]
    assert AuditEvent.objects.filter(action="reports.export",
                                     target_label="monitoring.campaign").exists()


def test_a_large_list_needs_a_data_release(client, cast, settings):
    """Pasal 24(2): more rows than the threshold → the release gate's 403 page."""
    settings.SMART_RELEASE_ROW_THRESHOLD = 2
    fill_gaps(cast)
    campaign = make_campaign(cast)
    client.force_login(cast.system_manager)
    response = client.get(reverse("monitoring:campaign_xlsx", args=[campaign.pk]))
    assert response.status_code == 403
    assert AuditEvent.objects.filter(action="releases.export.refuse").exists()


def test_print_is_a_pdf_with_the_list(client, cast):
    from pypdf import PdfReader

    fill_gaps(cast)
    campaign = make_campaign(cast)
    client.force_login(cast.admin_a)
    response = client.get(reverse("monitoring:campaign_unit_pdf",
                                  args=[campaign.pk, _dinkes().pk]))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert cast.employee_record.nip_grouped in text
    assert cast.person_b.nip_grouped not in text and cast.person_b.nip not in text


def test_the_files_print_the_nip_grouped_for_people(client, cast):
    """Decision 212: a NIP printed for people is grouped 8-6-1-3; the campaign's
    Excel and PDF printed the 18 digits."""
    from pypdf import PdfReader

    fill_gaps(cast)
    campaign = make_campaign(cast)
    client.force_login(cast.admin_a)
    own = cast.employee_record
    response = client.get(reverse("monitoring:campaign_xlsx", args=[campaign.pk]),
                          {"status": "semua"})
    book = read_xlsx(response.content)
    nips = [row[1] for row in _rows(response.content)]
    assert own.nip_grouped in nips and own.nip not in nips
    assert book["types"]["B6"] == "s"  # text, never a number Excel would round
    pdf = client.get(reverse("monitoring:campaign_pdf", args=[campaign.pk]),
                     {"status": "semua"}).content
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert own.nip_grouped in text and own.nip not in text


def test_a_unit_of_another_agency_is_not_found(client, cast):
    """IDOR: the Dinkes admin aiming the unit page at Disdik gets a 404."""
    campaign = make_campaign(cast)
    client.force_login(cast.admin_a)
    disdik = Unit.objects.get(code="DISDIK")
    for name in ("campaign_unit", "campaign_unit_xlsx", "campaign_unit_pdf"):
        assert client.get(reverse(f"monitoring:{name}",
                                  args=[campaign.pk, disdik.pk])).status_code == 404
    assert client.get(reverse("monitoring:campaign_unit",
                              args=[campaign.pk, _dinkes().pk])).status_code == 200


def test_creating_a_campaign_is_for_the_managers_and_audited(client, cast):
    """Pasal 20: the Pengelola SMART or Pengelola Kepegawaian creates the campaign;
    the unit admin may not; a deadline before the start is refused in Indonesian."""
    url = reverse("monitoring:campaign_create")
    client.force_login(cast.admin_a)
    assert client.get(url).status_code == 404
    client.force_login(cast.hr_manager_b)
    form = client.get(url).context["form"]
    assert form.initial["deadline"] > form.initial["start_date"]
    data = {"name": "Perekaman CPNS 2026", "start_date": "2026-03-01",
            "deadline": "2026-02-01", "elements": ["data:nik"]}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Tenggat tidak boleh sebelum tanggal mulai." in response.content.decode()
    assert not RecordingCampaign.objects.exists()
    data["deadline"] = "2026-05-31"
    response = client.post(url, data)
    campaign = RecordingCampaign.objects.get()
    assert response.status_code == 302 and campaign.elements == ["data:nik"]
    assert AuditEvent.objects.filter(action="monitoring.campaign.create",
                                     actor=cast.hr_manager_b).exists()


def test_an_empty_campaign_is_refused(client, cast):
    client.force_login(cast.system_manager)
    response = client.post(reverse("monitoring:campaign_create"), {
        "name": "Kosong", "start_date": "2026-03-01", "deadline": "2026-05-31"})
    assert "Pilih sedikitnya satu elemen" in response.content.decode()
    assert not RecordingCampaign.objects.exists()


def test_extending_the_deadline_keeps_both_in_the_audit(client, cast):
    campaign = make_campaign(cast)
    client.force_login(cast.system_manager)
    new_deadline = campaign.deadline + datetime.timedelta(days=30)
    response = client.post(reverse("monitoring:campaign_edit", args=[campaign.pk]), {
        "name": campaign.name, "start_date": campaign.start_date.isoformat(),
        "deadline": new_deadline.isoformat(), "elements": campaign.elements,
        "document_types": [t.pk for t in campaign.document_types.all()]})
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="monitoring.campaign.update")
    assert event.before["deadline"] == campaign.deadline.isoformat()
    assert event.after["deadline"] == new_deadline.isoformat()


def test_a_scoped_hr_manager_sees_the_units_of_their_scope(client, cast):
    """The Disdik HR manager's page groups by Disdik's units, never Dinkes."""
    campaign = make_campaign(cast)
    client.force_login(cast.hr_manager_b)
    response = client.get(reverse("monitoring:campaign_detail", args=[campaign.pk]),
                          {"status": "semua"})
    names = [line.name for line in response.context["lines"]]
    assert names and all("Kesehatan" not in name for name in names)
    assert response.context["grouping"] == "unit"
    assert cast.colleague_a.name not in response.content.decode()


def test_an_acting_unit_admin_is_reminded_through_their_own_role_only(cast):
    """A user without the unit admin role gets no reminder."""
    make_user("pembaca", Role.LEADERSHIP)
    make_campaign(cast)
    campaign_reminders_send()
    assert not Notification.objects.filter(user__username="pembaca").exists()


def test_the_scheduled_job_reports_what_it_sent(cast):
    """The periodic schedule's entry point returns its summary line (OperationRun style)."""
    from smart.monitoring.jobs import scheduled_campaign_reminders

    fill_gaps(cast)
    make_campaign(cast)
    assert scheduled_campaign_reminders() == "2 pengingat kampanye perekaman dikirim."
    assert scheduled_campaign_reminders() == "0 pengingat kampanye perekaman dikirim."


def test_documents_of_another_asn_kind_are_not_missing(cast):
    """A PPPK has no SK CPNS nor SK PNS, a CPNS no SK PNS yet: a campaign that
    requires them counts them only for whom they exist (646 of 647 Dinkes staff
    were once listed as missing an SK CPNS)."""
    pppk = make_employee("DINKES", name="PPPK", asn_kind=AsnKind.PPPK)
    cpns = make_employee("DINKES", name="CPNS", asn_kind=AsnKind.CPNS)
    pns = make_employee("DINKES", name="PNS")
    campaign = campaign_create(
        actor=cast.system_manager, name="SK", start_date=datetime.date(2026, 3, 1),
        deadline=datetime.date(2026, 5, 31), elements=[],
        document_types=DocumentType.objects.filter(code__in=("SK_CPNS", "SK_PNS")))
    elements = campaign_elements(campaign)
    rows = {e.pk: e for e in annotate_missing(
        Employee.objects.filter(pk__in=[pppk.pk, cpns.pk, pns.pk]), elements)}
    assert missing_of(rows[pppk.pk], elements) == []
    assert missing_of(rows[cpns.pk], elements) == ["SK CPNS"]
    assert missing_of(rows[pns.pk], elements) == ["SK CPNS", "SK PNS"]
    assert [rows[pk].counted_count for pk in (pppk.pk, cpns.pk, pns.pk)] == [0, 1, 2]


def test_an_approved_release_links_to_the_campaign_list_it_released(client, cast, settings):
    """Decision 211: the release's link is the campaign page with the released
    unit and status, whose file button then opens the file under the release."""
    from smart.releases.models import DataRelease
    from smart.releases.services import release_move

    settings.SMART_RELEASE_ROW_THRESHOLD = -1  # every file needs a release
    fill_gaps(cast)
    campaign = make_campaign(cast)
    client.force_login(cast.admin_a)
    file_url = reverse("monitoring:campaign_unit_xlsx", args=[campaign.pk, _dinkes().pk])
    refused = client.get(file_url, {"status": "semua"})
    client.post(reverse("releases:request", args=[refused.context["token"]]),
                {"purpose": "Bahan rapat pemantauan."})
    release = release_move(release=DataRelease.objects.get(), move_name="approve",
                           actor=cast.system_manager)
    link = client.get(reverse("releases:detail", args=[release.pk])).context["export_url"]
    assert link == (reverse("monitoring:campaign_unit", args=[campaign.pk, _dinkes().pk])
                    + "?status=semua")
    assert client.get(link).context["status"] == "semua"
    assert client.get(f"{file_url}?status=semua").status_code == 200
    assert release.uses.count() == 1
