from django.urls import path

from haven.accounts import views

urlpatterns = [
    path("", views.profile, name="profile"),
]
