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
    # The second factor and the user's own password (security.md D-2, A3, A9). The matrix
    # signs in past the second factor; smart/accounts/tests/test_second_factor.py checks
    # that an administrator without it reaches none of these pages but its own.
    "accounts:otp_verify": (None, _all(302)),  # already verified: on to the next page
    "accounts:otp_setup": (None, {**_all(200), "anonymous": 302}),
    "accounts:backup_codes": (None, {**_all(405), "anonymous": 302}),  # POST only
    "accounts:security": (None, {**_all(200), "anonymous": 302}),
    "accounts:password_change": (None, {**_all(200), "anonymous": 302}),
    "accounts:password_reset": (None, _all(200)),  # public: "lupa kata sandi"
    "accounts:password_reset_confirm": (lambda c: ["MQ", "bad-token"], _all(200)),
    "people:employee_list": (None, {**_all(200), "anonymous": 302}),
    # Public health check for the infrastructure monitor (R-OPS): the same answer for
    # everyone; 503 here because the test database has no backup yet.
    "operations:health": (None, _all(503)),
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
    # The full DRH (SPECIFIC data) is a data release (Perbup 35/2020 Pasal 24(2)): those
    # who would see SPECIFIC data get the gate's 403 page until their release is
    # approved; division admins and leadership see none, so theirs is the plain DRH.
    "records:drh_full": (lambda c: [c.colleague_a.pk], {
        "anonymous": 302, "employee": 404, "admin_a": 403, "admin_b": 404,
        "hr_manager_b": 404, "verifier": 403, "system_manager": 403, "division_admin": 200,
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
    # Background jobs are their owner's (the verifier's here): nobody else sees that
    # one exists. Cancel and resume are POST only.
    "jobs:list": (None, {**_all(200), "anonymous": 302}),
    "jobs:detail": (lambda c: [make_job(c).pk], {**_all(404), "anonymous": 302,
                                                   "verifier": 200}),
    "jobs:file": (lambda c: [make_job(c).pk], {**_all(404), "anonymous": 302,
                                                 "verifier": 200}),
    "jobs:cancel": (lambda c: [make_job(c).pk], {**_all(405), "anonymous": 302}),
    "jobs:resume": (lambda c: [make_job(c).pk], {**_all(405), "anonymous": 302}),
    # Imports of national exports (R-PROC-1): the Pengelola SMART and the Pengelola
    # Kepegawaian import, never the Administrator OPD; a batch is its owner's (Disdik's
    # HR manager here) and the Pengelola SMART's. Apply and "preview again" are POST
    # only. The SIASN reference mapping is regency-wide: the Pengelola SMART keeps it.
    "integrations:import_list": (None, {**_all(404), "anonymous": 302, "hr_manager_b": 200,
                                        "system_manager": 200}),
    "integrations:import_detail": (lambda c: [make_import(c).pk], {
        **_all(404), "anonymous": 302, "hr_manager_b": 200, "system_manager": 200}),
    "integrations:import_columns": (lambda c: [make_import(c, unknown=["x"]).pk], {
        **_all(404), "anonymous": 302, "hr_manager_b": 200, "system_manager": 200}),
    "integrations:import_apply": (lambda c: [make_import(c).pk], {**_all(405),
                                                                  "anonymous": 302}),
    "integrations:import_preview_again": (lambda c: [make_import(c).pk], {
        **_all(405), "anonymous": 302}),
    "integrations:import_errors": (lambda c: [make_import(c).pk], {
        **_all(404), "anonymous": 302, "hr_manager_b": 200, "system_manager": 200}),
    "integrations:mapping_list": (None, {**_all(404), "anonymous": 302,
                                         "system_manager": 200}),
    "integrations:mapping_edit": (lambda c: [make_mapping().pk], {
        **_all(404), "anonymous": 302, "system_manager": 200}),
    "integrations:functional_position_list": (None, {**_all(404), "anonymous": 302,
                                                     "system_manager": 200}),
    "integrations:functional_position_add": (None, {**_all(404), "anonymous": 302,
                                                    "system_manager": 200}),
    "integrations:functional_position_edit": (lambda c: [make_functional_position().pk], {
        **_all(404), "anonymous": 302, "system_manager": 200}),
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
    # Access for another system (an API key), proposed by the same two roles.
    "portal:access_request_propose_system": (None, {**_all(404), "anonymous": 302,
                                                    "hr_manager_b": 200,
                                                    "system_manager": 200}),
    "portal:access_request_detail": (lambda c: [make_access_request(c).pk], {
        **_all(404), "anonymous": 302, "admin_b": 200, "hr_manager_b": 200,
        "system_manager": 200, "super_admin": 200,
    }),
    "portal:access_request_move": (lambda c: [make_access_request(c).pk],
                                   {**_all(405), "anonymous": 302}),
    # Account management: the super administrator and the SMART manager only.
    "portal:accounts": (None, {**_all(404), "anonymous": 302, "super_admin": 200,
                               "system_manager": 200}),
    "portal:account_new": (None, {**_all(404), "anonymous": 302, "super_admin": 200,
                                  "system_manager": 200}),
    "portal:account_detail": (lambda c: [c.leader.pk], {
        **_all(404), "anonymous": 302, "super_admin": 200, "system_manager": 200}),
    "portal:account_action": (lambda c: [c.leader.pk, "end_sessions"],
                              {**_all(405), "anonymous": 302}),
    "portal:access_assignment_revoke": (lambda c: [c.admin_b.role_assignments.first().pk],
                                        {**_all(405), "anonymous": 302}),
    # The D-3 field-class table: the Pengelola SMART only; changes are POST only.
    "portal:field_classes": (None, {**_all(404), "anonymous": 302, "system_manager": 200}),
    "portal:field_class_change": (None, {**_all(405), "anonymous": 302}),
    # Plt/Plh (Pasal 33): everyone reads the list (managers all of it, others their own);
    # only the Pengelola SMART records; ending is POST only (smart/portal/tests).
    "portal:delegations": (None, {**_all(200), "anonymous": 302}),
    "portal:delegation_create": (None, {**_all(404), "anonymous": 302, "system_manager": 200}),
    "portal:delegation_end": (lambda c: [make_delegation(c).pk],
                              {**_all(405), "anonymous": 302}),
    # Data releases concern those who read others' personnel data. The request form
    # opens only from a gate's signed link, for the user it was made for (here the
    # verifier); a release is read by its requester and the SMART manager.
    "releases:list": (None, {**_all(200), "anonymous": 302, "employee": 404,
                             "super_admin": 404}),
    "releases:request": (lambda c: [make_release_link(c)], {
        **_all(404), "anonymous": 302, "verifier": 200,
    }),
    "releases:detail": (lambda c: [make_release(c).pk], {
        **_all(404), "anonymous": 302, "verifier": 200, "system_manager": 200,
    }),
    "releases:move": (lambda c: [make_release(c).pk], {**_all(405), "anonymous": 302}),
    # API keys for other systems: the Super Administrator only; revoking is POST only.
    "portal:api_keys": (None, {**_all(404), "anonymous": 302, "super_admin": 200}),
    "portal:api_key_revoke": (lambda c: [make_api_key(c).pk], {**_all(405), "anonymous": 302}),
    # The JSON API (R-INT). Its docs and OpenAPI document are for signed-in people; the
    # operations answer 401 in JSON instead of the sign-in redirect, then scope like the
    # pages (out of scope: 404). POST-only operations answer GET with 405.
    "api:api-root": (None, {**_all(404), "anonymous": 302}),
    "api:openapi-json": (None, {**_all(200), "anonymous": 302}),
    "api:openapi-view": (None, {**_all(200), "anonymous": 302}),
    "api:employee_list": (None, {**_all(200), "anonymous": 401}),
    "api:employee_detail": (lambda c: [c.colleague_a.pk], {
        "anonymous": 401, "employee": 404, "admin_a": 200, "admin_b": 404,
        "hr_manager_b": 404, "verifier": 200, "system_manager": 200, "division_admin": 200,
        "super_admin": 404, "leader": 200,
    }),
    "api:entry_list": (lambda c: [c.colleague_a.pk, "pangkat"], {
        "anonymous": 401, "employee": 404, "admin_a": 200, "admin_b": 404,
        "hr_manager_b": 404, "verifier": 200, "system_manager": 200, "division_admin": 200,
        "super_admin": 404, "leader": 200,
    }),
    "api:headcount": (None, {**_all(200), "anonymous": 401}),
    "api:record_kinds": (None, {**_all(200), "anonymous": 401}),
    "api:reference_tables": (None, {**_all(200), "anonymous": 401}),
    "api:reference_codes": (lambda c: ["golongan"], {**_all(200), "anonymous": 401}),
    "api:units": (None, {**_all(200), "anonymous": 401}),
    "api:change_list": (None, {**_all(200), "anonymous": 401}),
    "api:change_create": (None, {**_all(200), "anonymous": 401}),  # same URL: GET lists
    "api:change_detail": (lambda c: [make_request(c).pk], {
        "anonymous": 401, "employee": 200, "admin_a": 200, "admin_b": 404,
        "hr_manager_b": 404, "verifier": 200, "system_manager": 200, "division_admin": 200,
        "super_admin": 404, "leader": 200,
    }),
    "api:change_move": (lambda c: [make_request(c).pk], _all(405)),
    "api:skp_results": (None, _all(405)),
    "api:attendance_logs": (None, _all(405)),
    # The reports' data: scoped as the report pages (employees and the super
    # administrator have no personnel role: 404).
    **dict.fromkeys(["api:statistics", "api:retirement", "api:kgb", "api:promotion"],
                    (None, {**_all(200), "anonymous": 401, "employee": 404,
                            "super_admin": 404})),
    # Reports (R-USE): the roles that read others' personnel data, each within its
    # scope; employees and the super administrator (no personnel role) get a 404.
    # The cast's few rows stay under the release threshold, so the files open.
    **dict.fromkeys(["reports:index", "reports:duk", "reports:duk_xlsx", "reports:duk_pdf",
                     "reports:statistics", "reports:retirement", "reports:retirement_xlsx",
                     "reports:kgb", "reports:kgb_xlsx", "reports:promotion",
                     "reports:promotion_xlsx", "reports:nominatif", "reports:nominatif_csv",
                     "reports:nominatif_xlsx", "reports:dashboard", "reports:leave",
                     "reports:leave_xlsx", "reports:leave_pdf", "reports:statistics_xlsx",
                     "reports:statistics_pdf", "reports:nominatif_pdf", "reports:retirement_pdf",
                     "reports:kgb_pdf", "reports:promotion_pdf"],
                    (None, {**_all(200), "anonymous": 302, "employee": 404,
                            "super_admin": 404})),
    # Synchronisation with SIASN (R-PROC-2 "sinkronisasi"): verifiers, HR managers, unit
    # admins and the SMART manager read the report within their scope; the run of the
    # regency-wide verifier is open to all of them (each sees their own part).
    "synchronisation:run_list": (None, {
        **_all(404), "anonymous": 302, "admin_a": 200, "admin_b": 200, "hr_manager_b": 200,
        "verifier": 200, "system_manager": 200}),
    "synchronisation:run_detail": (lambda c: [make_sync_run(c).pk], {
        **_all(404), "anonymous": 302, "admin_a": 200, "admin_b": 200, "hr_manager_b": 200,
        "verifier": 200, "system_manager": 200}),
    # A difference about unit A (Dinkes): only a verifier covering it opens a request.
    "synchronisation:difference_propose": (lambda c: make_sync_difference(c), {
        **_all(404), "anonymous": 302, "verifier": 200}),
    # Onboarding (Pasal 20(1)): unit admins into their units, BKPP's HR manager and verifier.
    "onboarding:list": (None, {**_all(404), "anonymous": 302, "admin_a": 200, "admin_b": 200,
                               "hr_manager_b": 200, "verifier": 200}),
    "onboarding:new": (None, {**_all(404), "anonymous": 302, "admin_a": 200, "admin_b": 200,
                              "hr_manager_b": 200, "verifier": 200}),
    # Discipline records are SPECIFIC (D-3): the recap opens for the roles that see
    # them (not division admins nor leadership); every file of them is a data release.
    "reports:discipline": (None, {**_all(200), "anonymous": 302, "employee": 404,
                                  "super_admin": 404, "division_admin": 404, "leader": 404}),
    **dict.fromkeys(["reports:discipline_xlsx", "reports:discipline_pdf"], (None, {
        **_all(403), "anonymous": 302, "employee": 404, "super_admin": 404,
        "division_admin": 404, "leader": 404})),
    # Saved nominatif views: unit A's admin shared one with Dinkes; readers whose scope
    # overlaps Dinkes open it (a redirect to the list), unit B's people get a 404.
    "reports:saved_view_open": (lambda c: [make_saved_view(c).pk], {
        **_all(302), "employee": 404, "admin_b": 404, "hr_manager_b": 404,
        "super_admin": 404}),
    **dict.fromkeys(["reports:saved_view_rename", "reports:saved_view_delete"], (
        lambda c: [make_saved_view(c).pk], {**_all(405), "anonymous": 302})),  # POST only
    "reports:saved_view_save": (None, {**_all(405), "anonymous": 302}),
    # The report layout and its column sets: the Super Administrator's (Pasal 11h).
    "reports:layout": (None, {**_all(404), "anonymous": 302, "super_admin": 200}),
    "reports:column_set_delete": (lambda c: [make_column_set(c).pk],
                                  {**_all(405), "anonymous": 302}),
    # The usage log is the Pengelola SMART's; the monthly summary also the leadership's.
    "reports:usage": (None, {**_all(404), "anonymous": 302, "system_manager": 200}),
    "reports:usage_summary": (None, {**_all(404), "anonymous": 302, "system_manager": 200,
                                     "leader": 200}),
    # The audit log (R-CONF-1): the Pengelola SMART only.
    "portal:audit_log": (None, {**_all(404), "anonymous": 302, "system_manager": 200}),
    # Monitoring and evaluation (R-ME, Pasal 26): the Pengelola SMART and the Pengelola
    # Kepegawaian (Disdik's within Disdik); the public page (Pasal 28) for everyone.
    **dict.fromkeys(["monitoring:dashboard", "monitoring:evaluation_pdf"],
                    (None, {**_all(404), "anonymous": 302, "system_manager": 200,
                            "hr_manager_b": 200})),
    "monitoring:public": (None, _all(200)),
    # Recording campaigns (R-PROC-1, Pasal 20): created by the managers, read by them
    # and by the unit admins (their units only).
    "monitoring:campaign_list": (None, {**_all(404), "anonymous": 302, "system_manager": 200,
                                        "hr_manager_b": 200, "admin_a": 200, "admin_b": 200}),
    "monitoring:campaign_create": (None, {**_all(404), "anonymous": 302, "system_manager": 200,
                                          "hr_manager_b": 200}),
    "monitoring:campaign_edit": (lambda c: [make_campaign(c).pk], {
        **_all(404), "anonymous": 302, "system_manager": 200, "hr_manager_b": 200}),
    **dict.fromkeys(["monitoring:campaign_detail", "monitoring:campaign_xlsx",
                     "monitoring:campaign_pdf", "monitoring:campaign_summary_xlsx"],
                    (lambda c: [make_campaign(c).pk], {
                        **_all(404), "anonymous": 302, "system_manager": 200,
                        "hr_manager_b": 200, "admin_a": 200, "admin_b": 200})),
    # One unit's page (Dinkes): the regency-wide manager and Dinkes's own admin only.
    **dict.fromkeys(["monitoring:campaign_unit", "monitoring:campaign_unit_xlsx",
                     "monitoring:campaign_unit_pdf"],
                    (lambda c: [make_campaign(c).pk, _unit("DINKES").pk], {
                        **_all(404), "anonymous": 302, "system_manager": 200,
                        "admin_a": 200})),
}


def make_sync_run(cast):
    import datetime

    from smart.synchronisation.models import SyncRun

    return SyncRun.objects.create(file_name="siasn.csv", export_date=datetime.date(2026, 6, 1),
                                  uploaded_by=cast.verifier, scope_everything=True,
                                  status=SyncRun.Status.DONE)


def make_sync_difference(cast):
    from smart.synchronisation.models import SyncDifference

    run = make_sync_run(cast)
    difference = SyncDifference.objects.create(
        run=run, employee=cast.colleague_a, row=2, field="birth_place", smart_value="A",
        national_value="B", national_data={"birth_place": "B"}, classification="konflik")
    return [run.pk, difference.pk]


def make_campaign(cast):
    from smart.monitoring.tests.scenery import make_campaign as campaign

    return campaign(cast)


def _unit(code):
    from smart.references.models import Unit

    return Unit.objects.get(code=code)


def make_saved_view(cast):
    from smart.references.models import Unit
    from smart.reports.models import SavedView, Sharing

    return SavedView.objects.get_or_create(
        owner=cast.admin_a, name="Guru PNS",
        defaults={"query": {"asn_kind": ["PNS"]}, "sharing": Sharing.UNIT,
                  "shared_unit": Unit.objects.get(code="DINKES")})[0]


def make_column_set(cast):
    from smart.reports.models import ColumnSet

    return ColumnSet.objects.get_or_create(name="Ringkas", defaults={"columns": ["nip"]})[0]


def make_api_key(cast):
    from smart.api.tests.test_api_read import key_for

    return key_for(cast, "DINKES")[0]


def make_import(cast, unknown=None):
    from smart.integrations.models import ImportBatch

    return ImportBatch.objects.create(
        owner=cast.hr_manager_b, filename="ekspor.csv", total=1, invalid=1,
        status=ImportBatch.Status.NEEDS_COLUMNS if unknown else ImportBatch.Status.PREVIEWED,
        unknown_columns=unknown or [])


def make_mapping():
    from smart.integrations.models import ReferenceMapping

    return ReferenceMapping.objects.create(kind="unor", siasn_id="A5EB03E23B1FF6A0")


def make_functional_position():
    from smart.references.models import FunctionalPosition

    return FunctionalPosition.objects.create(code="JF-UJI", name="Dokter Ahli Madya",
                                             retirement_age=60)


def make_job(cast):
    from django.conf import settings

    from smart.jobs.models import Job, JobStatus

    job = Job.objects.create(handler="smart.reports.jobs.export", owner=cast.verifier,
                             title="Ekspor DUK", status=JobStatus.SUCCEEDED,
                             result_file="duk.xlsx")
    folder = settings.SMART_JOB_DIR / str(job.pk)
    folder.mkdir(parents=True)
    (folder / "duk.xlsx").write_bytes(b"PK")
    return job


def make_delegation(cast):
    import datetime

    from smart.access.models import Delegation

    return Delegation.objects.create(
        holder=cast.admin_a, acting=cast.admin_b, kind=Delegation.Kind.PLH,
        valid_from=datetime.date.today(), valid_to=datetime.date.today(), decree="SPRIN/1")


def _release_export(cast):
    from smart.releases.policies import Export

    return Export(code="records.drh", label="DRH lengkap REKAN DINKES", rows=1,
                  specific=True, params={"employee": cast.colleague_a.pk})


def make_release_link(cast):
    from smart.releases.gate import export_token

    return export_token(cast.verifier, _release_export(cast))


def make_release(cast):
    from smart.releases.services import release_request

    return release_request(requester=cast.verifier, export=_release_export(cast),
                           purpose="Bahan sidang Baperjakat.")


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
