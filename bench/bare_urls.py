"""Haven's URLs plus one minimal view, for measuring pages against a baseline."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from haven.urls import urlpatterns as haven_urlpatterns


def bare(request: HttpRequest) -> HttpResponse:
    """The least a Django view can do, behind Haven's full middleware stack."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("__bare__/", bare, name="bench-bare"), *haven_urlpatterns]
