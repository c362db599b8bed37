"""Geometry of the progress charts, drawn as SVG by the server.

No charting library and no script: this module turns dates and values into
coordinates, and Chart.svg() writes the SVG. Every
number leaves here as a string with a dot as decimal sign, so a Dutch page
(decimal comma) cannot break the drawing. Lines break where the trend has no
value, so a long gap shows as a gap.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from html import escape
from typing import NamedTuple

from django.utils.safestring import SafeString, mark_safe

Day = datetime.date


@dataclass(frozen=True)
class Frame:
    """The drawing area inside the SVG's viewBox, in SVG units."""

    width: int = 640
    height: int = 240
    left: int = 62  # room for "100%" in the larger labels of a phone
    right: int = 14
    top: int = 18
    bottom: int = 34

    @property
    def x0(self) -> float:
        return float(self.left)

    @property
    def x1(self) -> float:
        return float(self.width - self.right)

    @property
    def y0(self) -> float:  # the top of the plot
        return float(self.top)

    @property
    def y1(self) -> float:  # the bottom of the plot
        return float(self.height - self.bottom)


def num(value: float) -> str:
    """A coordinate for SVG: at most one decimal, always a dot."""
    text = "%.1f" % value  # noqa: UP031 (a little quicker than an f-string, called often)
    return text[:-2] if text[-1] == "0" and text[-2] == "." else text


@dataclass(frozen=True)
class Scale:
    """Maps days to x and values to y inside a frame."""

    frame: Frame
    start: Day
    end: Day
    low: float
    high: float

    def __post_init__(self) -> None:
        # Called hundreds of times per chart: the constant parts once.
        frame = self.frame
        object.__setattr__(self, "_span", max(1, (self.end - self.start).days))
        object.__setattr__(self, "_x0", frame.x0)
        object.__setattr__(self, "_width", frame.x1 - frame.x0)
        object.__setattr__(self, "_y1", frame.y1)
        object.__setattr__(self, "_height", frame.y1 - frame.y0)

    def x(self, day: Day) -> float:
        ratio = (day - self.start).days / self._span
        return self._x0 + ratio * self._width

    def y(self, value: float) -> float:
        ratio = (value - self.low) / (self.high - self.low)
        return self._y1 - ratio * self._height


@dataclass(frozen=True)
class Tick:
    x: str
    y: str
    label: str


class Mark(NamedTuple):
    """One point drawn on the chart, with the words a screen reader or tooltip gives it.

    A named tuple, not a dataclass: a chart has hundreds of them per request.
    """

    x: str
    y: str
    label: str
    kind: str = ""  # "peak" / "valley" for turning points


@dataclass(frozen=True)
class Line:
    role: str  # "me" or "partner"; the template styles by role
    name: str
    path: str  # SVG path data, empty when there is nothing to join
    dots: tuple[Mark, ...] = ()

    @property
    def dots_markup(self) -> SafeString:
        """The SVG of every dot, escaped like the template would.

        A long period has hundreds of dots; writing them here costs a fraction
        of a template loop. The partner's dots are squares, the viewer's circles.
        """
        if self.role == "partner":
            shape = (
                '<rect class="chart-dot" x="{}" y="{}" width="6" height="6" '
                'transform="translate(-3 -3)"><title>{}</title></rect>'
            )
        else:
            shape = '<circle class="chart-dot" cx="{}" cy="{}" r="3.5"><title>{}</title></circle>'
        # html.escape is what django.utils.html.escape does, without its lazy
        # wrapper. The coordinates are num()'s digits and dot: nothing to escape.
        return mark_safe(
            "\n      ".join(shape.format(d.x, d.y, escape(d.label)) for d in self.dots)
        )


@dataclass(frozen=True)
class Chart:
    frame: Frame
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    lines: tuple[Line, ...]
    markers: tuple[Mark, ...] = ()
    baseline: str = field(default="")

    @property
    def width(self) -> int:
        return self.frame.width

    @property
    def height(self) -> int:
        return self.frame.height

    @property
    def left(self) -> str:
        return num(self.frame.x0)

    @property
    def right(self) -> str:
        return num(self.frame.x1)

    @property
    def top(self) -> str:
        return num(self.frame.y0)

    @property
    def bottom(self) -> str:
        return num(self.frame.y1)

    @property
    def label_y(self) -> str:
        return num(self.frame.y1 + 20)

    @property
    def tick_x(self) -> str:
        return num(self.frame.x0 - 8)

    def svg(self, chart_id: str, title: str, description: str) -> SafeString:
        """The chart as SVG markup, escaped like a template would.

        Written here rather than in a template: a chart has dozens of ticks,
        lines and marks, and a template loop over them cost more than the rest
        of the progress page's drawing.
        """

        def e(value: object) -> str:
            return escape(str(value))

        cid = e(chart_id)
        out = [
            f'<svg class="chart-svg" viewBox="0 0 {self.width} {self.height}" role="img" '
            f'aria-labelledby="{cid}-title {cid}-desc" xmlns="http://www.w3.org/2000/svg" '
            f'data-testid="{cid}-chart">',
            f'<title id="{cid}-title">{e(title)}</title>',
            f'<desc id="{cid}-desc">{e(description)}</desc>',
        ]
        left, right, top, bottom = e(self.left), e(self.right), e(self.top), e(self.bottom)
        for tick in self.y_ticks:
            y = e(tick.y)
            out.append(
                f'<line class="chart-grid" x1="{left}" x2="{right}" y1="{y}" y2="{y}" />'
                f'<text class="chart-tick" x="{e(self.tick_x)}" y="{y}" text-anchor="end" '
                f'dominant-baseline="middle">{e(tick.label)}</text>'
            )
        for tick in self.x_ticks:
            x = e(tick.x)
            out.append(
                f'<line class="chart-grid chart-grid-x" x1="{x}" x2="{x}" y1="{top}" '
                f'y2="{bottom}" /><text class="chart-tick" x="{x}" y="{e(self.label_y)}" '
                f'text-anchor="middle">{e(tick.label)}</text>'
            )
        for line in self.lines:
            role = e(line.role)
            out.append(
                f'<g class="chart-series chart-{role}" data-testid="series-{role}">'
                f"{line.dots_markup}"
            )
            if line.path:
                out.append(
                    f'<path class="chart-trend" d="{e(line.path)}" fill="none" '
                    f'data-testid="trend-{role}" />'
                )
            out.append("</g>")
        for mark in self.markers:
            kind = e(mark.kind)
            shape = "M0 -6 L6 -16 L-6 -16 Z" if mark.kind == "peak" else "M0 6 L6 16 L-6 16 Z"
            out.append(
                f'<g class="chart-turn chart-{kind}" transform="translate({e(mark.x)} '
                f'{e(mark.y)})" data-testid="turn-{kind}"><path d="{shape}" />'
                f"<title>{e(mark.label)}</title></g>"
            )
        out.append("</svg>")
        return mark_safe("\n".join(out))


def path(points: Sequence[tuple[Day, float | None]], scale: Scale) -> str:
    """SVG path data through the points; a None value breaks the line.

    A lone point between two breaks has nothing to join and is left out (its
    dot is drawn separately).
    """
    runs: list[list[tuple[float, float]]] = [[]]
    for day, value in points:
        if value is None:
            if runs[-1]:
                runs.append([])
            continue
        runs[-1].append((scale.x(day), scale.y(value)))
    parts = []
    for run in runs:
        if len(run) < 2:
            continue
        head, *rest = run
        parts.append(f"M{num(head[0])} {num(head[1])}")
        parts.extend(f"L{num(x)} {num(y)}" for x, y in rest)
    return " ".join(parts)


def date_ticks(start: Day, end: Day, most: int = 6) -> list[Day]:
    """Round dates for the x axis: Mondays, first days of months or of years."""
    span = (end - start).days
    if span <= 0:
        return [start]
    if span <= 7 * most:
        first = start + datetime.timedelta(days=(7 - start.weekday()) % 7)
        weeks = max(1, -(-span // (7 * most)))
        return _every(first, end, lambda day: day + datetime.timedelta(weeks=weeks))
    wanted = -(-span // (30 * most))
    months = next((nice for nice in (1, 2, 3, 6) if nice >= wanted), 12)
    if months == 12:
        years = max(1, -(-wanted // 12))
        first = Day(start.year + (0 if start == Day(start.year, 1, 1) else 1), 1, 1)
        return _every(first, end, lambda day: Day(day.year + years, 1, 1))
    first = start if start.day == 1 else _add_months(start.replace(day=1), 1)
    return _every(first, end, lambda day: _add_months(day, months))


def _every(first: Day, end: Day, following: Callable[[Day], Day]) -> list[Day]:
    found = []
    day = first
    while day <= end:
        found.append(day)
        day = following(day)
    return found


def _add_months(day: Day, months: int) -> Day:
    index = day.year * 12 + day.month - 1 + months
    return Day(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class SeriesSpec:
    """What to draw for one person: their dots and their trend line."""

    role: str
    name: str
    dots: Sequence[tuple[Day, float]]
    trend: Sequence[tuple[Day, float | None]]
    dot_label: Callable[[Day, float], str]


def build(
    *,
    start: Day,
    end: Day,
    series: Sequence[SeriesSpec],
    low: float = 0,
    high: float = 100,
    y_values: Sequence[float] = (0, 25, 50, 75, 100),
    y_label: Callable[[float], str] = lambda value: f"{value:g}%",
    x_label: Callable[[Day], str] = lambda day: day.isoformat(),
    turning: Sequence[tuple[Day, float, str, str]] = (),
    frame: Frame | None = None,
) -> Chart:
    """A chart of one or more series between `start` and `end`.

    `turning` holds (day, value, kind, label) for the peaks and valleys to mark.
    """
    frame = frame or Frame()
    scale = Scale(frame, start, end, low, high)
    y_ticks = tuple(
        Tick(x=num(frame.x0), y=num(scale.y(value)), label=y_label(value)) for value in y_values
    )
    x_ticks = tuple(
        Tick(x=num(scale.x(day)), y=num(frame.y1), label=x_label(day))
        for day in date_ticks(start, end)
    )
    lines = tuple(
        Line(
            role=spec.role,
            name=spec.name,
            path=path(spec.trend, scale),
            dots=tuple(
                Mark(num(scale.x(day)), num(scale.y(value)), spec.dot_label(day, value))
                for day, value in spec.dots
                if start <= day <= end
            ),
        )
        for spec in series
    )
    markers = tuple(
        Mark(num(scale.x(day)), num(scale.y(value)), label, kind)
        for day, value, kind, label in turning
        if start <= day <= end
    )
    return Chart(frame, x_ticks, y_ticks, lines, markers, baseline=num(scale.y(low)))
