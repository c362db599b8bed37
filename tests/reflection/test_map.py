"""Our map: what each partner shared, side by side; the solo version; the individual path."""

from __future__ import annotations

import re

from django.urls import reverse

from haven.needs.models import Need
from haven.safety.models import Result, SafetyCheck
from tests.factories import make_sensitive_spot
from tests.reflection.helpers import HAVEN, answer_set, completed, uniform

MAP = reverse("reflection:map")
# anxiety 6.1, avoidance 1.9 -> anxious (see test_engine_scoring)
ANXIOUS = answer_set([7, 6, 2, 5, 6, 1, 7, 3, 6, 2], [2, 6, 1, 2, 7, 3, 1, 6, 2, 5])
# everything 1: anxiety (6*1 + 4*7)/10 = 3.4, avoidance 3.4 -> secure
SECURE = uniform(HAVEN, 1)
# avoidance high, anxiety low: plain anxiety items 1, reversed 7; avoidance the other way
AVOIDANT = {
    **{
        k: (7 if k in {"anx03", "anx06", "anx08", "anx10"} else 1)
        for k in SECURE
        if k.startswith("anx")
    },
    **{
        k: (1 if k in {"avo02", "avo05", "avo08", "avo10"} else 7)
        for k in SECURE
        if k.startswith("avo")
    },
}


def columns(html: str) -> list[str]:
    return re.findall(r'<section class="card map-column".*?</section>', html, re.S)


def test_couple_sees_both_sides_and_how_their_moves_may_meet(cast, client_a):
    completed(cast.partner_a, ANXIOUS, visibility="shared")
    completed(cast.partner_b, AVOIDANT, visibility="shared")
    make_sensitive_spot(cast.partner_b, "shared", "canary-bram-spot")
    html = client_a.get(MAP).content.decode()
    assert "<h1>Our map</h1>" in html
    mine, theirs = columns(html)
    assert "Leaning towards anxious" in mine
    assert "Leaning towards avoidant" in theirs and "canary-bram-spot" in theirs
    assert "one of the most common combinations" in html  # anxious + avoidant
    assert "Something to try together:" in html
    assert "plane-series plane-partner" in html


def test_partner_private_items_never_reach_the_map(cast, client_a, client_b):
    completed(cast.partner_a, ANXIOUS, visibility="shared")
    completed(cast.partner_b, AVOIDANT)  # private
    make_sensitive_spot(cast.partner_b, "private", "canary-private-spot")
    Need.objects.create(author=cast.partner_b, own_words="canary-private-need")
    html = client_a.get(MAP).content.decode()
    _mine, theirs = columns(html)
    assert "Leaning towards" not in theirs
    assert "canary-private-spot" not in html and "canary-private-need" not in html
    assert "When you both have a result" in html
    assert "Something to try together" not in html
    # Bram sees his own private items on his own side, marked as his alone.
    bram = client_b.get(MAP).content.decode()
    assert "canary-private-spot" in bram and "only you" in bram


def test_shared_needs_appear_through_the_needs_selector(cast, client_a):
    Need.objects.create(
        author=cast.partner_b,
        own_words="canary-shared-need",
        sentence="I need canary-shared-need.",
        visibility="shared",
    )
    mine, theirs = columns(client_a.get(MAP).content.decode())
    assert "canary-shared-need" in theirs and "canary-shared-need" not in mine


def test_solo_person_gets_the_same_page_for_themselves(solo_user, client):
    client.force_login(solo_user)
    completed(solo_user, SECURE, target="close_friend")
    html = client.get(MAP).content.decode()
    assert "<h1>My map</h1>" in html
    assert len(columns(html)) == 1
    assert "Looking back at earlier relationships" in html
    assert "Your answers lean towards security" in html
    assert "Something to try together" not in html


def test_individual_path_suggests_nothing_joint(cast, client_a):
    completed(cast.partner_a, ANXIOUS, visibility="shared")
    completed(cast.partner_b, AVOIDANT, visibility="shared")
    SafetyCheck.objects.create(author=cast.partner_a, answers={}, result=Result.DANGER)
    html = client_a.get(MAP).content.decode()
    assert "<h1>My map</h1>" in html
    assert len(columns(html)) == 1
    assert "Something to try together" not in html
    assert "Bram" not in html.split("<main", 1)[1]
    index = client_a.get(reverse("reflection:index")).content.decode()
    assert "Our map" not in index.split("<main", 1)[1]


def test_ex_partner_sees_nothing_of_the_map(cast):
    completed(cast.partner_a, ANXIOUS, visibility="shared")
    make_sensitive_spot(cast.partner_a, "shared", "canary-ex")
    client = cast.client_for("ex_partner")
    html = client.get(MAP).content.decode()
    assert "canary-ex" not in html and "Anna" not in html.split("<main", 1)[1]
