"""Read-only questions about check-ins, always answered through haven.core.policy.

What the partner can get is deliberately narrow: `partner_days` returns
(day, percentage) pairs of the days the partner shared, and nothing else. No
function here hands a partner's check-in object (with its timestamps) or any
of its details to anyone but its author.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import NamedTuple

from django.db.models import DateField, Q

from haven.checkins.models import CheckIn, CheckInDetails, MonthlyMeasure
from haven.core import policy
from haven.core.models import Visibility
from haven.core.prepared import Slot
from haven.safety.selectors import individual_path


def partner_of(user):
    """The current partner (with profile), or None; uses the policy's cached lookup."""
    from haven.couples.selectors import current_partner

    return current_partner(user)


def mode_for(user, partner=None) -> str:
    """ "couple" when linked and not on the individual path, else "solo".

    On the individual path (the safety check pointed to danger) the check-in
    asks about the person's relationship with themselves, like a solo user's.
    """
    if individual_path(user):
        return "solo"
    if partner is None:
        partner = policy.partner_id(user)
    return "couple" if partner is not None else "solo"


class Day(NamedTuple):
    """One of the viewer's own check-in days, as the chart and table need it.

    A named tuple, not a dataclass: five years are 1,800 of them per page,
    and a tuple is several times quicker to make.
    """

    pk: int
    day: datetime.date
    percent: int
    shared: bool


def _between(rows, bounds: tuple[bool, bool]):
    """Narrow check-in rows to the "start" and "end" slots that `bounds` names."""
    has_start, has_end = bounds
    if has_start:
        rows = rows.filter(day__gte=Slot("start", DateField()))
    if has_end:
        rows = rows.filter(day__lte=Slot("end", DateField()))
    return rows


def _bounds(start: datetime.date | None, end: datetime.date | None) -> dict:
    return {name: value for name, value in (("start", start), ("end", end)) if value is not None}


_OWN_DAYS = policy.Visible(
    CheckIn,
    lambda rows, bounds: (
        _between(rows.filter(author_id=Slot("me")), bounds)
        .order_by("day")
        .values_list("pk", "day", "percent", "visibility")
    ),
)


def own_days(
    user, start: datetime.date | None = None, end: datetime.date | None = None
) -> list[Day]:
    """The viewer's own check-ins (one query, no decryption), oldest first."""
    shared = Visibility.SHARED.value
    return [
        Day(pk, day, percent, visibility == shared)
        for pk, day, percent, visibility in _OWN_DAYS.rows(
            user, (start is not None, end is not None), **_bounds(start, end)
        )
    ]


def partner_days(
    viewer, start: datetime.date | None = None, end: datetime.date | None = None
) -> list[tuple[datetime.date, int]]:
    """(day, percentage) of each day the current partner shared with `viewer`: nothing more."""
    pid = policy.partner_id(viewer)
    if pid is None:
        return []
    rows = policy.visible(viewer, CheckIn).filter(author_id=pid)
    if start is not None:
        rows = rows.filter(day__gte=start)
    if end is not None:
        rows = rows.filter(day__lte=end)
    return list(rows.order_by("day").values_list("day", "percent"))


_BOTH_DAYS = policy.Visible(
    CheckIn,
    lambda rows, shape: (
        _between(
            rows.filter(
                Q(author_id=Slot("me")) | Q(author_id=Slot("other"))
                if shape[0]
                else Q(author_id=Slot("me"))
            ),
            shape[1],
        )
        .order_by("day")
        .values_list("author_id", "pk", "day", "percent", "visibility")
    ),
)


def own_and_partner_days(
    viewer, start: datetime.date | None = None, end: datetime.date | None = None
) -> tuple[list[Day], list[tuple[datetime.date, int]]]:
    """own_days() and partner_days() together, in one query, oldest first."""
    pid = policy.partner_id(viewer)
    others = {} if pid is None else {"other": pid}
    shape = (pid is not None, (start is not None, end is not None))
    shared = Visibility.SHARED.value
    own: list[Day] = []
    theirs: list[tuple[datetime.date, int]] = []
    me = viewer.pk  # once: `viewer` is often the request's lazy user
    for author, pk, day, percent, visibility in _BOTH_DAYS.rows(
        viewer, shape, **others, **_bounds(start, end)
    ):
        if author == me:
            own.append(Day(pk, day, percent, visibility == shared))
        else:
            theirs.append((day, percent))
    return own, theirs


_FIRST_DAY = policy.Visible(
    CheckIn,
    lambda rows, _: rows.filter(author_id=Slot("me")).order_by("day").values_list("day")[:1],
)


def first_day(user) -> datetime.date | None:
    return _FIRST_DAY.value(user)


def checkin_on(user, day: datetime.date) -> tuple[CheckIn | None, CheckInDetails | None]:
    """The viewer's own check-in of `day` with its details, or (None, None)."""
    checkin = policy.visible(user, CheckIn).filter(author_id=user.pk, day=day).first()
    if checkin is None:
        return None, None
    details = policy.visible(user, CheckInDetails).filter(checkin=checkin).first()
    return checkin, details


@dataclass(frozen=True)
class MeasureScore:
    """One monthly reflection as the progress page needs it: no answers, no note."""

    pk: int
    month: datetime.date
    instrument: str
    scores: dict | None


_MEASURES = policy.Visible(
    MonthlyMeasure,
    lambda rows, _: (
        rows.filter(author_id=Slot("me"))
        .order_by("month")
        .values_list("pk", "month", "instrument", "scores")
    ),
)
_MEASURE_OF = policy.Visible(
    MonthlyMeasure,
    lambda rows, _: (
        rows.filter(author_id=Slot("me"), month=Slot("month", DateField()))
        .order_by()
        .values_list("pk")[:1]
    ),
)


def measures(user) -> list[MeasureScore]:
    """The viewer's own monthly reflections, oldest first (one query).

    Only the scores are read (and decrypted): the answers and the note stay
    in the database, which keeps the page fast however many months there are.
    """
    return [MeasureScore(*row) for row in _MEASURES.rows(user)]


@dataclass(frozen=True)
class Week:
    """The last seven days for the home page, and the seven before for comparison."""

    count: int
    mean: float | None
    previous_mean: float | None
    checked_in_today: bool
    ever: bool
    # This month's reflection is not done yet (offered to people who check in).
    measure_due: bool = False

    @property
    def difference(self) -> float | None:
        if self.mean is None or self.previous_mean is None:
            return None
        return self.mean - self.previous_mean

    @property
    def direction(self) -> str:
        """ "up" or "down" when this week differs from the one before by 5 points or more."""
        difference = self.difference
        if difference is None or abs(difference) < 5:
            return ""
        return "up" if difference > 0 else "down"


def week_summary(user, today: datetime.date) -> Week:
    """This week (today and the six days before) against the week before; three queries."""
    days = own_days(user, start=today - datetime.timedelta(days=13), end=today)
    this = [d.percent for d in days if d.day > today - datetime.timedelta(days=7)]
    before = [d.percent for d in days if d.day <= today - datetime.timedelta(days=7)]
    ever = bool(days) or first_day(user) is not None
    measure_due = ever and not _MEASURE_OF.rows(user, month=today.replace(day=1))
    return Week(
        count=len(this),
        mean=sum(this) / len(this) if this else None,
        previous_mean=sum(before) / len(before) if before else None,
        checked_in_today=any(d.day == today for d in days),
        ever=ever,
        measure_due=measure_due,
    )
