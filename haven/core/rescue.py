"""Keeping typed text when a save cannot go through.

When a form is sent after the session expired (or after a failed CSRF check,
or before consent was given), the text would normally be lost. Instead it is
kept, encrypted, in the visitor's session, the person logs in (or agrees) and
finds it again at /rescue/, ready to send to the page it came from.

Only the account that typed it can get it back: the session also remembers
which account was last logged in on this browser (a signed cookie set at
login), and a different account logging in on the same device never sees it.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

from django.core import signing
from django.http import HttpRequest, HttpResponse

from haven.core import crypto

SESSION_KEY = "haven_rescue"
LAST_USER_COOKIE = "haven_last_user"
LAST_USER_SALT = "haven.rescue.last-user"
LAST_USER_MAX_AGE = 60 * 24 * 3600
MARKER_FIELD = "_haven_rescued"
# Enough for any form in Haven; larger submissions are not kept.
MAX_CHARS = 200_000
SKIP_FIELDS = {"csrfmiddlewaretoken", MARKER_FIELD}


@dataclass(frozen=True)
class Rescue:
    action: str
    fields: list[tuple[str, str]]
    user_id: int | None
    saved_at: float

    @property
    def text_fields(self) -> list[tuple[str, str]]:
        return [(name, value) for name, value in self.fields if _is_text(value)]

    @property
    def hidden_fields(self) -> list[tuple[str, str]]:
        return [(name, value) for name, value in self.fields if not _is_text(value)]


def _is_text(value: str) -> bool:
    stripped = value.strip()
    return bool(stripped) and not stripped.isdigit() and len(stripped) > 3


def last_user_id(request: HttpRequest) -> int | None:
    raw = request.COOKIES.get(LAST_USER_COOKIE)
    if not raw:
        return None
    try:
        return int(signing.loads(raw, salt=LAST_USER_SALT, max_age=LAST_USER_MAX_AGE))
    except (signing.BadSignature, ValueError, TypeError):
        return None


def remember_user(request: HttpRequest, response: HttpResponse) -> None:
    """Set the last-user cookie for the logged-in account (no content in it)."""
    user = request.user
    if user.is_authenticated and last_user_id(request) != user.pk:
        from django.conf import settings

        response.set_cookie(
            LAST_USER_COOKIE,
            signing.dumps(user.pk, salt=LAST_USER_SALT),
            max_age=LAST_USER_MAX_AGE,
            httponly=True,
            samesite="Lax",
            secure=getattr(settings, "SESSION_COOKIE_SECURE", False),
        )


def keep(request: HttpRequest) -> bool:
    """Store the text of this POST in the session; False when there is none."""
    fields = [
        (name, value)
        for name, values in request.POST.lists()
        if name not in SKIP_FIELDS
        for value in values
    ]
    if not any(_is_text(value) for _name, value in fields):
        return False
    if sum(len(value) for _name, value in fields) > MAX_CHARS:
        return False
    user_id = request.user.pk if request.user.is_authenticated else last_user_id(request)
    payload = {
        "action": request.get_full_path(),
        "fields": fields,
        "user": user_id,
        "at": time.time(),
    }
    request.session[SESSION_KEY] = crypto.encrypt(json.dumps(payload, ensure_ascii=False))
    return True


def peek(request: HttpRequest) -> Rescue | None:
    """The kept text, if it belongs to the person now logged in."""
    stored = request.session.get(SESSION_KEY)
    if not stored:
        return None
    try:
        payload = json.loads(crypto.decrypt(stored))
    except (crypto.DecryptionFailed, ValueError):
        discard(request)
        return None
    if payload.get("user") is not None and payload["user"] != request.user.pk:
        # Someone else typed this on a shared device: it is not theirs to see.
        discard(request)
        return None
    return Rescue(
        action=payload["action"],
        fields=[(name, value) for name, value in payload["fields"]],
        user_id=payload.get("user"),
        saved_at=payload.get("at", 0.0),
    )


def discard(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)
