from django.urls import path

from haven.practise import views

app_name = "practise"
urlpatterns = [
    path("", views.practise_page, name="page"),
    path("check/", views.practise_fragment, name="fragment"),
]
