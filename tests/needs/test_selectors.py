"""shared_needs_for(): what another page (e.g. "our map") may show of someone's needs."""

from __future__ import annotations

import pytest

from haven.core.models import Visibility
from haven.couples import services as couples
from haven.needs import selectors, services
from haven.needs.models import Acknowledgement
from tests.conftest import link, make_user
from tests.needs.helpers import sent_answer, shared_need

pytestmark = pytest.mark.django_db


@pytest.fixture
def needs_of_a(partner_a):
    first, second, third = services.add_needs(
        author=partner_a, keys=["understood", "fun", "respond"]
    )
    services.set_visibility(item=first, shared=True)
    services.set_visibility(item=third, shared=True)
    services.move_need(need=third, direction="up")  # understood, respond, fun
    return first, second, third


def test_owner_sees_all_their_needs_ranked(partner_a, needs_of_a):
    keys = [n.catalogue_key for n in selectors.shared_needs_for(partner_a, partner_a)]
    assert keys == ["understood", "respond", "fun"]


def test_partner_sees_only_the_shared_ones_ranked(partner_a, partner_b, needs_of_a):
    keys = [n.catalogue_key for n in selectors.shared_needs_for(partner_b, partner_a)]
    assert keys == ["understood", "respond"]
    # An id works as well as a user.
    assert selectors.shared_needs_for(partner_b, partner_a.pk) == selectors.shared_needs_for(
        partner_b, partner_a
    )


def test_everyone_else_sees_nothing(cast, needs_of_a):
    for other in (cast.ex_partner, cast.stranger, cast.staff):
        assert selectors.shared_needs_for(other, cast.partner_a) == []
    assert selectors.shared_needs_for(cast.partner_b, None) == []


def test_unsharing_takes_effect_at_once(partner_a, partner_b, needs_of_a):
    services.set_visibility(item=needs_of_a[0], shared=False)
    keys = [n.catalogue_key for n in selectors.shared_needs_for(partner_b, partner_a)]
    assert keys == ["respond"]


def test_unlinking_hides_everything(partner_a, partner_b, needs_of_a):
    couples.unlink(user=partner_a)
    assert selectors.shared_needs_for(partner_b, partner_a) == []


def test_partner_needs_carry_the_viewers_own_answer(partner_a, partner_b):
    need = shared_need(partner_a)
    (item,) = selectors.partner_needs(partner_b, partner_a, "nl")
    assert item.my_answer is None
    assert item.sentence.startswith("Om me dicht bij je")
    answer = services.create_acknowledgement(author=partner_b, need=need, text="I hear you.")
    (item,) = selectors.partner_needs(partner_b, partner_a, "nl")
    assert item.my_answer is not None and not item.my_answer.is_shared
    services.set_visibility(item=answer, shared=True)
    (item,) = selectors.partner_needs(partner_b, partner_a, "nl")
    assert item.my_answer is not None and item.my_answer.is_shared


def test_partner_needs_ignore_answers_by_anyone_else(cast, partner_a, partner_b):
    need = shared_need(partner_a)
    # As if someone else had answered once (say, while linked with partner A).
    Acknowledgement.objects.create(
        author=cast.stranger, need=need, text="I hear you.", visibility=Visibility.SHARED
    )
    (item,) = selectors.partner_needs(partner_b, partner_a, "en")
    assert item.my_answer is None


def test_answers_are_for_the_author_of_the_need_only(cast, partner_a, partner_b):
    need = shared_need(partner_a)
    answer = sent_answer(partner_b, need, "canary-hear-you")
    assert selectors.answers_for(partner_a, [need])[need.pk] == [answer]
    # Bram later links with someone else: his answer to Anna is not for them.
    couples.unlink(user=partner_b)
    carol = make_user("c@example.org", "Carol")
    link(partner_b, carol)
    assert selectors.answers_for(carol, [need]) == {}
    anna = type(partner_a).objects.get(pk=partner_a.pk)  # a new request: no cached partner
    assert selectors.answers_for(anna, [need]) == {}  # no longer linked
