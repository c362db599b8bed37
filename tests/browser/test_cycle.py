"""Anna and Bram each map their side of the cycle through the pages. Until both
have shared, Bram sees no narrative, no diagram and none of Anna's words; once
both have shared, both see the narrative, the SVG loop and the pattern, and
Anna gives the cycle a name that Bram sees too."""

from __future__ import annotations

import re

import pytest

from haven.cycle.models import CycleSide
from tests.conftest import PASSWORD, link, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CANARY = "7d2e-canary-unshared-side"


def _log_in(page, base: str, email: str) -> None:
    page.goto(base + "/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(base + "/")


def _fill_side(
    page, base: str, *, trigger: str, moves: list[str], feelings: list[str], longing: str
) -> None:
    page.goto(base + "/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Cycle").click()
    page.wait_for_url(base + "/cycle/")
    page.goto(base + "/cycle/mine/")
    page.fill("textarea[name=trigger]", trigger)
    page.fill("textarea[name=story]", "It means I don't matter.")
    page.check("#surface_emotions-irritated")
    page.check("#body_signals-tight_chest")
    for key in moves:
        page.check(f"#moves-{key}")
    for key in feelings:
        page.check(f"#underneath-{key}")
    page.fill("textarea[name=longing]", longing)
    page.locator("main form.cycle-form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/cycle/side/\d+/$"))
    assert trigger in page.get_by_test_id("side").inner_text()


def test_both_sides_then_our_cycle(browser, live_server, viewport):
    base = live_server.url
    anna = make_user("anna@example.org", "Anna")
    bram = make_user("bram@example.org", "Bram")
    link(anna, bram)

    a = browser.new_context(viewport=viewport).new_page()
    _log_in(a, base, "anna@example.org")
    _fill_side(
        a,
        base,
        trigger=f"You look at your phone. {CANARY}",
        moves=["criticise", "chase"],
        feelings=["lonely"],
        longing="I'm here.",
    )

    b = browser.new_context(viewport=viewport).new_page()
    _log_in(b, base, "bram@example.org")
    _fill_side(
        b,
        base,
        trigger="Your sharp tone.",
        moves=["go_quiet", "leave_room"],
        feelings=["failing"],
        longing="You are doing enough.",
    )
    b.get_by_test_id("share-side").click()
    b.wait_for_load_state()
    assert "Stop sharing" in b.content()

    # Anna has not shared: Bram sees nothing composed and none of her words.
    for path in ("/cycle/ours/", "/cycle/", "/"):
        b.goto(base + path)
        html = b.content()
        assert CANARY not in html and "You look at your phone" not in html, path
    b.goto(base + "/cycle/ours/")
    assert b.get_by_test_id("not-yet").is_visible()
    assert b.locator("svg[role=img]").count() == 0
    assert b.get_by_test_id("narrative").count() == 0
    assert b.get_by_test_id("pattern").count() == 0

    # Anna shares her side.
    a.goto(base + "/cycle/")
    a.get_by_role("link", name="Read my side").click()
    a.get_by_test_id("share-side").click()
    a.wait_for_load_state()

    # Now both see the narrative, the diagram and the pattern.
    b.goto(base + "/cycle/ours/")
    narrative = b.get_by_test_id("narrative").inner_text()
    assert "The more I go quiet and walk away, the more you criticise and chase me" in narrative
    diagram = b.locator("svg[role=img]")
    assert diagram.is_visible()
    assert diagram.locator("title").text_content() == "Our cycle"
    box = diagram.bounding_box()
    assert box["width"] <= viewport["width"]
    assert "Pursue and withdraw" in b.get_by_test_id("pattern").inner_text()
    assert "Criticise" in b.get_by_test_id("diagram-text").inner_text()

    a.goto(base + "/cycle/ours/")
    assert "The more I criticise and chase you, the more you go quiet and walk away" in (
        a.get_by_test_id("narrative").inner_text()
    )
    assert a.locator("svg[role=img]").is_visible()
    assert "Pursue and withdraw" in a.get_by_test_id("pattern").inner_text()

    # Anna names the cycle; Bram sees the name.
    a.fill("input[name=name]", "The phone storm")
    a.get_by_role("button", name="Save the name").click()
    a.wait_for_url(base + "/cycle/ours/")
    assert "The phone storm" in a.get_by_test_id("cycle-name").inner_text()
    b.goto(base + "/cycle/ours/")
    assert "The phone storm" in b.get_by_test_id("cycle-name").inner_text()


def test_my_side_keeps_a_draft_and_survives_a_reload(browser, live_server):
    """About ten minutes of writing in "Mijn kant" must not vanish with a reload."""
    base = live_server.url
    make_user("draft@example.org", "Daan", "nl")
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(base + "/accounts/login/")
    page.fill("input[name=login]", "draft@example.org")
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(base + "/")
    page.goto(base + "/cycle/mine/")
    words = "Als je op je telefoon kijkt terwijl ik iets vertel, voel ik me alleen."
    page.locator("textarea[name=trigger]").press_sequentially(words, delay=5)
    page.wait_for_selector("[data-autosave-status]:has-text(':')")
    page.reload()
    assert page.locator("textarea[name=trigger]").input_value() == words
    side = CycleSide.objects.get(author__email="draft@example.org")
    assert side.visibility == "private"
    context.close()
