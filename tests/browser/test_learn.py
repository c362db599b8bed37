"""One module of the learning path, end to end on a phone: read it, do its exercise,
mark it done and find "continue where you left off" on the home page. And a script
for a hard conversation: filled from a saved need, checked by the coach, printed."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from haven.core.converters import token
from haven.learn import content
from haven.learn.models import ModuleReflection
from haven.needs import catalogue
from haven.needs import services as needs
from tests.browser.conftest import PHONE
from tests.conftest import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page, base: str, email: str) -> None:
    page.goto(base + "/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(base + "/")


def _fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_one_module_end_to_end_on_a_phone(browser, live_server):
    base = live_server.url
    person = make_user("reader@example.org", "Robin")
    first, second = content.path("en")[:2]
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    _log_in(page, base, "reader@example.org")

    # The path, from the main navigation.
    page.get_by_role("link", name="Learn", exact=True).click()
    page.wait_for_url(base + "/learn/")
    assert _fits_the_screen(page)
    page.get_by_test_id("continue").click()

    # Read the module.
    page.wait_for_url(re.compile(rf".*/learn/module/{token('module', first.slug)}/$"))
    assert page.get_by_role("heading", level=1).inner_text() == first.title
    assert page.get_by_test_id("module-text").inner_text().strip()
    assert _fits_the_screen(page)

    # Do its exercise: open the tool, or write the reflection.
    page.get_by_test_id("exercise-link").click()
    if first.exercise.kind == "reflection":
        page.wait_for_url(
            re.compile(rf".*/learn/module/{token('module', first.slug)}/reflection/$")
        )
        page.fill("textarea[name=text]", "The dishes were never about the dishes.")
        page.get_by_role("button", name="Save privately").click()
        page.wait_for_url(re.compile(rf".*/learn/module/{token('module', first.slug)}/$"))
        saved = ModuleReflection.objects.get(author=person)
        assert saved.visibility == "private"
    else:
        page.wait_for_load_state()
        page.go_back()

    # Mark it done: the path moves on to the next module.
    page.get_by_test_id("mark-done").click()
    page.wait_for_url(re.compile(rf".*/learn/module/{token('module', second.slug)}/$"))

    # The home page offers to continue there.
    page.goto(base + "/")
    card = page.get_by_test_id("learn-continue")
    assert "Continue where you left off" in card.inner_text()
    assert f"You finished 1 of {len(content.path('en'))} modules." in card.inner_text()
    card.get_by_test_id("learn-continue-link").click()
    page.wait_for_url(re.compile(rf".*/learn/module/{token('module', second.slug)}/$"))
    context.close()


def test_script_filled_checked_and_printed(browser, live_server):
    base = live_server.url
    person = make_user("speaker@example.org", "Kim")
    needs.add_needs(author=person, keys=["understood"])
    fragment = catalogue.need("understood").fragment("en")
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    _log_in(page, base, "speaker@example.org")

    page.goto(base + "/learn/scripts/")
    page.locator("a.tile-link", has_text=re.compile("need", re.I)).first.click()
    page.wait_for_url(re.compile(r".*/learn/scripts/[0-9a-f]{12}/$"))
    box = page.locator("textarea[name=text]")
    assert fragment in box.input_value()

    # Make it a little more protective, then ask the coach.
    mine = box.input_value() + " You never listen to me anyway."
    box.fill(mine)
    page.get_by_test_id("check").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("coach-result").is_visible()
    assert page.locator("[data-testid=findings] li.protective").count() >= 1
    assert page.locator("textarea[name=text]").input_value() == mine

    # Print: the edited text, no navigation, no quick-exit on paper.
    page.get_by_test_id("print").click()
    page.wait_for_url(re.compile(r".*/print/$"))
    assert "You never listen to me anyway." in page.get_by_test_id("print-text").inner_text()
    assert page.locator("nav").count() == 0
    assert page.locator("#quick-exit").is_visible()  # on screen it is there
    page.emulate_media(media="print")
    assert not page.locator("#quick-exit").is_visible()
    assert not page.locator(".no-print").first.is_visible()
    assert page.get_by_test_id("print-text").is_visible()
    context.close()


def test_guided_exercise_step_by_step_with_a_timer(browser, live_server):
    base = live_server.url
    make_user("breather@example.org", "Ari")
    context = browser.new_context(viewport=PHONE, reduced_motion="reduce")
    page = context.new_page()
    _log_in(page, base, "breather@example.org")
    page.goto(base + reverse("learn:exercise", args=["breathing-pause"]))
    next_button = page.get_by_test_id("guided-next")
    box = next_button.bounding_box()
    assert box is not None and box["height"] >= 44  # a thumb-sized target
    next_button.click()
    page.wait_for_url(re.compile(r".*\?step=1$"))
    timer = page.locator("[data-guided-timer]")
    assert timer.is_visible()
    assert not page.locator("[data-timer-fallback]").is_visible()
    # With reduced motion only the numbers count down; no filling bar.
    assert not page.locator("[data-timer-progress]").is_visible()
    first = page.locator("[data-timer-display]").inner_text()
    page.wait_for_function(
        "t => document.querySelector('[data-timer-display]').textContent !== t", arg=first
    )
    assert _fits_the_screen(page)
    context.close()
