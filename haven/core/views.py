from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from haven.accounts.models import Profile
from haven.checkins.selectors import week_summary
from haven.core import feed, leaving, rescue
from haven.core.navigation import safe_next
from haven.couples import selectors
from haven.journal.selectors import latest
from haven.moments.selectors import proposal_count
from haven.needs.selectors import partner_needs
from haven.safety import screen
from haven.safety.selectors import individual_path

HOME_ITEMS = 5


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "core/landing.html")
    partner = selectors.current_partner(request.user)
    shared, more_shared = feed.shared_with(request.user, partner)
    # Reflections show their title (the newest few are read anyway); every
    # other kind shows what it is and when, without decrypting anything.
    titles = {
        reverse("journal:detail", args=[item.pk]): str(item)
        for item in (latest(request.user, partner.pk, HOME_ITEMS) if partner else [])
    }
    needs_for_me = partner_needs(request.user, partner, translation.get_language() or "en")
    context = {
        "shared_items": [(item, titles.get(item.url, "")) for item in shared],
        "more_shared": more_shared,
        "proposal_count": proposal_count(request.user) if partner else 0,
        "unanswered_needs": sum(1 for item in needs_for_me if item.my_answer is None),
        "partner": partner,
        "my_reflections": latest(request.user, request.user.pk, HOME_ITEMS),
        "partner_needs": needs_for_me,
        "invitation": None if partner else selectors.open_invitation(request.user),
        "individual_path": individual_path(request.user),
        "individual_text": screen.individual_text(translation.get_language() or "en"),
        "checkin_week": week_summary(request.user, timezone.localdate()),
        "pending_invitation": None if partner else selectors.pending_invitation(request),
    }
    return render(request, "core/home.html", context)


@require_POST
def switch_language(request: HttpRequest) -> HttpResponse:
    language = request.POST.get("language", "")
    target = safe_next(request, reverse("home"))
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


# --- leaving quickly ---------------------------------------------------------


@require_POST
@csrf_exempt
def quick_exit(request: HttpRequest) -> HttpResponse:
    """End the session at once and go to a neutral site.

    The CSRF token is not required (the page's token may have gone stale),
    but the request must come from Haven's own pages (haven.core.leaving).
    """
    if not leaving.from_haven(request):
        return csrf_failure(request, reason="quick exit from another site")
    logout(request)
    return leaving.exit_response(request)


# --- getting typed text back ---------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def rescue_page(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        rescue.discard(request)
        messages.info(request, _("The kept text is gone."))
        return redirect("home")
    kept = rescue.peek(request)
    return render(request, "core/rescue.html", {"kept": kept})


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form whose security token expired: keep what was typed, never lose it."""
    if request.method == "POST" and rescue.keep(request):
        if request.user.is_authenticated:
            return redirect("rescue")
        login = reverse("account_login")
        return HttpResponseRedirect(f"{login}?{urlencode({'next': reverse('rescue')})}")
    if request.method == "POST" and rescue.typed_text(request):
        from haven.core.guards import unowned_text_page

        return unowned_text_page(request, status=403)
    return render(request, "core/csrf_failure.html", status=403)
