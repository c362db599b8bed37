"""Leaving quickly: only from Haven's own pages, and without losing the device's proof.

The quick exit must work with one tap, from the keyboard and without
JavaScript, also from a page whose security token went stale. So it does not
rely on the CSRF token alone: a request the browser marks as coming from
Haven itself (Sec-Fetch-Site, or an Origin or Referer of this site) is
enough; a request from another site is refused, so no page elsewhere can log
a person out (and use that to wipe the device proof below).

The browser drops Haven's cache, storage and every cookie but one: the
trusted-device cookie (haven.accounts.devices), which carries no content and
is what lets the owner's correct password through when someone else has been
failing logins on their address. Without it, a partner could lock the person
out by making them leave quickly.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.middleware.csrf import CsrfViewMiddleware

from haven.accounts import devices

# Cookies are deleted one by one (below) so the device cookie can stay.
CLEAR_SITE_DATA_EXIT = '"cache", "storage"'


def _origin_of(url: str) -> str | None:
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}".lower()


def from_haven(request: HttpRequest) -> bool:
    """True when this POST was sent by one of Haven's own pages."""
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        return site == "same-origin"
    own = f"{request.scheme}://{request.get_host()}".lower()
    trusted = {own, *(o.lower() for o in settings.CSRF_TRUSTED_ORIGINS)}
    origin = request.headers.get("Origin")
    if origin and origin != "null":
        return origin.lower() in trusted
    referer = request.headers.get("Referer")
    if referer:
        return _origin_of(referer) in trusted
    # An old browser that sends none of these: the form's CSRF token decides.
    checker = CsrfViewMiddleware(lambda r: HttpResponse())
    return checker.process_view(request, lambda r: None, (), {}) is None


def exit_response(request: HttpRequest) -> HttpResponse:
    """The neutral site, with Haven's traces dropped except the device proof."""
    response = HttpResponseRedirect(settings.QUICK_EXIT_URL, status=303)
    response["Clear-Site-Data"] = CLEAR_SITE_DATA_EXIT
    for name in request.COOKIES:
        if name != devices.COOKIE:
            response.delete_cookie(name, samesite="Lax")
    response.delete_cookie(settings.SESSION_COOKIE_NAME, samesite="Lax")
    return response
