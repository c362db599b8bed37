"""The account pages on a phone: sign-in, sign-up, password, e-mail, two-factor
authentication and where you are logged in fit a 320 px and a 390 px screen
without sideways scrolling, keep the quick exit in view, and give every button
(and the account navigation) a tap target of at least 44 px."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests.conftest import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MIN_TAP = 44
# A long user agent for the other login: it must wrap, not widen the page.
OTHER_BROWSER = (
    "Mozilla/5.0 (Linux; Android 14; SM-S918B Build/UP1A.231005.007; wv) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Version/4.0 Chrome/126.0.6478.71 Mobile Safari/537.36 "
    "SamsungBrowser/25.0"
)

# What a person can tap: buttons, links styled as buttons, the account navigation
# and the fields they type in. Only what is shown counts.
TAP_TARGETS = """
() => [...document.querySelectorAll(
    '#quick-exit button, main button, main .button, main .account-nav a, '
    + 'main input:not([type=hidden]):not([type=checkbox]):not([type=radio]), main select'
  )]
  .filter(el => el.offsetParent !== null)
  .map(el => ({what: el.outerHTML.slice(0, 80), height: el.getBoundingClientRect().height}))
"""


def _user(language: str):
    from allauth.account.models import EmailAddress

    user = make_user("phone@example.org", "Pim", language)
    # A verified address, as after signing up: needed to turn on the second factor.
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def _assert_fits(page, width: int, where: str) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (
        f"{where}: wider than {width} px"
    )
    quick_exit = page.locator("#quick-exit button")
    assert quick_exit.is_visible(), where
    box = quick_exit.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width, where
    small = [t for t in page.evaluate(TAP_TARGETS) if t["height"] < MIN_TAP]
    assert not small, f"{where}: tap targets under {MIN_TAP} px: {small}"


@pytest.mark.parametrize(
    ("width", "language"), [(320, "nl"), (320, "en"), (390, "en"), (390, "nl")]
)
def test_account_pages_fit_a_phone(browser, live_server, width, language):
    base = live_server.url
    user = _user(language)
    # Logged in somewhere else too, so the sessions page lists two browsers.
    elsewhere = Client(HTTP_USER_AGENT=OTHER_BROWSER)
    response = elsewhere.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302

    context = browser.new_context(
        viewport={"width": width, "height": 720}, locale="nl-NL" if language == "nl" else "en-GB"
    )
    page = context.new_page()

    for path in ("/accounts/login/", "/accounts/signup/"):
        page.goto(base + path)
        _assert_fits(page, width, path)

    page.goto(base + "/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(base + "/")

    for path in ("/accounts/password/change/", "/accounts/email/", "/accounts/2fa/"):
        page.goto(base + path)
        _assert_fits(page, width, path)
        back = page.locator("main .account-nav a.account-back")
        assert back.is_visible() and back.get_attribute("href") == "/profile/", path

    # Turning on the app asks for the password again first.
    page.goto(base + "/accounts/2fa/totp/activate/")
    page.wait_for_url(re.compile(r".*/accounts/reauthenticate/.*"))
    _assert_fits(page, width, "reauthenticate")
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(base + "/accounts/2fa/totp/activate/")
    _assert_fits(page, width, "totp activate")
    qr = page.locator("main .totp-qr img").bounding_box()
    assert qr is not None and qr["width"] >= 150 and qr["x"] + qr["width"] <= width
    secret = page.locator("main .totp-secret code")
    assert secret.is_visible() and re.fullmatch(
        r"[A-Z2-7]{16,}", secret.inner_text().replace(" ", "")
    )

    page.goto(base + "/accounts/sessions/")
    _assert_fits(page, width, "sessions")
    assert page.locator("main table").count() == 0
    cards = page.locator("main .session-list > li")
    assert cards.count() == 2
    assert cards.first.locator(".badge").is_visible()  # this device, listed first
    assert "Samsung Internet" in cards.nth(1).inner_text()
    assert page.locator("form[action='/accounts/sessions/'] button[type=submit]").is_visible()
    context.close()
