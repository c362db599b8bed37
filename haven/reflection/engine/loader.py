"""Read an instrument data file and refuse it, with reasons, when it is broken.

Every problem found is reported at once, each prefixed with where it is in
the file, and the whole message starts with the file's path, so whoever
dropped the file in (a developer or a therapist) can fix it in one go.
The format is documented in haven/reflection/data/instruments/README.md.
"""

from __future__ import annotations

import re
import string
import tomllib
from collections.abc import Iterable, Sequence
from fractions import Fraction
from itertools import pairwise
from pathlib import Path
from typing import Any

from haven.reflection.engine.model import (
    ANXIETY,
    AVOIDANCE,
    DEFAULT_PURPOSE,
    REGION_KEYS,
    Band,
    Instrument,
    Item,
    Region,
    Regions,
    Scale,
    Subscale,
    Target,
    Text,
)

KEY_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
# Keys that look like a language code hold the text in that language.
LANGUAGE_RE = re.compile(r"^[a-z]{2}$")
PLACEHOLDERS = frozenset({"target"})
MAX_POINTS = 11
SCORING_METHODS = ("mean",)

TOP_KEYS = {
    "key", "version", "name", "about", "instructions", "notice", "reference", "test",
    "purpose", "page_size", "scale", "scoring", "subscales", "targets", "items", "bands", "regions",
}  # fmt: skip
SCALE_KEYS = {"min", "max", "labels"}
SCORING_KEYS = {"method", "reverse"}
SUBSCALE_KEYS = {"key", "name", "about"}
TARGET_KEYS = {"key", "name", "note"}
ITEM_KEYS = {"key", "subscale"}
BAND_KEYS = {"subscale", "min", "max", "name"}
REGION_FIELDS = {"name", "short", "about"}


class InstrumentError(ValueError):
    """An instrument file that cannot be used; the message names the file and every problem."""

    def __init__(self, path: Path | str, problems: Sequence[str]) -> None:
        self.path = Path(path)
        self.problems = list(problems)
        if len(self.problems) == 1:
            message = f"{self.path}: {self.problems[0]}"
        else:
            listed = "\n".join(f"  - {problem}" for problem in self.problems)
            message = f"{self.path}: {len(self.problems)} problems:\n{listed}"
        super().__init__(message)


def default_languages() -> tuple[str, ...]:
    from django.conf import settings

    return tuple(code for code, _name in settings.LANGUAGES)


def load_instrument(path: Path | str, languages: Iterable[str] | None = None) -> Instrument:
    """The instrument in `path`, or InstrumentError naming the file and what is wrong."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        raise InstrumentError(path, ["file not found"]) from None
    except tomllib.TOMLDecodeError as problem:
        raise InstrumentError(path, [f"not valid TOML: {problem}"]) from None
    except UnicodeDecodeError:
        raise InstrumentError(path, ["not UTF-8 text"]) from None
    return parse_instrument(data, path, languages)


def parse_instrument(
    data: dict[str, Any], path: Path, languages: Iterable[str] | None = None
) -> Instrument:
    reader = _Reader(tuple(languages or default_languages()))
    instrument = reader.instrument(data, path)
    if reader.problems or instrument is None:
        raise InstrumentError(path, reader.problems or ["unusable"])
    return instrument


class _Reader:
    """Walks the parsed TOML, collecting every problem instead of stopping at the first."""

    def __init__(self, languages: tuple[str, ...]) -> None:
        self.languages = languages
        self.problems: list[str] = []
        self.has_targets = False

    def problem(self, where: str, what: str) -> None:
        self.problems.append(f"{where}: {what}" if where else what)

    # --- small readers ------------------------------------------------------

    def unknown(self, table: dict[str, Any], allowed: set[str], where: str) -> None:
        for key in table:
            if key not in allowed and not LANGUAGE_RE.match(key):
                self.problem(where, f"unknown field '{key}'")

    def key(self, table: dict[str, Any], where: str) -> str:
        value = table.get("key")
        if not isinstance(value, str) or not KEY_RE.match(value):
            self.problem(where, "needs a 'key' of lowercase letters, digits, '-' or '_'")
            return ""
        return value

    def integer(self, value: Any, where: str, *, minimum: int | None = None) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(where, f"must be a whole number, got {value!r}")
            return None
        if minimum is not None and value < minimum:
            self.problem(where, f"must be at least {minimum}, got {value}")
            return None
        return value

    def number(self, value: Any, where: str) -> Fraction | None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.problem(where, f"must be a number, got {value!r}")
            return None
        # Through str() so that 3.1 means exactly 31/10, as written.
        return Fraction(str(value))

    def text(self, value: Any, where: str, *, required: bool = True) -> Text | None:
        """A table of texts, one per language, e.g. { en = "...", nl = "..." }."""
        if value is None:
            if required:
                self.problem(where, "missing")
            return None
        if not isinstance(value, dict):
            self.problem(
                where, "must be a table of texts per language, e.g. { en = ..., nl = ... }"
            )
            return None
        return self.texts(value, where)

    def texts(self, table: dict[str, Any], where: str) -> Text:
        """The language entries of `table` (other keys are left to the caller)."""
        found: dict[str, str] = {}
        for language in self.languages:
            value = table.get(language)
            if value is None:
                self.problem(where, f"missing text for language '{language}'")
            elif not isinstance(value, str) or not value.strip():
                self.problem(where, f"text for language '{language}' is empty or not text")
            else:
                self.placeholders(value, f"{where} ({language})")
                found[language] = value
        for key, value in table.items():
            if LANGUAGE_RE.match(key) and key not in found and isinstance(value, str):
                found[key] = value
        return Text(found)

    def placeholders(self, text: str, where: str) -> None:
        try:
            fields = {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}
        except ValueError:
            self.problem(where, "has an unmatched '{' or '}'")
            return
        for name in sorted(fields - PLACEHOLDERS):
            self.problem(where, f"unknown placeholder {{{name}}} (only {{target}} is known)")
        if "target" in fields and not self.has_targets:
            self.problem(where, "uses {target} but the instrument lists no [[targets]]")

    def tables(self, data: dict[str, Any], name: str, *, required: bool) -> list[dict[str, Any]]:
        value = data.get(name)
        if value is None:
            if required:
                self.problem("", f"missing [[{name}]]")
            return []
        if not isinstance(value, list) or not all(isinstance(entry, dict) for entry in value):
            self.problem(name, f"must be a list of tables ([[{name}]])")
            return []
        if required and not value:
            self.problem(name, "must not be empty")
        return value

    # --- the parts of an instrument -------------------------------------------

    def instrument(self, data: dict[str, Any], path: Path) -> Instrument | None:
        self.unknown(data, TOP_KEYS, "")
        key = self.key(data, "key")
        version = self.integer(data.get("version"), "version", minimum=1)
        self.has_targets = bool(data.get("targets"))
        name = self.text(data.get("name"), "name")
        about = self.text(data.get("about"), "about")
        instructions = self.text(data.get("instructions"), "instructions", required=False)
        notice = self.text(data.get("notice"), "notice", required=False)
        reference = data.get("reference", "")
        if not isinstance(reference, str):
            self.problem("reference", "must be text")
            reference = ""
        test = data.get("test", False)
        if not isinstance(test, bool):
            self.problem("test", "must be true or false")
        page_size = self.integer(data.get("page_size", 5), "page_size", minimum=1)
        purpose = data.get("purpose", DEFAULT_PURPOSE)
        if not isinstance(purpose, str) or not KEY_RE.match(purpose):
            self.problem("purpose", "must be a key such as 'attachment' or 'satisfaction'")
            purpose = DEFAULT_PURPOSE

        scale = self.scale(data.get("scale"))
        subscales = self.subscales(data)
        targets = self.targets(data)
        reverse = self.reverse_keys(data.get("scoring"))
        items = self.items(data, {s.key for s in subscales}, reverse)
        bands = self.bands(data, scale, subscales)
        regions = self.regions(data.get("regions"), scale, subscales)

        if self.problems or scale is None or name is None or about is None:
            return None
        return Instrument(
            key=key,
            version=version or 1,
            name=name,
            about=about,
            scale=scale,
            subscales=tuple(subscales),
            items=tuple(items),
            bands=tuple(bands),
            source=path,
            instructions=instructions,
            notice=notice,
            reference=reference,
            targets=tuple(targets),
            regions=regions,
            test=bool(test),
            page_size=page_size or 5,
            purpose=purpose,
        )

    def scale(self, table: Any) -> Scale | None:
        if not isinstance(table, dict):
            self.problem("", "missing [scale] with min, max and labels")
            return None
        self.unknown(table, SCALE_KEYS, "scale")
        low = self.integer(table.get("min"), "scale.min")
        high = self.integer(table.get("max"), "scale.max")
        if low is None or high is None:
            return None
        if low >= high:
            self.problem("scale", f"min ({low}) must be smaller than max ({high})")
            return None
        points = high - low + 1
        if points > MAX_POINTS:
            self.problem("scale", f"{points} points is more than the {MAX_POINTS} allowed")
            return None
        labels: dict[str, tuple[str, ...]] = {}
        raw = table.get("labels")
        if not isinstance(raw, dict):
            self.problem("scale.labels", "missing: one list of labels per language")
            return None
        for language in self.languages:
            entry = raw.get(language)
            if entry is None:
                self.problem("scale.labels", f"missing labels for language '{language}'")
            elif not isinstance(entry, list) or not all(isinstance(x, str) and x for x in entry):
                self.problem(f"scale.labels.{language}", "must be a list of texts")
            elif len(entry) != points:
                self.problem(
                    f"scale.labels.{language}",
                    f"has {len(entry)} labels for a {low}..{high} scale ({points} points)",
                )
            else:
                labels[language] = tuple(entry)
        return Scale(low, high, labels)

    def subscales(self, data: dict[str, Any]) -> list[Subscale]:
        found: list[Subscale] = []
        seen: set[str] = set()
        for index, table in enumerate(self.tables(data, "subscales", required=True)):
            where = f"subscales[{index}]"
            self.unknown(table, SUBSCALE_KEYS, where)
            key = self.key(table, where)
            if key in seen:
                self.problem(where, f"duplicate subscale key '{key}'")
            seen.add(key)
            name = self.text(table.get("name"), f"{where}.name")
            about = self.text(table.get("about"), f"{where}.about", required=False)
            if key and name:
                found.append(Subscale(key, name, about))
        return found

    def targets(self, data: dict[str, Any]) -> list[Target]:
        found: list[Target] = []
        seen: set[str] = set()
        for index, table in enumerate(self.tables(data, "targets", required=False)):
            where = f"targets[{index}]"
            self.unknown(table, TARGET_KEYS, where)
            key = self.key(table, where)
            if key in seen:
                self.problem(where, f"duplicate target key '{key}'")
            seen.add(key)
            name = self.text(table.get("name"), f"{where}.name")
            note = self.text(table.get("note"), f"{where}.note", required=False)
            if key and name:
                found.append(Target(key, name, note))
        return found

    def reverse_keys(self, table: Any) -> list[str]:
        if table is None:
            return []
        if not isinstance(table, dict):
            self.problem("scoring", "must be a table ([scoring])")
            return []
        self.unknown(table, SCORING_KEYS, "scoring")
        method = table.get("method", "mean")
        if method not in SCORING_METHODS:
            self.problem("scoring.method", f"unknown method {method!r} (known: mean)")
        keys = table.get("reverse", [])
        if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
            self.problem("scoring.reverse", "must be a list of item keys")
            return []
        for key in sorted({k for k in keys if keys.count(k) > 1}):
            self.problem("scoring.reverse", f"lists '{key}' more than once")
        return keys

    def items(self, data: dict[str, Any], subscales: set[str], reverse: list[str]) -> list[Item]:
        found: list[Item] = []
        seen: set[str] = set()
        for index, table in enumerate(self.tables(data, "items", required=True)):
            where = f"items[{index}]"
            key = self.key(table, where)
            if key:
                where = f"items[{index}] '{key}'"
            self.unknown(table, ITEM_KEYS, where)
            if key in seen:
                self.problem(where, f"duplicate item key '{key}'")
            seen.add(key)
            subscale = table.get("subscale")
            if subscale not in subscales:
                known = ", ".join(sorted(subscales)) or "none"
                self.problem(where, f"unknown subscale {subscale!r} (known: {known})")
            text = self.texts(table, where)
            if key and subscale in subscales:
                found.append(Item(key, subscale, key in reverse, text))
        for key in reverse:
            if key not in seen:
                self.problem("scoring.reverse", f"reverse key for unknown item '{key}'")
        for subscale in sorted(subscales - {item.subscale for item in found}):
            self.problem("items", f"subscale '{subscale}' has no items")
        return found

    def bands(
        self, data: dict[str, Any], scale: Scale | None, subscales: list[Subscale]
    ) -> list[Band]:
        known = {s.key for s in subscales}
        found: list[Band] = []
        for index, table in enumerate(self.tables(data, "bands", required=True)):
            where = f"bands[{index}]"
            self.unknown(table, BAND_KEYS, where)
            subscale = table.get("subscale")
            if subscale not in known:
                names = ", ".join(sorted(known)) or "none"
                self.problem(where, f"unknown subscale {subscale!r} (known: {names})")
            low = self.number(table.get("min"), f"{where}.min")
            high = self.number(table.get("max"), f"{where}.max")
            name = self.text(table.get("name"), f"{where}.name", required=False)
            text = self.texts(table, where)
            if low is None or high is None or subscale not in known:
                continue
            if low >= high:
                self.problem(where, f"min ({_num(low)}) must be smaller than max ({_num(high)})")
                continue
            if scale is not None and (low < scale.min or high > scale.max):
                self.problem(
                    where,
                    f"{_num(low)}..{_num(high)} lies outside the scale {scale.min}..{scale.max}",
                )
                continue
            found.append(Band(subscale, low, high, text, name))
        if scale is not None:
            for subscale in sorted(known):
                self.coverage(subscale, [b for b in found if b.subscale == subscale], scale)
        return found

    def coverage(self, subscale: str, bands: list[Band], scale: Scale) -> None:
        """The bands of one subscale must cover the scale once: no gaps, no overlaps."""
        where = f"bands for '{subscale}'"
        if not bands:
            self.problem(where, "none: every subscale needs bands covering its scale")
            return
        bands = sorted(bands, key=lambda band: (band.min, band.max))
        if bands[0].min > scale.min:
            self.problem(where, f"leave a gap from {scale.min} to {_num(bands[0].min)}")
        for before, after in pairwise(bands):
            if after.min > before.max:
                self.problem(where, f"leave a gap from {_num(before.max)} to {_num(after.min)}")
            elif after.min < before.max:
                self.problem(
                    where,
                    f"overlap: {_num(before.min)}..{_num(before.max)} and "
                    f"{_num(after.min)}..{_num(after.max)}",
                )
        top = max(band.max for band in bands)
        if top < scale.max:
            self.problem(where, f"leave a gap from {_num(top)} to {scale.max}")

    def regions(self, table: Any, scale: Scale | None, subscales: list[Subscale]) -> Regions | None:
        if table is None:
            return None
        if not isinstance(table, dict):
            self.problem("regions", "must be a table ([regions])")
            return None
        self.unknown(table, {"cutoff", *REGION_KEYS}, "regions")
        keys = {s.key for s in subscales}
        for needed in (ANXIETY, AVOIDANCE):
            if needed not in keys:
                self.problem("regions", f"the plane needs a subscale with key '{needed}'")
        cutoff = self.number(table.get("cutoff"), "regions.cutoff")
        if cutoff is not None and scale is not None and not scale.min < cutoff < scale.max:
            self.problem(
                "regions.cutoff",
                f"{_num(cutoff)} must lie inside the scale {scale.min}..{scale.max}",
            )
        found: dict[str, Region] = {}
        for key in REGION_KEYS:
            where = f"regions.{key}"
            entry = table.get(key)
            if not isinstance(entry, dict):
                self.problem(where, "missing")
                continue
            self.unknown(entry, REGION_FIELDS, where)
            name = self.text(entry.get("name"), f"{where}.name")
            short = self.text(entry.get("short"), f"{where}.short", required=False)
            about = self.text(entry.get("about"), f"{where}.about")
            if name and about:
                found[key] = Region(key, name, short or name, about)
        if cutoff is None or len(found) != len(REGION_KEYS):
            return None
        return Regions(cutoff, found)


def _num(value: Fraction) -> str:
    """A band limit as written: 3 or 3.5, never 7/2."""
    if value.denominator == 1:
        return str(value.numerator)
    return f"{float(value):g}"
