from django.urls import path

from smart.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    # Daftar Urut Kepangkatan: the page and its two files.
    path("duk/", views.duk, name="duk"),
    path("duk/excel/", views.duk_xlsx, name="duk_xlsx"),
    path("duk/pdf/", views.duk_pdf, name="duk_pdf"),
    path("statistik/", views.statistics, name="statistics"),
    path("nominatif/", views.nominatif, name="nominatif"),
    path("nominatif/csv/", views.nominatif_csv, name="nominatif_csv"),
    # Career due lists, each with the rule that put a person on it.
    path("pensiun/", views.due_list, {"key": "retirement"}, name="retirement"),
    path("pensiun/excel/", views.due_list_xlsx, {"key": "retirement"}, name="retirement_xlsx"),
    path("kgb/", views.due_list, {"key": "kgb"}, name="kgb"),
    path("kgb/excel/", views.due_list_xlsx, {"key": "kgb"}, name="kgb_xlsx"),
    path("kenaikan-pangkat/", views.due_list, {"key": "promotion"}, name="promotion"),
    path("kenaikan-pangkat/excel/", views.due_list_xlsx, {"key": "promotion"},
         name="promotion_xlsx"),
]
