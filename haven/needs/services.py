"""Changing needs, answers and felt-sense notes. Views stay thin and call these.

Every item is created private; sharing is always its own step (set_visibility).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from haven.core import policy, sharing
from haven.core.models import ContentItem
from haven.core.policy import Action
from haven.needs import catalogue, feltsense
from haven.needs.models import Acknowledgement, FeltSenseNote, Need


class AlreadyAnswered(Exception):
    """The person already answered this need; they can edit that answer instead."""

    def __init__(self, answer: Acknowledgement) -> None:
        super().__init__("this need already has an answer from this person")
        self.answer = answer


def held_keys(author) -> set[str]:
    """Catalogue keys the person already holds (decrypted, so read in Python)."""
    return {need.catalogue_key for need in Need.objects.filter(author=author) if need.catalogue_key}


def _ordered(author) -> list[Need]:
    return list(
        Need.objects.select_for_update().filter(author=author).order_by(*Need._meta.ordering)
    )


def _renumber(needs: list[Need]) -> None:
    changed = []
    for place, need in enumerate(needs, start=1):
        if need.rank != place:
            need.rank = place
            changed.append(need)
    # Only the order changes: no revision bump, so an open sentence edit of
    # the same need does not turn into a false conflict.
    Need.objects.bulk_update(changed, ["rank"])


@transaction.atomic
def add_needs(*, author, keys: Iterable[str], own_words: str = "") -> list[Need]:
    """Add catalogue needs (and one in the person's own words) at the end of their order.

    Keys the person already holds are skipped; an unknown key is refused.
    """
    wanted = list(dict.fromkeys(keys))
    unknown = [key for key in wanted if catalogue.need(key) is None]
    if unknown:
        raise ValueError(f"not in the catalogue: {unknown}")
    existing = _ordered(author)
    held = {need.catalogue_key for need in existing if need.catalogue_key}
    place = len(existing)
    created = []
    for key in wanted:
        if key in held:
            continue
        place += 1
        created.append(Need.objects.create(author=author, catalogue_key=key, rank=place))
    own_words = own_words.strip()
    if own_words:
        place += 1
        created.append(Need.objects.create(author=author, own_words=own_words, rank=place))
    return created


@transaction.atomic
def move_need(*, need: Need, direction: Literal["up", "down"]) -> None:
    """Swap the need with its neighbour above or below in the author's order."""
    needs = _ordered(need.author_id)
    index = next(i for i, item in enumerate(needs) if item.pk == need.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(needs):
        needs[index], needs[other] = needs[other], needs[index]
    _renumber(needs)


@transaction.atomic
def delete_need(*, need: Need) -> None:
    """Delete the need (and the answers to it), and close the gap in the order."""
    author_id = need.author_id
    need.delete()
    _renumber(_ordered(author_id))


@transaction.atomic
def set_visibility(*, item: ContentItem, shared: bool) -> ContentItem:
    sharing.set_shared(item, shared)
    item.save(update_fields=["visibility", "updated_at"])
    return item


@transaction.atomic
def create_acknowledgement(*, author, need: Need, text: str) -> Acknowledgement:
    """The partner's answer to a shared need; private until they send it."""
    if not policy.can(author, need, Action.ANSWER):
        raise PermissionDenied
    existing = Acknowledgement.objects.filter(need=need, author=author).first()
    if existing is not None:
        raise AlreadyAnswered(existing)
    try:
        with transaction.atomic():
            return Acknowledgement.objects.create(author=author, need=need, text=text)
    except IntegrityError:
        # Two tabs sent the first answer at once: keep the one that won.
        raise AlreadyAnswered(Acknowledgement.objects.get(need=need, author=author)) from None


def _known(chosen: Iterable[str], allowed: frozenset[str]) -> list[str]:
    return [key for key in dict.fromkeys(chosen) if key in allowed]


@transaction.atomic
def create_note(
    *,
    author,
    exercise: str = "",
    sensations: Iterable[str] = (),
    emotions: Iterable[str] = (),
    note: str = "",
) -> FeltSenseNote:
    """A private note of what the body did; unknown words and exercises are dropped."""
    if exercise and feltsense.exercise(exercise, "en") is None:
        exercise = ""
    return FeltSenseNote.objects.create(
        author=author,
        exercise=exercise,
        sensations=_known(sensations, feltsense.sensation_keys()),
        emotions=_known(emotions, feltsense.emotion_keys()),
        note=note.strip(),
    )
