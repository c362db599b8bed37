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
    parts = [
        ngettext(
            "You logged %(n)d rocky moment; %(r)d of them repaired.",
            "You logged %(n)d rocky moments; %(r)d of them repaired.",
            figures.moments,
        )
        % {"n": figures.moments, "r": figures.repaired}
    ]
    if figures.median is not None:
        parts.append(
            _("Repair took %(time)s, counted from the moment (the middle value).")
            % {"time": duration_text(figures.median)}
        )
    return " ".join(parts)
