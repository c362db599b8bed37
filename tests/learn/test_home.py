"""The home page offers "continue where you left off"."""

from __future__ import annotations

import pytest
from django.urls import reverse

from haven.safety import services as safety

pytestmark = pytest.mark.usefixtures("fixture_content")


def _card(page: str) -> str:
    start = page.index('data-testid="learn-continue"')
    return page[start : page.index("</section>", start)]


def test_first_visit_offers_the_first_module(client_a):
    card = _card(client_a.get(reverse("home")).content.decode())
    assert "Start the path" in card
    assert reverse("learn:module", kwargs={"slug": "first-steps"}) in card


def test_after_a_module_it_continues_with_the_next(client_a):
    client_a.post(reverse("learn:done", kwargs={"slug": "first-steps"}))
    card = _card(client_a.get(reverse("home")).content.decode())
    assert "Continue where you left off" in card
    assert "You finished 1 of 3 modules." in card
    assert reverse("learn:module", kwargs={"slug": "write-it-down"}) in card


def test_a_module_left_halfway_comes_first(client_a):
    client_a.get(reverse("learn:module", kwargs={"slug": "together-time"}))
    card = _card(client_a.get(reverse("home")).content.decode())
    assert reverse("learn:module", kwargs={"slug": "together-time"}) in card


def test_individual_path_never_continues_with_joint_work(cast, client_a):
    safety.record_check(author=cast.partner_a, answers={"afraid": "yes"})
    client_a.get(reverse("learn:module", kwargs={"slug": "together-time"}))
    for slug in ("first-steps", "write-it-down"):
        client_a.post(reverse("learn:done", kwargs={"slug": slug}))
    card = _card(client_a.get(reverse("home")).content.decode())
    assert "together-time" not in card
    assert "You have finished every module" in card


def test_partner_home_shows_nothing_of_my_path(client_a, client_b):
    client_a.post(reverse("learn:done", kwargs={"slug": "first-steps"}))
    card = _card(client_b.get(reverse("home")).content.decode())
    assert "Start the path" in card


def test_anonymous_landing_has_no_card(client):
    assert 'data-testid="learn-continue"' not in client.get(reverse("home")).content.decode()
