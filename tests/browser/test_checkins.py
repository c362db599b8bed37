"""A week of check-ins in a real browser: Anna checks in for today through the form
(six earlier days are seeded), shares today's percentage, and her progress page
shows a chart with a trend line, a readable summary and a table. Bram, her
partner, sees only the percentages she shared: a line of squares beside his own,
never her feelings, her note or her private days."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from haven.checkins.models import CheckIn, CheckInDetails
from tests.checkins.helpers import seed
from tests.conftest import PASSWORD, link, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CANARY = "7e1d-canary-checkin-note"  # Anna's private line of today
# Days ago -> percent. Anna shares the even days; the odd ones stay hers.
SEEDED = {6: 20, 5: 35, 4: 25, 3: 45, 2: 40, 1: 55}
PRIVATE_VALUES = ("35%", "45%", "55%")


def _log_in(page, base: str, email: str) -> None:
    page.goto(base + "/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(base + "/")


def _seed_week(anna, bram) -> None:
    today = timezone.localdate()
    seed(anna, {ago: v for ago, v in SEEDED.items() if ago % 2 == 0}, today=today, shared=True)
    seed(anna, {ago: v for ago, v in SEEDED.items() if ago % 2 == 1}, today=today)
    seed(bram, {ago: 50 + ago for ago in range(7)}, today=today)


def test_a_week_of_check_ins_gives_a_chart_and_the_partner_sees_only_shared_days(
    browser, live_server, viewport
):
    base = live_server.url
    anna = make_user("anna@example.org", "Anna")
    bram = make_user("bram@example.org", "Bram")
    link(anna, bram)
    _seed_week(anna, bram)

    # Anna checks in for today through the form: one tap for the percentage,
    # a feeling and a private line under "more".
    first = browser.new_context(viewport=viewport)
    a = first.new_page()
    _log_in(a, base, "anna@example.org")
    a.get_by_test_id("checkin-week").get_by_role("link", name="Check in for today").click()
    a.wait_for_url(base + "/checkin/")
    a.get_by_text("70%", exact=True).click()
    assert a.locator("input[name=percent][value='70']").is_checked()
    a.get_by_text("More about today (optional)").click()
    a.locator("label[for='emotions-hopeful']").click()
    a.get_by_label("One line, if you like").fill(CANARY)
    a.get_by_role("button", name="Save check-in").click()
    a.wait_for_url(re.compile(r".*/checkin/day/\d+/$"))
    assert a.get_by_test_id("percent").inner_text() == "70%"
    assert a.get_by_test_id("share-state").inner_text() == "Only you can see this check-in."
    today = CheckIn.objects.get(author=anna, day=timezone.localdate())
    assert today.visibility == "private"
    assert CheckInDetails.objects.get(pk=today.pk).note == CANARY

    # She shares today's percentage, and only that.
    a.get_by_role("button", name="Share only the percentage").click()
    a.wait_for_load_state()
    assert "Nothing else." in a.get_by_test_id("share-state").inner_text()

    # Her progress page: a trend line through the week and a summary in words.
    a.get_by_role("link", name="See your progress").click()
    a.wait_for_url(re.compile(r".*/checkin/progress/$"))
    chart = a.get_by_test_id("line-chart")
    assert chart.is_visible()
    assert chart.get_attribute("role") == "img"
    trend = a.get_by_test_id("trend-me")
    assert trend.is_visible()
    box = trend.bounding_box()
    assert box is not None and box["width"] > 100  # a real line across the week
    assert a.locator("[data-testid=series-me] circle.chart-dot").count() == 7
    summary = a.get_by_test_id("summary").inner_text()
    start = timezone.localdate() - datetime.timedelta(days=29)
    assert "you checked in on 7 days." in summary
    mean = round((sum(SEEDED.values()) + 70) / 7)
    assert f"On those days it felt good {mean}% of the time on average." in summary
    assert re.search(r"The trend line went from about \d+% to about \d+%\.", summary)
    assert str(start.year) in summary
    # The summary is also the chart's description for screen readers.
    described = a.locator("#line-desc").text_content()
    assert "you checked in on 7 days" in described
    reading = a.get_by_test_id("reading").inner_text()
    assert "That is growth" in reading or "Steady is a result too" in reading
    # The numbers as a table, behind one click.
    a.get_by_text("Show the numbers as a table").first.click()
    rows = a.locator("[data-testid=line-table] tbody tr")
    assert rows.count() == 7
    assert "70%" in rows.first.inner_text() and "shared" in rows.first.inner_text()

    # Bram sees his own line and, beside it, only the days Anna shared.
    second = browser.new_context(viewport=viewport)
    b = second.new_page()
    _log_in(b, base, "bram@example.org")
    b.goto(base + "/checkin/progress/?range=30")
    assert b.get_by_test_id("trend-me").is_visible()
    assert b.get_by_test_id("trend-partner").is_visible()
    squares = b.locator("[data-testid=series-partner] rect.chart-dot")
    assert squares.count() == 4  # today and the three even days
    labels = [squares.nth(n).locator("title").text_content() for n in range(4)]
    assert all(label.startswith("Anna, ") for label in labels)
    assert sorted(re.search(r"(\d+)%$", label).group(1) for label in labels) == [
        "20",
        "25",
        "40",
        "70",
    ]
    assert "Anna shared 4 days in this period." in b.get_by_test_id("partner-summary").inner_text()
    content = b.content()
    assert CANARY not in content and "hopeful" not in content
    line = b.get_by_test_id("progress-line").inner_text()
    for private in PRIVATE_VALUES:
        assert private not in line
    b.get_by_text("Show the numbers as a table").first.click()
    anna_column = b.locator("[data-testid=line-table] tbody tr td:last-child").all_inner_texts()
    assert sorted(v for v in anna_column if v.strip() not in ("–", "")) == [
        "20%",
        "25%",
        "40%",
        "70%",
    ]
    # Her check-in itself stays hers, shared or not.
    assert b.goto(f"{base}/checkin/day/{today.pk}/").status == 404

    # When Anna stops sharing today, Bram's next request no longer has it.
    a.goto(f"{base}/checkin/day/{today.pk}/")
    a.get_by_role("button", name="Stop sharing the percentage").click()
    a.wait_for_load_state()
    b.goto(base + "/checkin/progress/?range=30")
    assert b.locator("[data-testid=series-partner] rect.chart-dot").count() == 3
    first.close()
    second.close()


def test_the_check_in_and_progress_work_without_javascript(browser, live_server):
    base = live_server.url
    make_user("sam@example.org", "Sam", language="nl")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    _log_in(page, base, "sam@example.org")
    page.goto(base + "/checkin/")
    assert "Hoeveel van de tijd voelde je je vandaag goed bij jezelf?" in page.content()
    page.get_by_text("40%", exact=True).click()
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/checkin/day/\d+/$"))
    page.goto(base + "/checkin/progress/")
    assert page.get_by_test_id("line-chart").is_visible()
    assert page.get_by_test_id("summary").inner_text().strip()
    context.close()
