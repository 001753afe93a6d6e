from django.urls import path

from smart.portal import (
    access_views,
    account_views,
    api_key_views,
    audit_views,
    delegation_views,
    field_class_views,
    holidays,
    views,
)

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    # kalender/: the working-day calendar (holidays), edited by the Pengelola SMART
    path("kalender/", holidays.year_calendar, name="holidays"),
    path("kalender/tambah/", holidays.add, name="holiday_add"),
    path("kalender/<int:pk>/batal/", holidays.cancel, name="holiday_cancel"),
    # akses/: access authorisation (Pasal 11b): proposed, approved, granted, revoked
    path("akses/", access_views.request_list, name="access_requests"),
    path("akses/usul/", access_views.propose, name="access_request_propose"),
    path("akses/usul-sistem/", access_views.propose_system,
         name="access_request_propose_system"),
    path("akses/<int:pk>/", access_views.detail, name="access_request_detail"),
    path("akses/<int:pk>/langkah/", access_views.move, name="access_request_move"),
    path("akses/penugasan/<int:pk>/cabut/", access_views.revoke, name="access_assignment_revoke"),
    # akun-pengguna/: account management (super administrator, SMART manager)
    path("akun-pengguna/", account_views.account_list, name="accounts"),
    path("akun-pengguna/baru/", account_views.account_new, name="account_new"),
    path("akun-pengguna/<int:pk>/", account_views.account_detail, name="account_detail"),
    path("akun-pengguna/<int:pk>/<slug:action>/", account_views.account_action,
         name="account_action"),
    # akses/kelas-data/: the D-3 field-class table, edited by the Pengelola SMART
    path("akses/kelas-data/", field_class_views.table, name="field_classes"),
    path("akses/kelas-data/ubah/", field_class_views.change, name="field_class_change"),
    # plt/: acting officials (Plt/Plh, Pasal 33), recorded and ended by the Pengelola SMART
    path("plt/", delegation_views.delegation_list, name="delegations"),
    path("plt/catat/", delegation_views.create, name="delegation_create"),
    path("plt/<int:pk>/akhiri/", delegation_views.end, name="delegation_end"),
    # kunci-api/: API keys for other systems, created and revoked by the Super Administrator
    path("kunci-api/", api_key_views.api_keys, name="api_keys"),
    path("kunci-api/<int:pk>/cabut/", api_key_views.api_key_revoke_view, name="api_key_revoke"),
    # jejak-audit/: the audit log, for the Pengelola SMART
    path("jejak-audit/", audit_views.audit_log, name="audit_log"),
]
