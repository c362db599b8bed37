from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone, translation

from haven.couples.selectors import current_partner
from haven.moments import content, vocab
from haven.moments.models import Moment
from haven.needs import feltsense
from haven.needs.catalogue import language_of
from haven.safety.selectors import individual_path


def language() -> str:
    return language_of(translation.get_language())


def base_context(request: HttpRequest) -> dict[str, Any]:
    """The partner (if any), and whether to leave out everything done together."""
    return {
        "partner": current_partner(request.user),
        "individual_path": individual_path(request.user),
    }


def _labels(keys: list[str], lookup, lang: str) -> list[str]:
    terms = (lookup(key, lang) for key in keys or [])
    return [term.label for term in terms if term is not None]


def row(moment: Moment, lang: str) -> dict[str, Any]:
    """A moment with its keys turned into words, for the templates."""
    topic = content.topic(moment.topic, lang) if moment.topic else None
    ending = content.ending(moment.ending, lang) if moment.ending else None
    return {
        "moment": moment,
        "topic": topic.label if topic else "",
        "ending": ending,
        "my_moves": vocab.move_labels(moment.my_moves, lang),
        "partner_moves": vocab.move_labels(moment.partner_moves, lang),
        "sensations": _labels(moment.sensations, feltsense.sensation, lang),
        "emotions": _labels(moment.emotions, feltsense.emotion, lang),
    }


def list_rows(moments: list[Moment], lang: str) -> list[dict[str, Any]]:
    """Moments in a list: each one's link, date and topic (see selectors.LISTED_FIELDS).

    The links and dates are made here, as the template's url tag and date
    filter would make them, at a fraction of the cost for a long list: one
    reverse() with a marker pk, filled in for every moment.
    """
    marker = 9_876_543_210
    head, _marker, tail = reverse("moments:detail", args=[marker]).partition(str(marker))
    rows = []
    for moment in moments:
        topic = content.topic(moment.topic, lang) if moment.topic else None
        when = timezone.template_localtime(moment.happened_at)
        rows.append(
            {
                "moment": moment,
                "topic": topic.label if topic else "",
                "url": f"{head}{int(moment.pk)}{tail}",
                "date": formats.date_format(when, "DATE_FORMAT"),
            }
        )
    return rows


def cycle_url() -> str:
    """Where the cycle map lives, or "" while it is not installed."""
    for name in ("cycle:map", "cycle:index", "cycle:overview"):
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return ""
