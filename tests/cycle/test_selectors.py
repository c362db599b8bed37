"""Reading sides and the couple's cycle: only what the policy allows."""

from __future__ import annotations

from haven.couples import services as couples
from haven.cycle import selectors, services
from haven.needs.models import Need
from haven.reflection.services import create_spot
from tests.cycle.helpers import fresh, side


def test_own_side(partner_a, partner_b):
    assert selectors.own_side(partner_a) is None
    made = side(partner_a)
    assert selectors.own_side(partner_a) == made
    assert selectors.own_side(partner_b) is None


def test_the_partners_side_only_once_shared(partner_a, partner_b):
    made = side(partner_a)
    assert selectors.partner_side(fresh(partner_b)) is None
    services.set_visibility(side=made, shared=True)
    assert selectors.partner_side(fresh(partner_b)) == made


def test_no_partner_side_for_an_ex_or_a_stranger(cast):
    side(cast.ex_partner, shared=True)
    side(cast.stranger, shared=True)
    assert selectors.partner_side(cast.partner_a) is None
    assert selectors.partner_side(cast.ex_partner) is None


def test_the_couple_cycle_needs_both_sides_shared(partner_a, partner_b):
    mine = side(partner_a, moves=["criticise"])
    theirs = side(partner_b, moves=["go_quiet"])
    assert selectors.couple_cycle(fresh(partner_a)) is None
    services.set_visibility(side=mine, shared=True)
    assert selectors.couple_cycle(fresh(partner_a)) is None  # B still private
    assert selectors.couple_cycle(fresh(partner_b)) is None  # B's own is private
    services.set_visibility(side=theirs, shared=True)
    cycle = selectors.couple_cycle(fresh(partner_a), "en")
    assert cycle.pattern.key == "pursue_withdraw"
    assert cycle.narrative[0].startswith("The more I criticise, the more you go quiet")
    seen_by_b = selectors.couple_cycle(fresh(partner_b), "nl")
    assert seen_by_b.narrative[0].startswith("Hoe meer ik stil word, hoe meer jij kritiek geeft")


def test_the_couple_cycle_ends_with_the_couple(partner_a, partner_b):
    side(partner_a, shared=True, moves=["criticise"])
    side(partner_b, shared=True, moves=["go_quiet"])
    couples.unlink(user=partner_a)
    assert selectors.couple_cycle(fresh(partner_a)) is None
    assert selectors.couple_cycle(fresh(partner_b)) is None


def test_the_partners_private_needs_and_spots_stay_out_of_the_cycle(partner_a, partner_b):
    private_need = Need.objects.create(
        author=partner_b, catalogue_key="understood", sentence="PRIVATE-NEED-b"
    )
    shared_need = Need.objects.create(
        author=partner_b, catalogue_key="respond", sentence="SHARED-NEED-b", visibility="shared"
    )
    spot = create_spot(author=partner_b, name="PRIVATE-SPOT-b")
    side(partner_a, shared=True, moves=["criticise"])
    side(
        partner_b,
        shared=True,
        moves=["go_quiet"],
        need_ids=[private_need.pk, shared_need.pk],
        spot_ids=[spot.pk],
    )
    cycle = selectors.couple_cycle(fresh(partner_a), "en")
    text = " ".join(cycle.narrative)
    assert "SHARED-NEED-b" in text and "PRIVATE-NEED-b" not in text
    words = selectors.summary(cycle.theirs, fresh(partner_a), "en")
    assert words.spots == [] and words.need_sentences == ["SHARED-NEED-b"]
    # The author sees all of their own.
    own = selectors.summary(cycle.theirs, fresh(partner_b), "en")
    assert [s.name for s in own.spots] == ["PRIVATE-SPOT-b"]
    assert len(own.need_sentences) == 2


def test_underneath_for_is_the_authors_own_side(partner_a, partner_b):
    need = Need.objects.create(author=partner_a, catalogue_key="understood", sentence="Hear me.")
    side(
        partner_a,
        moves=["go_quiet"],
        underneath=["failing", "lonely"],
        underneath_own_words="small",
        longing="You are enough.",
        need_ids=[need.pk],
    )
    side(partner_b, shared=True, underneath=["hurt"], longing="B-LONGING")
    mine = selectors.underneath_for(partner_a, "en")
    assert mine.feelings == ["afraid of failing", "lonely"]
    assert mine.needs == ["Hear me."]
    assert mine.longing == "You are enough."
    assert mine.moves == ["Go quiet"]
    assert mine.feelings_own_words == "small"
    assert not mine.is_empty
    assert selectors.underneath_for(partner_a, "nl").feelings == [
        "bang om tekort te schieten",
        "eenzaam",
    ]
    theirs_seen_by_a = selectors.underneath_for(fresh(partner_a))
    assert "B-LONGING" not in theirs_seen_by_a.longing


def test_underneath_for_someone_without_a_side_is_empty(partner_a):
    assert selectors.underneath_for(partner_a).is_empty
