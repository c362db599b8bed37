"""Saving a side, sharing it, and naming the couple's cycle."""

from __future__ import annotations

import pytest

from haven.core import policy
from haven.core.editing import EditConflict
from haven.couples import services as couples
from haven.cycle import selectors, services
from haven.cycle.models import CycleName, CycleSide
from haven.needs.models import Need
from haven.reflection.services import create_spot
from tests.conftest import link
from tests.cycle.helpers import fresh, side


def test_a_new_side_is_private(partner_a):
    made = services.save_side(author=partner_a, values={"trigger": "You sigh.", "moves": ["chase"]})
    assert made.visibility == "private"
    assert made.trigger == "You sigh." and made.moves == ["chase"]


def test_one_side_per_person(partner_a):
    first = services.save_side(author=partner_a, values={"trigger": "one"})
    second = services.save_side(author=partner_a, values={"story": "two"})
    assert first.pk == second.pk
    assert CycleSide.objects.filter(author=partner_a).count() == 1
    saved = CycleSide.objects.get(pk=first.pk)
    assert (saved.trigger, saved.story) == ("one", "two")


def test_text_is_trimmed_and_ticks_deduplicated(partner_a):
    made = services.save_side(
        author=partner_a, values={"longing": "  hold me  ", "moves": ["chase", "chase"]}
    )
    assert made.longing == "hold me" and made.moves == ["chase"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("moves", ["juggle"]),
        ("underneath", ["bored"]),
        ("surface_emotions", ["lonely"]),  # a feeling underneath, not on the surface
        ("body_signals", ["warm_chest_not_a_key"]),
    ],
)
def test_unknown_words_are_refused(partner_a, field, value):
    with pytest.raises(services.CycleError):
        services.save_side(author=partner_a, values={field: value})
    assert not CycleSide.objects.filter(author=partner_a).exists()


def test_an_unknown_field_is_refused(partner_a):
    with pytest.raises(services.CycleError):
        services.save_side(author=partner_a, values={"visibility": "shared"})


def test_only_own_needs_and_spots_can_be_linked(partner_a, partner_b):
    mine = Need.objects.create(author=partner_a, catalogue_key="understood")
    theirs = Need.objects.create(author=partner_b, catalogue_key="understood", visibility="shared")
    spot_b = create_spot(author=partner_b, name="Judged")
    with pytest.raises(services.CycleError):
        services.save_side(author=partner_a, values={"need_ids": [mine.pk, theirs.pk]})
    with pytest.raises(services.CycleError):
        services.save_side(author=partner_a, values={"spot_ids": [spot_b.pk]})
    spot_a = create_spot(author=partner_a, name="Left out")
    made = services.save_side(
        author=partner_a, values={"need_ids": [mine.pk], "spot_ids": [spot_a.pk]}
    )
    assert made.need_ids == [mine.pk] and made.spot_ids == [spot_a.pk]


def test_an_edit_from_an_old_revision_is_refused(partner_a):
    made = services.save_side(author=partner_a, values={"trigger": "first"})
    services.save_side(author=partner_a, values={"trigger": "second"}, expected_revision=0)
    with pytest.raises(EditConflict) as conflict:
        services.save_side(author=partner_a, values={"trigger": "third"}, expected_revision=0)
    assert conflict.value.current.trigger == "second"
    assert CycleSide.objects.get(pk=made.pk).trigger == "second"


def test_share_and_unshare(partner_a):
    made = side(partner_a)
    services.set_visibility(side=made, shared=True)
    assert CycleSide.objects.get(pk=made.pk).is_shared
    services.set_visibility(side=made, shared=False)
    assert not CycleSide.objects.get(pk=made.pk).is_shared


# --- the name -----------------------------------------------------------------


def test_no_name_before_both_shared(partner_a, partner_b):
    side(partner_a, shared=True, moves=["chase"])
    side(partner_b, moves=["go_quiet"])  # private
    with pytest.raises(services.CycleError):
        services.set_cycle_name(user=fresh(partner_a), name="The storm")
    with pytest.raises(services.CycleError):
        services.set_cycle_name(user=fresh(partner_b), name="The storm")
    assert not CycleName.objects.exists()


def test_a_solo_user_cannot_name_a_cycle(solo_user):
    side(solo_user, shared=True, moves=["chase"])
    with pytest.raises(services.CycleError):
        services.set_cycle_name(user=solo_user, name="Me")


def test_either_partner_names_and_renames_once_both_shared(partner_a, partner_b):
    side(partner_a, shared=True, moves=["chase"])
    side(partner_b, shared=True, moves=["go_quiet"])
    named = services.set_cycle_name(user=fresh(partner_a), name="  The   storm ")
    assert named.name == "The storm" and named.is_shared
    assert named.couple_id == policy.couple_id(partner_a)
    renamed = services.set_cycle_name(
        user=fresh(partner_b), name="The chase", seen_revision=named.revision
    )
    assert renamed.pk == named.pk
    assert CycleName.objects.count() == 1
    assert selectors.cycle_name(fresh(partner_a)).name == "The chase"


@pytest.mark.parametrize("name", ["", "   ", "x" * 81])
def test_a_bad_name_is_refused(partner_a, partner_b, name):
    side(partner_a, shared=True, moves=["chase"])
    side(partner_b, shared=True, moves=["go_quiet"])
    with pytest.raises(services.CycleError):
        services.set_cycle_name(user=fresh(partner_a), name=name)


def test_the_name_disappears_for_both_after_unlinking(partner_a, partner_b):
    side(partner_a, shared=True, moves=["chase"])
    side(partner_b, shared=True, moves=["go_quiet"])
    services.set_cycle_name(user=fresh(partner_a), name="The storm")
    couples.unlink(user=partner_b)
    for user in (fresh(partner_a), fresh(partner_b)):
        assert selectors.cycle_name(user) is None
        assert not policy.visible(user, CycleName).exists()
    # Linking again starts a new couple: the old name does not come back, and
    # the sides shared in the old couple went back to private with it.
    link(fresh(partner_a), fresh(partner_b))
    assert selectors.cycle_name(fresh(partner_a)) is None
    assert selectors.couple_cycle(fresh(partner_a)) is None
    for user in (partner_a, partner_b):
        services.set_visibility(side=selectors.own_side(fresh(user)), shared=True)
    assert selectors.couple_cycle(fresh(partner_a)) is not None
