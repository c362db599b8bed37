"""A newcomer signs up, switches to Dutch, invites a partner; the partner joins
through the link; both see they are linked; one unlinks; the other is solo and
sees nothing of the first's private items."""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CANARY = "canary-7f3a-private-note"


def _sign_up(page, email: str, name: str) -> None:
    page.fill("input[name=email]", email)
    page.fill("input[name=display_name]", name)
    page.select_option("select[name=country]", "NL")
    page.fill("input[name=password1]", "quiet morning coffee")
    page.fill("input[name=password2]", "quiet morning coffee")
    page.locator("form[action$='/accounts/signup/'] button[type=submit]").click()


def _agree_and_skip_check(page) -> None:
    """Onboarding: who runs the server, what private means, consent; then the
    safety check is offered and can be skipped for now."""
    page.wait_for_url(re.compile(r".*/welcome/.*"))
    assert page.get_by_test_id("operator").is_visible()
    page.check("#agree")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/help/q/.*"))
    page.get_by_role("link", name="Not now").click()


def test_couple_onboarding_and_unlinking(browser, live_server, viewport):
    base = live_server.url
    first = browser.new_context(viewport=viewport, locale="en-GB")
    a = first.new_page()
    a.goto(base + "/")
    a.get_by_role("link", name="Create an account").click()
    _sign_up(a, "anna@example.org", "Anna")
    _agree_and_skip_check(a)
    a.wait_for_url(base + "/")
    assert "solo" in a.get_by_test_id("couple-status").inner_text()

    # Switch to Dutch with the visible control.
    a.locator(".language-switch button[value=nl]").click()
    a.wait_for_load_state()
    assert a.locator("html").get_attribute("lang") == "nl"

    # A private reflection that must never reach the partner.
    a.goto(base + "/reflections/new/")
    a.fill("textarea[name=body]", f"Only for me: {CANARY}")
    a.locator("main form button[type=submit]").click()
    a.wait_for_url(re.compile(r".*/reflections/\d+/$"))
    private_url = a.url

    # Invite the partner.
    a.goto(base + "/couple/")
    a.check("input[name=consent]")
    a.locator("form[action$='/couple/invite/'] button[type=submit]").click()
    link = a.get_by_test_id("invite-link").input_value()
    assert "/couple/join/" in link
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", a.get_by_test_id("invite-code").inner_text())

    # The partner follows the link, signs up, and accepts.
    second = browser.new_context(viewport=viewport, locale="en-GB")
    b = second.new_page()
    b.goto(link)
    assert "/accounts/signup/" in b.url
    _sign_up(b, "bram@example.org", "Bram")
    _agree_and_skip_check(b)
    b.wait_for_url(re.compile(r".*/couple/join/.+"))
    assert "Anna" in b.content()
    b.check("input[name=consent]")
    b.locator("main form button[type=submit]").click()
    b.wait_for_url(base + "/")
    assert "Anna" in b.get_by_test_id("couple-status").inner_text()

    a.goto(base + "/")
    assert "Bram" in a.get_by_test_id("couple-status").inner_text()

    # Anna unlinks, alone.
    a.goto(base + "/couple/options/")
    a.check("input[name=confirm]")
    a.locator("main form button[type=submit]").click()
    a.wait_for_url(base + "/couple/")
    assert "solo" in a.get_by_test_id("couple-status").inner_text()

    # Bram is solo on his next request and sees nothing of Anna's private items.
    b.goto(base + "/")
    assert "solo" in b.get_by_test_id("couple-status").inner_text()
    assert CANARY not in b.content()
    response = b.goto(private_url)
    assert response.status == 404
    assert CANARY not in b.content()
    b.goto(base + "/reflections/")
    assert CANARY not in b.content()

    first.close()
    second.close()


def test_the_invitation_survives_sign_up_consent_and_the_safety_check(browser, live_server):
    """Joris opens Anna's link while logged out, signs up in Dutch, gives consent, takes the
    safety check and taps Verder: home still offers Anna's invitation, and only his yes links."""
    from tests.conftest import make_user

    base = live_server.url
    anna = make_user("anna.nl@example.org", "Anna", "nl")
    from haven.couples import services

    issued = services.create_invitation(inviter=anna)
    link = base + f"/couple/join/{issued.token}/"

    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="nl-NL")
    page = context.new_page()
    page.goto(link)
    assert "/accounts/signup/" in page.url
    _sign_up(page, "joris@example.org", "Joris")
    page.wait_for_url(re.compile(r".*/welcome/.*"))
    page.check("#agree")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/help/q/.*"))
    fieldsets = page.locator("main form fieldset")
    for index in range(fieldsets.count()):
        fieldsets.nth(index).locator("input[type=radio]").first.check()
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r".*/help/q/done/$"))
    page.get_by_role("link", name="Verder").click()
    page.wait_for_url(base + "/")

    offer = page.get_by_test_id("pending-invitation")
    assert offer.is_visible() and "Anna" in offer.inner_text()
    from haven.couples.selectors import current_partner_id

    assert current_partner_id(anna) is None, "never linked without his explicit yes"
    offer.get_by_role("link").click()
    page.wait_for_url(re.compile(r".*/couple/join/.+"))
    page.check("input[name=consent]")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(base + "/")
    assert "Anna" in page.get_by_test_id("couple-status").inner_text()
    assert page.get_by_test_id("pending-invitation").count() == 0
    context.close()


def test_reloading_the_invitation_page_goes_back_to_the_overview(client):
    from django.urls import reverse

    from tests.conftest import make_user

    user = make_user("reload@example.org", "Rosa")
    client.force_login(user)
    response = client.get(reverse("couples:invite"))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-testid="couple-status"' in page and "Invite your partner" in page


def test_the_invitation_link_copies_with_one_tap(browser, live_server):
    from tests.conftest import PASSWORD, make_user

    base = live_server.url
    make_user("copy@example.org", "Carla")
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)
    page = context.new_page()
    page.goto(base + "/accounts/login/")
    page.fill("input[name=login]", "copy@example.org")
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(base + "/")
    page.goto(base + "/couple/")
    page.check("input[name=consent]")
    page.locator("form[action$='/couple/invite/'] button[type=submit]").click()
    link = page.get_by_test_id("invite-link").input_value()
    # The clipboard API answers only a focused page, as a person's tap gives it.
    page.bring_to_front()
    page.get_by_test_id("copy-link").click()
    page.wait_for_selector("#copy-status:has-text('Copied')")
    assert page.evaluate("() => navigator.clipboard.readText()") == link
    context.close()
