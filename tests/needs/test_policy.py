"""The needs rules in haven.core.policy, beyond what the harness proves generically."""

from __future__ import annotations

import pytest

from haven.core import policy
from haven.core.policy import Action
from haven.couples import services as couples
from haven.needs import services
from haven.needs.models import Acknowledgement, Need
from tests.conftest import link, make_user
from tests.needs.helpers import sent_answer, shared_need

pytestmark = pytest.mark.django_db


def test_nobody_answers_their_own_need(partner_a, partner_b):
    need = shared_need(partner_a)
    assert not policy.can(partner_a, need, Action.ANSWER)
    assert policy.can(partner_b, need, Action.ANSWER)
    assert list(policy.visible(partner_b, Need, Action.ANSWER)) == [need]
    assert not policy.visible(partner_a, Need, Action.ANSWER).exists()


def test_a_private_need_cannot_be_answered(partner_a, partner_b):
    (need,) = services.add_needs(author=partner_a, keys=["fun"])
    assert not policy.can(partner_b, need, Action.ANSWER)
    assert not policy.can(partner_b, need, Action.VIEW)


def test_an_unsent_answer_stays_with_its_author(partner_a, partner_b):
    need = shared_need(partner_a)
    answer = services.create_acknowledgement(author=partner_b, need=need, text="draft")
    assert not policy.can(partner_a, answer, Action.VIEW)
    assert policy.can(partner_b, answer, Action.CHANGE)
    services.set_visibility(item=answer, shared=True)
    assert policy.can(partner_a, answer, Action.VIEW)
    assert not policy.can(partner_a, answer, Action.CHANGE)
    assert not policy.can(partner_a, answer, Action.DELETE)


def test_a_sent_answer_never_reaches_a_later_partner(partner_a, partner_b):
    need = shared_need(partner_a)
    answer = sent_answer(partner_b, need)
    couples.unlink(user=partner_b)
    carol = make_user("c@example.org", "Carol")
    link(partner_b, carol)
    carol = type(carol).objects.get(pk=carol.pk)  # no cached partner id
    assert policy.actor_for(carol, partner_b.pk) == policy.Actor.PARTNER
    assert not policy.can(carol, answer, Action.VIEW)
    assert not policy.visible(carol, Acknowledgement).exists()
    # Bram still owns his words.
    bram = type(partner_b).objects.get(pk=partner_b.pk)
    assert policy.can(bram, answer, Action.DELETE)
