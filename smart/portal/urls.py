from django.urls import path

from smart.portal import holidays, views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    # kalender/: the working-day calendar (holidays), edited by the Pengelola SMART
    path("kalender/", holidays.year_calendar, name="holidays"),
    path("kalender/tambah/", holidays.add, name="holiday_add"),
    path("kalender/<int:pk>/batal/", holidays.cancel, name="holiday_cancel"),
]
