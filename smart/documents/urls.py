from django.urls import path

from smart.documents import views

app_name = "documents"
urlpatterns = [
    path("<uuid:uuid>/", views.document_download, name="download"),
]
