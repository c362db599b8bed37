"""The repair figures in words: "You logged 4 rocky moments and repaired 3 ..."."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from haven.moments.selectors import RepairFigures


def duration_text(span: dt.timedelta) -> str:
    """A rough, readable length of time: minutes, hours or days."""
    minutes = int(span.total_seconds() // 60)
    if minutes < 60:
        return ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}
    hours = round(minutes / 60)
    if hours < 48:
        return ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours}
    days = round(hours / 24)
    return ngettext("%(n)d day", "%(n)d days", days) % {"n": days}


def figures_text(figures: RepairFigures) -> str:
    if not figures.moments:
        return _("You have not logged a rocky moment yet.")
    # Two sentences, each with its own plural: "1 of them is repaired" needs
    # the count of repaired moments, not of all moments, to choose its form.
    logged = ngettext(
        "You logged %(n)d rocky moment.", "You logged %(n)d rocky moments.", figures.moments
    ) % {"n": figures.moments}
    if figures.repaired:
        repaired = ngettext(
            "%(r)d of them is repaired.", "%(r)d of them are repaired.", figures.repaired
        ) % {"r": figures.repaired}
    else:
        repaired = _("None of them is repaired yet.")
    parts = [logged, repaired]
    if figures.median is not None:
        parts.append(
            _("Repair took %(time)s, counted from the moment (the middle value).")
            % {"time": duration_text(figures.median)}
        )
    return " ".join(parts)
