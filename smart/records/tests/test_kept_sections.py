"""The profile's record sections kept under the records fingerprint (decision 219):
a profile seen again unchanged reads no record table, and any write to the
employee's entries or documents, by any path, shows on the next view."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from smart.documents.services import document_link, document_withdraw
from smart.documents.tests.samples import make_document
from smart.records.models import RankHistory
from smart.references.models import Golongan
from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the records fingerprint is PostgreSQL's xmin")


def _rank(employee, sk: str) -> RankHistory:
    return RankHistory.objects.create(
        employee=employee, golongan=Golongan.objects.get(code="31"),
        tmt=datetime.date(2011, 1, 1), sk_number=sk, sk_date=datetime.date(2011, 1, 1))


def _view(client, employee) -> tuple[str, list[str]]:
    """The page and the queries that read a record table's rows."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("records:profile", args=[employee.pk]))
    assert response.status_code == 200
    presence = ("xmin", "EXISTS")  # the one query that asks which kinds there are
    reads = [q["sql"] for q in ctx.captured_queries if 'FROM "records_rankhistory"' in q["sql"]
             and not any(word in q["sql"] for word in presence)]
    return response.content.decode(), reads


def _section(page: str) -> str:
    start = page.index('id="riwayat-pangkat"')
    return page[start:page.index("</section>", start)]


@on_postgresql
def test_a_profile_seen_again_unchanged_reads_no_record_table(client, cast):
    _rank(cast.colleague_a, "SK/KEPT/1")
    client.login(username=cast.verifier.username, password=PASSWORD)
    first, first_reads = _view(client, cast.colleague_a)
    again, again_reads = _view(client, cast.colleague_a)
    assert (len(first_reads), again_reads) == (1, [])
    assert _section(again) == _section(first)
    assert "SK/KEPT/1" in _section(again)
    assert "&lt;" not in _section(again)  # kept as HTML, not escaped a second time


@on_postgresql
def test_every_write_path_shows_on_the_next_view(client, cast):
    employee = cast.colleague_a
    entry = _rank(employee, "SK/ORM/1")
    client.login(username=cast.verifier.username, password=PASSWORD)
    assert "SK/ORM/1" in _section(_view(client, employee)[0])
    # update() sends no signal and touches no other row
    RankHistory.objects.filter(pk=entry.pk).update(sk_number="SK/UPDATE/2")
    assert "SK/UPDATE/2" in _section(_view(client, employee)[0])
    # plain SQL, as a shell or a restore would
    with connection.cursor() as cursor:
        cursor.execute("UPDATE records_rankhistory SET sk_number = %s WHERE id = %s",
                       ["SK/SQL/3", entry.pk])
    assert "SK/SQL/3" in _section(_view(client, employee)[0])
    # a document tied to the entry, then withdrawn
    document = document_link(document=make_document(employee, type_code="SK_PANGKAT"),
                             record_kind="pangkat", record_id=entry.pk)
    assert "bi-paperclip" in _section(_view(client, employee)[0])
    document_withdraw(document=document, actor=cast.verifier, reason="salah unggah")
    assert "bi-paperclip" not in _section(_view(client, employee)[0])
    # deleted
    RankHistory.objects.filter(pk=entry.pk).delete()
    assert "SK/SQL/3" not in _section(_view(client, employee)[0])


@on_postgresql
def test_each_viewer_gets_the_sections_for_their_own_buttons(client, cast):
    _rank(cast.employee_record, "SK/OWN/1")
    client.login(username=cast.employee.username, password=PASSWORD)
    own, _ = _view(client, cast.employee_record)
    client.logout()
    client.login(username=cast.verifier.username, password=PASSWORD)
    theirs, _ = _view(client, cast.employee_record)
    propose = reverse("changes:propose", args=[cast.employee_record.pk, "pangkat"])
    assert propose in _section(own)
    assert propose not in _section(theirs)


@on_postgresql
def test_nothing_is_kept_when_the_setting_is_zero(client, cast, settings):
    settings.SMART_PROFILE_SECTIONS_SECONDS = 0
    _rank(cast.colleague_a, "SK/ZERO/1")
    client.login(username=cast.verifier.username, password=PASSWORD)
    _view(client, cast.colleague_a)
    assert len(_view(client, cast.colleague_a)[1]) == 1


def test_without_a_fingerprint_every_view_reads(client, cast):
    """SQLite has no xmin: the sections are read and rendered on every view."""
    if connection.vendor == "postgresql":
        pytest.skip("PostgreSQL keeps the sections (the tests above)")
    _rank(cast.colleague_a, "SK/LITE/1")
    client.login(username=cast.verifier.username, password=PASSWORD)
    _view(client, cast.colleague_a)
    page, reads = _view(client, cast.colleague_a)
    assert len(reads) == 1 and "SK/LITE/1" in _section(page)


@on_postgresql
def test_a_renamed_code_table_entry_shows_on_the_next_view(client, cast):
    """The rows' golongan names come from the held code tables (decision 218):
    a change to them renders the kept sections anew."""
    _rank(cast.colleague_a, "SK/GOL/1")
    client.login(username=cast.verifier.username, password=PASSWORD)
    assert "III/a" in _section(_view(client, cast.colleague_a)[0])
    golongan = Golongan.objects.get(code="31")
    golongan.name = "III/a (baru)"
    golongan.save()
    assert "III/a (baru)" in _section(_view(client, cast.colleague_a)[0])
