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

# Error pages in the person's language, with the quick exit, revealing nothing
# (haven/core/errors.py). A refused method (405) gets its page in
# haven.core.middleware.MethodNotAllowedPageMiddleware.
handler400 = "haven.core.errors.bad_request"
handler403 = "haven.core.errors.permission_denied"
handler404 = "haven.core.errors.page_not_found"
handler500 = "haven.core.errors.server_error"
