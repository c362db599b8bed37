from django.urls import path

from haven.accounts import views as account_views
from haven.core import views

urlpatterns = [
    path("", views.home, name="home"),
    path("language/", views.switch_language, name="language"),
    path("exit/", views.quick_exit, name="quick_exit"),
    path("rescue/", views.rescue_page, name="rescue"),
    path("welcome/", account_views.onboarding, name="onboarding"),
]
