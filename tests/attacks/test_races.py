"""Attack case 19 (security.md §8): double clicks, replayed POSTs and two
people acting at once leave exactly one result.

(b) The proposal form carries a one-time key (``kunci``); the same key again
returns the first request — sequentially here, and at the same moment on
PostgreSQL. (c) Two verifiers validating one request at once: one
transition, the other is told it was already processed. A replayed *move*
through the view is in smart/changes/tests/test_views.py
(``test_a_double_click_leaves_one_transition_and_explains_itself``); (a),
two HR managers editing one employee, has no interface yet (nobody edits an
employee directly: every change is a request, one open request per entry).

The concurrent tests need real parallel transactions, so they run on
PostgreSQL only: SQLite takes one database-wide write lock and ignores
``select_for_update``, so threads there test the lock of SQLite, not ours.
"""

from __future__ import annotations

import re
import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from smart.changes.models import ChangeRequest, Stage, StageEvent
from smart.changes.services import MoveRefused, request_move
from smart.documents.models import Document
from smart.records.models import RankHistory
from tests.attacks.scenery import rank_proposal
from tests.personas import PASSWORD

POSTGRES_ONLY = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs parallel transactions with row locks (PostgreSQL); SQLite serialises "
           "all writers, and the sequential replay tests cover the same rule there")


def _propose_page_key(client, employee) -> tuple[str, str]:
    url = reverse("changes:propose", args=[employee.pk, "pangkat"])
    key = re.search(r'name="kunci" value="([0-9a-f-]{36})"', client.get(url).content.decode())
    assert key, "the proposal form carries no one-time key"
    return url, key.group(1)


@pytest.mark.django_db
def test_case_19b_a_double_clicked_proposal_makes_one_request(client, cast):
    """Case 19b: the same filled-in form posted three times (a double click,
    then the browser's "resend") makes one request with one document, and
    each answer leads to it."""
    client.login(username=cast.employee.username, password=PASSWORD)
    url, key = _propose_page_key(client, cast.employee_record)
    answers = [client.post(url, rank_proposal(kunci=key)) for _ in range(3)]
    change = ChangeRequest.objects.get()
    assert {a.status_code for a in answers} == {302}
    assert {a.url for a in answers} == {reverse("changes:detail", args=[change.pk])}
    assert Document.objects.count() == 1
    assert StageEvent.objects.filter(request=change, move="submit").count() == 1


@pytest.mark.django_db
def test_case_19b_a_new_form_makes_a_new_request(client, cast):
    """The key is per form shown: a second proposal opened afresh is a second
    request (so the test above can fail)."""
    client.login(username=cast.employee.username, password=PASSWORD)
    for number in (1, 2):
        url, key = _propose_page_key(client, cast.employee_record)
        client.post(url, rank_proposal(kunci=key, sk_number=f"823/BKPP/2018/{number}"))
    assert ChangeRequest.objects.count() == 2


@pytest.mark.django_db
def test_case_19b_a_key_is_the_proposers_own(client, cast):
    """A key replayed by someone else never returns the other's request."""
    client.login(username=cast.employee.username, password=PASSWORD)
    url, key = _propose_page_key(client, cast.employee_record)
    client.post(url, rank_proposal(kunci=key))
    client.logout()
    client.login(username=cast.admin_a.username, password=PASSWORD)
    own = reverse("changes:propose", args=[cast.admin_a.employee.pk, "pangkat"])
    response = client.post(own, rank_proposal(kunci=key))
    assert ChangeRequest.objects.count() == 2
    mine = ChangeRequest.objects.get(proposer=cast.admin_a)
    assert response.url == reverse("changes:detail", args=[mine.pk])


def _at_once(*jobs):
    """Run the jobs in threads released together; each gets its own connection."""
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def run(index, job):
        try:
            barrier.wait()
            results[index] = job()
        except Exception as error:  # noqa: BLE001 — the refusal is the result
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


@pytest.fixture
def seeded(transactional_db):
    """Transactional tests flush the database; seed the master data again with
    the data migrations' own functions (as tests/e2e/conftest.py does)."""
    import importlib

    from django.apps import apps

    from smart.documents.models import DocumentType
    from smart.references.models import Sex

    if not Sex.objects.exists():
        importlib.import_module("smart.references.migrations.0002_seed_national_codes").seed(
            apps, None)
    if not DocumentType.objects.exists():
        importlib.import_module("smart.documents.migrations.0002_seed_document_types").seed(
            apps, None)


@POSTGRES_ONLY
@pytest.mark.django_db(transaction=True)
def test_case_19b_two_posts_of_one_form_at_the_same_moment_make_one_request(seeded, cast):
    """Case 19b under real concurrency: both posts answer with the same request."""
    browsers = [Client(), Client()]
    for browser in browsers:
        browser.login(username=cast.employee.username, password=PASSWORD)
    url, key = _propose_page_key(browsers[0], cast.employee_record)
    answers = _at_once(*(lambda b=b: b.post(url, rank_proposal(kunci=key))
                         for b in browsers))
    assert ChangeRequest.objects.count() == 1
    assert [a.status_code for a in answers] == [302, 302]
    assert Document.objects.count() == 1


@POSTGRES_ONLY
@pytest.mark.django_db(transaction=True)
def test_case_19c_two_verifiers_validating_at_once_make_one_transition(seeded, cast):
    """Case 19c: two verifiers press "validate" together: one transition, one
    entry; the other is refused as already processed."""
    from smart.access.models import Role
    from tests.personas import make_user

    second = make_user("verifikator2", Role.VERIFIER, employee_unit="BKPP.03")
    client = Client()
    client.login(username=cast.employee.username, password=PASSWORD)
    url, key = _propose_page_key(client, cast.employee_record)
    client.post(url, rank_proposal(kunci=key))
    change = ChangeRequest.objects.get()
    for actor, move in ((cast.admin_a, "forward"), (cast.verifier, "verify"),
                        (cast.verifier, "synchronise")):
        change = request_move(request=change, move_name=move, actor=actor)
    results = _at_once(*(lambda v=v: request_move(request=change, move_name="validate",
                                                   actor=v) for v in (cast.verifier, second)))
    refused = [r for r in results if isinstance(r, MoveRefused)]
    assert len(refused) == 1 and "sudah berada pada tahap" in str(refused[0])
    assert ChangeRequest.objects.get().stage == Stage.VALIDATED
    assert StageEvent.objects.filter(move="validate").count() == 1
    assert RankHistory.objects.count() == 1


@POSTGRES_ONLY
@pytest.mark.django_db(transaction=True)
def test_many_writers_at_once_keep_one_unbroken_audit_chain(seeded):
    """Found by the load benchmark: two writers waiting on the same last event
    took the same sequence number (a 500). The chain lock serialises them."""
    from smart.audit.models import AuditEvent
    from smart.audit.services import audit_record, audit_verify_chain

    audit_record(actor=None, action="test.chain.start")
    results = _at_once(*(lambda i=i: audit_record(actor=None, action="test.chain.write",
                                                  data={"i": i}) for i in range(8)))
    assert not [r for r in results if isinstance(r, Exception)], results
    assert AuditEvent.objects.filter(action="test.chain.write").count() == 8
    assert audit_verify_chain() is None
