from django.urls import path

from smart.integrations import views

app_name = "integrations"

urlpatterns = [
    # Imports of national exports: /impor/…
    path("", views.import_list, name="import_list"),
    path("<uuid:batch_id>/", views.import_detail, name="import_detail"),
    path("<uuid:batch_id>/kolom/", views.import_columns, name="import_columns"),
    path("<uuid:batch_id>/terapkan/", views.import_apply, name="import_apply"),
    path("<uuid:batch_id>/pratinjau-ulang/", views.import_preview_again_view,
         name="import_preview_again"),
    path("<uuid:batch_id>/galat.xlsx", views.import_errors, name="import_errors"),
    # The SIASN reference-id mapping table.
    path("pemetaan/", views.mapping_list, name="mapping_list"),
    path("pemetaan/<int:mapping_id>/", views.mapping_edit, name="mapping_edit"),
    # The JF reference with each JF's own BUP.
    path("jabatan-fungsional/", views.functional_position_list,
         name="functional_position_list"),
    path("jabatan-fungsional/baru/", views.functional_position_edit,
         name="functional_position_add"),
    path("jabatan-fungsional/<int:position_id>/", views.functional_position_edit,
         name="functional_position_edit"),
]
