from django.urls import path

from smart.monitoring import views

app_name = "monitoring"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("laporan-bulanan/", views.evaluation_pdf, name="evaluation_pdf"),
    # Public (Pasal 28): aggregates only, small counts hidden.
    path("publik/", views.public, name="public"),
    # Kampanye perekaman (Pasal 20, 32).
    path("kampanye/", views.campaign_list, name="campaign_list"),
    path("kampanye/baru/", views.campaign_create_view, name="campaign_create"),
    path("kampanye/<int:pk>/", views.campaign_detail, name="campaign_detail"),
    path("kampanye/<int:pk>/ubah/", views.campaign_edit, name="campaign_edit"),
    path("kampanye/<int:pk>/excel/", views.campaign_xlsx, name="campaign_xlsx"),
    path("kampanye/<int:pk>/cetak/", views.campaign_pdf, name="campaign_pdf"),
    path("kampanye/<int:pk>/rekap/", views.campaign_summary_xlsx, name="campaign_summary_xlsx"),
    path("kampanye/<int:pk>/unit/<int:unit>/", views.campaign_detail, name="campaign_unit"),
    path("kampanye/<int:pk>/unit/<int:unit>/excel/", views.campaign_xlsx,
         name="campaign_unit_xlsx"),
    path("kampanye/<int:pk>/unit/<int:unit>/cetak/", views.campaign_pdf,
         name="campaign_unit_pdf"),
]
