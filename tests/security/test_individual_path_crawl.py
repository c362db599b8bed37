"""On the individual path Haven proposes nothing with or towards the partner
(audit #21, item 6): every page is walked for joint suggestions.

Every element that proposes joint work carries `data-joint` (scripts and
exercises flagged `joint` in the learning data, sharing the cycle side,
answering the partner's need, inviting the partner...), and every page decides
through haven.safety.selectors.offers_joint. The crawl proves both halves:
the markers are there for a couple, and gone after a danger answer.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from haven.core.models import Visibility
from haven.learn import guided, scripts
from haven.safety import services as safety
from haven.safety.selectors import offers_joint
from tests.factories import CONTENT_FACTORIES
from tests.security.test_canary import _reachable


def _world(cast) -> list:
    """Own private items of every kind (so sharing is on offer), and the partner's shared ones."""
    # The safety check's factory records a danger answer: the test decides that.
    factories = [f for label, f in CONTENT_FACTORIES.items() if label != "safety.SafetyCheck"]
    items = [f(cast.partner_a, Visibility.PRIVATE, "mine") for f in factories]
    items += [f(cast.partner_b, Visibility.SHARED, "theirs") for f in factories]
    return items


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _joint_pages(client: Client, items: list) -> dict[str, int]:
    pages = _reachable(client, items)
    for key in [s.key for s in scripts.scripts("en")] + [e.key for e in guided.exercises("en")]:
        for name in ("learn:script", "learn:exercise"):
            try:
                url = reverse(name, args=[key])
            except Exception:
                continue
            pages[url] = client.get(url).content.decode()
    return {url: page.count("data-joint") for url, page in pages.items() if "data-joint" in page}


def test_a_couple_is_offered_joint_work(cast):
    found = _joint_pages(_client(cast.partner_a), _world(cast))
    assert reverse("learn:scripts") in found
    assert reverse("learn:exercises") in found
    assert any(url.startswith("/cycle/") for url in found), found


@pytest.mark.parametrize("language", ["en", "nl"])
def test_after_a_danger_answer_no_page_proposes_joint_work(cast, language):
    profile = cast.partner_a.profile
    profile.language = language
    profile.save()
    items = _world(cast)
    safety.record_check(author=cast.partner_a, answers={"afraid": "yes"})
    assert not offers_joint(cast.partner_a)
    client = _client(cast.partner_a)
    assert _joint_pages(client, items) == {}
    # A joint script or exercise is not there at all, not merely unlisted.
    for script in scripts.scripts(language):
        status = client.get(reverse("learn:script", args=[script.key])).status_code
        assert status == (404 if script.joint else 200), script.key
    for exercise in guided.exercises(language):
        status = client.get(reverse("learn:exercise", args=[exercise.key])).status_code
        assert status == (404 if exercise.joint else 200), exercise.key
    # What is left says why, and points to help.
    page = client.get(reverse("learn:scripts")).content.decode()
    assert 'data-testid="joint-left-out"' in page


def test_the_audits_joint_suggestions_are_flagged_in_the_data():
    flagged = {s.key for s in scripts.scripts("en") if s.joint}
    assert {"invite-partner", "talk-about-sex", "possible-dealbreaker"} <= flagged
    assert {"appreciation", "bid-noticing"} <= {e.key for e in guided.exercises("en") if e.joint}
    # Both languages carry the same flags (they come from one entry).
    assert flagged == {s.key for s in scripts.scripts("nl") if s.joint}
