"""Figures, weekly counters, candidates for linking and the due pause."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from haven.checkins import weekly
from haven.checkins.trend import week_start
from haven.moments import selectors, services
from haven.moments.figures import duration_text, figures_text
from haven.moments.models import Moment, Pause
from tests.moments.helpers import linked, log

pytestmark = pytest.mark.django_db


def _repaired(moment: Moment, after: dt.timedelta) -> None:
    Moment.objects.filter(pk=moment.pk).update(repaired_at=moment.happened_at + after)


def test_repair_figures_count_own_moments_and_the_median_wait(partner_a, partner_b):
    assert selectors.repair_figures(partner_a) == selectors.RepairFigures(0, 0, None)
    waits = [dt.timedelta(hours=2), dt.timedelta(hours=10), dt.timedelta(days=5)]
    for days, wait in zip((20, 10, 6), waits, strict=True):
        _repaired(log(partner_a, days_ago=days), wait)
    log(partner_a, days_ago=1)
    log(partner_b, days_ago=1, shared=True)  # the partner's moments never count
    figures = selectors.repair_figures(partner_a)
    assert (figures.moments, figures.repaired, figures.open) == (4, 3, 1)
    assert figures.median == dt.timedelta(hours=10)


def test_figures_in_words():
    assert duration_text(dt.timedelta(minutes=45)) == "45 minutes"
    assert duration_text(dt.timedelta(hours=1)) == "1 hour"
    assert duration_text(dt.timedelta(hours=30)) == "30 hours"
    assert duration_text(dt.timedelta(days=3)) == "3 days"
    text = figures_text(selectors.RepairFigures(4, 3, dt.timedelta(hours=10)))
    assert "You logged 4 rocky moments. 3 of them are repaired." in text and "10 hours" in text
    assert "not logged" in figures_text(selectors.RepairFigures(0, 0, None))


def test_weekly_counters_are_registered_and_count_only_own_moments(partner_a, partner_b):
    keys = [c.key for c in weekly.counters()]
    assert "rocky_moments" in keys and "repairs" in keys
    today = timezone.localdate()
    start = today - dt.timedelta(days=60)
    old = log(partner_a, days_ago=30)
    _repaired(old, dt.timedelta(days=8))
    log(partner_a, days_ago=30.1)
    log(partner_a, days_ago=100)  # before the range
    log(partner_b, days_ago=30, shared=True)
    moments = selectors.moments_per_week(partner_a, start, today)
    repairs = selectors.repairs_per_week(partner_a, start, today)
    that_week = week_start(timezone.localtime(old.happened_at).date())
    assert sum(moments.values()) == 2 and moments[that_week] >= 1
    repaired_week = week_start(timezone.localtime(old.happened_at + dt.timedelta(days=8)).date())
    assert repairs == {repaired_week: 1}


def test_both_weekly_counters_cost_one_query_together(partner_a):
    for days in range(0, 200, 3):
        log(partner_a, days_ago=days)
    fresh = type(partner_a).objects.get(pk=partner_a.pk)
    today = timezone.localdate()
    with CaptureQueriesContext(connection) as captured:
        weekly.rows(fresh, today - dt.timedelta(days=365), today)
    moment_queries = [q for q in captured.captured_queries if "moments_moment" in q["sql"]]
    assert len(moment_queries) == 1


def test_link_candidates_are_the_partners_shared_unlinked_moments_nearest_first(
    partner_a, partner_b
):
    mine = log(partner_a, days_ago=5, shared=True)
    far = log(partner_b, days_ago=40, shared=True)
    near = log(partner_b, days_ago=5.1, shared=True)
    log(partner_b, days_ago=5, shared=False)
    assert selectors.link_candidates(partner_a, mine) == [near, far]
    linked(partner_a, partner_b)  # a linked view is no candidate
    assert len(selectors.link_candidates(partner_a, mine)) == 2


def test_the_other_view_shows_only_while_linked_and_shared(partner_a, partner_b):
    mine, theirs, link = linked(partner_a, partner_b, accept=False)
    assert selectors.other_view(partner_a, mine, selectors.link_for(partner_a, mine)) is None
    services.accept_link(user=partner_b, link=link)
    assert selectors.other_view(partner_a, mine, selectors.link_for(partner_a, mine)) == theirs
    services.set_visibility(item=theirs, shared=False)
    assert selectors.other_view(partner_a, mine, selectors.link_for(partner_a, mine)) is None


def test_due_pause_is_the_authors_own_and_only_when_the_time_has_come(partner_a, partner_b):
    pause = services.start_pause(author=partner_a, minutes=20, message_key="short", language="en")
    assert selectors.due_pause(partner_a) is None
    assert selectors.open_pause(partner_a) == pause
    Pause.objects.filter(pk=pause.pk).update(
        started_at=timezone.now() - dt.timedelta(minutes=21),
        return_at=timezone.now() - dt.timedelta(minutes=1),
    )
    assert selectors.due_pause(partner_a) == pause
    assert selectors.due_pause(partner_b) is None
    services.end_pause(pause=Pause.objects.get())
    assert selectors.due_pause(partner_a) is None


def test_underneath_comes_from_the_authors_own_cycle_side(partner_a):
    assert selectors.underneath(partner_a, "en") is None


def test_dutch_figures_use_the_right_plural_for_the_repaired_count():
    from django.utils import translation

    from haven.moments.figures import figures_text
    from haven.moments.selectors import RepairFigures

    with translation.override("nl"):
        one = figures_text(RepairFigures(moments=3, repaired=1, median=None))
        none = figures_text(RepairFigures(moments=1, repaired=0, median=None))
    assert "daarvan is er 1 hersteld" in one.lower()
    assert "zijn er 1" not in one
    assert "Je legde 1 moeilijk moment vast." in none and "Nog geen daarvan" in none
