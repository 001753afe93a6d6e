from django.urls import path

from smart.jobs import views

app_name = "jobs"

urlpatterns = [
    path("", views.job_list, name="list"),
    path("<uuid:job_id>/", views.job_detail, name="detail"),
    path("<uuid:job_id>/batal/", views.job_cancel_view, name="cancel"),
    path("<uuid:job_id>/lanjutkan/", views.job_resume_view, name="resume"),
    path("<uuid:job_id>/berkas/", views.job_file, name="file"),
]
