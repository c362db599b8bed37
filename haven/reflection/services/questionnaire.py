"""Going through an instrument: start or resume, save answers as you go, finish."""

from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction
from django.utils import timezone

from haven.core import policy
from haven.core.editing import save_checked
from haven.core.policy import Action
from haven.reflection import engine
from haven.reflection.engine import Instrument
from haven.reflection.models import InstrumentResponse


class AnswerConflict(Exception):
    """Answers on this page were changed elsewhere (another tab or device).

    `saved` maps each clashing item to the answer that is stored now.
    """

    def __init__(self, current: InstrumentResponse, saved: dict[str, int]) -> None:
        super().__init__("answers were changed elsewhere")
        self.current = current
        self.saved = saved


class NotComplete(Exception):
    """A result was asked for while items are still unanswered."""

    def __init__(self, missing: list[str]) -> None:
        super().__init__(f"{len(missing)} items unanswered")
        self.missing = missing


@transaction.atomic
def start(*, author, instrument: Instrument, target: str = "") -> InstrumentResponse:
    """Resume the unfinished run of this instrument and target, or begin a new, private one."""
    unfinished = (
        policy.visible(author, InstrumentResponse, Action.CHANGE)
        .filter(author=author, instrument=instrument.key, target=target, completed_at=None)
        .order_by("-created_at", "-pk")
        .first()
    )
    if unfinished is not None:
        return unfinished
    return InstrumentResponse.objects.create(
        author=author,
        instrument=instrument.key,
        instrument_version=instrument.version,
        target=target,
    )


@transaction.atomic
def save_answers(
    *,
    response: InstrumentResponse,
    instrument: Instrument,
    answers: Mapping[str, int],
    expected_revision: int | None,
) -> InstrumentResponse:
    """Merge `answers` into the stored ones.

    If the response changed since `expected_revision`, answers that differ from
    what is stored now for the same items raise AnswerConflict; answers to other
    items are merged, since they overwrite nothing. A completed response is
    scored again, so its result always matches its answers.
    """
    clean = {key: engine.check_answer(instrument, key, value) for key, value in answers.items()}
    current = InstrumentResponse.objects.select_for_update().get(pk=response.pk)
    if expected_revision != current.revision:
        clashes = {
            key: current.answers[key]
            for key, value in clean.items()
            if current.answers.get(key) is not None and current.answers[key] != value
        }
        if clashes:
            raise AnswerConflict(current, clashes)
    merged = {**current.answers, **clean}
    if merged == current.answers:
        return current
    current.answers = merged
    fields = ["answers"]
    if current.is_complete:
        current.scores = engine.score(instrument, merged).as_data()
        fields.append("scores")
    save_checked(current, current.revision, fields)
    return current


@transaction.atomic
def complete(*, response: InstrumentResponse, instrument: Instrument) -> InstrumentResponse:
    """Score a fully answered response and mark it complete; NotComplete otherwise."""
    current = InstrumentResponse.objects.select_for_update().get(pk=response.pk)
    missing = engine.missing(instrument, current.answers)
    if missing:
        raise NotComplete(missing)
    current.scores = engine.score(instrument, current.answers).as_data()
    if current.completed_at is None:
        current.completed_at = timezone.now()
    save_checked(current, current.revision, ["scores", "completed_at"])
    return current
