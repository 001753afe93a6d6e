"""The profile shows every record kind, with a bounded number of queries."""

import datetime

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from smart.audit.models import AuditEvent
from smart.records.forms import AsOfForm
from smart.records.models import RankHistory
from smart.records.registry import KINDS
from smart.references.models import Golongan
from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db


def _add_ranks(employee, n):
    gol = Golongan.objects.get(code="31")
    RankHistory.objects.bulk_create(
        RankHistory(employee=employee, golongan=gol, tmt=datetime.date(2011, 1, 1)
                    + datetime.timedelta(days=30 * i), sk_number=f"SK/{i}",
                    sk_date=datetime.date(2011, 1, 1))
        for i in range(n)
    )


def _profile_queries(client, employee):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("records:profile", args=[employee.pk]))
    assert response.status_code == 200
    # Savepoints exist only because the test runs inside a transaction.
    queries = [q for q in ctx.captured_queries
               if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))]
    return len(queries), response.content.decode()


def test_the_profile_lists_every_kind_of_the_registry(client, cast):
    client.login(username=cast.verifier.username, password=PASSWORD)
    _, page = _profile_queries(client, cast.colleague_a)
    for kind in KINDS:
        assert f'id="riwayat-{kind.slug}"' in page


def test_the_profile_query_count_is_bounded_and_does_not_grow_with_rows(client, cast, settings):
    settings.SMART_PROFILE_SECTIONS_SECONDS = 0  # every view reads (nothing kept: decision 219)
    client.login(username=cast.verifier.username, password=PASSWORD)
    _add_ranks(cast.colleague_a, 3)
    _profile_queries(client, cast.colleague_a)  # the session's first renewal (decision 155)
    few, _ = _profile_queries(client, cast.colleague_a)
    _add_ranks(cast.colleague_a, 100)
    many, page = _profile_queries(client, cast.colleague_a)
    assert few == many
    # At most: session, user, roles, the employee, the presence of kinds, one
    # query per kind with entries (16), documents, … + the second-factor device;
    # on PostgreSQL the audited read also takes the audit chain's advisory lock.
    assert many <= 26 + (connection.vendor == "postgresql")
    assert page.count("SK/99") == 1


def test_reading_someone_elses_profile_is_audited_but_not_ones_own(client, cast):
    client.login(username=cast.verifier.username, password=PASSWORD)
    client.get(reverse("records:profile", args=[cast.colleague_a.pk]))
    event = AuditEvent.objects.get(action="people.employee.read")
    assert event.actor == cast.verifier and event.target_id == str(cast.colleague_a.pk)
    client.login(username=cast.employee.username, password=PASSWORD)
    client.get(reverse("records:profile", args=[cast.employee_record.pk]))
    assert AuditEvent.objects.filter(action="people.employee.read").count() == 1


def test_missing_required_kinds_lower_the_completeness(client, cast):
    client.login(username=cast.verifier.username, password=PASSWORD)
    _, page = _profile_queries(client, cast.colleague_a)
    assert "Kelengkapan" in page
    assert "riwayat kepangkatan" in page.lower()


def test_the_profile_shows_computed_career_values(client, cast):
    from smart.references.models import EducationLevel, PositionType

    employee = cast.colleague_a
    employee.position_type = PositionType.objects.get(code="4")
    employee.position_name = "Pengadministrasi Perkantoran"
    employee.tmt_golongan = datetime.date(2020, 4, 1)
    employee.education_level = EducationLevel.objects.get(code="40")
    employee.save()
    client.login(username=cast.verifier.username, password=PASSWORD)
    _, page = _profile_queries(client, employee)
    # born 1985-03-12, pelaksana: BUP 58 reached 2043-03-12, pension 1 April 2043
    assert "1 April 2043" in page
    assert "Nilai karier terhitung" in page


def test_a_record_can_be_read_as_of_a_date(client, cast):
    client.login(username=cast.verifier.username, password=PASSWORD)
    _add_ranks(cast.colleague_a, 1)
    RankHistory.objects.filter(employee=cast.colleague_a).update(
        validated_at=datetime.datetime(2011, 2, 1, tzinfo=datetime.UTC))
    url = reverse("records:profile", args=[cast.colleague_a.pk])
    before = client.get(url, {"on": "2010-12-31"}).content.decode()
    after = client.get(url, {"on": "2011-06-01"}).content.decode()
    assert "belum ada pangkat tervalidasi" in before
    assert "III/a Penata Muda (TMT 01-01-2011)" in after
    # born 1985-03-12: 26 on 1 June 2011, with the unit, as the age elsewhere
    assert '<dd class="col-sm-7">26 tahun</dd>' in after


def test_completeness_counts_entries_without_a_supporting_document(cast):
    from smart.records.completeness import completeness_of
    from smart.records.profile import profile_sections

    employee = cast.colleague_a
    before = completeness_of(employee, profile_sections(employee))
    _add_ranks(employee, 1)
    after = completeness_of(employee, profile_sections(employee))
    assert len(after.missing) == len(before.missing) - 1
    assert any("dokumen pendukung" in str(label) for label in after.missing)


def test_an_employee_sees_who_read_their_record_and_downloads_their_data(client, cast):
    import json

    client.login(username=cast.verifier.username, password=PASSWORD)
    client.get(reverse("records:profile", args=[cast.employee_record.pk]))
    client.logout()
    client.login(username=cast.employee.username, password=PASSWORD)
    page = client.get(reverse("records:my_data")).content.decode()
    assert "VERIFIKATOR" in page and "membaca data" in page
    data = json.loads(client.get(reverse("records:my_data_download")).content)
    assert data["pegawai"]["nip"] == cast.employee_record.nip
    assert set(data["riwayat"]) == {kind.slug for kind in KINDS}


def test_only_ones_own_processing_log_is_shown(client, cast):
    client.login(username=cast.verifier.username, password=PASSWORD)
    client.get(reverse("records:profile", args=[cast.colleague_a.pk]))
    client.logout()
    client.login(username=cast.employee.username, password=PASSWORD)
    assert "REKAN DINKES" not in client.get(reverse("records:my_data")).content.decode()


def test_only_the_kinds_with_entries_are_read(cast):
    # Decision 156: one presence query, then one query per kind that has rows.
    from smart.records.profile import kinds_present, profile_sections

    employee = cast.colleague_a
    _add_ranks(employee, 2)
    presence = kinds_present(employee.pk, list(KINDS))
    present = presence.found
    assert "pangkat" in present
    with CaptureQueriesContext(connection) as ctx:
        sections = profile_sections(employee, presence=presence)
    by_slug = {s.kind.slug: s for group in sections for s in group.kinds}
    assert len(by_slug["pangkat"].entries) == 2
    assert all(not s.entries for slug, s in by_slug.items() if slug not in present)
    read_tables = {kind.model._meta.db_table for kind in KINDS
                   if any(f'FROM "{kind.model._meta.db_table}"' in q["sql"]
                          and "EXISTS" not in q["sql"] for q in ctx.captured_queries)}
    assert read_tables == {kind.model._meta.db_table for kind in KINDS if kind.slug in present}


def test_the_presence_check_never_misses_what_the_kind_would_show(cast):
    from smart.people.models import Employee
    from smart.records.profile import kinds_present

    _add_ranks(cast.colleague_a, 1)
    found = 0
    for employee in Employee.objects.all():
        present = kinds_present(employee.pk, list(KINDS)).found
        for kind in KINDS:
            if kind.entries_of(employee.pk).exists():
                found += 1
                assert kind.slug in present, (employee.nip, kind.slug)
    assert found >= 1


def test_an_entry_validated_without_a_user_says_when_not_by_none(client, cast):
    # User test: imported entries read "divalidasi oleh None pada …".
    from django.utils import timezone

    _add_ranks(cast.colleague_a, 1)
    entry = RankHistory.objects.filter(employee=cast.colleague_a).get()
    entry.validated_at, entry.validated_by = timezone.now(), None
    entry.save()
    client.login(username=cast.verifier.username, password=PASSWORD)
    page = client.get(reverse("records:entry_detail",
                              args=[cast.colleague_a.pk, "pangkat", entry.pk])).content.decode()
    assert "None" not in page
    assert "divalidasi pada" in page
    entry.validated_by = cast.verifier
    entry.save()
    page = client.get(reverse("records:entry_detail",
                              args=[cast.colleague_a.pk, "pangkat", entry.pk])).content.decode()
    assert f"divalidasi oleh {cast.verifier}" in page


def test_the_computed_career_values_follow_the_chosen_language(client, cast):
    employee = cast.colleague_a
    employee.tmt_cpns = datetime.date(2010, 3, 1)
    employee.tmt_golongan = datetime.date(2020, 4, 1)
    employee.save()
    client.login(username=cast.verifier.username, password=PASSWORD)
    url = reverse("records:profile", args=[employee.pk])

    def box(page, title):
        return page.split(title)[1].split("</section>")[0]

    indonesian = box(client.get(url).content.decode(), "Nilai karier terhitung")
    assert " tahun " in indonesian and " bulan" in indonesian
    assert "Memenuhi syarat masa kerja kenaikan pangkat reguler ke III/d" in indonesian
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = box(client.get(url).content.decode(), "Computed career values")
    assert "tahun" not in english and "bulan" not in english
    assert " years " in english and " months" in english
    assert "Meets the service condition for the regular rank promotion to III/d" in english


def test_the_rank_table_has_short_service_headers_with_the_full_label_as_title(client, cast):
    client.login(username=cast.verifier.username, password=PASSWORD)
    _add_ranks(cast.colleague_a, 1)
    _, page = _profile_queries(client, cast.colleague_a)
    table = page.split('id="riwayat-pangkat"')[1].split("</thead>")[0]
    assert '<abbr title="Masa kerja golongan (tahun)">MK gol. (th)</abbr>' in table
    assert '<abbr title="Masa kerja golongan (bulan)">MK gol. (bln)</abbr>' in table
    assert '<th scope="col">Golongan</th>' in table


def test_the_as_of_field_is_the_forms_own_in_each_language_and_keeps_what_was_asked(client, cast):
    """The empty "as of" field is rendered once per language (issue 10): the
    same markup the form renders, labelled in the chosen language; a date asked
    for, or a wrong one, renders the bound form with its value or its error."""
    client.login(username=cast.verifier.username, password=PASSWORD)
    url = reverse("records:profile", args=[cast.colleague_a.pk])

    def field(page):
        return page.split('<form method="get"')[1].split("</form>")[0]

    for language, label in (("id", "Per tanggal"), ("en", "As of date")):
        client.post(reverse("set_language"), {"language": language, "next": "/"})
        with translation.override(language):
            fresh = render_to_string("components/field.html", {
                "field": AsOfForm()["on"], "wrapper_class": "flex-grow-1"})
        shown = field(client.get(url).content.decode())
        assert fresh in shown and f">{label}</label>" in shown
        assert 'type="date" name="on"' in shown and "value=" not in shown
    asked = field(client.get(url, {"on": "2011-06-01"}).content.decode())
    assert 'value="2011-06-01"' in asked
    wrong = field(client.get(url, {"on": "1850-01-01"}).content.decode())
    assert 'aria-invalid="true"' in wrong and "invalid-feedback" in wrong
