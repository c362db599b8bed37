"""The progress page reads a fixed number of queries, however long the history.

Five years of daily check-ins, a partner who shared half of theirs and a
monthly reflection for every month must cost exactly as many queries as one
week. The server time is measured by bench/progress.py (target: under 50 ms
on SQLite); this test guards the part a slow machine cannot blur.
"""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from haven.checkins.models import CheckIn, MonthlyMeasure
from tests.checkins.helpers import seed

pytestmark = pytest.mark.django_db

FIVE_YEARS = 5 * 365 + 1
RANGES = ("30", "90", "365", "all")
# Session, user, profile, consent and the like, plus the page's own reads.
MOST_QUERIES = 20


def _queries(client, range_key: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("checkins:progress"), {"range": range_key})
    assert response.status_code == 200
    return len(captured.captured_queries)


def _months(author, count: int) -> None:
    month = timezone.localdate().replace(day=1)
    for n in range(count):
        MonthlyMeasure.objects.create(
            author=author,
            month=month,
            instrument="haven-satisfaction",
            answers={},
            scores={"means": {"satisfaction": 2 + n % 5}, "region": None},
        )
        month = (month - datetime.timedelta(days=1)).replace(day=1)


def test_five_years_of_daily_check_ins_cost_no_more_queries_than_one_week(client_a, cast):
    anna, bram = cast.partner_a, cast.partner_b
    seed(anna, {ago: 40 + ago % 30 for ago in range(7)})
    seed(bram, {ago: 50 for ago in range(0, 7, 2)}, shared=True)
    _months(anna, 1)
    client_a.get(reverse("checkins:progress"))  # the session's first request does more
    one_week = {key: _queries(client_a, key) for key in RANGES}

    seed(anna, {ago: 20 + (ago * 7) % 60 for ago in range(7, FIVE_YEARS)})
    seed(bram, {ago: 30 + ago % 40 for ago in range(8, FIVE_YEARS, 2)}, shared=True)
    MonthlyMeasure.objects.all().delete()
    _months(anna, 60)
    assert CheckIn.objects.filter(author=anna).count() == FIVE_YEARS
    five_years = {key: _queries(client_a, key) for key in RANGES}

    # Never more; a long history may even need one query less (the first day
    # is not looked up when a check-in before the range was read anyway).
    assert all(five_years[key] <= one_week[key] for key in RANGES), (five_years, one_week)
    assert max(five_years.values()) <= MOST_QUERIES, five_years


def test_the_five_year_page_still_shows_everything(client_a, cast):
    seed(cast.partner_a, {ago: 20 + (ago * 7) % 60 for ago in range(FIVE_YEARS)})
    seed(cast.partner_b, {ago: 45 for ago in range(0, FIVE_YEARS, 2)}, shared=True)
    _months(cast.partner_a, 60)
    page = client_a.get(reverse("checkins:progress"), {"range": "all"}).content.decode()
    assert 'data-testid="trend-me"' in page and 'data-testid="trend-partner"' in page
    assert f"you checked in on {FIVE_YEARS} days" in page
    assert "You did the monthly reflection 60 times." in page
    # A month per row in the table, not 1,826 rows.
    table = page.split('data-testid="line-table"')[1].split("</table>")[0]
    assert 59 <= table.count("<tr>") - 1 <= 62
