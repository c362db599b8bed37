"""Writing check-ins and monthly measures. Views stay thin and call these.

Everything is created private. Sharing is its own step (`set_shared`), and
it can only ever share the day's percentage: the details are another model
that refuses to be shared.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from haven.checkins.models import CheckIn, CheckInDetails, MonthlyMeasure, Reach, Turn
from haven.core import policy, sharing
from haven.core.editing import EditConflict, save_checked
from haven.core.policy import Action
from haven.needs import feltsense
from haven.needs.models import Need
from haven.reflection import engine
from haven.reflection.engine import Instrument


def today() -> datetime.date:
    """The day a check-in made now belongs to (the server's time zone)."""
    return timezone.localdate()


def first_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


@dataclass(frozen=True)
class Entry:
    """What a person notes in one check-in."""

    percent: int
    sensations: Iterable[str] = ()
    emotions: Iterable[str] = ()
    needs_met: Iterable[int] = ()
    reached: str = ""
    turned: str = ""
    note: str = ""


def _known(chosen: Iterable[str], allowed: frozenset[str]) -> list[str]:
    return [key for key in dict.fromkeys(chosen) if key in allowed]


def _own_need_ids(author) -> set[int]:
    return set(
        policy.visible(author, Need, Action.CHANGE)
        .filter(author_id=author.pk)
        .values_list("pk", flat=True)
    )


def _clean(author, entry: Entry) -> dict:
    if not 0 <= int(entry.percent) <= 100:
        raise ValueError("percent must lie between 0 and 100")
    own = _own_need_ids(author)
    return {
        "sensations": _known(entry.sensations, feltsense.sensation_keys()),
        "emotions": _known(entry.emotions, feltsense.emotion_keys()),
        "needs_met": [pk for pk in dict.fromkeys(int(pk) for pk in entry.needs_met) if pk in own],
        "reached": entry.reached if entry.reached in Reach.values else "",
        "turned": entry.turned if entry.turned in Turn.values else "",
        "note": " ".join(entry.note.split())[:300],
    }


@transaction.atomic
def save_checkin(
    *, author, entry: Entry, day: datetime.date | None = None, expected_revision: int | None = None
) -> CheckIn:
    """Create today's check-in (private), or change it if the person already checked in.

    Changing needs the revision the form started from: if the check-in was
    saved elsewhere since, EditConflict carries the saved one. A second tab
    creating the same day at the same moment gets the same conflict.
    """
    day = day or today()
    fields = _clean(author, entry)
    existing = (
        policy.visible(author, CheckIn, Action.CHANGE).filter(author_id=author.pk, day=day).first()
    )
    if existing is None:
        try:
            with transaction.atomic():
                checkin = CheckIn.objects.create(author=author, day=day, percent=entry.percent)
                CheckInDetails.objects.create(author=author, checkin=checkin, **fields)
        except IntegrityError:
            raise EditConflict(CheckIn.objects.get(author=author, day=day)) from None
        return checkin
    if expected_revision is None:
        raise EditConflict(existing)
    existing.percent = entry.percent
    save_checked(existing, expected_revision, ["percent"])
    details = CheckInDetails.objects.select_for_update().get(checkin=existing)
    for name, value in fields.items():
        setattr(details, name, value)
    details.revision = existing.revision
    details.save()
    return existing


@transaction.atomic
def set_shared(*, checkin: CheckIn, shared: bool) -> CheckIn:
    """Share or stop sharing this day's percentage (and nothing else) with the partner."""
    sharing.set_shared(checkin, shared)
    checkin.save(update_fields=["visibility", "updated_at"])
    return checkin


@transaction.atomic
def delete_checkin(*, checkin: CheckIn) -> None:
    """Delete the day's check-in with its details."""
    checkin.delete()


# --- the monthly measure --------------------------------------------------------


@transaction.atomic
def save_measure(
    *,
    author,
    instrument: Instrument,
    answers: Mapping[str, int],
    note: str = "",
    month: datetime.date | None = None,
    expected_revision: int | None = None,
) -> MonthlyMeasure:
    """Score this month's reflection and keep it (private); a second time this month
    replaces the answers, checked against the revision the form started from."""
    month = first_of_month(month or today())
    clean = {key: engine.check_answer(instrument, key, value) for key, value in answers.items()}
    note = " ".join(note.split())[:300]
    scores = engine.score(instrument, clean).as_data()
    existing = (
        policy.visible(author, MonthlyMeasure, Action.CHANGE)
        .filter(author_id=author.pk, month=month)
        .first()
    )
    if existing is None:
        try:
            with transaction.atomic():
                return MonthlyMeasure.objects.create(
                    author=author,
                    month=month,
                    instrument=instrument.key,
                    instrument_version=instrument.version,
                    answers=clean,
                    scores=scores,
                    note=note,
                )
        except IntegrityError:
            raise EditConflict(MonthlyMeasure.objects.get(author=author, month=month)) from None
    if expected_revision is None:
        raise EditConflict(existing)
    existing.instrument = instrument.key
    existing.instrument_version = instrument.version
    existing.answers = clean
    existing.scores = scores
    existing.note = note
    fields = ["instrument", "instrument_version", "answers", "scores", "note"]
    save_checked(existing, expected_revision, fields)
    return existing
