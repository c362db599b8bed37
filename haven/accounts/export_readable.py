"""The readable export page: what a person wrote, grouped by area, in their words.

The JSON export (haven.accounts.export) is complete and machine-readable; this
is the same data for a human: areas in the order a person meets Haven, labels
in the page's language, words from the vocabularies instead of their keys,
dates in the person's language and time zone, and whether each item is
private or shared. No database ids, hashes, revision numbers or bookkeeping.

Every area (haven.accounts.export_areas) names the models it describes. Any
model with an `author` that no area describes still appears, field by field,
under "Everything else", so a new kind of content is never left out. Only rows
whose author is the person are read: nothing the partner wrote ever appears,
not even what they shared (an answer to the partner's need shows the answer,
never the need).
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils import formats, timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

# --- what the template gets -------------------------------------------------------


@dataclass(frozen=True)
class Line:
    label: str
    text: str = ""
    words: tuple[str, ...] = ()  # ticked words, shown as a list
    answers: tuple[tuple[str, str], ...] = ()  # (question, answer chosen)


@dataclass
class Entry:
    title: str
    when: str = ""
    visibility: str = ""  # "Only me" / "Shared with my partner"; empty for settings
    lines: list[Line] = field(default_factory=list)
    note: str = ""


@dataclass
class Group:
    title: str
    models: tuple[str, ...]  # labels of the models whose rows this group shows
    entries: list[Entry] = field(default_factory=list)
    intro: str = ""


@dataclass
class Area:
    key: str
    title: str
    groups: list[Group]
    note: str = ""

    @property
    def filled(self) -> list[Group]:
        return [group for group in self.groups if group.entries]


@dataclass
class Page:
    name: str
    made_on: str
    zone: str  # the time zone every date on the page is written in
    areas: list[Area]


# --- formatting -------------------------------------------------------------------


def when(value: Any) -> str:
    """A date or time as the page's language writes it, in the person's time zone."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return formats.date_format(value, "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "DATE_FORMAT")
    if isinstance(value, datetime.time):
        return formats.time_format(value, "TIME_FORMAT")
    return str(value)


def yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def label_of(model: type[models.Model], name: str) -> str:
    return capfirst(str(model._meta.get_field(name).verbose_name))


def text(label: str, value: Any) -> Line | None:
    value = "" if value is None else str(value).strip()
    return Line(label, text=value) if value else None


def words(label: str, values: Iterable[str]) -> Line | None:
    found = tuple(str(v) for v in values if str(v).strip())
    return Line(label, words=found) if found else None


def answered(label: str, pairs: Iterable[tuple[str, str]]) -> Line | None:
    found = tuple((str(question), str(answer)) for question, answer in pairs)
    return Line(label, answers=found) if found else None


def field_text(obj: models.Model, name: str) -> Line | None:
    return text(label_of(type(obj), name), getattr(obj, name))


def entry(obj: models.Model, title: str, lines: Iterable[Line | None], **extra: Any) -> Entry:
    """One item: its lines without the empty ones, its visibility in words."""
    shown = getattr(obj, "get_visibility_display", None)
    return Entry(
        title=title,
        visibility=str(shown()) if shown else "",
        lines=[line for line in lines if line is not None],
        **extra,
    )


def looked_up(keys: Iterable[Any], find: Callable[[str], Any]) -> list[str]:
    """Labels for vocabulary keys; a key the vocabulary no longer knows is shown as it is."""
    found = []
    for key in keys or []:
        term = find(str(key))
        found.append(getattr(term, "label", None) or str(key))
    return found


# --- the person and their rows ----------------------------------------------------


@dataclass
class Reader:
    user: Any
    language: str

    def own(self, model: type[models.Model], *order: str) -> models.QuerySet:
        return model._default_manager.filter(author=self.user).order_by(*order, "pk")


def _zone_of(user) -> datetime.tzinfo:
    """The zone the person picked for reminders; otherwise the site's."""
    from haven.checkins.models import Reminder

    name = Reminder.objects.filter(author=user).values_list("timezone", flat=True).first()
    try:
        return zoneinfo.ZoneInfo(name) if name else timezone.get_current_timezone()
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return timezone.get_current_timezone()


def page_for(user) -> Page:
    """Every area of the page, in order, with the person's own items only."""
    from haven.accounts.export import authored_models
    from haven.accounts.export_areas import AREAS
    from haven.accounts.models import display_name

    reader = Reader(user, translation.get_language() or "en")
    zone = _zone_of(user)
    with timezone.override(zone):
        areas = [
            Area(
                key=spec.key,
                title=spec.title(),
                groups=[build(reader) for build in spec.builders],
                note=spec.note() if spec.note else "",
            )
            for spec in AREAS
        ]
        described = {label for area in areas for group in area.groups for label in group.models}
        rest = [m for m in authored_models() if m._meta.label not in described]
        if rest:
            areas.append(Area("other", _("Everything else"), [_generic(reader, m) for m in rest]))
        made_on = when(timezone.now())
        return Page(name=display_name(user), made_on=made_on, zone=str(zone), areas=areas)


def _generic(reader: Reader, model: type[models.Model]) -> Group:
    """A model no area describes: each field that holds something, under its own label."""
    from haven.accounts.export import SKIPPED_FIELDS

    entries = []
    for obj in reader.own(model, "pk"):
        lines = []
        for f in obj._meta.concrete_fields:
            skipped = f.name in SKIPPED_FIELDS | {"visibility", "created_at", "updated_at"}
            if skipped or f.name.endswith("_hash") or f.is_relation:
                continue
            if isinstance(f, models.UUIDField):
                continue
            lines.append(_generic_line(obj, f))
        title = capfirst(str(model._meta.verbose_name))
        made = getattr(obj, "created_at", None)
        entries.append(entry(obj, title, lines, when=when(made)))
    return Group(capfirst(str(model._meta.verbose_name_plural)), (model._meta.label,), entries)


def _generic_line(obj: models.Model, f: models.Field) -> Line | None:
    value = f.value_from_object(obj)
    label = capfirst(str(f.verbose_name))
    if value is None or value == "" or value == [] or value == {}:
        return None
    if f.choices:
        return text(label, getattr(obj, f"get_{f.name}_display")())
    if isinstance(value, bool):
        return text(label, yes_no(value))
    if isinstance(value, datetime.date | datetime.time):
        return text(label, when(value))
    if isinstance(value, dict):
        return words(label, (f"{key}: {item}" for key, item in value.items()))
    if isinstance(value, list | tuple):
        return words(label, (str(item) for item in value))
    return text(label, value)
