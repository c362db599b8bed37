from django.urls import path

from haven.journal import views

app_name = "journal"
urlpatterns = [
    path("", views.reflection_list, name="list"),
    path("new/", views.reflection_new, name="new"),
    path("<int:pk>/", views.reflection_detail, name="detail"),
    path("<int:pk>/edit/", views.reflection_edit, name="edit"),
    path("<int:pk>/delete/", views.reflection_delete, name="delete"),
    path("<int:pk>/share/", views.reflection_share, name="share"),
]
