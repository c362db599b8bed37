"""Read-only questions about moments, always answered through haven.core.policy."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import DateTimeField, Q
from django.utils import timezone

from haven.checkins.trend import week_start
from haven.core import policy
from haven.core.policy import Action
from haven.core.prepared import RowCount, Slot
from haven.moments.models import Moment, MomentLink, Pause, Repair

CANDIDATES = 20  # the partner's shared moments offered for linking, nearest in time first


# What a list of moments shows: the date, the topic, repaired or not, shared or not.
LISTED_FIELDS = ("id", "author_id", "visibility", "happened_at", "topic", "repaired_at")
UNLISTED_FIELDS = (
    "what_happened",
    "my_moves",
    "partner_moves",
    "ending",
    "sensations",
    "emotions",
)


_LISTED = policy.Visible(Moment, lambda moments, _: moments.only(*LISTED_FIELDS))


def moments_for(viewer) -> tuple[list[Moment], list[Moment]]:
    """(the viewer's own moments, the ones their partner shares with them), newest first.

    For lists: only LISTED_FIELDS are read (and decrypted); the rest of each
    view stays in the database.
    """
    found = _LISTED.objects(viewer)
    me = viewer.pk  # once: `viewer` is often the request's lazy user
    return (
        [m for m in found if m.author_id == me],
        [m for m in found if m.author_id != me],
    )


_PROPOSAL_COUNT = policy.Visible(
    MomentLink,
    lambda links, _: links.filter(accepted_at__isnull=True).order_by().values_list(RowCount()),
    Action.ANSWER,
)


def proposal_count(viewer) -> int:
    """How many link proposals wait for the viewer's answer (as proposals_for, counted)."""
    return _PROPOSAL_COUNT.value(viewer) or 0


def proposals_for(viewer) -> list[MomentLink]:
    """Link proposals waiting for the viewer's answer, each with the viewer's own
    moment (`other`) as a list shows it (LISTED_FIELDS; the rest stays unread)."""
    return list(
        policy.visible(viewer, MomentLink, Action.ANSWER)
        .filter(accepted_at__isnull=True)
        .select_related("other")
        .defer(*(f"other__{name}" for name in UNLISTED_FIELDS))
    )


def link_for(viewer, moment: Moment) -> MomentLink | None:
    """The link (proposed or active) of `moment` that the viewer may see, if any."""
    return (
        policy.visible(viewer, MomentLink)
        .filter(Q(moment=moment) | Q(other=moment))
        .select_related("moment", "other")
        .first()
    )


def other_view(viewer, moment: Moment, link: MomentLink | None) -> Moment | None:
    """The other person's view of an actively linked moment, while they share it."""
    if link is None or not link.is_active:
        return None
    other_id = link.other_id if link.moment_id == moment.pk else link.moment_id
    return policy.visible(viewer, Moment).filter(pk=other_id).first()


def link_candidates(viewer, moment: Moment) -> list[Moment]:
    """The partner's shared, unlinked moments, nearest in time to `moment` first."""
    partner = policy.partner_id(viewer)
    if partner is None:
        return []
    linked = MomentLink.objects.filter(Q(moment__author_id=partner) | Q(other__author_id=partner))
    taken = set(linked.values_list("moment_id", flat=True)) | set(
        linked.values_list("other_id", flat=True)
    )
    found = [
        m for m in policy.visible(viewer, Moment).filter(author_id=partner) if m.pk not in taken
    ]
    found.sort(key=lambda m: abs((m.happened_at - moment.happened_at).total_seconds()))
    return found[:CANDIDATES]


def own_repair(viewer, moment: Moment) -> Repair | None:
    return (
        policy.visible(viewer, Repair, Action.CHANGE)
        .filter(moment=moment, author_id=viewer.pk)
        .first()
    )


def partner_repair(viewer, moment: Moment) -> Repair | None:
    """The partner's shared repair of the other view of this (actively linked) moment."""
    link = link_for(viewer, moment)
    if link is None or not link.is_active:
        return None
    other_id = link.other_id if link.moment_id == moment.pk else link.moment_id
    return (
        policy.visible(viewer, Repair)
        .filter(moment_id=other_id)
        .exclude(author_id=viewer.pk)
        .first()
    )


def shared_repairs(viewer, moment: Moment) -> list[Repair]:
    """Repairs of `moment` the viewer may read (their own, or the author's shared one)."""
    return list(policy.visible(viewer, Repair).filter(moment=moment))


# --- figures --------------------------------------------------------------------


@dataclass(frozen=True)
class RepairFigures:
    moments: int
    repaired: int
    median: dt.timedelta | None  # from the moment to its repair

    @property
    def open(self) -> int:
        return self.moments - self.repaired


_OWN_STAMPS = policy.Visible(
    Moment,
    lambda moments, _: moments.filter(author_id=Slot("me")).values_list(
        "happened_at", "repaired_at"
    ),
)


def repair_figures(user, own: list[Moment] | None = None) -> RepairFigures:
    """How many of the user's own moments there are, how many were repaired, and how
    long repair took (the median, so one long-open moment does not dominate).

    `own`: the user's own moments when the caller has read them already (as
    moments_for does), which saves the query.
    """
    if own is not None:
        rows = [(moment.happened_at, moment.repaired_at) for moment in own]
    else:
        rows = _OWN_STAMPS.rows(user)
    waits = [max(repaired - happened, dt.timedelta(0)) for happened, repaired in rows if repaired]
    return RepairFigures(
        moments=len(rows),
        repaired=len(waits),
        median=statistics.median(waits) if waits else None,
    )


_STAMPS_BETWEEN = policy.Visible(
    Moment,
    lambda moments, _: (
        moments.filter(author_id=Slot("me"))
        .filter(
            Q(
                happened_at__gte=Slot("low", DateTimeField()),
                happened_at__lt=Slot("high", DateTimeField()),
            )
            | Q(
                repaired_at__gte=Slot("low", DateTimeField()),
                repaired_at__lt=Slot("high", DateTimeField()),
            )
        )
        .values_list("happened_at", "repaired_at")
    ),
)


def _stamps(viewer, start: dt.date, end: dt.date) -> list[tuple[dt.datetime, dt.datetime | None]]:
    """(happened_at, repaired_at) of the viewer's own moments that happened or were
    repaired between start and end: one query, kept on the viewer for this request so
    that both weekly counters share it."""
    cache = getattr(viewer, "_haven_moment_stamps", None)
    if cache is None:
        cache = {}
        viewer._haven_moment_stamps = cache
    if (start, end) not in cache:
        tz = timezone.get_current_timezone()
        low = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
        high = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
        cache[(start, end)] = _STAMPS_BETWEEN.rows(viewer, low=low, high=high)
    return cache[(start, end)]


def _per_week(stamps: list[dt.datetime | None], start: dt.date, end: dt.date) -> dict:
    days = (timezone.localtime(stamp).date() for stamp in stamps if stamp is not None)
    return dict(Counter(week_start(day) for day in days if start <= day <= end))


def moments_per_week(viewer, start: dt.date, end: dt.date) -> dict[dt.date, int]:
    """Weekly counter "rocky_moments": the viewer's own moments per week."""
    return _per_week([h for h, _ in _stamps(viewer, start, end)], start, end)


def repairs_per_week(viewer, start: dt.date, end: dt.date) -> dict[dt.date, int]:
    """Weekly counter "repairs": the viewer's own moments repaired per week."""
    return _per_week([r for _, r in _stamps(viewer, start, end)], start, end)


# --- the pause --------------------------------------------------------------------


def _pauses(order: tuple[str, ...], lookup: str) -> policy.Visible:
    """The viewer's first pause not yet done, returning before or after now,
    its message unread: the pages only show the time and link to it."""
    return policy.Visible(
        Pause,
        lambda pauses, _: (
            pauses.defer("message")
            .filter(done=False, **{lookup: Slot("now", DateTimeField())})
            .order_by(*order)[:1]
        ),
    )


_DUE_PAUSE = _pauses(("return_at", "pk"), "return_at__lte")
_OPEN_PAUSE = _pauses(("-started_at", "-pk"), "return_at__gt")


def due_pause(user) -> Pause | None:
    """The user's oldest pause whose return time has come and that is not done."""
    return _DUE_PAUSE.first(user, now=timezone.now())


def open_pause(user) -> Pause | None:
    """The user's latest pause that is still running (return time not reached)."""
    return _OPEN_PAUSE.first(user, now=timezone.now())


# --- what is underneath (from the cycle map) ---------------------------------------


def underneath(user, language: str | None = None) -> Any | None:
    """The user's own side of the cycle map (feelings, needs, longing, moves), if drawn."""
    try:
        from haven.cycle.selectors import underneath_for
    except ImportError:  # the cycle map is not installed
        return None
    found = underneath_for(user, language)
    if found is None or getattr(found, "is_empty", False):
        return None
    return found
