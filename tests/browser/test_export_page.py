"""The readable export in a real browser: fits a 320 px phone, the print button
appears with JavaScript, and on paper there is no menu and no quick exit."""

from __future__ import annotations

import pytest

from haven.core.models import Visibility
from tests.conftest import PASSWORD, make_user
from tests.factories import CONTENT_FACTORIES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NARROW = {"width": 320, "height": 640}
LONG_WORD = "canary-" + "x" * 120


def test_export_page_on_a_narrow_phone_and_on_paper(browser, live_server):
    base = live_server.url
    person = make_user("export@example.org", "Noor", "nl")
    for label in ("journal.Reflection", "cycle.CycleSide", "moments.Moment", "safety.SafetyCheck"):
        CONTENT_FACTORIES[label](person, Visibility.PRIVATE, LONG_WORD)
    page = browser.new_context(viewport=NARROW).new_page()
    page.goto(base + "/accounts/login/")
    page.fill("input[name=login]", "export@example.org")
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(base + "/")

    page.goto(base + "/profile/export/")
    page.fill("input[name=password]", PASSWORD)
    page.locator("button[name=format][value=page]").click()
    page.wait_for_selector("[data-testid=export-area-safety]")

    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert page.locator("[data-print]").is_visible()
    assert page.locator("#quick-exit").is_visible()

    page.emulate_media(media="print")
    assert not page.locator("#quick-exit").is_visible()
    assert not page.locator("nav").first.is_visible()
    assert not page.locator("[data-print]").is_visible()
    assert page.get_by_role("heading", level=1).is_visible()
    assert page.locator(f"text={LONG_WORD}").first.is_visible()
