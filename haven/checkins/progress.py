"""Everything the progress page shows, computed in a fixed number of queries.

However long someone's history, the page reads: their check-ins in the chosen
period (plus a margin for the trend), the day of their first check-in, the
partner's shared percentages in the same period, their monthly measures (at
most twelve a year, scores only), their attachment results, and one count per
registered weekly counter. Everything else is arithmetic on those rows.
tests/checkins/test_speed.py holds the count; bench/progress.py times it.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape
from typing import Any

from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from haven.accounts.models import display_name
from haven.checkins import chart, content, reading, selectors, trend, weekly
from haven.checkins.forms import RangeForm
from haven.checkins.services import first_of_month, today
from haven.reflection import engine
from haven.reflection import selectors as reflection_selectors

RANGE_DAYS = {"30": 30, "90": 90, "365": 365}
# The shortest period a chart shows, in days.
MIN_SPAN_DAYS = 14


@dataclass(frozen=True)
class Resolution:
    bandwidth: int  # half-width of the trend window, in days
    step: int  # the trend is estimated every `step` days
    period: str  # "day", "week" or "month": what a dot and a table row stand for


# A chart is about 600 units wide: more trend points than this add nothing visible.
MOST_TREND_POINTS = 150


def resolution(span_days: int) -> Resolution:
    if span_days <= 31:
        return Resolution(3, 1, "day")
    if span_days <= 92:
        return Resolution(5, 1, "day")
    if span_days <= 366:
        return Resolution(10, 2, "week")
    step = max(7, -(-span_days // MOST_TREND_POINTS))
    return Resolution(min(30, max(14, span_days // 60)), step, "month")


@lru_cache(maxsize=8192)
def _formatted(day: datetime.date, pattern: str, language: str | None) -> str:
    # Formatting a date is slow next to everything else on the page, and the
    # same days come back in the dots, the table and every later request.
    # `language` is part of the key: date_format uses the active language.
    return formats.date_format(day, pattern)


def _date(day: datetime.date, pattern: str, language: str | None = None) -> str:
    # Loops over hundreds of days pass the language they looked up once:
    # asking Django for it costs more than the cached formatting itself.
    return _formatted(day, pattern, language or translation.get_language())


def one_decimal(value: float, language: str | None = None) -> str:
    """A score with one decimal in the page's language, rounded like the table.

    Django's number_format cuts extra decimals off (4.75 -> "4.7"), while the
    table's floatformat rounds (4.8); rounding first makes them agree.
    """
    return _one_decimal(round(value + 1e-9, 1), language or translation.get_language())


@lru_cache(maxsize=2048)
def _one_decimal(rounded: float, language: str | None) -> str:
    # `language` is part of the key: the decimal sign is the active language's.
    return formats.number_format(rounded, 1)


def short_date(day: datetime.date) -> str:
    return _date(day, "j M")


def long_date(day: datetime.date, language: str | None = None) -> str:
    return _date(day, "DATE_FORMAT", language)


def month_label(day: datetime.date, language: str | None = None) -> str:
    return _date(day, "YEAR_MONTH_FORMAT", language)


def period_label(day: datetime.date, period: str, language: str | None = None) -> str:
    if period == "month":
        return month_label(day, language)
    if period == "week":
        return _("week of %(day)s") % {"day": long_date(day, language)}
    return long_date(day, language)


def axis_label(start: datetime.date, end: datetime.date):
    span = (end - start).days
    if span <= 92:
        return short_date
    if span <= 800:
        return lambda day: _date(day, "M Y")
    return lambda day: str(day.year)


def pk_url(name: str):
    """`reverse(name, args=[pk])` for many pks at the price of one reverse().

    reverse() costs tens of microseconds; the table of a long period has a
    link on every row. The URL is reversed once with a marker pk and the
    marker replaced (tests check the result equals reverse()).
    """
    marker = 9_876_543_210
    pattern = reverse(name, args=[marker])
    head, _marker, tail = pattern.partition(str(marker))
    return lambda pk: f"{head}{int(pk)}{tail}"


@dataclass(frozen=True)
class TableRow:
    label: str
    mine: int | None
    partner: int | None
    trend: int | None
    shared: bool = False
    url: str = ""  # a day row links to its check-in


@dataclass
class Person:
    """One line on the chart: what it is made of and how it is read."""

    name: str
    points: list[tuple[datetime.date, float]]  # check-ins inside the period
    trend: trend.Trend
    turning: list[trend.TurningPoint] = field(default_factory=list)
    _means: dict[str, list[trend.Period]] = field(default_factory=dict, repr=False)

    @property
    def count(self) -> int:
        return len(self.points)

    def means(self, period: str) -> list[trend.Period]:
        """The mean per week or month (computed once: the dots and the table both use it)."""
        if period not in self._means:
            self._means[period] = trend.means_by(self.points, period)
        return self._means[period]


def _person(
    name: str,
    rows: Sequence[tuple[datetime.date, float]],
    start: datetime.date,
    end: datetime.date,
    res: Resolution,
) -> Person:
    line = trend.smooth(rows, bandwidth=res.bandwidth, step=res.step, start=start, end=end)
    inside = [(day, float(value)) for day, value in rows if start <= day <= end]
    return Person(name, inside, line, trend.turning_points(line))


Points = list[tuple[datetime.date, float]]


def _dots(person: Person, period: str) -> Points:
    if period == "day":
        return person.points
    return [(p.start, p.mean) for p in person.means(period)]


def _percent(value: float | None) -> int | None:
    return None if value is None else round(value)


def _summary(me: Person, start: datetime.date, end: datetime.date) -> list[str]:
    """The chart's text alternative for the viewer's own line."""
    if not me.points:
        return [_("No check-ins in this period yet.")]
    count = me.count
    sentences = [
        ngettext(
            "From %(start)s to %(end)s you checked in on %(count)d day.",
            "From %(start)s to %(end)s you checked in on %(count)d days.",
            count,
        )
        % {"start": long_date(start), "end": long_date(end), "count": count},
        _("On those days it felt good %(mean)d%% of the time on average.")
        % {"mean": round(trend.mean(me.points) or 0)},
    ]
    found = trend.ends(me.trend)
    if found is not None and me.count >= trend.MIN_POINTS:
        sentences.append(
            _("The trend line went from about %(start)d%% to about %(end)d%%.")
            % {"start": round(found[0]), "end": round(found[1])}
        )
    peaks = [t for t in me.turning if t.kind == "peak"]
    valleys = [t for t in me.turning if t.kind == "valley"]
    if peaks:
        sentences.append(_("Peaks: %(list)s.") % {"list": _turn_list(peaks)})
    if valleys:
        sentences.append(_("Valleys: %(list)s.") % {"list": _turn_list(valleys)})
    return sentences


def _turn_list(points: list[trend.TurningPoint]) -> str:
    return ", ".join(
        _("%(day)s (%(percent)d%%)") % {"day": short_date(t.day), "percent": round(t.value)}
        for t in points
    )


def _partner_summary(partner: Person) -> list[str]:
    if not partner.points:
        # Nothing shared: say nothing, so sharing never feels owed.
        return []
    sentences = [
        ngettext(
            "%(name)s shared %(count)d day in this period.",
            "%(name)s shared %(count)d days in this period.",
            partner.count,
        )
        % {"name": partner.name, "count": partner.count}
    ]
    found = trend.ends(partner.trend)
    if found is not None and partner.count >= trend.MIN_POINTS:
        sentences.append(
            _("%(name)s's trend line went from about %(start)d%% to about %(end)d%%.")
            % {"name": partner.name, "start": round(found[0]), "end": round(found[1])}
        )
    return sentences


def _table(
    own: list[selectors.Day],
    me: Person,
    partner: Person | None,
    start: datetime.date,
    end: datetime.date,
    period: str,
) -> list[TableRow]:
    """Newest first: one row per day, week or month that has a check-in of either person."""
    trend_at = {day: value for day, value in me.trend if value is not None}
    language = translation.get_language()
    if period == "day":
        detail_url = pk_url("checkins:detail")
        mine = {d.day: d for d in own if start <= d.day <= end}
        partner_at = dict(partner.points if partner else [])
        days = sorted(set(mine) | set(partner_at), reverse=True)
        return [
            TableRow(
                label=long_date(day, language),
                mine=mine[day].percent if day in mine else None,
                partner=_percent(partner_at.get(day)),
                trend=_percent(trend_at.get(day)),
                shared=day in mine and mine[day].shared,
                url=detail_url(mine[day].pk) if day in mine else "",
            )
            for day in days
        ]
    my_periods = {p.start: p.mean for p in me.means(period)}
    their_periods = {p.start: p.mean for p in partner.means(period)} if partner else {}
    starts = sorted(set(my_periods) | set(their_periods), reverse=True)
    return [
        TableRow(
            label=period_label(begin, period, language),
            mine=_percent(my_periods.get(begin)),
            partner=_percent(their_periods.get(begin)),
            trend=None,
        )
        for begin in starts
    ]


_DASH = '<span class="muted">–</span>'


def _cell(value: int | None) -> str:
    return _DASH if value is None else f"{int(value)}%"


def weekly_markup(rows: Sequence[weekly.WeekRow]) -> SafeString:
    """The per-week table's body rows as HTML: a row per week, a cell per counter.

    Five years are some 260 weeks; written here rather than in a template
    loop, like table_markup().
    """
    out = []
    language = translation.get_language()
    for row in rows:
        cells = "".join(f"<td>{int(count)}</td>" for count in row.counts)
        out.append(f'<tr><th scope="row">{escape(long_date(row.start, language))}</th>{cells}</tr>')
    return mark_safe("\n      ".join(out))  # dates are escaped, counts are integers


def table_markup(rows: Sequence[TableRow], period: str, with_partner: bool) -> SafeString:
    """The table's body rows as HTML, escaped like the template would.

    A period has up to a few hundred rows: written here, not in a template
    loop, they cost a fraction of the time. (html.escape is what
    django.utils.html.escape does, without its lazy wrapper.)
    """
    shared = f' <span class="badge">{escape(_("shared"))}</span>'
    out = []
    for row in rows:
        label = escape(row.label)
        head = f'<a href="{escape(row.url)}">{label}</a>' if row.url else label
        mine = _cell(row.mine)
        if row.mine is not None and row.shared:
            mine += shared
        cells = f'<th scope="row">{head}</th><td>{mine}</td>'
        if period == "day":
            cells += f"<td>{_cell(row.trend)}</td>"
        if with_partner:
            cells += f"<td>{_cell(row.partner)}</td>"
        out.append(f"<tr>{cells}</tr>")
    return mark_safe("\n        ".join(out))  # every value is escaped above


def _chart(
    me: Person, partner: Person | None, start: datetime.date, end: datetime.date, period: str
) -> chart.Chart:
    # Translated once, filled in for every dot (a long period has hundreds).
    wording = _("%(name)s, %(when)s: %(percent)d%%")
    language = translation.get_language()

    def dot_label(name: str):
        return lambda day, value: (
            wording
            % {
                "name": name,
                "when": period_label(day, period, language),
                "percent": round(value),
            }
        )

    specs = [chart.SeriesSpec("me", me.name, _dots(me, period), me.trend, dot_label(me.name))]
    if partner is not None:
        specs.append(
            chart.SeriesSpec(
                "partner",
                partner.name,
                _dots(partner, period),
                partner.trend,
                dot_label(partner.name),
            )
        )
    turning = [
        (
            t.day,
            t.value,
            t.kind,
            (
                _("Peak around %(day)s: %(percent)d%%")
                if t.kind == "peak"
                else _("Valley around %(day)s: %(percent)d%%")
            )
            % {"day": short_date(t.day), "percent": round(t.value)},
        )
        for t in me.turning
    ]
    return chart.build(
        start=start,
        end=end,
        series=specs,
        turning=turning,
        x_label=axis_label(start, end),
    )


# --- monthly measures and the attachment reflection ------------------------------


@dataclass(frozen=True)
class MeasureRow:
    month: datetime.date
    label: str
    score: float
    band: str
    delete_url: str
    score_text: str


def measures_markup(rows: Sequence[MeasureRow]) -> SafeString:
    """The monthly reflections' table rows as HTML, newest first, like table_markup()."""
    delete = escape(_("Delete"))
    out = []
    for row in rows:
        label = escape(row.label)
        out.append(
            f'<tr><th scope="row">{label}</th><td>{escape(row.score_text)}</td>'
            f"<td>{escape(row.band)}</td>"
            f'<td><a href="{escape(row.delete_url)}">{delete}'
            f'<span class="visually-hidden"> {label}</span></a></td></tr>'
        )
    return mark_safe("\n          ".join(out))  # every value is escaped above


def _measures(user, language: str) -> dict[str, Any]:
    active = translation.get_language()  # once, for the labels of every month
    rows = []
    latest_scale = (1, 7)
    delete_url = pk_url("checkins:measure_delete")
    for measure in selectors.measures(user):
        instrument = engine.get(measure.instrument)
        means = (measure.scores or {}).get("means", {})
        if instrument is None or not means:
            continue
        subscale = instrument.subscales[0].key
        score = means.get(subscale)
        if score is None:
            continue
        band = engine.band_for(instrument, subscale, score)
        name = band.name.get(language) if band is not None and band.name is not None else ""
        label = month_label(measure.month, active)
        rows.append(
            MeasureRow(
                measure.month,
                label,
                score,
                name,
                delete_url(measure.pk),
                one_decimal(score, active),
            )
        )
        latest_scale = (instrument.scale.min, instrument.scale.max)
    this_month = first_of_month(today())
    block: dict[str, Any] = {
        "rows": list(reversed(rows)),
        "rows_markup": measures_markup(rows[::-1]),
        "done_this_month": any(row.month == this_month for row in rows),
        "chart": None,
        "summary": [],
    }
    if not rows:
        return block
    # The scale of the latest reflection's instrument (both Haven's run 1 to 7).
    scale_low, scale_high = latest_scale
    first, last = rows[0].month, rows[-1].month
    if first == last:
        first = first - datetime.timedelta(days=15)
        last = last + datetime.timedelta(days=15)
    wording = _("%(month)s: %(score)s")
    scores = {row.month: row.score_text for row in rows}
    block["chart"] = chart.build(
        start=first,
        end=last,
        low=scale_low,
        high=scale_high,
        y_values=range(scale_low, scale_high + 1),
        y_label=lambda value: f"{value:g}",
        x_label=lambda day: _date(day, "M Y", active),
        series=[
            chart.SeriesSpec(
                "me",
                "",
                [(row.month, row.score) for row in rows],
                [(row.month, row.score) for row in rows],
                lambda day, value: (
                    wording % {"month": month_label(day, active), "score": scores[day]}
                ),
            )
        ],
    )
    latest = rows[-1]
    block["summary"] = [
        ngettext(
            "You did the monthly reflection %(count)d time.",
            "You did the monthly reflection %(count)d times.",
            len(rows),
        )
        % {"count": len(rows)},
        _("The latest, for %(month)s, scored %(score)s out of %(high)d.")
        % {
            "month": latest.label,
            "score": one_decimal(latest.score),
            "high": scale_high,
        },
    ]
    if len(rows) >= 2:
        block["summary"].append(
            _("The first, for %(month)s, scored %(score)s.")
            % {"month": rows[0].label, "score": one_decimal(rows[0].score)}
        )
    return block


# What attachment_due reads of a result: not the answers, not the note.
ATTACHMENT_FIELDS = ("id", "author_id", "visibility", "instrument", "target", "completed_at")


def attachment_due(user) -> bool:
    """Offer the attachment reflection again: never done, or longer ago than the data says."""
    latest = reflection_selectors.latest_style(user, user, fallback=True, fields=ATTACHMENT_FIELDS)
    if latest is None or latest.completed_at is None:
        return True
    age = timezone.now() - latest.completed_at
    return age.days >= content.attachment_every_days()


# --- the page -----------------------------------------------------------------


def period_for(
    range_key: str, first: datetime.date | None, day: datetime.date
) -> tuple[datetime.date, datetime.date]:
    """The days the page covers: the chosen range, but not before the line begins.

    `first` is the earliest day on the chart (the viewer's own or one their
    partner shared). A person who started a week ago sees their week across
    half the chart, not squeezed into the corner of a year of empty days.
    Never less than MIN_SPAN_DAYS, so a first check-in has room around it.
    """
    earliest = day - datetime.timedelta(days=MIN_SPAN_DAYS - 1)
    if first is not None:
        earliest = min(earliest, first)
    if range_key in RANGE_DAYS:
        return max(day - datetime.timedelta(days=RANGE_DAYS[range_key] - 1), earliest), day
    return earliest, day


_LOOK_UP = object()


def build(user, range_key: str, language: str, partner_user: Any = _LOOK_UP) -> dict[str, Any]:
    """The progress page's context for `user`, over the period `range_key` names.

    `partner_user` is the current partner (or None) when the caller has
    already looked it up, which saves a query; left out, it is looked up here.
    """
    end = today()
    if partner_user is _LOOK_UP:
        partner_user = selectors.partner_of(user)
    # Read the whole range plus the trend's margin before it, then narrow the
    # period to where the line begins (a narrower period never needs a wider
    # margin, see `resolution`). Where it begins: the person's first check-in
    # ever (one small query on the index) or the partner's first shared day.
    if range_key in RANGE_DAYS:
        widest = resolution(RANGE_DAYS[range_key] - 1)
        range_start = end - datetime.timedelta(days=RANGE_DAYS[range_key] - 1)
        read_from = range_start - datetime.timedelta(days=widest.bandwidth)
    else:
        range_start = read_from = None
    if partner_user is not None:
        own, shared = selectors.own_and_partner_days(user, read_from, end)
    else:
        own, shared = selectors.own_days(user, read_from, end), []
    # The first day only matters when it falls inside the range: a check-in
    # read from before the range's start already says the period begins there
    # (period_for), so an active person's page needs no query for it.
    if own and (read_from is None or own[0].day <= range_start):
        own_first = own[0].day
    else:
        own_first = selectors.first_day(user)
    firsts = [day for day in (own_first, shared[0][0] if shared else None) if day is not None]
    start, end = period_for(range_key, min(firsts) if firsts else None, end)
    res = resolution((end - start).days)
    period = res.period
    me = _person(display_name(user), [(d.day, d.percent) for d in own], start, end, res)
    partner = None
    if partner_user is not None:
        partner = _person(display_name(partner_user), shared, start, end, res)
        if not partner.points:
            partner = Person(partner.name, [], [], [])
    my_reading = reading.classify(me.trend, me.turning, me.count)
    compared = (
        reading.compare(me.trend, me.count, partner.trend, partner.count) if partner else None
    )
    counters, week_rows = weekly.rows(user, start, end)
    ranges = RangeForm.base_fields["range"].choices
    table = _table(own, me, partner, start, end, res.period)
    return {
        "range": range_key,
        "ranges": [(key, label, key == range_key) for key, label in ranges],
        "start": start,
        "end": end,
        "period": res.period,
        "me": me,
        "partner": partner,
        "partner_user": partner_user,
        "chart": _chart(me, partner if partner and partner.points else None, start, end, period),
        "summary": _summary(me, start, end),
        "partner_summary": _partner_summary(partner) if partner else [],
        "reading": reading.paragraphs(
            my_reading, me.turning, compared, partner.name if partner else "", language
        ),
        "table": table,
        "table_rows": table_markup(table, res.period, bool(partner and partner.points)),
        "progress_text": content.text("progress", language),
        "missing_text": content.text("missing", language),
        "measures": _measures(user, language),
        "attachment_due": attachment_due(user),
        "attachment_text": content.text("attachment_again", language),
        "weekly_counters": counters,
        "weekly_markup": weekly_markup(week_rows[::-1]),
    }
