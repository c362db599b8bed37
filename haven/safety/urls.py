from django.urls import path

from haven.safety import views

app_name = "safety"

urlpatterns = [
    path("", views.help_page, name="help"),
    # Neutral paths: a shared device's history does not say "safety check".
    path("q/", views.check, name="check"),
    path("q/done/", views.result, name="result"),
    path("q/clear/", views.forget, name="forget"),
]
