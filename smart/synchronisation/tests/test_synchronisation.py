"""The synchronisation report (R-PROC-2 stage "sinkronisasi", issue 6 item 6)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from smart.changes.models import ChangeRequest, Stage
from smart.changes.queues import inbox_for, verification_queue
from smart.changes.services import request_move
from smart.documents.tests.samples import pdf_bytes, upload
from smart.synchronisation.compare import classify
from smart.synchronisation.models import Classification, SyncDifference, SyncRun
from smart.synchronisation.services import sync_run_compare, sync_run_start
from smart.synchronisation.tests.scenery import EXPORT_DATE, build_scenery, compared_run, csv_bytes
from tests.personas import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path


def _classes(run, employee) -> dict[str, str]:
    return dict(SyncDifference.objects.filter(run=run, employee=employee)
                .values_list("field", "classification"))


def test_each_difference_is_classified_by_the_dates_it_has(cast):
    """R-PROC-2 sinkronisasi: the hand-made case gives every class at least twice,
    each for the documented reason; equal values (case or spaces apart) are no
    difference."""
    scenery, run = compared_run(cast)
    assert _classes(run, scenery.ana) == {"golongan": Classification.NATIONAL_NEWER,
                                          "name": Classification.SMART_NEWER}
    assert _classes(run, scenery.budi) == {"golongan": Classification.SMART_NEWER,
                                           "birth_place": Classification.NATIONAL_NEWER}
    assert _classes(run, scenery.citra) == {"golongan": Classification.CONFLICT,
                                            "religion": Classification.CONFLICT}
    assert _classes(run, scenery.dedi) == {"jabatan": Classification.CONFLICT}
    assert _classes(run, scenery.eka) == {"golongan": Classification.NATIONAL_NEWER}
    ana_rank = SyncDifference.objects.get(run=run, employee=scenery.ana, field="golongan")
    assert ana_rank.smart_date == datetime.date(2022, 4, 1)
    assert ana_rank.national_date == datetime.date(2026, 4, 1)
    assert "III/d" in ana_rank.national_value and "TMT 01-04-2026" in ana_rank.national_value
    both = SyncDifference.objects.get(run=run, employee=scenery.citra, field="golongan")
    assert "keduanya berubah" in both.reason


def test_the_run_counts_rows_it_could_not_compare(cast):
    """Rows SMART does not know, an impossible NIP (spreadsheet notation) and a
    NIP twice are counted and listed, never guessed or compared twice."""
    _, run = compared_run(cast)
    assert run.status == SyncRun.Status.DONE
    assert (run.rows, run.compared, run.not_in_smart, run.invalid) == (8, 5, 1, 2)
    assert [nip for _, nip, _ in run.unknown] == ["199001152015032001"]
    messages = " ".join(message for _, _, message in run.problems)
    assert "notasi ilmiah" in messages and "lebih dari sekali" in messages


@pytest.mark.parametrize(("smart_date", "national_date", "changed_on", "expected"), [
    (datetime.date(2024, 1, 1), datetime.date(2020, 1, 1), None, Classification.SMART_NEWER),
    (datetime.date(2020, 1, 1), datetime.date(2024, 1, 1), None,
     Classification.NATIONAL_NEWER),
    (datetime.date(2020, 1, 1), datetime.date(2024, 1, 1), datetime.date(2026, 7, 1),
     Classification.CONFLICT),
    (None, None, datetime.date(2026, 7, 1), Classification.SMART_NEWER),
    (None, None, datetime.date(2025, 7, 1), Classification.NATIONAL_NEWER),
    (None, None, None, Classification.CONFLICT),
    (datetime.date(2020, 1, 1), datetime.date(2020, 1, 1), None, Classification.CONFLICT),
])
def test_the_classification_rule(smart_date, national_date, changed_on, expected):
    """The rule by itself: later TMT wins unless SMART changed since the export
    (both changed); without dates, SMART's validation date against the export's."""
    assert classify(smart_empty=False, smart_date=smart_date, national_date=national_date,
                    smart_changed_on=changed_on, export_date=EXPORT_DATE)[0] == expected


@pytest.mark.parametrize(("record_changed_on", "expected"), [
    (datetime.date(2026, 3, 1), Classification.NATIONAL_NEWER),
    (datetime.date(2026, 7, 1), Classification.CONFLICT),
])
def test_a_record_untouched_since_before_the_export_is_the_older(record_changed_on,
                                                                  expected):
    """Undated data never validated in SMART: if nothing of the record changed
    since before the export, SIASN's value is the newer; otherwise no way to tell."""
    assert classify(smart_empty=False, smart_date=None, national_date=None,
                    smart_changed_on=None, export_date=EXPORT_DATE,
                    record_changed_on=record_changed_on)[0] == expected


def test_smart_values_are_read_in_bulk_not_per_row(cast):
    """8,000 rows must not mean 8,000 queries: twice the rows, the same queries."""
    scenery = build_scenery(cast)
    one = sync_run_start(uploaded_by=cast.verifier, file_name="a.csv",
                         export_date=EXPORT_DATE, data=scenery.data)
    with CaptureQueriesContext(connection) as small:
        sync_run_compare(sync_run=one)
    lines = scenery.data.decode().splitlines()
    doubled = ("\n".join(lines + lines[1:6]) + "\n").encode()  # the same people again
    two = sync_run_start(uploaded_by=cast.verifier, file_name="b.csv",
                         export_date=EXPORT_DATE, data=doubled)
    with CaptureQueriesContext(connection) as large:
        sync_run_compare(sync_run=two)
    assert len(large.captured_queries) == len(small.captured_queries)


def test_an_unreadable_file_fails_the_run_with_the_reason(cast):
    run = sync_run_start(uploaded_by=cast.verifier, file_name="x.csv",
                         export_date=EXPORT_DATE, data=b"nama,foo\nA,B\n")
    result = sync_run_compare(sync_run=run)
    assert result["status"] == "failed"
    run.refresh_from_db()
    assert run.status == SyncRun.Status.FAILED and "Kolom wajib" in run.error
    assert not SyncDifference.objects.filter(run=run).exists()


def test_comparing_again_replaces_the_differences(cast):
    """A re-run (after a killed worker) starts afresh: no difference twice."""
    scenery, run = compared_run(cast)
    first = SyncDifference.objects.filter(run=run).count()
    sync_run_compare(sync_run=run, data=scenery.data)
    assert SyncDifference.objects.filter(run=run).count() == first == 8


# --- the report page: filters and scope ---------------------------------------------------

def _rows(response) -> list[tuple[str, str]]:
    return [(d.employee.name, d.field) for d in response.context["page"].object_list]


def test_the_report_filters_by_unit_subtree_field_and_class(client, cast):
    scenery, run = compared_run(cast)
    client.force_login(cast.verifier)
    url = reverse("synchronisation:run_detail", args=[run.pk])
    everything = client.get(url)
    assert everything.status_code == 200 and len(_rows(everything)) == 8
    from smart.references.models import Unit

    dinkes = Unit.objects.get(code="DINKES")
    pkm05 = Unit.objects.get(code="DINKES.PKM05")
    assert {name for name, _ in _rows(client.get(url, {"unit": dinkes.pk}))} == {
        "ANA LESTARI", "BUDI SANTOSO", "CITRA DEWI"}
    assert {name for name, _ in _rows(client.get(url, {"unit": pkm05.pk}))} == {
        "ANA LESTARI", "BUDI SANTOSO"}
    assert _rows(client.get(url, {"field": "golongan", "classification": "konflik"})) == [
        ("CITRA DEWI", "golongan")]
    assert len(_rows(client.get(url, {"field": "golongan"}))) == 4
    assert _rows(client.get(url, {"q": "dedi"})) == [("DEDI PRATAMA", "jabatan")]
    body = everything.content.decode()
    assert "SMART lebih baru" in body and "SIASN lebih baru" in body and "Konflik" in body


def test_the_report_pages_fifty_at_a_time(client, cast):
    scenery, run = compared_run(cast)
    SyncDifference.objects.bulk_create([
        SyncDifference(run=run, employee=scenery.ana, row=100 + i, field="phone",
                       smart_value="1", national_value=str(i), classification="konflik")
        for i in range(60)])
    client.force_login(cast.verifier)
    url = reverse("synchronisation:run_detail", args=[run.pk])
    first, second = client.get(url), client.get(url, {"page": 2})
    assert len(first.context["page"].object_list) == 50
    assert len(second.context["page"].object_list) == 18


def test_a_unit_admin_sees_only_their_units_differences(client, cast):
    """Scope: the Dinkes admin sees Dinkes differences only; counts too; a
    Disdik difference answers 404 for the change-request page as for others."""
    scenery, run = compared_run(cast)
    client.force_login(cast.admin_a)
    response = client.get(reverse("synchronisation:run_detail", args=[run.pk]))
    assert response.status_code == 200
    assert {name for name, _ in _rows(response)} == {"ANA LESTARI", "BUDI SANTOSO",
                                                     "CITRA DEWI"}
    assert response.context["counts"]["total"] == 6
    assert "DEDI PRATAMA" not in response.content.decode()
    assert "199001152015032001" not in response.content.decode()  # the file's own lists


def test_identity_numbers_are_masked_for_a_unit_admin_as_on_the_profile(client, cast):
    """D-3: the unit admin sees a NIK difference masked and an address hidden;
    the verifier sees both in full. Every page read is in the audit log."""
    from smart.audit.models import AuditEvent

    scenery, run = compared_run(cast)
    SyncDifference.objects.bulk_create([
        SyncDifference(run=run, employee=scenery.ana, row=2, field="nik",
                       smart_value="1409025203850001", national_value="1409025203850009",
                       classification="konflik"),
        SyncDifference(run=run, employee=scenery.ana, row=2, field="address",
                       smart_value="JL. MERDEKA 1", national_value="JL. SUDIRMAN 2",
                       classification="konflik")])
    url = reverse("synchronisation:run_detail", args=[run.pk])
    client.force_login(cast.admin_a)
    body = client.get(url, {"field": "nik"}).content.decode()
    assert "1409********0001" in body and "1409025203850001" not in body
    body = client.get(url, {"field": "address"}).content.decode()
    assert "JL. MERDEKA" not in body and "tidak ditampilkan" in body
    client.force_login(cast.verifier)
    assert "1409025203850001" in client.get(url, {"field": "nik"}).content.decode()
    assert AuditEvent.objects.filter(action="synchronisation.run.read",
                                     target_id=str(run.pk)).count() == 3


def test_a_unit_limited_verifier_cannot_open_another_units_difference(client, cast):
    verifier_b = make_user("verifikator_disdik", "verifikator", "DISDIK")
    scenery, run = compared_run(cast)
    client.force_login(verifier_b)
    dinkes = SyncDifference.objects.get(run=run, employee=scenery.ana, field="golongan")
    disdik = SyncDifference.objects.get(run=run, employee=scenery.eka, field="golongan")
    assert client.get(reverse("synchronisation:difference_propose",
                              args=[run.pk, dinkes.pk])).status_code == 404
    assert client.get(reverse("synchronisation:difference_propose",
                              args=[run.pk, disdik.pk])).status_code == 200
    # the difference must belong to the run in the URL
    other = sync_run_start(uploaded_by=cast.verifier, file_name="c.csv",
                           export_date=EXPORT_DATE, data=csv_bytes([]))
    assert client.get(reverse("synchronisation:difference_propose",
                              args=[other.pk, disdik.pk])).status_code == 404


def test_a_run_of_one_unit_is_not_visible_to_another_unit(client, cast):
    """The Disdik HR manager's run compares Disdik only, and Dinkes' admin
    cannot open it."""
    scenery, run = compared_run(cast, uploader=cast.hr_manager_b)
    assert set(SyncDifference.objects.filter(run=run).values_list("employee__name",
                                                                  flat=True)) == {
        "DEDI PRATAMA", "EKA PUTRI"}
    assert run.out_of_scope == 3
    client.force_login(cast.admin_a)
    assert client.get(reverse("synchronisation:run_detail", args=[run.pk])).status_code == 404
    client.force_login(cast.admin_b)
    assert client.get(reverse("synchronisation:run_detail", args=[run.pk])).status_code == 200


def test_uploading_an_export_compares_it_as_a_background_job(
        client, cast, django_capture_on_commit_callbacks):
    """The page queues the comparison (smart.jobs) and shows its progress; the
    finished job sends the user to the report; the kept file is removed."""
    scenery = build_scenery(cast)
    from django.core.files.uploadedfile import SimpleUploadedFile

    from smart.jobs.models import JobStatus
    from smart.synchronisation.services import sync_file_path

    client.force_login(cast.verifier)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("synchronisation:run_list"), {
            "file": SimpleUploadedFile("siasn.csv", scenery.data, content_type="text/csv"),
            "export_date": "2026-06-01"})
    run = SyncRun.objects.select_related("job").get()
    assert response.status_code == 302
    assert response.url == reverse("jobs:detail", args=[run.job_id])
    assert run.status == SyncRun.Status.DONE and run.differences.count() == 8
    assert run.job.status == JobStatus.SUCCEEDED and run.job.owner == cast.verifier
    assert run.job.result["next_url"] == reverse("synchronisation:run_detail", args=[run.pk])
    assert run.job.result["differences"] == 8
    assert not sync_file_path(run).exists()
    assert client.get(response.url).status_code == 200
    bad = client.post(reverse("synchronisation:run_list"), {
        "file": SimpleUploadedFile("x.csv", scenery.data), "export_date": "2999-01-01"})
    assert bad.status_code == 200 and "setelah hari ini" in bad.content.decode()
    assert SyncRun.objects.count() == 1


def test_a_cancelled_comparison_leaves_the_run_marked_and_can_run_again(cast, monkeypatch):
    """Cancel (or a stopping worker) ends the comparison with the run marked as
    not finished; running it again gives the whole result once."""
    from smart.jobs.runner import JobCancelled

    scenery = build_scenery(cast)
    run = sync_run_start(uploaded_by=cast.verifier, file_name="big.csv",
                         export_date=EXPORT_DATE, data=scenery.data)

    class CancelAtOnce:
        def progress(self, done, total=None, message=""):
            raise JobCancelled

    monkeypatch.setattr("smart.synchronisation.services.BATCH", 2)
    with pytest.raises(JobCancelled):
        sync_run_compare(sync_run=run, run=CancelAtOnce())
    assert SyncDifference.objects.filter(run=run).exists()  # a partial result, marked
    monkeypatch.undo()
    run.refresh_from_db()
    assert run.status == SyncRun.Status.FAILED and "dihentikan" in run.error
    sync_run_compare(sync_run=run)
    run.refresh_from_db()
    assert run.status == SyncRun.Status.DONE and run.differences.count() == 8


def test_a_unit_admin_may_read_but_not_upload(client, cast):
    client.force_login(cast.admin_a)
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(reverse("synchronisation:run_list"), {
        "file": SimpleUploadedFile("x.csv", b"a"), "export_date": "2026-06-01"})
    assert response.status_code == 404 and not SyncRun.objects.exists()


# --- a change request from a difference ---------------------------------------------------

def test_a_change_request_from_a_difference_lands_in_the_verification_queue(client, cast):
    """The verifier opens a request pre-filled with the national golongan; it is
    sent to verification (not applied), another verifier's queue holds it, its
    proposer cannot verify it, and it is validated the normal way."""
    scenery, run = compared_run(cast)
    difference = SyncDifference.objects.get(run=run, employee=scenery.ana, field="golongan")
    client.force_login(cast.verifier)
    url = reverse("synchronisation:difference_propose", args=[run.pk, difference.pk])
    page = client.get(url)
    form = page.context["form"]
    assert str(form["golongan"].value()) == str(difference.national_data["golongan"])
    assert form["tmt"].value() == "2026-04-01"
    from smart.references.models import Golongan

    response = client.post(url, {
        "golongan": Golongan.objects.get(code="34").pk, "tmt": "2026-04-01", "mk_years": "16",
        "mk_months": "3", "sk_number": "823/BKPP/2026/77", "sk_date": "2026-03-20",
        "note": page.context["note"]["note"].value(),
        "kunci": page.context["note"]["kunci"].value(),
        "dokumen-document_type": page.context["document"].fields["document_type"].queryset
        .first().pk,
        "dokumen-file": upload("sk.pdf", pdf_bytes())})
    request = ChangeRequest.objects.get(employee=scenery.ana, kind="pangkat")
    assert response.status_code == 302
    assert response.url == reverse("changes:detail", args=[request.pk])
    assert request.stage == Stage.VERIFICATION and request.route == "usulan-petugas"
    assert request.proposed["tmt"] == "2026-04-01" and "baris 2" in request.note
    difference.refresh_from_db()
    assert difference.change_request_id == request.pk
    scenery.ana.refresh_from_db()
    assert scenery.ana.golongan.code == "33"  # nothing applied yet
    assert request not in verification_queue(cast.verifier)  # its proposer's: not theirs
    assert not inbox_for(cast.admin_a).filter(pk=request.pk).exists()
    second = make_user("verifikator_dua", "verifikator")
    assert request in verification_queue(second)
    for move in ("verify", "synchronise", "validate"):
        request = request_move(request=request, move_name=move, actor=second)
    scenery.ana.refresh_from_db()
    assert scenery.ana.golongan.code == "34"


def test_only_a_verifier_opens_a_change_request(client, cast):
    scenery, run = compared_run(cast)
    difference = SyncDifference.objects.get(run=run, employee=scenery.ana, field="golongan")
    url = reverse("synchronisation:difference_propose", args=[run.pk, difference.pk])
    for who in (cast.admin_a, cast.system_manager):
        client.force_login(who)
        assert client.get(url).status_code == 404
    client.force_login(cast.admin_a)
    assert client.post(url, {"golongan": "1"}).status_code == 404
    assert not ChangeRequest.objects.filter(kind="pangkat").exists()


def test_an_identity_difference_opens_a_correction_of_the_core_data(client, cast):
    scenery, run = compared_run(cast)
    difference = SyncDifference.objects.get(run=run, employee=scenery.budi,
                                            field="birth_place")
    client.force_login(cast.verifier)
    page = client.get(reverse("synchronisation:difference_propose",
                              args=[run.pk, difference.pk]))
    assert page.status_code == 200
    assert page.context["form"]["birth_place"].value() == "PEKANBARU"
    assert page.context["form"]["name"].value() == "BUDI SANTOSO"  # the rest as recorded


def test_the_command_compares_a_file_and_prints_the_figures(cast, tmp_path):
    """``manage.py compare_siasn_export``: the page's comparison from the shell."""
    from io import StringIO

    from django.core.management import call_command
    from django.core.management.base import CommandError

    scenery = build_scenery(cast)
    path = tmp_path / "siasn.csv"
    path.write_bytes(scenery.data)
    out = StringIO()
    call_command("compare_siasn_export", str(path), "--date", "01-06-2026", "--as",
                 cast.verifier.username, stdout=out)
    assert "8 baris, 5 pegawai dibandingkan, 8 selisih" in out.getvalue()
    assert "baris/s" in out.getvalue()
    with pytest.raises(CommandError, match="tidak berwenang"):
        call_command("compare_siasn_export", str(path), "--date", "01-06-2026", "--as",
                     cast.leader.username)


def test_the_data_filter_labels_keep_their_capitals(client, cast):
    """User test: "Nik", "Npwp", "Nomor hp", "Tmt cpns", "Nomor kartu asn"."""
    from smart.synchronisation.forms import DifferenceFilterForm

    labels = dict(DifferenceFilterForm().fields["field"].choices)
    assert [labels[c] for c in ("nik", "npwp", "phone", "tmt_cpns", "tmt_pns", "kartu_asn")] \
        == ["NIK", "NPWP", "Nomor HP", "TMT CPNS", "TMT PNS", "Nomor kartu ASN"]


def test_the_proposal_note_ends_a_name_with_a_title_with_one_full_stop(cast):
    from smart.synchronisation.services import proposal_note

    _scenery, run = compared_run(cast)
    difference = SyncDifference.objects.filter(run=run).first()
    difference.national_value = "NASRUL AMIN, S.I.Kom."
    assert proposal_note(difference).endswith("SIASN: NASRUL AMIN, S.I.Kom.")
    difference.national_value = "III/b"
    assert proposal_note(difference).endswith("SIASN: III/b.")


def test_the_upload_form_offers_today_as_the_export_date_the_browser_can_read(client, cast):
    # User test: the date picker showed empty; a date input takes only year-month-day.
    from django.utils import timezone

    client.force_login(cast.verifier)
    page = client.get(reverse("synchronisation:run_list")).content.decode()
    assert f'type="date" name="export_date" value="{timezone.localdate():%Y-%m-%d}"' in page
