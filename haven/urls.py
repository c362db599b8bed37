from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("haven.core.urls")),
    path("accounts/", include("allauth.urls")),
    path("profile/", include("haven.accounts.urls")),
    path("couple/", include("haven.couples.urls")),
    path("reflections/", include("haven.journal.urls")),
    path("practise/", include("haven.practise.urls")),
    path("help/", include("haven.safety.urls")),
    path("needs/", include("haven.needs.urls")),
    path("reflect/", include("haven.reflection.urls")),
    path("checkin/", include("haven.checkins.urls")),
    path("learn/", include("haven.learn.urls")),
    path("cycle/", include("haven.cycle.urls")),
    path("moments/", include("haven.moments.urls")),
    path("admin/", admin.site.urls),
]
