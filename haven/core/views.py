from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from haven.accounts.models import Profile
from haven.core import policy
from haven.couples import selectors
from haven.journal.models import Reflection

HOME_ITEMS = 5


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "core/landing.html")
    partner = selectors.current_partner(request.user)
    reflections = policy.visible(request.user, Reflection).select_related("author__profile")
    context = {
        "partner": partner,
        "my_reflections": reflections.filter(author=request.user)[:HOME_ITEMS],
        "partner_reflections": (
            reflections.filter(author=partner)[:HOME_ITEMS] if partner is not None else []
        ),
        "invitation": None if partner else selectors.open_invitation(request.user),
    }
    return render(request, "core/home.html", context)


@require_POST
def switch_language(request: HttpRequest) -> HttpResponse:
    language = request.POST.get("language", "")
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("home")
    response = HttpResponseRedirect(target)
    if language in dict(settings.LANGUAGES):
        translation.activate(language)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=365 * 24 * 3600,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
        )
        if request.user.is_authenticated:
            Profile.objects.filter(user=request.user).update(language=language)
    return response
