"""The anxiety x avoidance plane, computed on the server for an SVG drawing.

Avoidance runs to the right, anxiety upwards, both over the instrument's
scale. Each person is a series of results in time order: the path connects
them and the latest is drawn larger. The template (reflection/_plane.html)
only places what is computed here, and adds a text alternative and a table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from haven.reflection.engine import ANXIETY, AVOIDANCE, REGION_KEYS, Instrument
from haven.reflection.models import InstrumentResponse

WIDTH = HEIGHT = 400
LEFT, RIGHT, TOP, BOTTOM = 52, 388, 14, 346  # the plotting area inside the viewBox


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    anxiety: float
    avoidance: float
    region: str
    region_name: str
    response: InstrumentResponse
    latest: bool
    current: bool

    @property
    def transform(self) -> str:
        """Markers are drawn around (0, 0) and moved into place."""
        return f"translate({self.x:.1f} {self.y:.1f})"


@dataclass(frozen=True)
class Series:
    """One person's results. `role` is "self" or "other" (drawn differently, not only by colour)."""

    role: str
    name: str
    points: tuple[Point, ...]

    @property
    def path(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)

    @property
    def latest(self) -> Point | None:
        return self.points[-1] if self.points else None

    @property
    def earlier(self) -> tuple[Point, ...]:
        return self.points[:-1]


@dataclass(frozen=True)
class Label:
    key: str
    text: str
    x: float
    y: float
    anchor: str


@dataclass(frozen=True)
class Tick:
    value: int
    x: float
    y: float


@dataclass(frozen=True)
class Plane:
    instrument: Instrument
    series: tuple[Series, ...]
    cutoff_x: float
    cutoff_y: float
    labels: tuple[Label, ...]
    ticks: tuple[Tick, ...]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = RIGHT
    top: int = TOP
    bottom: int = BOTTOM

    @property
    def plot_width(self) -> int:
        return self.right - self.left

    @property
    def plot_height(self) -> int:
        return self.bottom - self.top

    @property
    def secure_width(self) -> float:
        """The secure quadrant (low anxiety, low avoidance) is tinted."""
        return round(self.cutoff_x - self.left, 1)

    @property
    def secure_height(self) -> float:
        return round(self.bottom - self.cutoff_y, 1)

    @property
    def has_points(self) -> bool:
        return any(series.points for series in self.series)

    @property
    def summary(self) -> str:
        """The text alternative: each person's latest point, region and earlier results."""
        sentences = []
        for person in self.series:
            point = person.latest
            if point is None:
                continue
            sentences.append(
                _("%(name)s: anxiety %(anxiety)s and avoidance %(avoidance)s, %(region)s.")
                % {
                    "name": person.name,
                    "anxiety": number_format(point.anxiety, 1),
                    "avoidance": number_format(point.avoidance, 1),
                    "region": point.region_name.lower() if point.region_name else "",
                }
            )
            if person.earlier:
                count = len(person.earlier)
                sentences.append(
                    ngettext(
                        "One earlier result is connected to it by a line.",
                        "%(count)d earlier results are connected to it by a line.",
                        count,
                    )
                    % {"count": count}
                )
        return " ".join(sentences)

    @property
    def rows(self) -> list[tuple[Series, Point]]:
        """Every point, person by person, oldest first: for the data table."""
        return [(series, point) for series in self.series for point in series.points]


def _x(instrument: Instrument, value: float) -> float:
    scale = instrument.scale
    return LEFT + (value - scale.min) / (scale.max - scale.min) * (RIGHT - LEFT)


def _y(instrument: Instrument, value: float) -> float:
    scale = instrument.scale
    return BOTTOM - (value - scale.min) / (scale.max - scale.min) * (BOTTOM - TOP)


def _region_name(instrument: Instrument, key: str | None) -> str:
    if instrument.regions is None or key not in instrument.regions.regions:
        return ""
    return str(instrument.regions[key].name)


def series(
    instrument: Instrument,
    role: str,
    name: str,
    results: Sequence[InstrumentResponse],
    current: InstrumentResponse | None = None,
) -> Series:
    points = []
    for index, result in enumerate(results):
        anxiety, avoidance = result.means[ANXIETY], result.means[AVOIDANCE]
        points.append(
            Point(
                x=round(_x(instrument, avoidance), 1),
                y=round(_y(instrument, anxiety), 1),
                anxiety=anxiety,
                avoidance=avoidance,
                region=result.region or "",
                region_name=_region_name(instrument, result.region),
                response=result,
                latest=index == len(results) - 1,
                current=current is not None and result.pk == current.pk,
            )
        )
    return Series(role=role, name=name, points=tuple(points))


def build(instrument: Instrument, people: Sequence[Series]) -> Plane:
    """The plane of a plane instrument (one with regions) with the given series on it."""
    if instrument.regions is None:
        raise ValueError(f"{instrument.key} has no anxiety x avoidance plane")
    cutoff = float(instrument.regions.cutoff)
    inset = 10
    corners = {
        # region: (x, y, text-anchor), inside each quadrant's outer corner
        "secure": (LEFT + inset, BOTTOM - inset, "start"),
        "anxious": (LEFT + inset, TOP + inset + 8, "start"),
        "avoidant": (RIGHT - inset, BOTTOM - inset, "end"),
        "fearful_avoidant": (RIGHT - inset, TOP + inset + 8, "end"),
    }
    labels = tuple(
        Label(key, str(instrument.regions[key].short), *corners[key]) for key in REGION_KEYS
    )
    ticks = tuple(
        Tick(value, round(_x(instrument, value), 1), round(_y(instrument, value), 1))
        for value in instrument.scale.points
    )
    return Plane(
        instrument=instrument,
        series=tuple(people),
        cutoff_x=round(_x(instrument, cutoff), 1),
        cutoff_y=round(_y(instrument, cutoff), 1),
        labels=labels,
        ticks=ticks,
    )
