from django.urls import path

from haven.core import views

urlpatterns = [
    path("", views.home, name="home"),
    path("language/", views.switch_language, name="language"),
]
