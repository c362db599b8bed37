"""The real learning path (haven/learn/content and data): complete, valid, every link working."""

from __future__ import annotations

import re

import pytest
from django.urls import resolve, reverse
from django.utils.html import escape

from haven.learn import content, guided, scripts, tools
from haven.learn.loading import LANGUAGES

PATH = {
    "problem-under-the-problem": (1, 1),
    "needs-and-felt-sense": (1, 2),
    "styles-as-a-spectrum": (1, 3),
    "history-and-sensitive-spots": (1, 4),
    "the-negative-cycle": (2, 1),
    "protective-and-vulnerable": (2, 2),
    "prevent-interrupt-recover": (2, 3),
    "ruptures-and-repair": (2, 4),
    "attachment-friendly-home": (2, 5),
    "sex-and-affection": (3, 1),
    "trauma": (3, 2),
    "addiction": (3, 3),
    "infidelity-and-injuries": (3, 4),
    "outside-stress": (3, 5),
    "no-results-yet": (3, 6),
    "when-the-problem-is-the-problem": (3, 7),
    "on-your-own": (3, 8),
}
GUIDED = {
    "breathing-pause",
    "body-dismissed",
    "body-heard",
    "appreciation",
    "bid-noticing",
    "self-compassion",
}
SCRIPTS = {
    "bring-up-hurt",
    "ask-for-need",
    "answer-protest",
    "sorry-not-enough",
    "after-pause",
    "talk-about-sex",
    "possible-dealbreaker",
    "invite-partner",
}
HELP_FIRST = {"trauma", "addiction"}


@pytest.fixture(scope="module")
def library() -> content.Library:
    return content.load()  # fresh, not the cached one: this test is about the files


def test_all_three_parts_are_complete_in_both_languages(library):
    for language in LANGUAGES:
        found = {m.slug: m.position for m in library.path(language)}
        assert found == PATH, language


def test_every_module_is_reachable(client_a, library):
    for language in LANGUAGES:
        client_a.post(reverse("language"), {"language": language})
        for module in library.path(language):
            url = reverse("learn:module", kwargs={"slug": module.slug})
            response = client_a.get(url)
            assert response.status_code == 200, (language, module.slug)
            assert escape(module.title) in response.content.decode(), (language, module.slug)


def test_every_haven_link_resolves_unless_pending(library):
    for language in LANGUAGES:
        for module in library.path(language):
            for key in module.links:
                tool = tools.get(key)
                assert tool is not None, (module.slug, key)
                assert tool.url() is not None or tool.pending, (module.slug, key)


def test_every_link_in_the_rendered_html_is_a_haven_page(library):
    for language in LANGUAGES:
        for module in library.path(language):
            html = content.html(module.slug, language)
            assert "haven:" not in html, module.slug
            for href in re.findall(r'href="([^"]+)"', html):
                if href.startswith("/"):
                    resolve(href)  # raises Resolver404 for a broken link


def test_every_exercise_opens_something(library):
    for module in library.path("en"):
        exercise = module.exercise
        if exercise.kind == "tool":
            tool = tools.get(exercise.tool)
            assert tool is not None and (tool.url() is not None or tool.pending), module.slug
        elif exercise.kind == "guided":
            for language in LANGUAGES:
                assert guided.get(exercise.guided, language) is not None, module.slug


def test_trauma_and_addiction_put_professional_help_first_and_link_to_help(library):
    for language in LANGUAGES:
        for module in library.path(language):
            if module.slug in HELP_FIRST:
                assert module.professional_help_first, module.slug
            if module.professional_help_first:
                assert "help" in module.links, (language, module.slug)


def test_help_first_modules_show_the_help_box(client_a, library):
    for module in library.path("en"):
        if module.professional_help_first:
            url = reverse("learn:module", kwargs={"slug": module.slug})
            assert 'data-testid="help-first"' in client_a.get(url).content.decode()


def test_modules_are_a_short_read(library):
    for language in LANGUAGES:
        for module in library.path(language):
            words = len(module.body.split())
            assert 350 <= words <= 1000, (language, module.slug, words)


def test_solo_path_is_not_empty(library):
    assert [m for m in library.path("en") if m.solo]


def test_guided_exercises_are_complete():
    for language in LANGUAGES:
        assert {e.key for e in guided.exercises(language)} == GUIDED


def test_scripts_are_complete_and_use_known_slots():
    for language in LANGUAGES:
        found = {s.key: s for s in scripts.scripts(language)}
        assert set(found) == SCRIPTS
        assert any(s.slots for s in found.values()), "no script has a slot to fill"
