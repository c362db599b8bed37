"""Changing moments, links, repairs and pauses. Views stay thin and call these.

Every moment, repair and pause is created private. A link proposal is the one
thing sent on purpose, and it only joins two views both authors already share.
Nothing here ever writes to the partner: no e-mail, no notification.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import formats, timezone

from haven.core import policy, sharing
from haven.core.models import ContentItem, Visibility
from haven.core.policy import Action
from haven.moments import content
from haven.moments.models import MIN_PAUSE_MINUTES, Moment, MomentLink, Pause, Repair
from haven.moments.vocab import move_keys
from haven.needs import feltsense

MAX_PAUSE = dt.timedelta(hours=24)
REPAIR_FIELDS = (*content.STEP_KEYS, "reflect_back")


class LinkRefused(Exception):
    """The two views cannot be linked; `reason` says why in a few words (for tests)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class PauseTooShort(ValueError):
    """The chosen return time is less than 20 minutes away (or more than a day)."""


def _known(chosen: Iterable[str], allowed: frozenset[str]) -> list[str]:
    return [key for key in dict.fromkeys(chosen) if key in allowed]


def clean_choices(
    *,
    topic: str = "",
    ending: str = "",
    my_moves: Iterable[str] = (),
    partner_moves: Iterable[str] = (),
    sensations: Iterable[str] = (),
    emotions: Iterable[str] = (),
) -> dict:
    """Keys from the vocabularies only; anything unknown is dropped."""
    moves = move_keys()
    return {
        "topic": topic if topic in content.topic_keys() else "",
        "ending": ending if ending in content.ending_keys() else "",
        "my_moves": _known(my_moves, moves),
        "partner_moves": _known(partner_moves, moves),
        "sensations": _known(sensations, feltsense.sensation_keys()),
        "emotions": _known(emotions, feltsense.emotion_keys()),
    }


@transaction.atomic
def log_moment(
    *,
    author,
    happened_at: dt.datetime,
    what_happened: str = "",
    intensity: int = 5,
    **choices: Iterable[str] | str,
) -> Moment:
    """A new rocky moment, private to its author."""
    return Moment.objects.create(
        author=author,
        happened_at=happened_at,
        what_happened=what_happened.strip(),
        intensity=min(10, max(1, int(intensity))),
        **clean_choices(**choices),  # type: ignore[arg-type]
    )


@transaction.atomic
def set_visibility(*, item: ContentItem, shared: bool) -> ContentItem:
    sharing.set_shared(item, shared)
    item.save(update_fields=["visibility", "updated_at"])
    return item


@transaction.atomic
def delete_moment(*, moment: Moment) -> None:
    """The moment goes, with its repairs and any link to or from it."""
    moment.delete()


# --- linking two views ------------------------------------------------------


def links_of(moment: Moment):
    """Every link (proposed or active) that involves `moment`, whoever made it."""
    return MomentLink.objects.filter(Q(moment=moment) | Q(other=moment))


@transaction.atomic
def propose_link(*, author, moment: Moment, other: Moment) -> MomentLink:
    """Ask the partner to link their shared view with the author's own shared view."""
    if not policy.can(author, moment, Action.SHARE):
        raise PermissionDenied
    partner = policy.partner_id(author)
    couple = policy.couple_id(author)
    if partner is None or couple is None or other.author_id != partner:
        raise LinkRefused("not your partner's moment")
    if not policy.can(author, other, Action.VIEW):
        raise LinkRefused("your partner does not share this view")
    if not moment.is_shared:
        raise LinkRefused("share your own view first")
    if links_of(moment).exists() or links_of(other).exists():
        raise LinkRefused("one of the views is already linked")
    try:
        with transaction.atomic():
            # Asking is sharing: the proposal reaches the partner at once.
            return MomentLink.objects.create(
                author=author,
                couple_id=couple,
                moment=moment,
                other=other,
                visibility=Visibility.SHARED,
            )
    except IntegrityError:
        raise LinkRefused("one of the views is already linked") from None


@transaction.atomic
def accept_link(*, user, link: MomentLink) -> MomentLink:
    """The partner agrees: from now on both pages show the other view (while shared)."""
    if not policy.can(user, link, Action.ANSWER):
        raise PermissionDenied
    if link.accepted_at is None:
        link.accepted_at = timezone.now()
        link.save(update_fields=["accepted_at", "updated_at"])
    return link


@transaction.atomic
def undo_link(*, user, link: MomentLink) -> None:
    """Either of the two can decline a proposal or undo a link, alone."""
    if not (policy.can(user, link, Action.DELETE) or policy.can(user, link, Action.ANSWER)):
        raise PermissionDenied
    link.delete()


# --- repair -------------------------------------------------------------------


@transaction.atomic
def start_repair(*, author, moment: Moment, mode: str) -> Repair:
    """The author's repair of their own moment; the one they started, if any."""
    if not policy.can(author, moment, Action.CHANGE):
        raise PermissionDenied
    repair, created = Repair.objects.get_or_create(
        moment=moment, author=author, defaults={"mode": mode}
    )
    if not created and repair.mode != mode and not repair.is_finished:
        repair.mode = mode
        repair.save(update_fields=["mode", "updated_at"])
    return repair


@transaction.atomic
def finish_repair(*, repair: Repair) -> Repair:
    """Finishing marks the moment repaired (the first finish counts for the figures)."""
    now = timezone.now()
    if repair.finished_at is None:
        repair.finished_at = now
        repair.save(update_fields=["finished_at", "updated_at"])
    moment = Moment.objects.select_for_update().get(pk=repair.moment_id)
    if moment.repaired_at is None:
        moment.repaired_at = now
        moment.save(update_fields=["repaired_at", "updated_at"])
    return repair


# --- the pause ----------------------------------------------------------------


def earliest_return(now: dt.datetime | None = None) -> dt.datetime:
    return (now or timezone.now()) + dt.timedelta(minutes=MIN_PAUSE_MINUTES)


def next_time_at(clock: dt.time, now: dt.datetime | None = None) -> dt.datetime:
    """The next moment the local clock shows `clock`: today, or tomorrow if that has passed."""
    now = timezone.localtime(now or timezone.now())
    candidate = now.replace(hour=clock.hour, minute=clock.minute, second=0, microsecond=0)
    if candidate <= now:
        candidate += dt.timedelta(days=1)
    return candidate


def time_text(moment: dt.datetime, now: dt.datetime | None = None) -> str:
    """ "14:35" today, "09:00, 4 March" on another day, in the active language."""
    local = timezone.localtime(moment)
    today = timezone.localtime(now or timezone.now()).date()
    clock = formats.time_format(local, "H:i")
    if local.date() == today:
        return clock
    return f"{clock}, {formats.date_format(local, 'MONTH_DAY_FORMAT')}"


def pause_return(
    *, minutes: int | None = None, at: dt.time | None = None, now: dt.datetime | None = None
) -> dt.datetime:
    """When to come back: in `minutes`, or at the next `at` on the clock.

    Raises PauseTooShort for less than 20 minutes away or more than a day.
    """
    now = now or timezone.now()
    if at is not None:
        return_at = next_time_at(at, now)
    elif minutes is not None:
        return_at = now + dt.timedelta(minutes=minutes)
    else:
        return_at = earliest_return(now)
    if return_at < earliest_return(now):
        raise PauseTooShort("at least 20 minutes")
    if return_at > now + MAX_PAUSE:
        raise PauseTooShort("at most a day")
    return return_at


@transaction.atomic
def start_pause(
    *,
    author,
    message_key: str,
    language: str,
    minutes: int | None = None,
    at: dt.time | None = None,
) -> Pause:
    """A private pause; the return message is only shown to the author, never sent."""
    now = timezone.now()
    return_at = pause_return(minutes=minutes, at=at, now=now)
    found = content.message(message_key, language) or content.messages(language)[0]
    return Pause.objects.create(
        author=author,
        started_at=now,
        return_at=return_at,
        message=found.filled(time_text(return_at, now)),
    )


@transaction.atomic
def end_pause(*, pause: Pause) -> Pause:
    if not pause.done:
        pause.done = True
        pause.save(update_fields=["done", "updated_at"])
    return pause
