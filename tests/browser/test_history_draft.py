"""Drafts of the history reflection live on the server: they survive a closed
tab (autosave while typing), work without JavaScript (Save button), and survive
an expired session (the typed text is kept and saved after logging in again).
Answers to "How I attach" are saved as they are chosen, too."""

from __future__ import annotations

import re

import pytest
from django.contrib.sessions.models import Session

from haven.reflection.models import HistoryAnswer, InstrumentResponse
from tests.conftest import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DRAFT = "Mostly my grandmother. She always had time, even on busy days."
HISTORY = "/reflect/history/"


def _log_in(page, base: str, email: str, next_url: str = "/") -> None:
    page.goto(base + "/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(base + next_url)


def _no_content_in_browser_storage(page) -> None:
    stored = page.evaluate("() => [localStorage.length, sessionStorage.length]")
    assert stored == [0, 0]


def test_history_draft_survives_a_closed_tab(browser, live_server, viewport):
    base = live_server.url
    make_user("anna@example.org", "Anna")
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    _log_in(page, base, "anna@example.org")
    page.goto(base + HISTORY)
    page.locator("textarea[name=who-text]").press_sequentially(DRAFT, delay=5)
    # No button pressed: the autosave must do the work.
    page.wait_for_selector("[data-autosave-status]:has-text('Saved at')")
    _no_content_in_browser_storage(page)
    page.close()

    again = context.new_page()
    again.goto(base + HISTORY)
    assert again.locator("textarea[name=who-text]").input_value() == DRAFT
    answer = HistoryAnswer.objects.get(prompt="who")
    assert answer.text == DRAFT and answer.visibility == "private"
    context.close()


def test_history_saves_without_javascript(browser, live_server):
    base = live_server.url
    make_user("sam@example.org", "Sam")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    _log_in(page, base, "sam@example.org")
    page.goto(base + HISTORY + "?section=feelings_and_comfort")
    page.fill("textarea[name=room_for_feelings-text]", "Sadness was fine, anger was not.")
    page.locator("form.history-form button[type=submit]:not([name])").click()
    page.wait_for_selector(".message")
    page.goto(base + HISTORY + "?section=feelings_and_comfort")
    value = page.locator("textarea[name=room_for_feelings-text]").input_value()
    assert value == "Sadness was fine, anger was not."
    context.close()


def test_history_draft_survives_an_expired_session(browser, live_server):
    base = live_server.url
    make_user("noor@example.org", "Noor")
    context = browser.new_context()
    page = context.new_page()
    _log_in(page, base, "noor@example.org")
    page.goto(base + HISTORY)

    # The session ends on the server while the page is open.
    Session.objects.all().delete()
    page.locator("textarea[name=who-text]").press_sequentially(DRAFT, delay=5)
    # The autosave cannot save and says so; the text stays on the page.
    page.wait_for_selector("[data-autosave-status].problem")
    assert not HistoryAnswer.objects.exists()

    # The person presses Save, logs in again, and finds the text kept.
    page.locator("form.history-form button[type=submit]:not([name])").click()
    page.wait_for_url(re.compile(r".*/accounts/login/.*"))
    page.fill("input[name=login]", "noor@example.org")
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(base + "/rescue/")
    kept = page.locator("[data-testid=rescue-form] textarea[name=who-text]")
    assert kept.input_value() == DRAFT
    page.locator("[data-testid=rescue-form] button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/reflect/history/\?section=caregivers"))
    assert page.locator("textarea[name=who-text]").input_value() == DRAFT
    assert HistoryAnswer.objects.get(prompt="who").text == DRAFT
    context.close()


def test_answers_are_saved_as_they_are_chosen(browser, live_server, viewport):
    base = live_server.url
    make_user("eli@example.org", "Eli")
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    _log_in(page, base, "eli@example.org")
    page.goto(base + "/reflect/attach/")
    page.locator("form[action$='/reflect/attach/'] button[type=submit]").first.click()
    page.wait_for_url(re.compile(r".*/reflect/attach/\d+/\?page=1"))
    page.locator("label[for=id_anx01_5]").click()
    page.wait_for_selector("[data-autosave-status]:has-text('Saved at')")
    page.locator("label[for=id_anx02_1]").click()
    page.wait_for_function("() => document.querySelector('input[name=revision]').value === '2'")
    url = page.url
    page.close()

    again = context.new_page()
    again.goto(url)
    assert again.locator("#id_anx01_5").is_checked()
    assert again.locator("#id_anx02_1").is_checked()
    assert InstrumentResponse.objects.get().answers == {"anx01": 6, "anx02": 2}
    context.close()


def test_save_and_next_works_on_the_first_tap_right_after_typing(browser, live_server):
    """Leaving the text box starts an autosave; the status it shows must not move the
    button away from under the finger, so the first tap does what it says."""
    base = live_server.url
    make_user("joris@example.org", "Joris", "nl")
    context = browser.new_context(viewport={"width": 360, "height": 740}, has_touch=True)
    page = context.new_page()
    _log_in(page, base, "joris@example.org")
    page.goto(base + HISTORY)
    page.locator("textarea[name=who-text]").fill(DRAFT)
    page.locator("button[name=continue]").click()
    page.wait_for_url(lambda url: not url.rstrip("/").endswith(HISTORY.rstrip("/")))
    assert HistoryAnswer.objects.get(prompt="who").text == DRAFT
    context.close()
