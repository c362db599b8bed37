"""The main pages read a fixed number of queries, however long the history.

Each page is requested by a linked person with a short history (a few items
of every kind, from both partners), then again after years of it: hundreds of
reflections, rocky moments, repairs, finished pauses, check-ins and monthly
reflections. The number of queries must not change, and stays under a bound.
(The progress page has its own, longer test: tests/checkins/test_speed.py.)
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from haven.checkins.models import MonthlyMeasure
from haven.journal.models import Reflection
from haven.learn.models import ModuleProgress
from haven.moments.models import Moment, Pause, Repair
from tests.checkins.helpers import seed
from tests.factories import make_acknowledgement, make_moment_link, make_need

pytestmark = pytest.mark.django_db

PAGES = ("home", "checkins:progress", "cycle:index", "moments:index", "learn:path")
# Session, user, user session (7, as for any page), profile, couple and
# partner, then the page's own reads.
MOST_QUERIES = {
    "home": 22,  # with the feed of everything the partner shared (one UNION)
    "checkins:progress": 16,
    "cycle:index": 13,
    "moments:index": 14,
    "learn:path": 14,  # with the work done in other areas (one query of EXISTS)
}
LONG = 300  # items of each kind in the long history


def _queries(client, name: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse(name))
    assert response.status_code == 200, name
    return len(captured.captured_queries)


def _reflections(author, count: int, visibility: str) -> None:
    Reflection.objects.bulk_create(
        Reflection(author=author, title=f"Day {n}", body="Noticed.", visibility=visibility)
        for n in range(count)
    )


def _moments(author, count: int, visibility: str, *, start: int = 2) -> list[Moment]:
    now = timezone.now()
    moments = Moment.objects.bulk_create(
        Moment(
            author=author,
            happened_at=now - datetime.timedelta(days=start + n),
            topic="chores",
            what_happened="A remark about the dishes.",
            my_moves=["criticise"],
            sensations=["tight_chest"],
            emotions=["lonely"],
            repaired_at=now - datetime.timedelta(days=n) if n % 2 else None,
            visibility=visibility,
        )
        for n in range(count)
    )
    Repair.objects.bulk_create(
        Repair(author=author, moment=moment, mode="together", felt="Alone.", visibility="shared")
        for moment in moments[::2]
    )
    return moments


def _pauses(author, count: int) -> None:
    now = timezone.now()
    Pause.objects.bulk_create(
        Pause(
            author=author,
            started_at=now - datetime.timedelta(days=n + 1),
            return_at=now - datetime.timedelta(days=n + 1) + datetime.timedelta(minutes=30),
            message="Back at nine.",
            done=True,
        )
        for n in range(count)
    )


def _months(author, count: int) -> None:
    month = timezone.localdate().replace(day=1)
    for _n in range(count):
        MonthlyMeasure.objects.create(
            author=author,
            month=month,
            instrument="haven-satisfaction",
            answers={},
            scores={"means": {"satisfaction": 4}, "region": None},
        )
        month = (month - datetime.timedelta(days=1)).replace(day=1)


def _history(anna, bram, *, size: int, offset: int = 0) -> None:
    """`size` items of each kind for both, starting `offset` days back."""
    for person in (anna, bram):
        _reflections(person, size, "shared")
        _reflections(person, size, "private")
        _moments(person, size, "shared", start=2 + offset)
        _pauses(person, size)
    seed(anna, {offset + ago: 30 + ago % 50 for ago in range(size)})
    seed(bram, {offset + ago: 60 for ago in range(0, size, 2)}, shared=True)


def _counts(client) -> dict[str, int]:
    return {name: _queries(client, name) for name in PAGES}


def test_main_pages_cost_as_many_queries_after_years_as_after_a_week(client_a, cast):
    anna, bram = cast.partner_a, cast.partner_b
    _history(anna, bram, size=7)
    _months(anna, 1)
    for person, other in ((anna, bram), (bram, anna)):
        make_need(person, "shared")
        make_acknowledgement(other, "shared")
    make_moment_link(bram, "shared")  # a proposal waiting for Anna's answer
    ModuleProgress.objects.create(author=anna, slug="welcome", visibility="private")
    client_a.get(reverse("home"))  # the session's first request does more
    short = _counts(client_a)

    _history(anna, bram, size=LONG, offset=7)
    MonthlyMeasure.objects.all().delete()
    _months(anna, 36)
    for _n in range(20):
        make_need(bram, "shared")
        make_acknowledgement(anna, "shared")
    assert Reflection.objects.filter(author=anna).count() == 2 * (7 + LONG)
    long = _counts(client_a)

    # The progress page may even need one query less: the day of the first
    # check-in is not looked up when the history reaches before the period.
    assert long.pop("checkins:progress") <= short.pop("checkins:progress")
    assert long == short
    for name, count in short.items():
        assert count <= MOST_QUERIES[name], (name, count)


def test_the_long_history_is_still_on_the_pages(client_a, cast):
    anna, bram = cast.partner_a, cast.partner_b
    _history(anna, bram, size=40)
    page = client_a.get(reverse("moments:index")).content.decode()
    assert page.count('data-testid="my-moment"') == 40
    assert page.count('data-testid="partner-moment"') == 40
    first = Moment.objects.filter(author=anna).order_by("-happened_at").first()
    assert f'href="{reverse("moments:detail", args=[first.pk])}"' in page
    home = client_a.get(reverse("home")).content.decode()
    # Five of Anna's latest reflections, and the eight newest items Bram shared.
    mine = home[home.index('id="my-reflections"') :]
    assert len(re.findall(r'href="/reflections/\d+/"', mine)) == 5
    assert home.count('data-testid="shared-item"') == 8
