"""The path, a module, marking done, and sharing progress, for every persona."""

from __future__ import annotations

import pytest
from django.urls import reverse

from haven.core.policy import Actor
from haven.learn import services
from haven.learn.models import ModuleProgress, ModuleReflection
from haven.safety import services as safety

pytestmark = pytest.mark.usefixtures("fixture_content")


def _done(client, slug: str):
    return client.post(reverse("learn:done", kwargs={"slug": slug}), {"done": "1"})


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("learn:path"))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/")


def test_path_lists_all_parts_and_suggests_the_first_module(client_a):
    page = client_a.get(reverse("learn:path")).content.decode()
    assert "First steps" in page and "Write it down" in page and "Together time" in page
    assert 'data-testid="module-first-steps" data-state="next"' in page
    assert "0 of 3 modules done" in page


def test_path_in_dutch(cast):
    profile = cast.partner_a.profile
    profile.language = "nl"
    profile.save()
    client = cast.client_for(Actor.AUTHOR)
    page = client.get(reverse("learn:path"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Eerste stappen" in page


def test_reading_a_module_records_it_and_the_path_continues_there(cast, client_a):
    response = client_a.get(reverse("learn:module", kwargs={"slug": "write-it-down"}))
    assert response.status_code == 200
    rows = list(ModuleProgress.objects.filter(author=cast.partner_a))
    assert [(row.slug, row.is_done) for row in rows] == [("write-it-down", False)]
    assert rows[0].visibility == "private"
    page = client_a.get(reverse("learn:path")).content.decode()
    assert 'data-testid="module-write-it-down" data-state="next"' in page
    assert "Continue where you left off" in page


def test_module_page_shows_text_exercise_and_done_button(client_a):
    page = client_a.get(reverse("learn:module", kwargs={"slug": "first-steps"})).content.decode()
    assert 'href="/checkin/"' in page  # the haven: link, resolved
    assert f'href="{reverse("needs:choose")}"' in page  # the exercise's tool
    assert 'data-testid="mark-done"' in page
    assert 'data-testid="help-first"' not in page


def test_unknown_module_is_404(client_a):
    response = client_a.get(reverse("learn:module", kwargs={"slug": "no-such-module"}))
    assert response.status_code == 404
    assert _done(client_a, "no-such-module").status_code == 404


def test_marking_done_moves_on_and_counts(cast, client_a):
    response = _done(client_a, "first-steps")
    assert response.status_code == 302
    assert response["Location"] == reverse("learn:module", kwargs={"slug": "write-it-down"})
    page = client_a.get(reverse("learn:path")).content.decode()
    assert "1 of 3 modules done" in page
    assert 'data-testid="module-first-steps" data-state="done"' in page
    # and back again
    client_a.post(reverse("learn:done", kwargs={"slug": "first-steps"}), {"done": "0"})
    assert not ModuleProgress.objects.get(author=cast.partner_a).is_done


def test_done_needs_post(client_a):
    assert client_a.get(reverse("learn:done", kwargs={"slug": "first-steps"})).status_code == 405


def test_last_module_done_goes_back_to_the_path(client_a):
    for slug in ("first-steps", "write-it-down"):
        _done(client_a, slug)
    response = _done(client_a, "together-time")
    assert response["Location"] == reverse("learn:path")
    page = client_a.get(reverse("learn:path")).content.decode()
    assert "You have finished every module" in page


def test_professional_help_module_puts_help_first(client_a):
    page = client_a.get(reverse("learn:module", kwargs={"slug": "together-time"})).content.decode()
    assert 'data-testid="help-first"' in page
    assert page.index('data-testid="help-first"') < page.index('data-testid="module-text"')
    assert f'href="{reverse("safety:help")}"' in page


# --- progress stays private unless shared ------------------------------------------


def test_progress_is_private_by_default(cast, client_a, client_b):
    _done(client_a, "first-steps")
    page = client_b.get(reverse("learn:path")).content.decode()
    assert "Anna has not shared any progress with you." in page
    assert "First steps</li>" not in page


def test_partner_sees_only_the_done_list_when_shared(cast, client_a, client_b):
    client_a.get(reverse("learn:module", kwargs={"slug": "write-it-down"}))  # opened, not done
    _done(client_a, "first-steps")
    response = client_a.post(reverse("learn:sharing"), {"shared": "1"})
    assert response.status_code == 302
    assert services.shares_progress(cast.partner_a)
    page = client_b.get(reverse("learn:path")).content.decode()
    section = page[page.index('data-testid="partner-progress"') :]
    section = section[: section.index("</section>")]
    assert "Anna finished:" in section
    assert "<li>First steps</li>" in section
    assert "Write it down" not in section  # opened is not done: never shown


def test_new_progress_follows_the_sharing_choice(cast, client_a, client_b):
    client_a.post(reverse("learn:sharing"), {"shared": "1"})
    _done(client_a, "first-steps")
    assert ModuleProgress.objects.get(author=cast.partner_a).visibility == "shared"
    client_a.post(reverse("learn:sharing"), {"shared": "0"})
    assert ModuleProgress.objects.get(author=cast.partner_a).visibility == "private"
    page = client_b.get(reverse("learn:path")).content.decode()
    assert "Anna has not shared any progress with you." in page


def test_ex_partner_and_stranger_see_nothing(cast, client_a):
    _done(client_a, "first-steps")
    client_a.post(reverse("learn:sharing"), {"shared": "1"})
    for actor in (Actor.EX_PARTNER, Actor.STRANGER, Actor.STAFF):
        page = cast.client_for(actor).get(reverse("learn:path")).content.decode()
        assert "Anna" not in page
        assert 'data-testid="module-first-steps" data-state="next"' in page  # their own path


def test_sharing_is_a_post(client_a):
    assert client_a.get(reverse("learn:sharing")).status_code == 405


# --- reflections -----------------------------------------------------------------


def test_reflection_is_saved_privately(cast, client_a, client_b):
    url = reverse("learn:reflection", kwargs={"slug": "write-it-down"})
    page = client_a.get(url).content.decode()
    assert "Write about a moment you felt alone" in page  # the exercise's prompt
    response = client_a.post(url, {"text": "private-words-7731"})
    assert response.status_code == 302
    item = ModuleReflection.objects.get(author=cast.partner_a)
    assert item.visibility == "private" and item.slug == "write-it-down"
    detail = reverse("learn:reflection_detail", kwargs={"pk": item.pk})
    assert client_b.get(detail).status_code == 404
    assert "private-words-7731" not in client_b.get(url).content.decode()
    client_a.post(reverse("learn:reflection_share", kwargs={"pk": item.pk}), {"shared": "1"})
    assert "private-words-7731" in client_b.get(detail).content.decode()


def test_empty_reflection_keeps_the_form(client_a):
    url = reverse("learn:reflection", kwargs={"slug": "write-it-down"})
    response = client_a.post(url, {"text": "   "})
    assert response.status_code == 400
    assert "Write something first" in response.content.decode()


def test_too_long_reflection_keeps_the_text(client_a):
    url = reverse("learn:reflection", kwargs={"slug": "write-it-down"})
    text = "kept-" + "x" * 10001
    response = client_a.post(url, {"text": text})
    assert response.status_code == 400
    assert text in response.content.decode()


# --- the individual path ---------------------------------------------------------


def test_individual_path_leaves_out_modules_for_two(cast, client_a):
    safety.record_check(author=cast.partner_a, answers={"afraid": "yes"})
    page = client_a.get(reverse("learn:path")).content.decode()
    assert "Together time" not in page
    assert "First steps" in page
    assert 'data-testid="partner-progress"' not in page
    assert "Share which modules I finished" not in page  # nothing offered towards the partner
    module = client_a.get(reverse("learn:module", kwargs={"slug": "together-time"}))
    assert 'data-testid="joint-note"' in module.content.decode()
