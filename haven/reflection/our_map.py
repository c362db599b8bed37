""" "What each of us brought": the map of one person, or of a couple side by side."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from haven.accounts.models import display_name
from haven.couples.selectors import current_partner
from haven.reflection import content, plane, results, selectors
from haven.reflection.content import Pair, Prompt
from haven.reflection.engine.model import current_language
from haven.reflection.models import HistoryAnswer
from haven.reflection.results import Summary
from haven.safety.selectors import individual_path


@dataclass(frozen=True)
class MapNeed:
    need: Any
    sentence: str


@dataclass(frozen=True)
class SharedAnswer:
    prompt: Prompt
    answer: HistoryAnswer


@dataclass
class Column:
    """What one person brought, as far as the viewer may see it."""

    person: Any
    name: str
    is_viewer: bool
    needs: list[MapNeed] = field(default_factory=list)
    style: Summary | None = None
    spots: list[Any] = field(default_factory=list)
    history: list[SharedAnswer] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.needs or self.style or self.spots or self.history)


@dataclass
class OurMap:
    columns: list[Column]
    couple: bool
    individual: bool
    pair: Pair | None = None
    solo_text: Any = None
    plane: plane.Plane | None = None


def _needs(viewer, owner) -> list[MapNeed]:
    from haven.needs.selectors import shared_needs_for

    language = current_language()
    return [
        MapNeed(need, need.display_sentence(language)) for need in shared_needs_for(viewer, owner)
    ]


def _history(viewer, owner) -> list[SharedAnswer]:
    texts = content.history()
    found = []
    for answer in selectors.history_for(viewer, owner):
        section = texts.section(answer.section)
        prompt = section.prompt(answer.prompt) if section else None
        if prompt is not None and answer.text.strip():
            found.append(SharedAnswer(prompt, answer))
    return found


def _column(viewer, person, *, solo: bool) -> Column:
    style = selectors.latest_style(viewer, person, fallback=solo)
    return Column(
        person=person,
        name=_("You") if person.pk == viewer.pk else display_name(person),
        is_viewer=person.pk == viewer.pk,
        needs=_needs(viewer, person),
        style=results.summarise(style) if style is not None else None,
        spots=list(selectors.spots_for(viewer, person)),
        history=_history(viewer, person),
    )


def build(viewer) -> OurMap:
    """The map for `viewer`: with their partner's side if linked and not on the individual path.

    On the individual path Haven suggests nothing joint, so the page is the
    solo version about the person themselves.
    """
    individual = individual_path(viewer)
    partner = None if individual else current_partner(viewer)
    texts = content.map_texts()
    if partner is None:
        column = _column(viewer, viewer, solo=True)
        result = OurMap([column], couple=False, individual=individual)
        if column.style is not None and column.style.region is not None:
            result.solo_text = texts.solo[column.style.region.key]
            result.plane = _plane([column])
        return result
    mine, theirs = _column(viewer, viewer, solo=False), _column(viewer, partner, solo=False)
    result = OurMap([mine, theirs], couple=True, individual=False)
    if mine.style and theirs.style and mine.style.region and theirs.style.region:
        result.pair = texts.pair(mine.style.region.key, theirs.style.region.key)
        if mine.style.instrument.key == theirs.style.instrument.key:
            result.plane = _plane([mine, theirs])
    return result


def _plane(columns: list[Column]) -> plane.Plane:
    """The latest style of each column on one plane (all from the same instrument)."""
    instrument = columns[0].style.instrument  # type: ignore[union-attr]
    people = [
        plane.series(
            instrument,
            "me" if column.is_viewer else "partner",
            column.name,
            [column.style.response],  # type: ignore[union-attr]
        )
        for column in columns
    ]
    return plane.build(instrument, people)
