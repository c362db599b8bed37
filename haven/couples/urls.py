from django.urls import path

from haven.couples import views

app_name = "couples"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("invite/", views.invite, name="invite"),
    path("invite/cancel/", views.cancel_invite, name="cancel_invite"),
    path("join/", views.enter_code, name="enter_code"),
    path("join/<str:token>/", views.join, name="join"),
    path("options/", views.unlink, name="unlink"),  # a neutral path for unlinking
]
