"""Home tells the partner what was shared with them and what waits for them, never more."""

from __future__ import annotations

import pytest
from django.urls import reverse

from haven.core import feed
from haven.core.models import Visibility
from haven.core.policy import CONTENT_POLICY, Actor
from tests.factories import CONTENT_FACTORIES

CANARY = "canary-feed-private-91c2"
SHAREABLE = sorted(
    label
    for label, rules in CONTENT_POLICY.items()
    if (Actor.PARTNER, Visibility.SHARED.value) in rules
)


def test_every_shareable_kind_is_in_the_feed():
    missing = set(SHAREABLE) - set(feed.KINDS) - feed.NOT_IN_FEED
    assert not missing, f"add these to haven.core.feed.FEED: {sorted(missing)}"


@pytest.mark.parametrize("label", sorted(feed.KINDS))
def test_a_shared_item_of_every_kind_is_on_the_partners_home(cast, client_b, label):
    item = CONTENT_FACTORIES[label](cast.partner_a, Visibility.SHARED, "shared")
    if item.visibility != Visibility.SHARED:
        pytest.skip(f"{label} cannot be shared by its factory")
    page = client_b.get(reverse("home")).content.decode()
    assert 'data-testid="shared-item"' in page, label
    assert "Nothing shared yet." not in page
    # Its link opens for the partner.
    entry = next(i for i in feed.shared_with(cast.partner_b, cast.partner_a)[0])
    assert client_b.get(entry.url).status_code == 200


def test_private_items_never_show_on_the_partners_home(cast, client_b):
    for label in feed.KINDS:
        CONTENT_FACTORIES[label](cast.partner_a, Visibility.PRIVATE, CANARY)
    page = client_b.get(reverse("home")).content.decode()
    assert 'data-testid="shared-item"' not in page
    assert "Nothing shared yet." in page
    assert CANARY not in page
    assert feed.shared_with(cast.partner_b, cast.partner_a) == ([], False)


def test_the_feed_shows_four_shared_items_newest_first(cast, client_b):
    from haven.journal import services as journal

    first = journal.create_reflection(author=cast.partner_a, title="Oldest", body="x")
    journal.set_visibility(reflection=first, shared=True)
    for label in ("needs.Need", "cycle.CycleSide", "moments.Moment"):
        CONTENT_FACTORIES[label](cast.partner_a, Visibility.SHARED, "s")
    items, more = feed.shared_with(cast.partner_b, cast.partner_a)
    assert [i.kind.label for i in items][-1] == "journal.Reflection"
    assert len(items) == 4 and not more
    page = client_b.get(reverse("home")).content.decode()
    assert page.count('data-testid="shared-item"') == 4
    assert "Oldest" in page  # a reflection shows its title


def test_the_author_does_not_see_their_own_items_as_shared_with_them(cast, client_a):
    CONTENT_FACTORIES["journal.Reflection"](cast.partner_a, Visibility.SHARED, "mine")
    page = client_a.get(reverse("home")).content.decode()
    assert 'data-testid="shared-item"' not in page


def test_a_waiting_link_proposal_and_unanswered_need_are_on_home(cast, client_b):
    from haven.moments import services as moments

    mine = CONTENT_FACTORIES["moments.Moment"](cast.partner_b, Visibility.SHARED, "b")
    theirs = CONTENT_FACTORIES["moments.Moment"](cast.partner_a, Visibility.SHARED, "a")
    moments.propose_link(author=cast.partner_a, moment=theirs, other=mine)
    CONTENT_FACTORIES["needs.Need"](cast.partner_a, Visibility.SHARED, "need")
    page = client_b.get(reverse("home")).content.decode()
    assert 'data-testid="waiting-for-you"' in page
    assert "asked to link one of your rocky moments" in page
    assert "shared a need that you have not answered yet" in page


def test_the_feed_is_in_dutch_for_a_dutch_partner(cast, client_b):
    profile = cast.partner_b.profile
    profile.language = "nl"
    profile.save()
    CONTENT_FACTORIES["cycle.CycleSide"](cast.partner_a, Visibility.SHARED, "s")
    page = client_b.get(reverse("home")).content.decode()
    assert "Wat Anna met je deelde" in page
    assert "Haar of zijn kant" not in page
    assert "De kant van Anna in jullie cirkel" in page
