"""A script filled from the person's needs, checked by the coach, saved privately, printed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from haven.learn.models import ScriptDraft
from haven.needs import catalogue
from haven.needs import services as needs

pytestmark = pytest.mark.usefixtures("fixture_content")

URL = reverse("learn:script", kwargs={"key": "ask-for-need"})
PRINT = reverse("learn:script_print", kwargs={"key": "ask-for-need"})


def test_list_shows_every_script(client_a):
    page = client_a.get(reverse("learn:scripts")).content.decode()
    assert "Asking for what you need" in page and "Bringing up a hurt" in page


def test_script_is_filled_from_the_saved_need(cast, client_a):
    needs.add_needs(author=cast.partner_a, keys=["understood"])
    page = client_a.get(URL).content.decode()
    fragment = catalogue.need("understood").fragment("en")
    assert f"To feel close to you, I need {fragment}. Could we talk about it after dinner?" in page
    assert "You never make time for me." in page  # the "instead"
    assert 'data-testid="filled-note"' in page


def test_script_in_dutch_for_a_dutch_person(cast):
    from haven.core.policy import Actor

    profile = cast.partner_a.profile
    profile.language = "nl"
    profile.save()
    needs.add_needs(author=cast.partner_a, keys=["understood"])
    page = cast.client_for(Actor.AUTHOR).get(URL).content.decode()
    fragment = catalogue.need("understood").fragment("nl")
    assert f"heb ik {fragment} nodig. Kunnen we er na het eten over praten?" in page


def test_unknown_script_is_404(client_a):
    assert client_a.get(reverse("learn:script", kwargs={"key": "nope"})).status_code == 404


def test_coach_check_keeps_the_text_and_shows_findings(client_a):
    text = "You never listen to me and you always walk away."
    response = client_a.post(URL, {"text": text, "action": "check"})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="coach-result"' in page
    assert 'data-code="criticism"' in page or 'data-code="generalization"' in page
    assert f"{text}</textarea>" in page  # the edited text stays in the box
    assert not ScriptDraft.objects.exists()  # checking stores nothing


def test_save_privately_and_find_it_again(cast, client_a, client_b):
    response = client_a.post(URL, {"text": "my-own-version-5521", "action": "save"})
    assert response.status_code == 302
    draft = ScriptDraft.objects.get(author=cast.partner_a)
    assert draft.visibility == "private" and draft.script_key == "ask-for-need"
    assert "my-own-version-5521" in client_a.get(URL).content.decode()
    assert "my-own-version-5521" not in client_b.get(URL).content.decode()
    assert "my-own-version-5521" not in client_b.get(PRINT).content.decode()
    # saving again changes the same draft
    client_a.post(URL, {"text": "second-version", "action": "save"})
    assert ScriptDraft.objects.get(author=cast.partner_a).text == "second-version"
    assert "your version saved" in client_a.get(reverse("learn:scripts")).content.decode()
    # and forgetting it brings back the filled script
    client_a.post(URL, {"action": "forget"})
    assert not ScriptDraft.objects.exists()


def test_empty_text_is_refused_with_a_message(client_a):
    response = client_a.post(URL, {"text": "  ", "action": "check"})
    assert response.status_code == 400
    assert "The text is empty" in response.content.decode()


def test_too_long_text_is_kept(client_a):
    text = "keep-me " + "y" * 5000
    response = client_a.post(URL, {"text": text, "action": "save"})
    assert response.status_code == 400
    assert text in response.content.decode()
    assert not ScriptDraft.objects.exists()


def test_print_page_shows_the_edited_text_without_navigation(client_a):
    response = client_a.post(PRINT, {"text": "Printed words\n\nsecond paragraph"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<p>Printed words</p>" in page and "second paragraph" in page
    assert "<nav" not in page and "site-header" not in page
    assert "haven/print.css" in page
    assert not ScriptDraft.objects.exists()  # printing stores nothing


def test_print_page_by_get_shows_the_saved_version(client_a):
    client_a.post(URL, {"text": "saved-for-print", "action": "save"})
    assert "saved-for-print" in client_a.get(PRINT).content.decode()
