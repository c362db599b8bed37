"""Trusted devices for a login throttle that cannot be used to lock someone out.

After a successful login the browser gets a random token (cookie
`haven_device`, HttpOnly, no content). Failed attempts are counted per account
and, for a browser holding that account's token, in a separate bucket per
device: a partner hammering the login form with wrong passwords on their own
phone fills the shared bucket, never the owner's. See docs/security.md.
"""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.http import HttpRequest, HttpResponse

COOKIE = "haven_device"
MAX_AGE = 400 * 24 * 3600
# Rates for a trusted device: only its own per-account bucket.
TRUSTED_RATES = {"login_failed": "5/5m/key"}


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def trusted_device_id(request: HttpRequest, email: str) -> int | None:
    """The id of this browser's trusted device for the account `email`, if any."""
    from haven.accounts.models import TrustedDevice

    token = request.COOKIES.get(COOKIE, "")
    if not token or not email:
        return None
    device = (
        TrustedDevice.objects.filter(token_hash=_digest(token), user__email__iexact=email)
        .only("pk")
        .first()
    )
    return device.pk if device else None


def remember(request: HttpRequest, user) -> None:
    """Called at login: trust this browser for `user` (set the cookie later)."""
    from haven.accounts.models import TrustedDevice

    token = request.COOKIES.get(COOKIE, "")
    if token and TrustedDevice.objects.filter(token_hash=_digest(token), user=user).exists():
        return
    token = secrets.token_urlsafe(32)
    TrustedDevice.objects.create(user=user, token_hash=_digest(token))
    request._haven_device_token = token  # type: ignore[attr-defined]


def set_cookie(request: HttpRequest, response: HttpResponse) -> None:
    token = getattr(request, "_haven_device_token", None)
    if token:
        response.set_cookie(
            COOKIE,
            token,
            max_age=MAX_AGE,
            httponly=True,
            samesite="Lax",
            secure=getattr(settings, "SESSION_COOKIE_SECURE", False),
        )
