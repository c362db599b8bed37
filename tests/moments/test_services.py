"""Logging, linking, repairing and pausing: the rules live in haven.moments.services."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from haven.core import policy
from haven.couples import services as couples
from haven.moments import services
from haven.moments.models import Moment, MomentLink, Pause, Repair
from tests.moments.helpers import linked, log

pytestmark = pytest.mark.django_db


def test_a_logged_moment_is_private_and_keeps_only_known_words(partner_a):
    moment = log(
        partner_a,
        topic="money",
        ending="silence",
        my_moves=["criticise", "no_such_move", "criticise"],
        partner_moves=["blame"],
        sensations=["tight_chest", "wings"],
        emotions=["lonely", "??"],
        intensity=42,
    )
    moment.refresh_from_db()
    assert moment.visibility == "private"
    assert (moment.topic, moment.ending) == ("money", "silence")
    assert moment.my_moves == ["criticise"] and moment.partner_moves == ["blame"]
    assert moment.sensations == ["tight_chest"] and moment.emotions == ["lonely"]
    assert moment.intensity == 10
    assert log(partner_a, topic="weather").topic == ""


def test_a_link_needs_both_views_shared_and_only_joins_partners(partner_a, partner_b, cast):
    mine, theirs = log(partner_a), log(partner_b, shared=True)
    with pytest.raises(services.LinkRefused, match="share your own view"):
        services.propose_link(author=partner_a, moment=mine, other=theirs)
    services.set_visibility(item=mine, shared=True)
    private = log(partner_b)
    with pytest.raises(services.LinkRefused, match="does not share"):
        services.propose_link(author=partner_a, moment=mine, other=private)
    strangers = log(cast.stranger, shared=True)
    with pytest.raises(services.LinkRefused, match="not your partner"):
        services.propose_link(author=partner_a, moment=mine, other=strangers)
    with pytest.raises(PermissionDenied):
        services.propose_link(author=partner_b, moment=mine, other=theirs)
    link = services.propose_link(author=partner_a, moment=mine, other=theirs)
    assert link.visibility == "shared" and not link.is_active
    with pytest.raises(services.LinkRefused, match="already linked"):
        services.propose_link(author=partner_a, moment=mine, other=theirs)
    with pytest.raises(services.LinkRefused, match="already linked"):
        services.propose_link(author=partner_b, moment=theirs, other=mine)


def test_only_the_other_person_can_accept_and_either_can_undo(partner_a, partner_b):
    _mine, _theirs, link = linked(partner_a, partner_b, accept=False)
    with pytest.raises(PermissionDenied):
        services.accept_link(user=partner_a, link=link)
    services.accept_link(user=partner_b, link=link)
    assert MomentLink.objects.get().is_active
    services.undo_link(user=partner_b, link=link)
    assert not MomentLink.objects.exists()
    _, _, again = linked(partner_a, partner_b)
    services.undo_link(user=partner_a, link=again)
    assert not MomentLink.objects.exists()


def test_an_outsider_cannot_undo_a_link(partner_a, partner_b, cast):
    _, _, link = linked(partner_a, partner_b)
    with pytest.raises(PermissionDenied):
        services.undo_link(user=cast.stranger, link=link)
    with pytest.raises(PermissionDenied):
        services.undo_link(user=cast.ex_partner, link=link)


def test_unlinking_the_couple_puts_the_link_out_of_reach_of_both(partner_a, partner_b):
    _, _, link = linked(partner_a, partner_b)
    couples.unlink(user=partner_a)
    for person in (partner_a, partner_b):
        fresh = type(person).objects.get(pk=person.pk)  # no cached couple
        assert not policy.visible(fresh, MomentLink).exists()
        assert not policy.can(fresh, link, policy.Action.VIEW)


def test_finishing_a_repair_marks_the_moment_repaired_once(partner_a, partner_b):
    moment = log(partner_a)
    repair = services.start_repair(author=partner_a, moment=moment, mode="together")
    assert services.start_repair(author=partner_a, moment=moment, mode="apart") == repair
    assert Repair.objects.get().mode == "apart"
    with pytest.raises(PermissionDenied):
        services.start_repair(author=partner_b, moment=moment, mode="together")
    services.finish_repair(repair=repair)
    moment.refresh_from_db()
    first = moment.repaired_at
    assert first is not None and repair.visibility == "private"
    services.finish_repair(repair=repair)
    moment.refresh_from_db()
    assert moment.repaired_at == first


def test_a_pause_lasts_at_least_twenty_minutes_and_at_most_a_day(partner_a):
    now = timezone.now()
    assert services.pause_return(minutes=20, now=now) == now + dt.timedelta(minutes=20)
    with pytest.raises(services.PauseTooShort):
        services.pause_return(minutes=19, now=now)
    with pytest.raises(services.PauseTooShort):
        services.pause_return(minutes=25 * 60, now=now)
    soon = (timezone.localtime(now) + dt.timedelta(minutes=5)).time()
    with pytest.raises(services.PauseTooShort):
        services.pause_return(at=soon, now=now)
    earlier = (timezone.localtime(now) - dt.timedelta(hours=1)).time()
    tomorrow = services.pause_return(at=earlier, now=now)
    assert dt.timedelta(hours=22) < tomorrow - now < dt.timedelta(hours=24)


def test_a_pause_is_private_and_its_message_names_the_time(partner_a):
    pause = services.start_pause(
        author=partner_a, minutes=30, message_key="come_back", language="en"
    )
    assert pause.visibility == "private"
    assert services.time_text(pause.return_at) in pause.message
    assert pause.message.startswith("I'm flooded and need a break.")
    assert mail.outbox == []
    pause.visibility = "shared"
    pause.save()
    assert Pause.objects.get().visibility == "private"


def test_a_pause_shorter_than_twenty_minutes_is_refused_by_the_model(partner_a):
    from django.core.exceptions import ValidationError

    now = timezone.now()
    with pytest.raises(ValidationError):
        Pause.objects.create(
            author=partner_a, started_at=now, return_at=now + dt.timedelta(minutes=10)
        )


def test_deleting_a_moment_takes_its_repair_and_links(partner_a, partner_b):
    mine, theirs, _ = linked(partner_a, partner_b)
    services.start_repair(author=partner_a, moment=mine, mode="alone")
    services.delete_moment(moment=mine)
    assert not Repair.objects.exists() and not MomentLink.objects.exists()
    assert Moment.objects.filter(pk=theirs.pk).exists()
