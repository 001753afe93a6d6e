"""Attack cases 1–3 (security.md §8) and checklist Z2, Z4: reaching another
unit's or another employee's objects by changing an id.

The sweep builds its URL list from the resolver, as tests/test_access_matrix.py
does: every pattern that takes an id must have a line in ``UNIT_B_ARGS`` (how
to aim it at unit B) or in ``NOT_UNIT_OBJECTS`` (why it holds nothing of a
unit), or ``test_every_url_with_an_id_is_swept`` fails — so a new URL is
attacked as soon as it exists.
"""

from __future__ import annotations

import datetime
import functools

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from smart.access.models import AccessRequest, Delegation, RoleAssignment
from smart.audit.models import AuditEvent
from smart.changes.models import ChangeRequest, StageEvent
from smart.documents.models import Document
from smart.notifications.models import Notification
from smart.people.models import Employee
from smart.records.models import Child, DisciplinaryPenalty, RankHistory
from smart.releases.gate import export_token
from smart.releases.models import DataRelease
from tests.attacks.scenery import ALL_KIND_SLUGS, add_release, build_unit_b, drh_export
from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db

# Whatever an attacker might slip into a POST: a move, a note, a reason, a
# proposal's fields and its "send" button.
POST_BODY = {"move": "forward", "note": "serang", "reason": "serang", "aksi": "add",
             "kirim": "1", "sk_number": "1/X", "action": "end_sessions"}


def _employee_urls(b):
    for employee in b.employees:
        yield "records:profile", [employee.pk]
        yield "records:drh", [employee.pk]
        yield "records:drh_full", [employee.pk]
        for slug in ALL_KIND_SLUGS:
            if slug != "identitas":
                yield "records:entry_list", [employee.pk, slug]
    # Proposals and corrections are one view each: every target once is enough.
    for index, slug in enumerate(ALL_KIND_SLUGS):
        employee = b.employees[index % len(b.employees)]
        yield "changes:propose", [employee.pk, slug]
        yield "changes:direct", [employee.pk, slug]
    for employee, slug, entry_id in b.entries:
        yield "records:entry_detail", [employee.pk, slug, entry_id]
        yield "changes:propose_entry", [employee.pk, slug, entry_id]
        yield "changes:direct_entry", [employee.pk, slug, entry_id]


def _import_urls(b):
    from smart.integrations.models import ImportBatch

    owner = b.employees[1].user  # Disdik's unit admin; any owner but the attacker
    batch = ImportBatch.objects.create(owner=owner, filename="disdik.csv",
                                       status=ImportBatch.Status.PREVIEWED)
    for name in ("integrations:import_detail", "integrations:import_columns",
                 "integrations:import_apply", "integrations:import_errors",
                 "integrations:import_preview_again"):
        yield name, [batch.pk]


def _sync_targets(b):
    """A run compared by unit B's HR manager (scope: Disdik), with one
    difference per employee of unit B; made once per sweep."""
    if getattr(b, "sync_run", None) is None:
        import datetime

        from smart.synchronisation.models import SyncDifference, SyncRun

        owner = next(user for user in (r.proposer for r in b.requests)
                     if user is not None)
        b.sync_run = SyncRun.objects.create(
            file_name="siasn-disdik.csv", export_date=datetime.date(2026, 6, 1),
            uploaded_by=owner, scope_unit=b.employees[0].unit.agency,
            status=SyncRun.Status.DONE)
        b.sync_differences = [SyncDifference.objects.create(
            run=b.sync_run, employee=employee, row=index + 2, field="birth_place",
            smart_value="A", national_value="B", national_data={"birth_place": "B"},
            classification="konflik") for index, employee in enumerate(b.employees)]
    return [(b.sync_run, b.sync_differences)]


def _campaign_unit_urls(name, b):
    """A recording campaign's pages of one unit, aimed at unit B's units."""
    return ((name, [_campaign(b).pk, unit]) for unit in _units_of(b))


def _campaign(b):
    from smart.monitoring.models import RecordingCampaign
    from smart.monitoring.services import campaign_create

    campaign = RecordingCampaign.objects.first()
    if campaign is None:
        campaign = campaign_create(
            actor=None, name="Perekaman", start_date=datetime.date.today(),
            deadline=datetime.date.today() + datetime.timedelta(days=90),
            elements=["data:nik"], document_types=[])
    return campaign


def _units_of(b):
    from smart.references.models import Unit

    units = {e.unit_id for e in b.employees}
    units.add(Unit.objects.get(code="DISDIK").pk)
    return sorted(units)


# url name -> the unit-B objects it is aimed at (args lists).
UNIT_B_ARGS = {
    "records:profile": _employee_urls,
    "records:drh": _employee_urls,
    "records:drh_full": _employee_urls,
    "records:entry_list": _employee_urls,
    "records:entry_detail": _employee_urls,
    "changes:propose": _employee_urls,
    "changes:propose_entry": _employee_urls,
    "changes:direct": _employee_urls,
    "changes:direct_entry": _employee_urls,
    "changes:detail": lambda b: (("changes:detail", [r.pk]) for r in b.requests),
    "changes:edit": lambda b: (("changes:edit", [r.pk]) for r in b.requests),
    "changes:move": lambda b: (("changes:move", [r.pk]) for r in b.requests),
    "documents:download": lambda b: (("documents:download", [d.uuid]) for d in b.documents),
    "notifications:open": lambda b: (("notifications:open", [n.pk]) for n in b.notifications),
    "portal:access_request_detail": lambda b: (("portal:access_request_detail", [r.pk])
                                               for r in b.access_requests),
    "portal:access_request_move": lambda b: (("portal:access_request_move", [r.pk])
                                             for r in b.access_requests),
    "portal:account_detail": lambda b: (("portal:account_detail", [e.user_id])
                                        for e in b.employees if e.user_id),
    "portal:account_action": lambda b: (("portal:account_action", [e.user_id, action])
                                        for e in b.employees if e.user_id
                                        for action in ("end_sessions", "deactivate",
                                                       "reset_second_factor")),
    "portal:access_assignment_revoke": lambda b: (
        ("portal:access_assignment_revoke", [a.pk])
        for a in RoleAssignment.objects.filter(user__employee__in=b.employees)),
    "portal:delegation_end": lambda b: (("portal:delegation_end", [d.pk])
                                        for d in b.delegations),
    "releases:detail": lambda b: (("releases:detail", [r.pk]) for r in b.releases),
    "releases:move": lambda b: (("releases:move", [r.pk]) for r in b.releases),
    "releases:request": lambda b: (("releases:request", [token]) for token in b.tokens),
    # Disdik's HR manager's import: its preview, columns, apply and error report.
    **dict.fromkeys(("integrations:import_detail", "integrations:import_columns",
                     "integrations:import_apply", "integrations:import_errors",
                     "integrations:import_preview_again"), _import_urls),
    # A synchronisation run of unit B's HR manager and its differences about B's people.
    "synchronisation:run_detail": lambda b: (("synchronisation:run_detail", [run.pk])
                                             for run, _ in _sync_targets(b)),
    "synchronisation:difference_propose": lambda b: (
        ("synchronisation:difference_propose", [run.pk, difference.pk])
        for run, differences in _sync_targets(b) for difference in differences),
    # The JSON API answers out-of-scope ids with a JSON 404, as the pages do.
    "api:employee_detail": lambda b: (("api:employee_detail", [e.pk]) for e in b.employees),
    "api:entry_list": lambda b: (("api:entry_list", [e.pk, slug]) for e in b.employees
                                 for slug in ("pangkat", "keluarga-anak", "hukuman-disiplin")
                                 if slug in ALL_KIND_SLUGS),
    "api:change_detail": lambda b: (("api:change_detail", [r.pk]) for r in b.requests),
    "api:change_move": lambda b: (("api:change_move", [r.pk]) for r in b.requests),
    # A campaign's page for one unit, aimed at unit B's units (and B's OPD itself).
    **{name: functools.partial(_campaign_unit_urls, name)
       for name in ("monitoring:campaign_unit", "monitoring:campaign_unit_xlsx",
                    "monitoring:campaign_unit_pdf")},
    # Saved nominatif views of unit B: a private one and one shared with Disdik.
    "reports:saved_view_open": lambda b: (("reports:saved_view_open", [v.pk])
                                          for v in saved_views_of(b)),
    "reports:saved_view_rename": lambda b: (("reports:saved_view_rename", [v.pk])
                                            for v in saved_views_of(b)),
    "reports:saved_view_delete": lambda b: (("reports:saved_view_delete", [v.pk])
                                            for v in saved_views_of(b)),
}


def saved_views_of(b):
    from smart.references.models import Unit
    from smart.reports.models import SavedView, Sharing

    owner = next(e.user for e in b.employees if e.user_id)
    return [SavedView.objects.get_or_create(owner=owner, name=name, defaults={
        "query": {"q": ["x"]}, "sharing": sharing,
        "shared_unit": Unit.objects.get(code="DISDIK") if sharing == Sharing.UNIT else None,
    })[0] for name, sharing in (("Pribadi B", Sharing.PRIVATE), ("Disdik", Sharing.UNIT))]


# Patterns with an argument that names nothing of a unit.
NOT_UNIT_OBJECTS = {
    # Public, and the token is checked against the uid; the reset tests
    # (smart/accounts/tests/test_passwords.py) cover forged links.
    "accounts:password_reset_confirm",
    # A public holiday belongs to the whole regency; only the SMART manager
    # cancels one (smart/portal/tests/test_holidays.py).
    "portal:holiday_cancel",
    # A national code table (agama, golongan …) is the same for every unit.
    "api:reference_codes",
    # API keys belong to systems, not units; only the super administrator sees or
    # revokes them (tests/test_access_matrix.py, smart/portal/tests/test_api_keys.py).
    "portal:api_key_revoke",
    # The SIASN reference mapping is regency-wide, kept by the Pengelola SMART only
    # (tests/test_access_matrix.py; a unit admin gets 404).
    "integrations:mapping_edit",
    # So is the JF reference with its BUP (a national list, not a unit's).
    "integrations:functional_position_edit",
    # A recording campaign belongs to the whole regency; its pages and files list the
    # viewer's own scope only (smart/monitoring/tests/test_campaigns.py: the Dinkes
    # admin's page and Excel hold no Disdik employee). Its per-unit pages are swept.
    "monitoring:campaign_detail",
    "monitoring:campaign_edit",
    "monitoring:campaign_xlsx",
    "monitoring:campaign_pdf",
    "monitoring:campaign_summary_xlsx",
    # A column set of the nominatif is the regency's; only the Super Administrator
    # deletes one (tests/test_access_matrix.py).
    "reports:column_set_delete",
    # A background job belongs to the person who started it, whatever unit: anyone
    # else gets 404 (smart/jobs/tests/test_jobs.py::test_someone_elses_job_is_not_there).
    "jobs:detail",
    "jobs:file",
    "jobs:cancel",
    "jobs:resume",
}

# Which answers count as "not here": 404, or 405 for a method the view never
# serves (that answer is the same whatever the id).
NOT_HERE = {404, 405}


def _patterns_with_arguments(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _patterns_with_arguments(entry, ns)
        elif isinstance(entry, URLPattern) and entry.name and entry.pattern.converters:
            yield f"{namespace}{entry.name}"


def test_every_url_with_an_id_is_swept():
    """Z1/Z2: a new URL that takes an id is attacked, or the reason it holds
    nothing of a unit is written down here."""
    names = set(_patterns_with_arguments())
    assert names - set(UNIT_B_ARGS) - NOT_UNIT_OBJECTS == set()
    assert set(UNIT_B_ARGS) | NOT_UNIT_OBJECTS <= names  # no stale lines


def _snapshot():
    """Every row an attack through these URLs could change."""
    models = (Employee, RankHistory, Child, DisciplinaryPenalty, Document, ChangeRequest,
              StageEvent, Notification, AccessRequest, RoleAssignment, Delegation, DataRelease)
    return {m.__name__: list(m.objects.order_by("pk").values()) for m in models}


def _leaks(body: str, b) -> list[str]:
    return [text for text in [*b.nips, *b.grouped_nips, *b.names] if text in body]


def test_case_1_the_health_office_admin_reaches_nothing_of_the_education_office(client, cast):
    """Case 1 / Z2: unit A's admin tries every id of unit B on every URL that
    takes one, with GET and POST: 404 (or 405 for a method never served), none
    of B's NIPs or names in any body, no row changed, every denial audited."""
    b = build_unit_b(cast)
    add_release(cast, b)
    b.tokens = [export_token(cast.hr_manager_b, drh_export(cast.person_b))]
    attacker = client
    attacker.force_login(cast.admin_a)  # past both factors: the sweep is about scope
    before, denials_before = _snapshot(), AuditEvent.objects.filter(
        action="access.request.denied").count()
    wrong, leaks, tried, not_found = [], [], 0, 0
    seen = set()
    for maker in UNIT_B_ARGS.values():
        for name, args in maker(b):
            url = reverse(name, args=args)
            if url in seen:
                continue
            seen.add(url)
            for method in ("get", "post"):
                if method == "post" and url.startswith("/api/"):  # the API reads JSON
                    response = attacker.post(url, {"move": "forward", "note": "serang"},
                                             content_type="application/json")
                else:
                    response = getattr(attacker, method)(
                        url, POST_BODY if method == "post" else None)
                tried += 1
                not_found += response.status_code == 404
                if response.status_code not in NOT_HERE:
                    wrong.append((method, url, response.status_code))
                leaks += [(method, url, text) for text in _leaks(response.content.decode(
                    errors="replace"), b)]
    assert wrong == [] and leaks == []
    assert _snapshot() == before
    # L2: every 404 is on record (a 405 is the same for any id, not a scope denial).
    denials = AuditEvent.objects.filter(action="access.request.denied").count()
    assert denials - denials_before == not_found
    assert tried > 150


def test_case_1_the_same_sweep_finds_unit_a_open(client, cast):
    """The sweep can fail: aimed at unit A's own colleague the same admin reads
    the profile (a 200 and the colleague's NIP in the body)."""
    client.force_login(cast.admin_a)
    response = client.get(reverse("records:profile", args=[cast.colleague_a.pk]))
    assert response.status_code == 200
    assert cast.colleague_a.nip_grouped in response.content.decode()


# --- case 2: sub-resources of another employee --------------------------------------

def test_case_2_an_employee_reaches_no_sub_record_or_file_of_a_colleague(client, cast):
    """Case 2 / Z4: the plain employee aims at a colleague of the same unit —
    family, discipline, career entries and every document, including one whose
    entry was deleted (parentless) — and gets 404 every time."""
    from tests.attacks.scenery import documents_for, entries_for

    colleague = cast.colleague_a
    entries = entries_for(colleague)
    documents = documents_for(colleague, entries)
    client.login(username=cast.employee.username, password=PASSWORD)
    urls = [reverse("records:entry_list", args=[colleague.pk, slug])
            for slug in ALL_KIND_SLUGS if slug != "identitas"]
    urls += [reverse("records:entry_detail", args=[colleague.pk, slug, pk])
             for slug, pk in entries]
    # The colleague's entries under the employee's own id: the entry must be theirs too.
    urls += [reverse("records:entry_detail", args=[cast.employee_record.pk, slug, pk])
             for slug, pk in entries]
    urls += [reverse("documents:download", args=[d.uuid]) for d in documents]
    answers = {url: client.get(url).status_code for url in urls}
    assert set(answers.values()) == {404}, answers
    # Control: the employee's own parentless document is theirs to download.
    own = documents_for(cast.employee_record, entries_for(cast.employee_record))[-1]
    assert client.get(reverse("documents:download", args=[own.uuid])).status_code == 200


@pytest.mark.parametrize("who", ["division_admin", "leader"])
def test_case_2_a_discipline_file_is_not_downloadable_by_who_may_not_see_discipline(
        client, cast, who):
    """Case 2 / D-3 / Z5: division admins and leadership read the profile but not
    the discipline records; the SK of a penalty is a discipline record too, so
    its download is a 404 for them (it used to follow the employee only)."""
    from tests.attacks.scenery import documents_for, entries_for

    colleague = cast.colleague_a
    entries = entries_for(colleague)
    documents = {d.record_kind: d for d in documents_for(colleague, entries)}
    client.login(username=getattr(cast, who).username, password=PASSWORD)
    download = reverse("documents:download", args=[documents["hukuman-disiplin"].uuid])
    assert client.get(download).status_code == 404
    assert client.get(reverse("documents:download",
                              args=[documents["pangkat"].uuid])).status_code == 200
    client.logout()
    client.login(username=cast.admin_a.username, password=PASSWORD)  # D-3: the unit sees it
    assert client.get(download).status_code == 200


# --- case 3: a proposal on somebody else's behalf -----------------------------------

def test_case_3_a_proposal_about_a_colleague_is_refused_and_their_queue_unchanged(
        client, cast):
    """Case 3 / Z4: the employee posts a proposal at a colleague's id in the URL,
    and at their own URL with the colleague's id in the body: the first is a
    404, the second is bound to the employee; the colleague has no request."""
    from tests.attacks.scenery import rank_proposal

    client.login(username=cast.employee.username, password=PASSWORD)
    smuggled = {"employee": cast.colleague_a.pk, "employee_id": cast.colleague_a.pk,
                "pk": cast.colleague_a.pk, "pegawai_id": cast.colleague_a.pk,
                "nip": cast.colleague_a.nip, "proposer": cast.admin_a.pk}
    foreign = client.post(reverse("changes:propose", args=[cast.colleague_a.pk, "pangkat"]),
                          rank_proposal(**smuggled))
    assert foreign.status_code == 404
    own = client.post(reverse("changes:propose", args=[cast.employee_record.pk, "pangkat"]),
                      rank_proposal(**smuggled))
    assert own.status_code == 302, own.content.decode()[:2000]
    created = ChangeRequest.objects.get()
    assert created.employee == cast.employee_record and created.proposer == cast.employee
    assert not ChangeRequest.objects.filter(employee=cast.colleague_a).exists()
    assert not RankHistory.objects.filter(employee=cast.colleague_a).exists()
    assert all(d.employee_id == cast.employee_record.pk for d in created.documents.all())
