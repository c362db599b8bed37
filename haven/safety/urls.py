from django.urls import path

from haven.safety import views

app_name = "safety"

urlpatterns = [
    path("", views.help_page, name="help"),
    path("check/", views.check, name="check"),
    path("check/result/", views.result, name="result"),
    path("check/forget/", views.forget, name="forget"),
]
