"""A couple's first day, end to end in the browser (#22): Anna and Joris in
Dutch on their phones, and Sam on their own in English.

Each step is one a real couple takes, and each assertion is one of the
first-day bugs: the invitation followed while logged out (and who sent it),
the Dutch rocky moment saved on the first tap, what was shared reaching the
partner's home, the learning path counting work done elsewhere, informal
Dutch on the account pages, the localized error page with the quick exit, and
a readable export.
"""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "quiet morning coffee"
FORMAL = re.compile(r"\b(u|uw|uzelf)\b", re.IGNORECASE)


def _submit(page) -> None:
    page.locator("main form button[type=submit]").first.click()


def _sign_up(page, email: str, name: str, country: str) -> None:
    page.fill("input[name=email]", email)
    page.fill("input[name=display_name]", name)
    page.select_option("select[name=country]", country)
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.locator("form[action$='/accounts/signup/'] button[type=submit]").click()


def _consent_and_check(page, base: str, *, skip_check: bool) -> None:
    page.wait_for_url(re.compile(r".*/welcome/.*"))
    page.check("#agree")
    _submit(page)
    page.wait_for_url(re.compile(r".*/help/q/.*"))
    if skip_check:
        page.get_by_role("link", name=re.compile("^(Nu niet|Not now)$")).click()
    else:
        fieldsets = page.locator("main form fieldset")
        for index in range(fieldsets.count()):
            fieldsets.nth(index).locator("input[type=radio]").first.check()
        _submit(page)
        page.wait_for_url(re.compile(r".*/help/q/done/$"))
        page.get_by_role("link", name="Verder").click()
    page.wait_for_url(base + "/")


def _visible_text(page) -> str:
    return page.locator("main").inner_text()


def _fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_dutch_couples_first_day(browser, live_server):
    base = live_server.url
    anna_context = browser.new_context(viewport=PHONE, locale="nl-NL")
    joris_context = browser.new_context(viewport=PHONE, locale="nl-NL")
    anna, joris = anna_context.new_page(), joris_context.new_page()

    # Anna signs up in Dutch; the account pages speak informal Dutch.
    anna.goto(base + "/accounts/signup/")
    assert anna.locator("html").get_attribute("lang") == "nl"
    assert not FORMAL.search(_visible_text(anna))
    _sign_up(anna, "anna@example.org", "Anna", "NL")
    _consent_and_check(anna, base, skip_check=True)

    # She invites Joris; the link copies with one tap and is there again later.
    anna.goto(base + "/couple/")
    anna.locator("form[action$='/couple/invite/'] input[name=consent]").check()
    anna.locator("form[action$='/couple/invite/'] button[type=submit]").click()
    link = anna.get_by_test_id("invite-link").input_value()
    code = anna.get_by_test_id("invite-code").inner_text()
    assert anna.get_by_test_id("copy-link").is_visible()
    # Opening the invitation's address again shows the overview, not a blank
    # 405, and the open invitation's code is there to pass on again.
    response = anna.goto(base + "/couple/invite/")
    assert response.status == 200
    assert anna.get_by_test_id("invite-code").inner_text() == code

    # While waiting she writes a reflection and shares it.
    anna.goto(base + "/reflections/new/")
    anna.fill("input[name=title]", "Zondagochtend")
    anna.fill("textarea[name=body]", "Ik voelde me alleen toen je op je telefoon zat.")
    _submit(anna)
    anna.wait_for_url(re.compile(r".*/reflections/\d+/$"))
    anna.get_by_role("button", name="Deel met mijn partner").click()

    # Joris opens the link while logged out: the sign-up page says who invited him.
    joris.goto(link)
    joris.wait_for_url(re.compile(r".*/accounts/signup/.*"))
    assert "Anna heeft je uitgenodigd" in joris.get_by_test_id("invited-by").inner_text()
    _sign_up(joris, "joris@example.org", "Joris", "NL")
    _consent_and_check(joris, base, skip_check=False)
    offer = joris.get_by_test_id("pending-invitation")
    assert "Anna" in offer.inner_text()
    offer.get_by_role("link").click()
    joris.check("input[name=consent]")
    _submit(joris)
    joris.wait_for_url(base + "/")
    assert "Anna" in joris.get_by_test_id("couple-status").inner_text()

    # What Anna shared while on her own reaches Joris's home.
    shared = joris.get_by_test_id("partner-shared")
    assert "Zondagochtend" in shared.inner_text()
    assert "Nog niets gedeeld" not in shared.inner_text()

    # Anna logs a rocky moment in Dutch: saved on the first tap.
    anna.goto(base + "/moments/new/")
    assert anna.locator("input[type=date]").first.input_value() != ""
    anna.select_option("select[name=topic]", "money")
    anna.fill("textarea[name=what_happened]", "We kregen ruzie over het vakantiebudget.")
    anna.check("#my_moves-criticise")
    anna.locator("label[for=id_intensity_6]").click()
    anna.get_by_role("button", name="Moment bewaren").click()
    anna.wait_for_url(re.compile(r".*/moments/\d+/$"))

    # She takes a pause.
    anna.goto(base + "/moments/pause/")
    anna.get_by_role("button", name="Start mijn pauze").click()
    anna.wait_for_url(re.compile(r".*/moments/pause/\d+/$"))

    # Joris checks in and shares his day's percentage.
    joris.goto(base + "/checkin/")
    joris.get_by_text("70%", exact=True).click()
    joris.get_by_role("button", name="Check-in opslaan").click()
    joris.wait_for_load_state()

    # Joris chose a need: the learning path counts that module as done.
    joris.goto(base + "/needs/choose/")
    joris.locator("main input[type=checkbox]").first.check()
    _submit(joris)
    joris.goto(base + "/learn/")
    done = int(joris.locator("main progress").get_attribute("value"))
    assert done >= 1
    assert re.search(rf"{done} van de \d+", _visible_text(joris))

    # A page that does not exist: Dutch, Haven's layout, the quick exit, no path.
    response = joris.goto(base + "/bestaat-niet/")
    assert response.status == 404
    assert "bestaat-niet" not in joris.content()
    assert joris.locator("#quick-exit button").is_visible()
    assert _fits_the_screen(joris)

    # The account pages in informal Dutch.
    joris.goto(base + "/accounts/password/change/")
    assert not FORMAL.search(_visible_text(joris))
    assert _fits_the_screen(joris)

    # Anna's export is a readable page in Dutch, with her own words.
    anna.goto(base + "/profile/export/")
    anna.fill("input[name=password]", PASSWORD)
    anna.get_by_role("button", name="Bekijk het als pagina").click()
    page_text = _visible_text(anna)
    assert "Zondagochtend" in page_text and "vakantiebudget" in page_text
    assert not re.search(r"\d{4}-\d{2}-\d{2}T", page_text)
    assert "december" in page_text or re.search(r"\b\d{1,2} \w+ 20\d\d", page_text)

    anna_context.close()
    joris_context.close()


def test_an_english_solo_users_first_day(browser, live_server):
    base = live_server.url
    context = browser.new_context(viewport=PHONE, locale="en-GB")
    sam = context.new_page()
    sam.goto(base + "/accounts/signup/")
    assert sam.locator("html").get_attribute("lang") == "en"
    _sign_up(sam, "sam@example.org", "Sam", "GB")
    _consent_and_check(sam, base, skip_check=True)
    assert "on your own" in sam.get_by_test_id("couple-status").inner_text()

    sam.goto(base + "/moments/new/")
    sam.select_option("select[name=topic]", "chores")
    sam.fill("textarea[name=what_happened]", "A sharp word about the dishes.")
    sam.check("#my_moves-criticise")
    sam.locator("label[for=id_intensity_4]").click()
    sam.get_by_role("button", name="Save moment").click()
    sam.wait_for_url(re.compile(r".*/moments/\d+/$"))

    # Later, Sam repairs it on their own: the steps, then the closing.
    sam.get_by_role("link", name="Start the repair").click()
    sam.get_by_role("button", name="Start the repair").click()
    for answer in (
        "I felt tired and unseen.",
        "I needed a hand with the evening.",
        "I snapped and then went quiet.",
        "Ask for help before I am worn out.",
    ):
        sam.wait_for_url(re.compile(r".*/moments/repairs/\d+/step/.*"))
        sam.fill("textarea", answer)
        sam.get_by_role("button", name="Next", exact=True).click()
    sam.get_by_role("button", name="Finish the repair").click()
    sam.wait_for_url(re.compile(r".*/moments/repairs/\d+/$"))
    assert "Repaired on" in sam.get_by_test_id("repair-state").inner_text()

    sam.goto(base + "/checkin/")
    sam.get_by_text("60%", exact=True).click()
    sam.get_by_role("button", name="Save check-in").click()
    sam.wait_for_load_state()

    sam.goto(base + "/learn/")
    assert int(sam.locator("main progress").get_attribute("value")) >= 1  # the moment counts

    sam.goto(base + "/profile/export/")
    sam.fill("input[name=password]", PASSWORD)
    sam.get_by_role("button", name="Show it as a page").click()
    text = _visible_text(sam)
    assert "A sharp word about the dishes." in text
    assert not re.search(r"\d{4}-\d{2}-\d{2}T", text)
    assert _fits_the_screen(sam)
    context.close()
