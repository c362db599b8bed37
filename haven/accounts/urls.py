from django.urls import path

from haven.accounts import views

urlpatterns = [
    path("", views.profile, name="profile"),
    path("export/", views.export, name="export"),
    path("delete/", views.delete_account, name="delete_account"),
]
