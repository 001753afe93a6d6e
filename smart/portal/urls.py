from django.urls import path

from smart.portal import access_views, audit_views, holidays, views

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
    path("akses/<int:pk>/", access_views.detail, name="access_request_detail"),
    path("akses/<int:pk>/langkah/", access_views.move, name="access_request_move"),
    path("akses/penugasan/<int:pk>/cabut/", access_views.revoke, name="access_assignment_revoke"),
    # jejak-audit/: the audit log, for the Pengelola SMART
    path("jejak-audit/", audit_views.audit_log, name="audit_log"),
]
