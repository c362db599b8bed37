"""Typing a harsh Dutch message on the practise page highlights what lands as
protection and offers a version the coach itself finds free of protection."""

from __future__ import annotations

import pytest

from haven import coach
from haven.coach.model import PROTECTIVE_CODES
from tests.conftest import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HARSH = "Jij luistert nooit naar me. Je bent zo egoïstisch, echt typisch weer."


def _log_in(page, base: str, email: str) -> None:
    page.goto(base + "/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(base + "/")


def test_live_coach_highlights_and_suggests(browser, live_server, viewport):
    make_user("noor@example.org", "Noor", language="nl")
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    _log_in(page, live_server.url, "noor@example.org")
    page.goto(live_server.url + "/practise/")
    # Typed, not submitted: the live update must do the work.
    page.locator("textarea[name=message]").press_sequentially(HARSH, delay=5)
    page.wait_for_selector("mark.protective")
    marks = page.locator("mark.protective").all_inner_texts()
    assert marks and all(mark in HARSH for mark in marks)
    assert page.get_by_test_id("findings").locator("li.protective").count() >= 1
    suggestion = page.get_by_test_id("suggestion").input_value()
    assert suggestion.strip()
    found = coach.analyze(suggestion, lang="nl")
    assert found.language == "nl"
    assert not set(found.codes) & set(PROTECTIVE_CODES), found.codes
    context.close()


def test_a_suggestion_for_the_old_text_does_not_stay_when_the_message_changes(browser, live_server):
    make_user("kees@example.org", "Kees")
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    _log_in(page, live_server.url, "kees@example.org")
    page.goto(live_server.url + "/practise/")
    box = page.locator("textarea[name=message]")
    box.press_sequentially("You never listen to me, you are so selfish.", delay=5)
    page.wait_for_selector("[data-testid=suggestion]")
    first = page.get_by_test_id("suggestion").input_value()
    box.fill("")
    box.press_sequentially("Typical. You always forget the kids' dentist.", delay=5)
    page.wait_for_function(
        "old => { const s = document.querySelector('[data-testid=suggestion]');"
        " return s && s.offsetParent !== null && s.value !== old; }",
        arg=first,
    )
    second = page.get_by_test_id("suggestion").input_value()
    assert second != first
    # A version the person edited is theirs: it stays while the message changes.
    page.get_by_test_id("suggestion").fill("My own words, kept.")
    box.press_sequentially(" Again.", delay=5)
    page.wait_for_timeout(1200)
    assert page.get_by_test_id("suggestion").input_value() == "My own words, kept."
    context.close()


def test_practise_page_works_without_javascript(browser, live_server):
    make_user("sam@example.org", "Sam")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    _log_in(page, live_server.url, "sam@example.org")
    page.goto(live_server.url + "/practise/")
    page.fill("textarea[name=message]", "You never listen to me, you are so selfish.")
    page.locator("button[value=check]").click()
    page.wait_for_selector("mark.protective")
    assert page.get_by_test_id("suggestion").input_value().strip()
    context.close()
