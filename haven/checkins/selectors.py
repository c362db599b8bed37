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

from haven.checkins.models import CheckIn, CheckInDetails, MonthlyMeasure
from haven.core import policy
from haven.core.models import Visibility
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


def own_days(
    user, start: datetime.date | None = None, end: datetime.date | None = None
) -> list[Day]:
    """The viewer's own check-ins (one query, no decryption), oldest first."""
    rows = policy.visible(user, CheckIn).filter(author_id=user.pk)
    if start is not None:
        rows = rows.filter(day__gte=start)
    if end is not None:
        rows = rows.filter(day__lte=end)
    shared = Visibility.SHARED.value
    return [
        Day(pk, day, percent, visibility == shared)
        for pk, day, percent, visibility in rows.order_by("day").values_list(
            "pk", "day", "percent", "visibility"
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


def own_and_partner_days(
    viewer, start: datetime.date | None = None, end: datetime.date | None = None
) -> tuple[list[Day], list[tuple[datetime.date, int]]]:
    """own_days() and partner_days() together, in one query, oldest first."""
    pid = policy.partner_id(viewer)
    authors = [viewer.pk] if pid is None else [viewer.pk, pid]
    rows = policy.visible(viewer, CheckIn).filter(author_id__in=authors)
    if start is not None:
        rows = rows.filter(day__gte=start)
    if end is not None:
        rows = rows.filter(day__lte=end)
    shared = Visibility.SHARED.value
    own: list[Day] = []
    theirs: list[tuple[datetime.date, int]] = []
    for author, pk, day, percent, visibility in rows.order_by("day").values_list(
        "author_id", "pk", "day", "percent", "visibility"
    ):
        if author == viewer.pk:
            own.append(Day(pk, day, percent, visibility == shared))
        else:
            theirs.append((day, percent))
    return own, theirs


def first_day(user) -> datetime.date | None:
    return (
        policy.visible(user, CheckIn)
        .filter(author_id=user.pk)
        .order_by("day")
        .values_list("day", flat=True)
        .first()
    )


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


def measures(user) -> list[MeasureScore]:
    """The viewer's own monthly reflections, oldest first (one query).

    Only the scores are read (and decrypted): the answers and the note stay
    in the database, which keeps the page fast however many months there are.
    """
    rows = policy.visible(user, MonthlyMeasure).filter(author_id=user.pk).order_by("month")
    return [MeasureScore(*row) for row in rows.values_list("pk", "month", "instrument", "scores")]


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
    measure_due = (
        ever
        and not policy.visible(user, MonthlyMeasure)
        .filter(author_id=user.pk, month=today.replace(day=1))
        .exists()
    )
    return Week(
        count=len(this),
        mean=sum(this) / len(this) if this else None,
        previous_mean=sum(before) / len(before) if before else None,
        checked_in_today=any(d.day == today for d in days),
        ever=ever,
        measure_due=measure_due,
    )
