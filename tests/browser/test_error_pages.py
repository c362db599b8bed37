"""The 404 page on the narrowest phone, in Dutch: it fits the screen and the
quick exit is there to press."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NARROW_PHONE = {"width": 320, "height": 640}


def test_missing_page_fits_a_narrow_phone_with_the_quick_exit(browser, live_server):
    context = browser.new_context(viewport=NARROW_PHONE, locale="nl-NL")
    page = context.new_page()
    response = page.goto(live_server.url + "/this-page-is-not-here/")
    assert response is not None and response.status == 404
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.get_by_role("heading", level=1).inner_text() == "Hier is niets te vinden"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    quick_exit = page.get_by_role("button", name="Snel weg")
    assert quick_exit.is_visible()
    box = quick_exit.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 320
    # The page's own words are not hidden under the fixed button.
    heading = page.get_by_role("heading", level=1).bounding_box()
    assert heading is not None and heading["y"] >= box["y"] + box["height"]
    context.close()
