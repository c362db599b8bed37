"""Small helpers for the moments tests."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from haven.moments import services
from haven.moments.models import Moment


def log(author, *, days_ago: float = 1, shared: bool = False, text: str = "", **choices) -> Moment:
    moment = services.log_moment(
        author=author,
        happened_at=timezone.now() - dt.timedelta(days=days_ago),
        what_happened=text or "We argued about the dishes.",
        intensity=choices.pop("intensity", 6),
        topic=choices.pop("topic", "chores"),
        **choices,
    )
    if shared:
        services.set_visibility(item=moment, shared=True)
    return moment


def linked(a, b, *, accept: bool = True):
    """A's and B's shared views of one moment, linked (B accepted) unless accept=False."""
    mine, theirs = log(a, shared=True), log(b, shared=True)
    link = services.propose_link(author=a, moment=mine, other=theirs)
    if accept:
        services.accept_link(user=b, link=link)
    return mine, theirs, link
