"""Rescued text goes only to the account that wrote it (audit #21, items 3 and 8).

Before: with no last-user cookie (after quick exit, cleared cookies or its
expiry) text from an expired session was kept with no owner, and the next
person to log in on that browser read it at /rescue/. The cookie itself named
the account id and when it was set, and outlived logout by 60 days.
"""

from __future__ import annotations

import base64
import time

import pytest
from django.contrib.sessions.models import Session
from django.core import signing
from django.test import Client
from django.urls import reverse

from haven.core import rescue
from tests.conftest import PASSWORD, make_user

CANARY = "canary-rescue-owner-5b7e"


def _login(client: Client, email: str):
    return client.post(reverse("account_login"), {"login": email, "password": PASSWORD})


def test_text_with_no_owner_is_shown_back_once_and_kept_for_nobody(db):
    make_user("wren@example.org", "Wren")
    make_user("next@example.org", "Nico")
    browser = Client()
    _login(browser, "wren@example.org")
    Session.objects.all().delete()
    browser.cookies.pop(rescue.LAST_USER_COOKIE)  # e.g. cleared, or quick exit
    response = browser.post(reverse("journal:new"), {"title": "", "body": f"{CANARY} tonight"})
    # The person who typed it sees it at once, to copy before leaving.
    assert response.status_code == 200
    page = response.content.decode()
    assert CANARY in page and 'data-testid="unowned-text"' in page
    assert "Copy it somewhere safe now" in page
    # Nothing is stored: whoever logs in next on this browser finds nothing.
    stored = " ".join(s.get_decoded().get(rescue.SESSION_KEY, "") for s in Session.objects.all())
    assert not stored
    _login(browser, "next@example.org")
    assert CANARY not in browser.get(reverse("rescue")).content.decode()


def test_a_stale_token_with_nobody_logged_in_and_no_owner_shows_the_text_back(db):
    client = Client(enforce_csrf_checks=True)
    client.get(reverse("account_login"))
    response = client.post(
        reverse("account_login"),
        {"csrfmiddlewaretoken": "stale" * 8, "login": "x@example.org", "password": f"{CANARY}x"},
    )
    assert response.status_code == 403
    # A password is never echoed back.
    assert CANARY not in response.content.decode()


def test_the_owner_still_gets_their_text_back_after_the_session_ended(db):
    make_user("own@example.org", "Olu")
    browser = Client()
    _login(browser, "own@example.org")
    Session.objects.all().delete()
    response = browser.post(reverse("journal:new"), {"title": "", "body": f"{CANARY} mine"})
    assert response.status_code == 302 and "rescue" in response["Location"]
    _login(browser, "own@example.org")
    assert CANARY in browser.get(reverse("rescue")).content.decode()


def test_the_last_user_cookie_shows_neither_account_nor_time(db):
    user = make_user("opaque@example.org", "Opa")
    browser = Client()
    _login(browser, "opaque@example.org")
    value = browser.cookies[rescue.LAST_USER_COOKIE].value
    raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    # Nothing readable: not the id and login time in plain, nor a signed value.
    assert f"{user.pk}:{int(time.time())}"[:-2].encode() not in raw
    assert ":" not in value
    with pytest.raises(signing.BadSignature):
        signing.loads(value, salt=rescue.LAST_USER_SALT)
    # Two logins give two different values (a fresh nonce each time).
    other = Client()
    _login(other, "opaque@example.org")
    assert other.cookies[rescue.LAST_USER_COOKIE].value != value
    max_age = int(browser.cookies[rescue.LAST_USER_COOKIE]["max-age"])
    assert max_age <= 15 * 24 * 3600


def test_logout_drops_the_last_user_cookie(db):
    make_user("bye@example.org", "Bea")
    browser = Client()
    _login(browser, "bye@example.org")
    response = browser.post(reverse("account_logout"))
    assert response.cookies[rescue.LAST_USER_COOKIE]["max-age"] == 0


def test_an_old_or_forged_last_user_cookie_names_nobody(db, settings, rf):
    request = rf.get("/")
    request.COOKIES[rescue.LAST_USER_COOKIE] = "forged-value"
    assert rescue.last_user_id(request) is None
    request.COOKIES[rescue.LAST_USER_COOKIE] = rescue._seal(42)
    assert rescue.last_user_id(request) == 42
    settings.SESSION_MAX_AGE, settings.SESSION_IDLE = -10, 0
    assert rescue.last_user_id(request) is None
