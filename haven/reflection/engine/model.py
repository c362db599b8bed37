"""What an instrument is, once its data file has been read and checked.

These are plain, frozen values: the loader builds them (haven.reflection.engine.loader)
and the scorer reads them (haven.reflection.engine.scoring). Nothing here touches the
database, so any feature can run its own instrument through the same engine.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

from django.utils.translation import get_language

DEFAULT_LANGUAGE = "en"
# Instruments without a `purpose` in their file are attachment reflections.
DEFAULT_PURPOSE = "attachment"
# The four regions of the anxiety x avoidance plane, in reading order.
REGION_KEYS = ("secure", "anxious", "avoidant", "fearful_avoidant")
# The subscales a plane needs: anxiety is drawn upwards, avoidance to the right.
ANXIETY, AVOIDANCE = "anxiety", "avoidance"


def current_language() -> str:
    return (get_language() or DEFAULT_LANGUAGE).split("-")[0]


@dataclass(frozen=True)
class Text:
    """One text in several languages; str() gives the current language."""

    by_language: dict[str, str]

    def get(self, language: str | None = None) -> str:
        language = language or current_language()
        return self.by_language.get(language) or self.by_language.get(DEFAULT_LANGUAGE, "")

    def __str__(self) -> str:
        return self.get()


@dataclass(frozen=True)
class Scale:
    min: int
    max: int
    labels: dict[str, tuple[str, ...]]

    @property
    def points(self) -> range:
        return range(self.min, self.max + 1)

    def label(self, value: int, language: str | None = None) -> str:
        language = language or current_language()
        labels = self.labels.get(language) or self.labels[DEFAULT_LANGUAGE]
        return labels[value - self.min]

    def choices(self, language: str | None = None) -> list[tuple[int, str]]:
        return [(value, self.label(value, language)) for value in self.points]

    def reverse(self, value: int) -> int:
        """The reverse-keyed value: on a 1..7 scale, 8 - value."""
        return self.min + self.max - value


@dataclass(frozen=True)
class Subscale:
    key: str
    name: Text
    about: Text | None = None


@dataclass(frozen=True)
class Target:
    """Who the statements are about (my partner, my mother, ...)."""

    key: str
    name: Text
    note: Text | None = None


@dataclass(frozen=True)
class Item:
    key: str
    subscale: str
    reverse: bool
    text: Text

    def render(self, target: Target | None = None, language: str | None = None) -> str:
        language = language or current_language()
        text = self.text.get(language)
        if target is not None:
            text = text.replace("{target}", target.name.get(language))
        return text


@dataclass(frozen=True)
class Band:
    """A range of subscale means with the words that go with it.

    A mean m falls in the band when min < m <= max; the lowest band of a
    subscale also holds its own min, so the bands cover the scale exactly once.
    """

    subscale: str
    min: Fraction
    max: Fraction
    text: Text
    name: Text | None = None

    def holds(self, mean: Fraction, *, lowest: bool) -> bool:
        above = mean >= self.min if lowest else mean > self.min
        return above and mean <= self.max


@dataclass(frozen=True)
class Region:
    key: str
    name: Text
    short: Text
    about: Text


@dataclass(frozen=True)
class Regions:
    """The anxiety x avoidance plane split at one cut-off (a convention)."""

    cutoff: Fraction
    regions: dict[str, Region]

    def key_for(self, anxiety: Fraction, avoidance: Fraction) -> str:
        high_anxiety, high_avoidance = anxiety >= self.cutoff, avoidance >= self.cutoff
        if high_anxiety and high_avoidance:
            return "fearful_avoidant"
        if high_anxiety:
            return "anxious"
        if high_avoidance:
            return "avoidant"
        return "secure"

    def __getitem__(self, key: str) -> Region:
        return self.regions[key]


@dataclass(frozen=True)
class Instrument:
    key: str
    version: int
    name: Text
    about: Text
    scale: Scale
    subscales: tuple[Subscale, ...]
    items: tuple[Item, ...]
    bands: tuple[Band, ...]
    source: Path
    instructions: Text | None = None
    notice: Text | None = None
    reference: str = ""
    targets: tuple[Target, ...] = ()
    regions: Regions | None = None
    test: bool = False
    page_size: int = 5
    # What the instrument is for: "attachment" (offered under "How I attach") or
    # another feature's own key, e.g. "satisfaction" (haven.checkins).
    purpose: str = DEFAULT_PURPOSE
    _index: dict[str, Item] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._index.update({item.key: item for item in self.items})

    def render_instructions(self, target: Target | None, language: str | None = None) -> str:
        if self.instructions is None:
            return ""
        language = language or current_language()
        text = self.instructions.get(language)
        if target is not None:
            text = text.replace("{target}", target.name.get(language))
        return text

    def item(self, key: str) -> Item | None:
        return self._index.get(key)

    def subscale(self, key: str) -> Subscale | None:
        return next((s for s in self.subscales if s.key == key), None)

    def target(self, key: str) -> Target | None:
        return next((t for t in self.targets if t.key == key), None)

    def items_of(self, subscale: str) -> tuple[Item, ...]:
        return tuple(item for item in self.items if item.subscale == subscale)

    def bands_of(self, subscale: str) -> tuple[Band, ...]:
        return tuple(sorted((b for b in self.bands if b.subscale == subscale), key=_band_min))

    @property
    def has_plane(self) -> bool:
        return self.regions is not None

    @property
    def page_count(self) -> int:
        return max(1, -(-len(self.items) // self.page_size))

    def page(self, number: int) -> tuple[Item, ...]:
        """Items on page `number` (1-based) of the questionnaire."""
        start = (number - 1) * self.page_size
        return self.items[start : start + self.page_size]

    def page_of(self, item_key: str) -> int:
        keys = [item.key for item in self.items]
        return keys.index(item_key) // self.page_size + 1


def _band_min(band: Band) -> Fraction:
    return band.min
