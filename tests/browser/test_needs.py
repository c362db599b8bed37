"""Anna picks and orders her needs, builds a sentence in Dutch and shares it;
Bram sees it on his home page and answers; Anna reads the answer. Her private
needs never reach Bram. The felt-sense timer runs with and without JavaScript."""

from __future__ import annotations

import re

import pytest

from haven.needs.models import Need
from tests.conftest import PASSWORD, link, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CANARY = "9c41-canary-private-need"  # starts with a digit: capfirst leaves it alone


def _log_in(page, base: str, email: str) -> None:
    page.goto(base + "/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(base + "/")


def _my_needs(page) -> list[str]:
    return [t.strip() for t in page.locator("[data-testid=my-need] .need-title").all_inner_texts()]


def test_need_shared_answered_and_read(browser, live_server, viewport):
    base = live_server.url
    anna = make_user("anna@example.org", "Anna", language="nl")
    bram = make_user("bram@example.org", "Bram", language="en")
    link(anna, bram)

    # Anna picks three needs and writes a private one of her own.
    first = browser.new_context(viewport=viewport)
    a = first.new_page()
    _log_in(a, base, "anna@example.org")
    a.goto(base + "/needs/choose/")
    for key in ("understood", "respond", "same_team"):
        a.check(f"#need-{key}")
    a.fill("input[name=own_words]", CANARY)
    a.locator("main form button[type=submit]").click()
    a.wait_for_url(base + "/needs/")
    assert _my_needs(a) == [
        "Het gevoel dat je me begrijpt",
        "De zekerheid dat je reageert als ik naar je reik",
        "Het gevoel dat we in hetzelfde team zitten",
        CANARY,
    ]

    # She ranks "same team" first with the up buttons (plain forms).
    for place in (3, 2):
        a.locator("[data-testid=my-need]").nth(place - 1).locator(
            "button[name=direction][value=up]"
        ).click()
        a.wait_for_load_state()
    assert _my_needs(a)[0] == "Het gevoel dat we in hetzelfde team zitten"

    # The sentence builder, in Dutch: a second wording, then her own edit.
    a.locator("[data-testid=my-need] .need-title").first.click()
    a.get_by_role("link", name=re.compile("zin|sentence", re.I)).click()
    a.wait_for_url(re.compile(r".*/needs/\d+/sentence/$"))
    sentence = a.locator("textarea[name=sentence]")
    assert sentence.input_value() == (
        "Om me dicht bij je te kunnen voelen, "
        "heb ik het gevoel dat we in hetzelfde team zitten nodig."
    )
    a.check("#frame-1")
    built = (
        "Om me met je verbonden te voelen, heb ik het gevoel dat we in hetzelfde team zitten nodig."
    )
    assert sentence.input_value() == built
    mine = built.replace(" nodig.", " nodig, juist als het druk is.")
    sentence.fill(mine)
    # "Gebruik deze formulering" replaces her words on purpose, with one tap to undo.
    a.check("#frame-0")
    assert sentence.input_value() == mine, "choosing a wording keeps hand-written text"
    a.locator("[data-wording-button]").click()
    assert sentence.input_value() != mine
    a.get_by_test_id("previous-version").get_by_role("button").click()
    assert sentence.input_value() == mine
    a.locator("button[name=action][value=save]").click()
    a.wait_for_url(re.compile(r".*/needs/\d+/$"))
    assert a.get_by_test_id("sentence").inner_text() == mine
    need_url = a.url

    # Sharing is its own, explicit step.
    a.locator("form[action$='/share/'] button[name=shared][value='1']").click()
    a.wait_for_url(need_url)
    assert Need.objects.filter(visibility="shared").count() == 1

    # Bram sees the shared sentence on his home page, not the private need.
    second = browser.new_context(viewport=viewport)
    b = second.new_page()
    _log_in(b, base, "bram@example.org")
    section = b.get_by_test_id("partner-needs")
    assert mine in section.inner_text()
    assert CANARY not in b.content().lower()
    b.goto(base + "/needs/")
    assert CANARY not in b.content().lower()
    # Text is encrypted at rest: find the private need in Python, not in SQL.
    private = next(n for n in Need.objects.all() if n.own_words == CANARY)
    assert b.goto(f"{base}/needs/{private.pk}/").status == 404

    # He answers in his own words, and sends the answer.
    b.goto(base + "/")
    b.get_by_test_id("partner-need").get_by_role("link", name="Answer").click()
    b.wait_for_url(re.compile(r".*/needs/\d+/answer/$"))
    b.fill("textarea[name=text]", "I hear you. I want us to be a team, also on busy days.")
    b.locator("main form button[type=submit]").click()
    b.wait_for_url(need_url)
    b.get_by_role("button", name="Send to Anna").click()
    b.wait_for_url(need_url)

    # Anna reads the answer on her needs page and on the need itself.
    a.goto(base + "/needs/")
    assert "I want us to be a team, also on busy days." in a.get_by_test_id("answer").inner_text()
    a.goto(need_url)
    assert "I want us to be a team" in a.get_by_test_id("answer").inner_text()
    first.close()
    second.close()


def test_sentence_builder_and_timer_work_without_javascript(browser, live_server):
    base = live_server.url
    make_user("sam@example.org", "Sam")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    _log_in(page, base, "sam@example.org")
    page.goto(base + "/needs/choose/")
    page.check("#need-fun")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(base + "/needs/")
    page.locator("[data-testid=my-need] .need-title").first.click()
    page.get_by_role("link", name="Write the sentence").click()
    page.check("#frame-2")
    page.get_by_role("button", name="Use this wording").click()
    assert page.locator("textarea[name=sentence]").input_value() == (
        "To feel safe with you, I need moments in which we have fun together."
    )

    page.goto(base + "/needs/body/exercise/")
    assert page.get_by_text("Take about a minute.").is_visible()
    assert not page.locator("[data-timer]").is_visible()
    page.check("#sensations-tight_chest")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/needs/body/notes/\d+/$"))
    assert "a tight chest" in page.content()
    context.close()


def test_one_minute_timer(browser, live_server):
    base = live_server.url
    make_user("sam@example.org", "Sam")
    context = browser.new_context()
    page = context.new_page()
    page.clock.install()
    _log_in(page, base, "sam@example.org")
    page.goto(base + "/needs/body/exercise/")
    assert not page.get_by_text("Take about a minute.").is_visible()
    assert page.locator("[data-timer-display]").inner_text() == "1:00"
    assert not page.get_by_role("button", name="Stop").is_visible()
    page.get_by_role("button", name="Start the minute").click()
    assert page.get_by_role("button", name="Stop").is_visible()
    page.clock.run_for(30_000)
    assert page.locator("[data-timer-display]").inner_text() == "0:30"
    page.clock.run_for(31_000)
    assert page.locator("[data-timer-display]").inner_text() == "0:00"
    assert "The minute is over" in page.locator("[data-timer-status]").inner_text()
    assert page.get_by_role("button", name="Start the minute").is_visible()
    context.close()
