"""What a result page shows: means, bands, region and the plane with the paths."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from haven.accounts.models import display_name
from haven.core.policy import partner_id
from haven.couples.selectors import current_partner
from haven.reflection import engine, plane, selectors
from haven.reflection.engine import Band, Instrument, Region, Subscale, Target
from haven.reflection.models import InstrumentResponse


@dataclass(frozen=True)
class SubscaleResult:
    subscale: Subscale
    mean: float
    band: Band | None


@dataclass(frozen=True)
class Summary:
    response: InstrumentResponse
    instrument: Instrument
    target: Target | None
    region: Region | None
    subscales: tuple[SubscaleResult, ...]


def summarise(response: InstrumentResponse) -> Summary | None:
    """The readable result of a completed response, or None (unfinished, instrument gone)."""
    instrument = engine.get(response.instrument)
    if instrument is None or not response.is_complete:
        return None
    parts = []
    for subscale in instrument.subscales:
        mean = response.means.get(subscale.key)
        if mean is None:
            return None
        parts.append(
            SubscaleResult(subscale, mean, engine.band_for(instrument, subscale.key, mean))
        )
    region = None
    if instrument.regions is not None and response.region in instrument.regions.regions:
        region = instrument.regions[response.region]
    return Summary(
        response=response,
        instrument=instrument,
        target=instrument.target(response.target),
        region=region,
        subscales=tuple(parts),
    )


def summaries(responses: list[InstrumentResponse]) -> list[Summary]:
    return [s for s in (summarise(r) for r in responses) if s is not None]


def plane_for(viewer, response: InstrumentResponse, instrument: Instrument) -> plane.Plane | None:
    """The plane of `response`'s owner (their path) and, if visible, the other person's.

    The other person is the viewer's partner when the viewer owns the result,
    or the viewer when they look at their partner's shared result. Only
    results the policy lets the viewer see are drawn: a partner's point
    appears only once they shared it.
    """
    if not instrument.has_plane:
        return None
    owner = response.author
    key, target = instrument.key, response.target
    people = []
    own = selectors.results_for(viewer, owner, instrument=key, target=target)
    people.append(_series(viewer, owner, instrument, own, response))
    other = viewer if owner.pk != viewer.pk else current_partner(viewer)
    if other is not None and (owner.pk == viewer.pk or partner_id(viewer) == owner.pk):
        theirs = selectors.results_for(viewer, other, instrument=key, target=target)
        if theirs:
            people.append(_series(viewer, other, instrument, theirs, None))
    return plane.build(instrument, people)


def _series(viewer, person, instrument, results, current) -> plane.Series:
    if person.pk == viewer.pk:
        return plane.series(instrument, "me", _("You"), results, current)
    return plane.series(instrument, "partner", display_name(person), results, current)
