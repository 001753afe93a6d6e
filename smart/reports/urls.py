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
    path("statistik/excel/", views.statistics_xlsx, name="statistics_xlsx"),
    path("statistik/pdf/", views.statistics_pdf, name="statistics_pdf"),
    path("dasbor/", views.dashboard, name="dashboard"),
    # Daftar nominatif, its files and the saved views.
    path("nominatif/", views.nominatif, name="nominatif"),
    path("nominatif/csv/", views.nominatif_csv, name="nominatif_csv"),
    path("nominatif/excel/", views.nominatif_xlsx, name="nominatif_xlsx"),
    path("nominatif/pdf/", views.nominatif_pdf, name="nominatif_pdf"),
    path("nominatif/tampilan/simpan/", views.saved_view_save, name="saved_view_save"),
    path("nominatif/tampilan/<int:pk>/", views.saved_view_open, name="saved_view_open"),
    path("nominatif/tampilan/<int:pk>/ubah-nama/", views.saved_view_rename,
         name="saved_view_rename"),
    path("nominatif/tampilan/<int:pk>/hapus/", views.saved_view_delete,
         name="saved_view_delete"),
    # Career due lists, each with the rule that put a person on it.
    path("pensiun/", views.due_list, {"key": "retirement"}, name="retirement"),
    path("pensiun/excel/", views.due_list_xlsx, {"key": "retirement"}, name="retirement_xlsx"),
    path("pensiun/pdf/", views.due_list_pdf, {"key": "retirement"}, name="retirement_pdf"),
    path("kgb/", views.due_list, {"key": "kgb"}, name="kgb"),
    path("kgb/excel/", views.due_list_xlsx, {"key": "kgb"}, name="kgb_xlsx"),
    path("kgb/pdf/", views.due_list_pdf, {"key": "kgb"}, name="kgb_pdf"),
    path("kenaikan-pangkat/", views.due_list, {"key": "promotion"}, name="promotion"),
    path("kenaikan-pangkat/excel/", views.due_list_xlsx, {"key": "promotion"},
         name="promotion_xlsx"),
    path("kenaikan-pangkat/pdf/", views.due_list_pdf, {"key": "promotion"}, name="promotion_pdf"),
    # Leave and discipline recaps per OPD and period.
    path("rekap-cuti/", views.recap, {"key": "leave"}, name="leave"),
    path("rekap-cuti/excel/", views.recap_xlsx_view, {"key": "leave"}, name="leave_xlsx"),
    path("rekap-cuti/pdf/", views.recap_pdf_view, {"key": "leave"}, name="leave_pdf"),
    path("rekap-disiplin/", views.recap, {"key": "discipline"}, name="discipline"),
    path("rekap-disiplin/excel/", views.recap_xlsx_view, {"key": "discipline"},
         name="discipline_xlsx"),
    path("rekap-disiplin/pdf/", views.recap_pdf_view, {"key": "discipline"},
         name="discipline_pdf"),
    # The Super Administrator's report layout (Pasal 11h).
    path("tata-letak/", views.layout_settings, name="layout"),
    path("tata-letak/set-kolom/<int:pk>/hapus/", views.column_set_delete_view,
         name="column_set_delete"),
    # Usage of the reports (Pasal 22(3)).
    path("penggunaan/", views.usage, name="usage"),
    path("penggunaan/ringkasan.pdf", views.usage_summary_pdf, name="usage_summary"),
]
