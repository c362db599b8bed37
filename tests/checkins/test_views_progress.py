"""The progress page: a chart with a trend, a text summary, a table, a reading in
the words of the method, the monthly measures and the CSV download."""

from __future__ import annotations

import csv
import datetime
import html
import io
import re

import pytest
from django.urls import reverse
from django.utils import formats, timezone, translation

from haven.checkins import weekly
from haven.checkins.models import CheckIn, MonthlyMeasure
from tests.checkins.helpers import check_in, seed
from tests.conftest import make_user
from tests.factories import make_instrument_response

pytestmark = pytest.mark.django_db


def _html(response) -> str:
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def progress(client, **query) -> str:
    return _html(client.get(reverse("checkins:progress"), query))


def test_an_empty_progress_page_is_friendly(client_a):
    page = progress(client_a)
    assert "No check-ins in this period yet." in page
    assert "A line needs a week or so of check-ins" in page
    assert 'data-testid="line-chart"' in page and 'data-testid="trend-me"' not in page
    assert "<script>" not in page and 'style="' not in page


def test_a_rising_line_with_a_gap_gets_a_trend_a_summary_and_the_right_reading(client_a, partner_a):
    # From about 10% to about 30% over three weeks, with four days skipped.
    values = {ago: 30 - ago for ago in range(21) if ago not in (3, 4, 10, 15)}
    seed(partner_a, values)
    page = progress(client_a, range="30")
    assert 'data-testid="trend-me"' in page
    assert page.count('<circle class="chart-dot"') == len(values)
    summary = re.search(r'data-testid="summary">(.*?)</div>', page, re.S).group(1)
    assert "you checked in on 17 days" in summary
    assert "The trend line went from about 10% to about 30%." in summary
    assert "Your line went from about 10% to about 30%. That is growth" in page
    # The table lists each day, newest first, with a link to the day.
    table = re.search(r'data-testid="line-table">(.*?)</table>', page, re.S).group(1)
    assert table.count("<tr>") == len(values) + 1
    assert "30%" in table


def test_peaks_and_valleys_are_marked_and_read(client_a, partner_a):
    # Up, down, up again: a peak and a valley, and then a dip after progress.
    shape = [20] * 6 + [70] * 8 + [25] * 8 + [75] * 8 + [45] * 6
    seed(partner_a, {len(shape) - 1 - n: value for n, value in enumerate(shape)})
    page = progress(client_a, range="90")
    assert 'data-testid="turn-peak"' in page and 'data-testid="turn-valley"' in page
    assert "Peaks:" in page and "Valleys:" in page
    assert "A dip after progress is normal" in page
    assert "The marks on the line show its peaks and valleys." in page


@pytest.mark.parametrize("range_key", ["30", "90", "365", "all", "bogus", "\x00"])
def test_every_period_renders(client_a, partner_a, range_key):
    seed(partner_a, {ago: 40 + ago % 20 for ago in range(0, 400, 2)})
    page = progress(client_a, range=range_key)
    assert 'data-testid="line-chart"' in page
    if range_key in ("365", "all"):
        assert "week of" in page or re.search(r"\b20\d\d\b", page)


def test_the_partners_shared_line_is_shown_beside_ones_own(client_a, client_b, cast):
    seed(cast.partner_a, {ago: 50 for ago in range(10)})
    seed(cast.partner_b, {ago: 20 + 3 * ago for ago in range(10)}, shared=True)
    page = progress(client_a, range="30")
    assert 'data-testid="trend-partner"' in page
    assert "Bram (shared days only): squares, a dashed line" in page
    assert "Bram shared 10 days in this period." in page
    assert "Partners grow at different speeds" in page
    # Bram sees his own line and no line of Anna's: she shared nothing.
    theirs = progress(client_b, range="30")
    assert 'data-testid="trend-me"' in theirs and 'data-testid="trend-partner"' not in theirs
    assert "Anna" not in theirs.split('data-testid="progress-line"')[1].split("</section>")[0]


def test_the_progress_page_in_dutch(client, db):
    noor = make_user("noor@example.org", "Noor", language="nl")
    client.force_login(noor)
    seed(noor, {ago: 10 + ago for ago in range(12)})
    page = progress(client, range="30")
    assert "Groei gaat zelden in een rechte lijn." in page
    assert "Je lijn ging omlaag van ongeveer" in page


def test_monthly_measures_are_charted_and_offered(client_a, partner_a):
    page = progress(client_a)
    assert "Do this month's reflection" in page
    today = timezone.localdate().replace(day=1)
    for months_ago, value in ((2, 3), (1, 4), (0, 6)):
        month = today
        for _ in range(months_ago):
            month = (month - datetime.timedelta(days=1)).replace(day=1)
        MonthlyMeasure.objects.create(
            author=partner_a,
            month=month,
            instrument="haven-satisfaction",
            answers={},
            scores={"means": {"satisfaction": value}, "region": None},
        )
    page = progress(client_a)
    assert 'data-testid="measure-chart"' in page
    assert "You did the monthly reflection 3 times." in page
    assert "scored 6.0 out of 7" in page and "A good month" in page
    assert "Change this month's answers" in page


def test_the_attachment_reflection_is_offered_again_after_a_few_months(client_a, partner_a):
    assert 'data-testid="attachment-again"' in progress(client_a)
    result = make_instrument_response(partner_a, "private")
    assert 'data-testid="attachment-again"' not in progress(client_a)
    type(result).objects.filter(pk=result.pk).update(
        completed_at=timezone.now() - datetime.timedelta(days=120)
    )
    assert 'data-testid="attachment-again"' in progress(client_a)


def test_weekly_counts_appear_only_once_another_feature_registers_them(client_a, monkeypatch):
    # Start from an empty registry: installed apps (haven.moments) register their own.
    monkeypatch.setattr(weekly, "_counters", {})
    assert 'data-testid="weekly"' not in progress(client_a)
    weekly.register(
        weekly.Counter(
            key="test_rocky",
            label="Rocky moments",
            count=lambda viewer, start, end: {weekly.week_start(end): 2},
        )
    )
    try:
        page = progress(client_a, range="30")
    finally:
        weekly.unregister("test_rocky")
    assert 'data-testid="weekly"' in page and "Rocky moments" in page
    weeks = page.split('data-testid="weekly"', 1)[1].split("</table>", 1)[0]
    # One row per week shown, newest first, each headed by its Monday; this week holds the 2.
    rows = weeks.split("<tbody>", 1)[1].split("<tr>")[1:]
    assert len(rows) >= 2
    assert '<th scope="row">' in rows[0] and "<td>2</td></tr>" in rows[0]
    assert all("<td>0</td></tr>" in row for row in rows[1:])


def test_csv_download_has_ones_own_check_ins_and_quotes_formulas(client_a, client_b, cast):
    check_in(cast.partner_a, 60, note="=HYPERLINK(evil)", emotions=["hopeful"], reached="yes")
    check_in(cast.partner_b, 10, note="Bram's own line")
    response = client_a.get(reverse("checkins:csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["date", "felt good (%)"]
    assert len(rows) == 2
    _day, percent, shared, _body, feelings, _needs, reached, _turned, note = rows[1]
    assert (percent, shared, feelings, reached) == ("60", "no", "hopeful", "yes")
    assert note == "'=HYPERLINK(evil)"
    assert "Bram" not in response.content.decode()


def test_pages_need_login(client):
    for name in ("checkins:progress", "checkins:csv", "checkins:today"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


PRIVATE_NOTE = "canary-progress-private-3f9"


def _line_section(page: str) -> str:
    return page.split('data-testid="progress-line"')[1].split("</section>")[0]


def test_the_partner_sees_only_the_shared_percentages_never_the_rest(client_a, client_b, cast):
    """Bram shares four days and keeps three to himself, with feelings and a note.
    Anna's page has his four shared percentages and nothing else of his."""
    anna, bram = cast.partner_a, cast.partner_b
    today = timezone.localdate()
    seed(anna, {ago: 50 for ago in range(7)})
    shared = {0: 61, 2: 63, 4: 65, 6: 67}
    seed(bram, shared, shared=True)
    for ago, percent in ((1, 91), (3, 93), (5, 95)):
        check_in(
            bram,
            percent,
            day=today - datetime.timedelta(days=ago),
            note=PRIVATE_NOTE,
            emotions=["lonely"],
        )
    page = progress(client_a, range="30")
    line = _line_section(page)
    assert "Bram shared 4 days in this period." in line
    assert line.count('<rect class="chart-dot"') == 4
    for percent in shared.values():
        assert f"Bram, {progress_date(today, percent, shared)}: {percent}%" in line
    for private_percent in ("91%", "93%", "95%"):
        assert private_percent not in page
    assert PRIVATE_NOTE not in page and "lonely" not in page
    # The shared check-ins themselves stay Bram's: no detail page, no CSV row.
    for checkin in CheckIn.objects.filter(author=bram):
        assert client_a.get(reverse("checkins:detail", args=[checkin.pk])).status_code == 404
        assert client_a.post(reverse("checkins:share", args=[checkin.pk])).status_code == 404
    assert "61" not in client_a.get(reverse("checkins:csv")).content.decode()


def progress_date(today, percent, shared) -> str:
    ago = next(ago for ago, value in shared.items() if value == percent)
    return _long(today - datetime.timedelta(days=ago))


def test_unsharing_removes_the_day_from_the_partners_line_at_once(client_a, cast):
    seed(cast.partner_b, {ago: 40 + ago for ago in range(6)}, shared=True)
    assert "Bram shared 6 days" in progress(client_a, range="30")
    CheckIn.objects.filter(author=cast.partner_b, percent=45).update(visibility="private")
    page = progress(client_a, range="30")
    assert "Bram shared 5 days" in page and "45%" not in _line_section(page)


def test_an_ex_partner_and_a_stranger_see_nothing_shared(client, cast):
    seed(cast.partner_a, {ago: 77 for ago in range(6)}, shared=True)
    for person in (cast.ex_partner, cast.stranger):
        client.force_login(person)
        page = progress(client, range="30")
        assert "Anna" not in _line_section(page) and "77%" not in page
        assert 'data-testid="trend-partner"' not in page


def test_a_solo_person_reads_about_their_relationship_with_themselves(client, solo_user):
    client.force_login(solo_user)
    seed(solo_user, {ago: 30 + ago for ago in range(10)})
    page = progress(client, range="30")
    assert "How much of the time you felt at ease with yourself" in page
    assert "partner" not in _line_section(page).lower()
    assert "shared" not in _line_section(page).lower()


SHAMING = re.compile(
    r"\bmissed\b|\bstreak\b|\bforgot|\bfailed\b|\bbroke\b|\bonly checked\b|\bgemist\b|\bvergeten\b",
    re.IGNORECASE,
)


@pytest.mark.parametrize("language", ["en", "nl"])
def test_missed_days_are_simply_missing_never_counted_against_anyone(client, db, language):
    person = make_user(f"gaps-{language}@example.org", "Gap", language=language)
    client.force_login(person)
    # Ten check-ins spread over thirty days: twenty days without one.
    seed(person, {ago: 40 for ago in range(0, 30, 3)})
    page = progress(client, range="30")
    text = re.sub(r"<[^>]+>", " ", page)
    assert not SHAMING.search(text), SHAMING.search(text)
    assert "10 days" in text or "10 dagen" in text
    # The table lists the days that were noted, not the empty ones.
    table = page.split('data-testid="line-table"')[1].split("</table>")[0]
    assert table.count("<tr>") == 10 + 1
    home = html.unescape(client.get(reverse("home")).content.decode())
    assert not SHAMING.search(re.sub(r"<[^>]+>", " ", home))


def test_pk_url_builds_the_same_links_as_reverse():
    from haven.checkins.progress import pk_url

    detail = pk_url("checkins:detail")
    for pk in (1, 7, 9876543210, 12345678901234):
        assert detail(pk) == reverse("checkins:detail", args=[pk])


def _summary_text(page: str) -> str:
    return re.search(r'data-testid="summary">(.*?)</div>', page, re.S).group(1)


def _long(day: datetime.date) -> str:
    with translation.override("en"):
        return formats.date_format(day, "DATE_FORMAT")


def test_a_new_line_is_not_squeezed_into_a_corner_of_empty_days(client_a, partner_a):
    today = timezone.localdate()
    seed(partner_a, {ago: 40 + ago for ago in range(7)})
    two_weeks_ago = _long(today - datetime.timedelta(days=13))
    for range_key in ("90", "365", "all"):
        assert f"From {two_weeks_ago} to" in _summary_text(progress(client_a, range=range_key))


def test_the_period_starts_at_the_first_check_in_but_never_before_the_chosen_range(
    client_a, partner_a
):
    today = timezone.localdate()
    seed(partner_a, {ago: 50 for ago in range(0, 50, 5)})
    first = _long(today - datetime.timedelta(days=45))
    month = _long(today - datetime.timedelta(days=29))
    assert f"From {first} to" in _summary_text(progress(client_a, range="90"))
    assert f"From {first} to" in _summary_text(progress(client_a, range="all"))
    assert f"From {month} to" in _summary_text(progress(client_a, range="30"))


def test_days_the_partner_shared_before_ones_own_first_check_in_stay_on_the_chart(client_a, cast):
    today = timezone.localdate()
    seed(cast.partner_a, {ago: 50 for ago in range(3)})
    seed(cast.partner_b, {ago: 30 for ago in range(0, 60, 3)}, shared=True)
    seed(cast.partner_b, {70: 99})  # private: does not stretch Anna's chart
    page = progress(client_a, range="90")
    first_shared = _long(today - datetime.timedelta(days=57))
    assert f"From {first_shared} to" in _summary_text(page)
    assert "Bram shared 20 days in this period." in page


def test_someone_coming_back_after_a_long_pause_sees_the_whole_range(client_a, partner_a):
    today = timezone.localdate()
    seed(partner_a, {400: 60, 401: 65, 3: 40, 1: 45})
    summary = _summary_text(progress(client_a, range="90"))
    assert f"From {_long(today - datetime.timedelta(days=89))} to" in summary
    assert "you checked in on 2 days" in summary


# The table body as checkins/progress.html wrote it in a template loop before
# haven.checkins.progress.table_markup took over: the two must agree.
_DASH = '<span class="muted">–</span>'
_TABLE_LOOP = "\n".join(
    [
        "{% load i18n %}{% for row in table %}<tr>",
        '<th scope="row">{% if row.url %}<a href="{{ row.url }}">{{ row.label }}</a>',
        "{% else %}{{ row.label }}{% endif %}</th>",
        "<td>{% if row.mine is not None %}{{ row.mine }}%{% if row.shared %} ",
        '<span class="badge">{% translate "shared" %}</span>{% endif %}',
        "{% else %}" + _DASH + "{% endif %}</td>",
        '{% if period == "day" %}<td>{% if row.trend is not None %}{{ row.trend }}%',
        "{% else %}" + _DASH + "{% endif %}</td>{% endif %}",
        "{% if partner %}<td>{% if row.partner is not None %}{{ row.partner }}%",
        "{% else %}" + _DASH + "{% endif %}</td>{% endif %}",
        "</tr>{% endfor %}",
    ]
)


@pytest.mark.parametrize("period", ["day", "week"])
@pytest.mark.parametrize("with_partner", [True, False])
def test_the_table_rows_match_what_the_template_loop_wrote(period, with_partner):
    from django.template import engines

    from haven.checkins.progress import TableRow, table_markup

    rows = [
        TableRow('3 <March> & "so"', 40, 55, 42, shared=True, url="/checkin/day/7/?a=1&b=2"),
        TableRow("2 March", None, 30, None),
        TableRow("1 March", 0, None, 100, shared=False, url="/checkin/day/5/"),
    ]
    expected = (
        engines["django"]
        .from_string(_TABLE_LOOP)
        .render({"table": rows, "period": period, "partner": with_partner})
    )
    written = table_markup(rows, period, with_partner)
    assert re.sub(r"\s*\n\s*", "", str(written)) == re.sub(r"\n", "", expected)
