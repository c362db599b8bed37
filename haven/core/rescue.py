"""Keeping typed text when a save cannot go through.

When a form is sent after the session expired (or after a failed CSRF check,
or before consent was given), the text would normally be lost. Instead it is
kept, encrypted, in the visitor's session, the person logs in (or agrees) and
finds it again at /rescue/, ready to send to the page it came from.

Only the account that typed it can get it back. Kept text is always sealed
to an account: the one logged in, or, when the session has just ended, the
one named by this browser's last-user cookie (set at login, sealed with
AES-GCM so it shows neither the account nor when it was set, deleted at
logout and quick exit, and no older than a session can live). With no owner
(after a quick exit, cleared cookies), the text is not kept at all: the page
shows it back at once so the person can copy it before they leave, and
nobody who logs in on that browser later ever sees it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import time
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.http import HttpRequest, HttpResponse

from haven.core import crypto

SESSION_KEY = "haven_rescue"
LAST_USER_COOKIE = "haven_last_user"
LAST_USER_SALT = "haven.rescue.last-user"
MARKER_FIELD = "_haven_rescued"
# Enough for any form in Haven; larger submissions are not kept.
MAX_CHARS = 200_000
SKIP_FIELDS = {"csrfmiddlewaretoken", MARKER_FIELD}
# Never kept nor shown back: secrets a person types to log in or confirm.
SECRET_PARTS = ("password", "token", "secret", "otp", "code")


def _skipped(name: str) -> bool:
    return name in SKIP_FIELDS or any(part in name.lower() for part in SECRET_PARTS)


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


def _last_user_max_age() -> int:
    """As long as a session may live, and the idle time after it: no longer."""
    return settings.SESSION_MAX_AGE + settings.SESSION_IDLE


def _cipher() -> AESGCM:
    key = hashlib.sha256(f"{LAST_USER_SALT}:{settings.SECRET_KEY}".encode()).digest()
    return AESGCM(key)


def _seal(user_id: int) -> str:
    nonce = os.urandom(12)
    sealed = _cipher().encrypt(nonce, f"{user_id}:{int(time.time())}".encode(), None)
    return base64.urlsafe_b64encode(nonce + sealed).decode().rstrip("=")


def last_user_id(request: HttpRequest) -> int | None:
    raw = request.COOKIES.get(LAST_USER_COOKIE)
    if not raw:
        return None
    try:
        blob = base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4))
        plain = _cipher().decrypt(blob[:12], blob[12:], None).decode()
        user_id, at = (int(part) for part in plain.split(":"))
    except (InvalidTag, ValueError, TypeError):
        return None
    if time.time() - at > _last_user_max_age():
        return None
    return user_id


def remember_user(request: HttpRequest, response: HttpResponse) -> None:
    """Set the last-user cookie for the logged-in account (no content in it)."""
    user = request.user
    if user.is_authenticated and last_user_id(request) != user.pk:
        response.set_cookie(
            LAST_USER_COOKIE,
            _seal(user.pk),
            max_age=_last_user_max_age(),
            httponly=True,
            samesite="Lax",
            secure=getattr(settings, "SESSION_COOKIE_SECURE", False),
        )


def forget_user(response: HttpResponse) -> None:
    """At logout: the browser no longer names anyone."""
    response.delete_cookie(LAST_USER_COOKIE, samesite="Lax")


def typed_text(request: HttpRequest) -> list[tuple[str, str]]:
    """The text fields of this POST, to show back when they cannot be kept."""
    return [
        (name, value)
        for name, values in request.POST.lists()
        if not _skipped(name)
        for value in values
        if _is_text(value)
    ]


def keep(request: HttpRequest) -> bool:
    """Store the text of this POST in the session; False when there is none."""
    fields = [
        (name, value)
        for name, values in request.POST.lists()
        if not _skipped(name)
        for value in values
    ]
    if not any(_is_text(value) for _name, value in fields):
        return False
    if sum(len(value) for _name, value in fields) > MAX_CHARS:
        return False
    user_id = request.user.pk if request.user.is_authenticated else last_user_id(request)
    if user_id is None:
        # Nobody to keep it for: never stored for whoever logs in next.
        return False
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
    if payload.get("user") != request.user.pk:
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
