"""Middleware that stands between a request and the views.

- RescueMiddleware: a form sent from a browser whose session ended keeps its
  text (haven.core.rescue) and sends the person to log in.
- ConsentMiddleware: nobody uses the parts of Haven that store what they write
  before agreeing to the consent text of the current version.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import Resolver404, resolve, reverse

from haven.core import rescue
from haven.core.policy import VIEW_POLICY, Access

# Sent when someone logs out or leaves quickly: the browser drops its cache,
# cookies and storage for Haven, so nothing is left to go Back to.
CLEAR_SITE_DATA = '"cache", "cookies", "storage"'
# A plain logout keeps the trusted-device cookie (see haven.accounts.devices);
# Django deletes the session cookie itself.
CLEAR_SITE_DATA_LOGOUT = '"cache", "storage"'


class ClearSiteDataMiddleware:
    """Add Clear-Site-Data to the response of a completed logout."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.method == "POST" and _url_name(request) == "account_logout":
            response["Clear-Site-Data"] = CLEAR_SITE_DATA_LOGOUT
            rescue.forget_user(response)
        return response


# Pages someone who has not (yet) agreed may still use: reading the consent
# text, help, leaving, and taking their data out or deleting their account.
NO_CONSENT_NEEDED = {
    "language",
    "onboarding",
    "quick_exit",
    "rescue",
    "profile",
    "export",
    "delete_account",
    "safety:help",
}


def _url_name(request: HttpRequest) -> str | None:
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    return match.view_name


def _is_background(request: HttpRequest) -> bool:
    """A fetch() from a page's script rather than a page the person navigated to."""
    mode = request.headers.get("Sec-Fetch-Mode")
    return mode is not None and mode != "navigate"


class RescueMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        rescue.remember_user(request, response)
        return response

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        if request.method != "POST":
            return None
        if request.user.is_authenticated:
            if request.POST.get(rescue.MARKER_FIELD):
                rescue.discard(request)
            return None
        rule = VIEW_POLICY.get(_url_name(request) or "")
        if rule is None or rule.access == Access.PUBLIC:
            return None
        kept = rescue.keep(request)
        if _is_background(request):
            return JsonResponse({"error": "login required", "kept": kept}, status=401)
        if not kept and rescue.typed_text(request):
            return unowned_text_page(request)
        target = reverse("rescue") if kept else request.get_full_path()
        login = reverse("account_login")
        return HttpResponseRedirect(f"{login}?{urlencode({'next': target})}")


def unowned_text_page(request: HttpRequest, status: int = 200) -> HttpResponse:
    """Text that cannot be kept for anyone: shown back once, to copy, before leaving."""
    from django.shortcuts import render

    login = reverse("account_login")
    return render(
        request,
        "core/rescue_unowned.html",
        {
            "fields": rescue.typed_text(request),
            "login_url": f"{login}?{urlencode({'next': request.get_full_path()})}",
        },
        status=status,
    )


class ConsentMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        if not request.user.is_authenticated:
            return None
        name = _url_name(request)
        if name is None or name not in VIEW_POLICY or name in NO_CONSENT_NEEDED:
            return None
        from haven.accounts.consent import has_consented

        # Read with the profile earlier in this request (ProfileLanguageMiddleware).
        consented = getattr(request.user, "_haven_consented", None)
        if consented is None:
            consented = has_consented(request.user.pk)
        if consented:
            return None
        target = request.get_full_path()
        if request.method == "POST":
            if _is_background(request):
                return JsonResponse({"error": "consent required"}, status=403)
            target = reverse("rescue") if rescue.keep(request) else reverse("home")
        onboarding = reverse("onboarding")
        return HttpResponseRedirect(f"{onboarding}?{urlencode({'next': target})}")
