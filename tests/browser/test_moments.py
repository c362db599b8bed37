"""Sam logs a rocky moment, takes a pause (the timer runs), comes back, goes through
the repair steps and sees the moment marked repaired. Works on a phone and a desktop."""

from __future__ import annotations

import re

import pytest

from haven.moments.models import Moment, Pause
from tests.conftest import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page, base: str, email: str) -> None:
    page.goto(base + "/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(base + "/")


def test_log_pause_come_back_and_repair(browser, live_server, viewport):
    base = live_server.url
    make_user("sam@example.org", "Sam")
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.clock.install()
    _log_in(page, base, "sam@example.org")

    # Log a moment from the home page card.
    page.get_by_test_id("moments-home").get_by_role("link", name="Log a rocky moment").click()
    page.wait_for_url(base + "/moments/new/")
    page.select_option("select[name=topic]", "money")
    page.fill("textarea[name=what_happened]", "We argued about the holiday budget.")
    page.check("#my_moves-criticise")
    page.get_by_label("It went silent").check()
    page.locator("label[for=id_intensity_6]").click()
    page.get_by_role("button", name="Save moment").click()
    page.wait_for_url(re.compile(r".*/moments/\d+/$"))
    moment_url = page.url
    assert page.get_by_test_id("topic").inner_text() == "Money"

    # We're flooding: the pause page with its 20-minute timer.
    page.get_by_test_id("pause-link").click()
    page.wait_for_url(base + "/moments/pause/")
    timer = page.get_by_test_id("timer")
    assert timer.is_visible() and timer.inner_text() == "20:00"
    assert not page.get_by_test_id("earliest").is_visible()  # the script replaced the text
    page.get_by_role("button", name="Start the 20 minutes").click()
    page.clock.run_for(60_000)
    assert timer.inner_text() == "19:00"
    page.get_by_role("button", name="Start my pause").click()
    page.wait_for_url(re.compile(r".*/moments/pause/\d+/$"))
    assert "Come back at" in page.get_by_test_id("return-time").inner_text()
    message = page.get_by_test_id("pause-message").input_value()
    assert message.startswith("I'm flooded and need a break. I want to come back to this at")
    assert page.get_by_test_id("timer").is_visible()

    # Come back.
    page.get_by_role("button", name="I'm back").click()
    page.wait_for_url(base + "/moments/")
    assert Pause.objects.get().done

    # The repair: alone (no partner linked), four steps and the closing.
    page.goto(moment_url)
    page.get_by_role("link", name="Start the repair").click()
    page.get_by_role("button", name="Start the repair").click()
    answers = [
        "I felt scared and alone with the money worries.",
        "I needed to know we are in this together.",
        "I got sharp and then I went quiet.",
        "Tell you I feel worried before it turns into a fight.",
    ]
    for answer in answers:
        page.wait_for_url(re.compile(r".*/moments/repairs/\d+/step/.*"))
        page.fill("textarea", answer)
        page.get_by_role("button", name="Next", exact=True).click()
    page.wait_for_url(re.compile(r".*\?step=close$"))
    assert page.get_by_test_id("closing").is_visible()
    page.get_by_role("button", name="Finish the repair").click()
    page.wait_for_url(re.compile(r".*/moments/repairs/\d+/$"))
    assert "Repaired on" in page.get_by_test_id("repair-state").inner_text()

    page.goto(moment_url)
    assert page.get_by_test_id("repaired-state").inner_text() != "Not yet"
    assert Moment.objects.get().is_repaired
    page.goto(base + "/moments/")
    assert page.get_by_test_id("repaired").is_visible()
    context.close()


def test_the_pause_works_without_javascript(browser, live_server):
    base = live_server.url
    make_user("sam@example.org", "Sam")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    _log_in(page, base, "sam@example.org")
    page.goto(base + "/moments/pause/")
    assert page.get_by_test_id("earliest").is_visible()
    assert not page.get_by_test_id("timer").is_visible()
    page.get_by_role("button", name="Start my pause").click()
    page.wait_for_url(re.compile(r".*/moments/pause/\d+/$"))
    assert page.get_by_test_id("return-time").is_visible()
    assert "I want to come back" in page.get_by_test_id("pause-message").input_value()
    context.close()


@pytest.mark.parametrize(("language", "save"), [("nl", "Moment bewaren"), ("en", "Save moment")])
def test_a_moment_saves_on_the_first_try_in_every_language(browser, live_server, language, save):
    """The date is pre-filled in the format the date input takes, so nothing is rejected."""
    base = live_server.url
    email = f"first-{language}@example.org"
    make_user(email, "Anna", language)
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    _log_in(page, base, email)
    page.goto(base + "/moments/new/")
    date_value = page.locator("input[name=happened_date]").input_value()
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", date_value), date_value
    page.fill("textarea[name=what_happened]", "Ruzie over de boodschappen.")
    page.get_by_role("button", name=save).click()
    page.wait_for_url(re.compile(r".*/moments/\d+/$"))
    assert Moment.objects.filter(author__email=email).count() == 1
    context.close()
