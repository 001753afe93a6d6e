"""R-ROLE-11, defect 1: every URL × every persona, checked on the server.

A new URL that is not listed here fails ``test_every_url_is_in_the_matrix``:
add it with the status each persona must get.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from smart.documents.tests.samples import make_document
from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "employee", "admin_a", "admin_b", "hr_manager_b", "verifier",
            "system_manager", "division_admin", "super_admin", "leader"]


def _all(status):
    return dict.fromkeys(PERSONAS, status)


# url name -> (how to build its arguments from the cast, {persona: status}).
MATRIX = {
    "portal:home": (None, {**_all(200), "anonymous": 302}),
    "accounts:login": (None, {**_all(302), "anonymous": 200}),
    "accounts:logout": (None, {**_all(200), "anonymous": 302}),  # GET asks; POST signs out
    "set_language": (None, _all(302)),
    "people:employee_list": (None, {**_all(200), "anonymous": 302}),
    # Every persona with an employee record sees its own processing log.
    "records:my_data": (None, {**_all(200), "anonymous": 302, "hr_manager_b": 404,
                               "division_admin": 404, "super_admin": 404, "leader": 404}),
    "records:my_data_download": (None, {**_all(200), "anonymous": 302, "hr_manager_b": 404,
                                        "division_admin": 404, "super_admin": 404,
                                        "leader": 404}),
    "people:my_profile": (None, {**_all(302), "anonymous": 302, "hr_manager_b": 404,
                                  "division_admin": 404, "super_admin": 404, "leader": 404}),
    # A colleague in unit A (Dinkes): readable by unit A's admin and regency-wide roles.
    "records:profile": (lambda c: [c.colleague_a.pk], {
        "anonymous": 302, "employee": 404, "admin_a": 200, "admin_b": 404,
        "hr_manager_b": 404, "verifier": 200, "system_manager": 200, "division_admin": 200,
        "super_admin": 404, "leader": 200,
    }),
    # The same colleague's DRH (PDF): whoever reads the profile may print it.
    "records:drh": (lambda c: [c.colleague_a.pk], {
        "anonymous": 302, "employee": 404, "admin_a": 200, "admin_b": 404,
        "hr_manager_b": 404, "verifier": 200, "system_manager": 200, "division_admin": 200,
        "super_admin": 404, "leader": 200,
    }),
    # The plain employee's own document (unit A): the owner, unit A's admin and
    # regency-wide readers download it; everyone else gets a 404.
    # Record entries of the colleague in unit A: read like the profile; written
    # directly only by the verifier (Pasal 14b), never by anyone else.
    "records:entry_list": (lambda c: [c.colleague_a.pk, "pangkat"], {
        "anonymous": 302, "employee": 404, "admin_a": 200, "admin_b": 404,
        "hr_manager_b": 404, "verifier": 200, "system_manager": 200, "division_admin": 200,
        "super_admin": 404, "leader": 200,
    }),
    "records:entry_detail": (lambda c: [c.colleague_a.pk, "pangkat", make_rank(c).pk], {
        "anonymous": 302, "employee": 404, "admin_a": 200, "admin_b": 404,
        "hr_manager_b": 404, "verifier": 200, "system_manager": 200, "division_admin": 200,
        "super_admin": 404, "leader": 200,
    }),
    # Change requests. Proposals are self-service: only the employee, about their own
    # record. Direct corrections: verifiers only, never about themselves.
    "changes:propose": (lambda c: [c.employee_record.pk, "pangkat"], {
        **_all(404), "anonymous": 302, "employee": 200,
    }),
    "changes:propose_entry": (lambda c: [c.employee_record.pk, "pangkat",
                                         make_rank(c, c.employee_record).pk], {
        **_all(404), "anonymous": 302, "employee": 200,
    }),
    "changes:direct": (lambda c: [c.colleague_a.pk, "pangkat"], {
        **_all(404), "anonymous": 302, "verifier": 200,
    }),
    "changes:direct_entry": (lambda c: [c.colleague_a.pk, "pangkat", make_rank(c).pk], {
        **_all(404), "anonymous": 302, "verifier": 200,
    }),
    "changes:mine": (None, {**_all(200), "anonymous": 302}),
    "changes:inbox": (None, {**_all(404), "anonymous": 302, "admin_a": 200, "admin_b": 200}),
    "changes:queue": (None, {**_all(404), "anonymous": 302, "verifier": 200}),
    "changes:batch_validate": (None, {**_all(405), "anonymous": 302}),  # POST only
    "changes:oversight": (None, {**_all(404), "anonymous": 302, "system_manager": 200,
                                 "hr_manager_b": 200}),
    # A request of the plain employee (unit A): the parties and those in scope read it.
    "changes:detail": (lambda c: [make_request(c).pk], {
        "anonymous": 302, "employee": 200, "admin_a": 200, "admin_b": 404,
        "hr_manager_b": 404, "verifier": 200, "system_manager": 200, "division_admin": 200,
        "super_admin": 404, "leader": 200,
    }),
    # Only the proposer revises a draft or returned request.
    "changes:edit": (lambda c: [make_request(c, stage="returned").pk], {
        **_all(404), "anonymous": 302, "employee": 200,
    }),
    # GET is never served; POST by outsiders is a 404 (tests in smart/changes).
    "changes:move": (lambda c: [make_request(c).pk], {**_all(405), "anonymous": 302}),
    "documents:download": (lambda c: [make_document(c.employee_record).uuid], {
        "anonymous": 302, "employee": 200, "admin_a": 200, "admin_b": 404,
        "hr_manager_b": 404, "verifier": 200, "system_manager": 200, "division_admin": 200,
        "super_admin": 404, "leader": 200,
    }),
    # Notifications: everyone reads their own list; a notification opens (and
    # is marked read) for its recipient only; marking all read is POST only.
    "notifications:list": (None, {**_all(200), "anonymous": 302}),
    "notifications:open": (lambda c: [make_notification(c.employee).pk], {
        **_all(404), "anonymous": 302, "employee": 302,
    }),
    "notifications:mark_all": (None, {**_all(405), "anonymous": 302}),
    # The working-day calendar: everyone reads it; adding and cancelling days are
    # POST only, and a 404 for anyone but the Pengelola SMART (smart/portal/tests).
    "portal:holidays": (None, {**_all(200), "anonymous": 302}),
    "portal:holiday_add": (None, {**_all(405), "anonymous": 302}),
    "portal:holiday_cancel": (lambda c: [make_holiday().pk], {**_all(405), "anonymous": 302}),
    # Access authorisation (Pasal 11b): the HR manager, the SMART manager and the super
    # administrator take part; the request is also readable by the user it is about.
    "portal:access_requests": (None, {**_all(404), "anonymous": 302, "hr_manager_b": 200,
                                      "system_manager": 200, "super_admin": 200}),
    "portal:access_request_propose": (None, {**_all(404), "anonymous": 302,
                                             "hr_manager_b": 200, "system_manager": 200}),
    "portal:access_request_detail": (lambda c: [make_access_request(c).pk], {
        **_all(404), "anonymous": 302, "admin_b": 200, "hr_manager_b": 200,
        "system_manager": 200, "super_admin": 200,
    }),
    "portal:access_request_move": (lambda c: [make_access_request(c).pk],
                                   {**_all(405), "anonymous": 302}),
    "portal:access_assignment_revoke": (lambda c: [c.admin_b.role_assignments.first().pk],
                                        {**_all(405), "anonymous": 302}),
    # The audit log (R-CONF-1): the Pengelola SMART only.
    "portal:audit_log": (None, {**_all(404), "anonymous": 302, "system_manager": 200}),
}


def make_access_request(cast):
    from smart.access.models import AccessRequest, Role
    from smart.references.models import Unit

    return AccessRequest.objects.create(
        user=cast.admin_b, role=Role.HR_MANAGER, unit=Unit.objects.get(code="DISDIK"),
        reason="Pengelola kepegawaian baru.", proposer=cast.hr_manager_b)


def make_holiday():
    import datetime

    from smart.workdays.models import Holiday

    return Holiday.objects.get(date=datetime.date(2026, 8, 17))


def make_notification(user):
    from smart.notifications.models import Notification

    return Notification.objects.create(user=user, message="Usulan menunggu.",
                                       url="/pegawai/saya/")


def make_request(cast, stage="submitted"):
    from smart.changes.models import Action, ChangeRequest

    return ChangeRequest.objects.create(employee=cast.employee_record, kind="pangkat",
                                        action=Action.ADD, proposer=cast.employee, stage=stage)


def make_rank(cast, employee=None):
    import datetime

    from smart.records.models import RankHistory
    from smart.references.models import Golongan

    return RankHistory.objects.create(
        employee=employee or cast.colleague_a, golongan=Golongan.objects.get(code="32"),
        tmt=datetime.date(2014, 4, 1), sk_number="823/BKPP/2014/1",
        sk_date=datetime.date(2014, 3, 1))


def _url_names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _url_names(entry, ns)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}"


def test_every_url_is_in_the_matrix():
    assert set(_url_names()) - set(MATRIX) == set()


@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_each_persona_gets_the_expected_answer(client, cast, url_name):
    args_of, expected = MATRIX[url_name]
    url = reverse(url_name, args=args_of(cast) if args_of else None)
    wrong = {}
    for persona in PERSONAS:
        client.logout()
        if persona != "anonymous":
            assert client.login(username=getattr(cast, persona).username, password=PASSWORD)
        status = client.get(url).status_code
        if status != expected[persona]:
            wrong[persona] = status
    assert wrong == {}, f"{url_name}: unexpected statuses {wrong}"


def test_anonymous_requests_are_sent_to_the_login_page(client, cast):
    response = client.get(reverse("records:profile", args=[cast.colleague_a.pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
