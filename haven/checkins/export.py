"""One's own check-ins as rows for a CSV file: a person's own data, nothing of the partner's."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext as _

from haven.checkins.models import CheckIn, CheckInDetails, Reach, Turn
from haven.core import policy
from haven.core.policy import Action
from haven.needs import feltsense
from haven.needs.selectors import shared_needs_for

# Spreadsheets run a cell that starts with one of these as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> str:
    """A value safe to open in a spreadsheet: text that could run as a formula is quoted."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def rows(user, language: str) -> Iterator[list[str]]:
    """A header, then one row per check-in of `user`, oldest first (two queries)."""
    yield [
        _("date"),
        _("felt good (%)"),
        _("shared with partner"),
        _("body"),
        _("feelings"),
        _("needs that felt met"),
        _("noticed a reach"),
        _("turned towards it"),
        _("note"),
    ]
    checkins = policy.visible(user, CheckIn, Action.CHANGE).filter(author_id=user.pk)
    details = {
        item.pk: item
        for item in policy.visible(user, CheckInDetails, Action.CHANGE).filter(author_id=user.pk)
    }
    needs = {need.pk: need.fragment(language) for need in shared_needs_for(user, user)}
    for checkin in checkins.order_by("day"):
        extra = details.get(checkin.pk)
        sensations = (feltsense.sensation(key, language) for key in _list(extra, "sensations"))
        emotions = (feltsense.emotion(key, language) for key in _list(extra, "emotions"))
        reached = getattr(extra, "reached", "")
        turned = getattr(extra, "turned", "")
        yield [
            checkin.day.isoformat(),
            str(checkin.percent),
            _("yes") if checkin.is_shared else _("no"),
            cell("; ".join(term.label for term in sensations if term is not None)),
            cell("; ".join(term.label for term in emotions if term is not None)),
            cell("; ".join(needs[pk] for pk in _list(extra, "needs_met") if pk in needs)),
            str(Reach(reached).label) if reached in Reach.values else "",
            str(Turn(turned).label) if turned in Turn.values else "",
            cell(getattr(extra, "note", "")),
        ]


def _list(details: CheckInDetails | None, name: str) -> list:
    return list(getattr(details, name, None) or [])
