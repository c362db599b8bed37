"""Read-only questions about reflection content, always through the policy.

`viewer` is the person asking; `owner` the person whose content it is. What
comes back is what the policy lets the viewer see: everything for the
author, shared items for the current partner, nothing for anyone else.
"""

from __future__ import annotations

from django.db.models import CharField, QuerySet

from haven.core import policy
from haven.core.prepared import Slot
from haven.reflection import engine
from haven.reflection.models import HistoryAnswer, InstrumentResponse, SensitiveSpot

# The target whose results describe how someone attaches in this relationship.
PARTNER_TARGET = "partner"


def spots_for(viewer, owner) -> QuerySet[SensitiveSpot]:
    """The sensitive spots of `owner` that `viewer` may see (stable ids: pk and uid)."""
    return policy.visible(viewer, SensitiveSpot).filter(author_id=owner.pk)


def history_for(viewer, owner) -> QuerySet[HistoryAnswer]:
    return policy.visible(viewer, HistoryAnswer).filter(author_id=owner.pk)


def drafts(author, section: str) -> dict[str, HistoryAnswer]:
    """The author's own answers in one section, by prompt key."""
    answers = policy.visible(author, HistoryAnswer, policy.Action.CHANGE).filter(
        author_id=author.pk, section=section
    )
    return {answer.prompt: answer for answer in answers}


def responses_for(viewer, owner) -> QuerySet[InstrumentResponse]:
    return policy.visible(viewer, InstrumentResponse).filter(author_id=owner.pk)


def results_for(
    viewer,
    owner,
    *,
    instrument: str | None = None,
    target: str | None = None,
    fields: tuple[str, ...] | None = None,
) -> list[InstrumentResponse]:
    """Completed results of `owner` visible to `viewer`, oldest first (the path).

    `fields`: read only these (and the scores), for a caller that needs no
    more; the answers and the note then stay encrypted in the database.
    """
    values = {"owner": owner.pk}
    if instrument is not None:
        values["instrument"] = instrument
    if target is not None:
        values["target"] = target
    shape = (fields, instrument is not None, target is not None)
    return [r for r in _RESULTS.objects(viewer, shape, **values) if r.is_complete]


def _results(responses: QuerySet, shape: tuple) -> QuerySet:
    fields, by_instrument, by_target = shape
    responses = responses.filter(author_id=Slot("owner")).exclude(completed_at=None)
    if fields is not None:
        responses = responses.only(*fields, "scores")
    if by_instrument:
        responses = responses.filter(instrument=Slot("instrument", CharField()))
    if by_target:
        responses = responses.filter(target=Slot("target", CharField()))
    return responses.order_by("completed_at", "pk")


_RESULTS = policy.Visible(InstrumentResponse, _results)


def unfinished(author) -> list[InstrumentResponse]:
    responses = responses_for(author, author).filter(completed_at=None)
    return [r for r in responses if engine.get(r.instrument) is not None]


def latest_style(
    viewer, owner, *, fallback: bool = False, fields: tuple[str, ...] | None = None
) -> InstrumentResponse | None:
    """The latest result on an attachment plane about the partner, if `viewer` may see it.

    With `fallback` (for a solo person), without a result about a partner the
    latest plane result about anyone else counts. `fields`: as for results_for.
    """
    with_plane = [
        r
        for r in results_for(viewer, owner, fields=fields)
        if (instrument := engine.get(r.instrument)) is not None and instrument.has_plane
    ]
    about_partner = [r for r in with_plane if r.target == PARTNER_TARGET]
    chosen = about_partner or (with_plane if fallback else [])
    return chosen[-1] if chosen else None
