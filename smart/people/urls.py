from django.urls import path

from smart.people import views

app_name = "people"
urlpatterns = [
    path("", views.employee_list, name="employee_list"),
    path("saya/", views.my_profile, name="my_profile"),
]
