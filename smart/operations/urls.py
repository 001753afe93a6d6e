from django.urls import path

from smart.operations import views

app_name = "operations"

urlpatterns = [
    # Public: the infrastructure monitor has no account.
    path("sehat/", views.health, name="health"),
]
