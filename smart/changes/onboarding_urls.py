from django.urls import path

from smart.changes import onboarding_views

app_name = "onboarding"
urlpatterns = [
    path("", onboarding_views.onboarding_list, name="list"),
    path("baru/", onboarding_views.onboarding_new, name="new"),
]
