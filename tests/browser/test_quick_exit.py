"""Requirement 23: the quick exit on every page (button, and Escape pressed
twice) replaces the history entry with a neutral site, ends the session, and
Back shows no content. Requirement 26 in the browser: the danger path."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest

from haven.journal import services as journal
from tests.conftest import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CANARY = "canary-exit-4c9b"
NEUTRAL = "https://neutral.example/weather"


@pytest.fixture
def neutral_site(settings):
    settings.QUICK_EXIT_URL = NEUTRAL
    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {
            **settings.CONTENT_SECURITY_POLICY["DIRECTIVES"],
            "form-action": ["'self'", "https://neutral.example"],
        }
    }
    return NEUTRAL


def _serve_neutral(context) -> None:
    """Answer for the neutral site locally: the test machine is offline."""
    context.route(
        "https://neutral.example/**",
        lambda route: route.fulfill(
            status=200, content_type="text/html", body="<title>Weather</title><p>Sunny</p>"
        ),
    )


def _log_in(page, base: str, email: str) -> None:
    page.goto(base + "/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(base + "/")


@pytest.mark.parametrize("how", ["escape-twice", "button"])
def test_quick_exit_leaves_nothing_to_go_back_to(browser, live_server, neutral_site, how):
    user = make_user("exit@example.org", "Ezra")
    item = journal.create_reflection(author=user, title="Private", body=f"Only me {CANARY}")
    base = live_server.url
    context = browser.new_context()
    _serve_neutral(context)
    page = context.new_page()
    _log_in(page, base, user.email)
    page.goto(f"{base}/reflections/")
    page.goto(f"{base}/reflections/{item.pk}/")
    assert CANARY in page.content()

    if how == "button":
        page.get_by_role("button", name="Quick exit").click()
    else:
        page.keyboard.press("Escape")
        page.keyboard.press("Escape")
    page.wait_for_url(NEUTRAL)
    assert "Sunny" in page.content()

    # The reflection page was replaced in the history: Back goes to the page
    # before it, which no longer shows anything private.
    page.go_back()
    page.wait_for_load_state()
    assert CANARY not in page.content()
    # Not even a login page on the way back to it: that entry was replaced.
    assert f"/reflections/{item.pk}/" not in unquote(page.url)
    assert "/accounts/login/" in page.url or "Log in" in page.content()
    # And the session is over: opening the item directly asks for a login.
    page.goto(f"{base}/reflections/{item.pk}/")
    assert "/accounts/login/" in page.url
    assert CANARY not in page.content()
    context.close()


def test_quick_exit_keeps_only_the_device_proof(browser, live_server, neutral_site):
    user = make_user("proof@example.org", "Pim")
    base = live_server.url
    context = browser.new_context()
    _serve_neutral(context)
    page = context.new_page()
    _log_in(page, base, user.email)
    names = {c["name"] for c in context.cookies(base)}
    assert {"sessionid", "haven_device"} <= names
    page.get_by_role("button", name="Quick exit").click()
    page.wait_for_url(NEUTRAL)
    assert {c["name"] for c in context.cookies(base)} == {"haven_device"}
    context.close()


def test_a_single_escape_does_nothing(browser, live_server, neutral_site):
    user = make_user("calm@example.org", "Cal")
    base = live_server.url
    context = browser.new_context()
    _serve_neutral(context)
    page = context.new_page()
    _log_in(page, base, user.email)
    page.keyboard.press("Escape")
    page.wait_for_timeout(1200)
    page.keyboard.press("Escape")
    page.wait_for_timeout(300)
    assert page.url == base + "/"
    context.close()


def test_danger_answers_switch_to_the_individual_path(browser, live_server, viewport):
    user = make_user("path@example.org", "Pia")
    partner = make_user("other@example.org", "Olle")
    from tests.conftest import link

    link(user, partner)
    base = live_server.url
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    _log_in(page, base, user.email)
    page.get_by_role("link", name="Help").first.click()
    page.get_by_role("link", name="Take the safety check").click()
    page.locator("fieldset").nth(0).get_by_label("Sometimes").check()
    page.locator("fieldset").nth(4).get_by_label("Yes").check()
    page.get_by_role("button", name="See what this means").click()
    page.wait_for_url(re.compile(r".*/help/q/done/$"))
    assert page.get_by_test_id("help-resources").is_visible()
    assert page.get_by_test_id("device-advice").is_visible()
    assert "0800 2000" in page.content()  # the Dutch domestic-abuse line
    page.goto(base + "/")
    assert page.get_by_test_id("individual-path").is_visible()
    context.close()

    # The partner sees nothing of it.
    other = browser.new_context(viewport=viewport)
    them = other.new_page()
    _log_in(them, base, partner.email)
    assert "individual" not in them.content().lower()
    them.goto(base + "/help/q/done/")
    assert "haven't taken the safety check" in them.content()
    other.close()
