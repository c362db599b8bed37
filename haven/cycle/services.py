"""Changing sides of the cycle and the couple's name for it.

Keyword-only and atomic. A new side is private; only `set_visibility` shares
it. Chosen words are checked against the vocabularies, and linked needs and
spots must be the author's own: anything else is refused, whatever a form
let through.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from haven.core import policy, sharing
from haven.core.editing import EditConflict, save_checked
from haven.core.models import Visibility
from haven.core.policy import Action
from haven.cycle import selectors, vocabulary
from haven.cycle.models import CycleName, CycleSide
from haven.needs import feltsense
from haven.needs.models import Need
from haven.reflection.models import SensitiveSpot

TEXT_FIELDS = (
    "trigger",
    "story",
    "moves_own_words",
    "underneath_own_words",
    "longing",
)
SOLO_FIELDS = vocabulary.SOLO_FIELDS
LIST_FIELDS = ("surface_emotions", "body_signals", "moves", "underneath", "need_ids", "spot_ids")
SIDE_FIELDS = TEXT_FIELDS + LIST_FIELDS
NAME_MAX = 80


class CycleError(ValueError):
    """A change the cycle does not allow (unknown word, someone else's item, no cycle yet)."""


def allowed_words() -> dict[str, frozenset[str]]:
    """The keys each list field accepts."""
    return {
        "surface_emotions": frozenset(t.key for t in feltsense.emotions("en", kind="surface")),
        "body_signals": frozenset(t.key for t in feltsense.sensations("en", kind="unmet")),
        "moves": vocabulary.move_keys(),
        "underneath": vocabulary.feeling_keys(),
    }


def own_need_ids(author) -> set[int]:
    return set(
        policy.visible(author, Need).filter(author_id=author.pk).values_list("pk", flat=True)
    )


def own_spot_ids(author) -> set[int]:
    visible = policy.visible(author, SensitiveSpot).filter(author_id=author.pk)
    return set(visible.values_list("pk", flat=True))


def _checked(author, values: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(values) - set(SIDE_FIELDS) - set(SOLO_FIELDS)
    if unknown:
        raise CycleError(f"not a field of a side: {sorted(unknown)}")
    words = allowed_words()
    result: dict[str, Any] = {}
    for name, value in values.items():
        if name in words:
            keys = list(dict.fromkeys(value or []))
            if not set(keys) <= words[name]:
                raise CycleError(f"{name}: unknown words")
            result[name] = keys
        elif name in ("need_ids", "spot_ids"):
            ids = list(dict.fromkeys(int(i) for i in value or []))
            own = own_need_ids(author) if name == "need_ids" else own_spot_ids(author)
            if not set(ids) <= own:
                raise CycleError(f"{name}: not the author's own items")
            result[name] = ids
        else:
            result[name] = (value or "").strip()
    return result


@transaction.atomic
def save_side(
    *, author, values: Mapping[str, Any], expected_revision: int | None = None
) -> CycleSide:
    """Create the author's side (private) or update it.

    `values` may hold any subset of the side's fields. An update checks the
    revision the edit started from (haven.core.editing.EditConflict).
    """
    fields = _checked(author, values)
    side = selectors.own_side(author)
    if side is None:
        return CycleSide.objects.create(author=author, **fields)
    side = CycleSide.objects.select_for_update().get(pk=side.pk)
    for name, value in fields.items():
        setattr(side, name, value)
    revision = side.revision if expected_revision is None else expected_revision
    save_checked(side, revision, fields.keys())
    return side


@transaction.atomic
def set_visibility(*, side: CycleSide, shared: bool) -> CycleSide:
    """Share with the current partner, or make private again (takes effect at once)."""
    sharing.set_shared(side, shared)
    side.save(update_fields=["visibility", "updated_at"])
    return side


@transaction.atomic
def delete_side(*, side: CycleSide) -> None:
    side.delete()


def clean_name(name: str) -> str:
    cleaned = " ".join((name or "").split())
    if not cleaned:
        raise CycleError("the name is empty")
    if len(cleaned) > NAME_MAX or "\x00" in cleaned:
        raise CycleError("the name is too long or malformed")
    return cleaned


@transaction.atomic
def set_cycle_name(*, user, name: str, seen_revision: int | None = None) -> CycleName:
    """Name (or rename) the couple's cycle; only once both sides are shared.

    The name is the couple's: both partners see it and either may change it,
    so it is stored as shared with the partner from the start, and it is only
    reachable while the couple lasts (policy.COUPLE_SCOPE).

    `seen_revision` is the revision of the name the person saw when they
    started typing (None: they saw no name). When the other partner saved a
    name since, EditConflict carries it, as for the journal, and nothing is
    overwritten.
    """
    cleaned = clean_name(name)
    couple = policy.couple_id(user)
    if couple is None or selectors.couple_cycle(user) is None:
        raise CycleError("there is no shared cycle to name yet")
    existing = (
        policy.visible(user, CycleName, Action.CHANGE)
        .filter(visibility=Visibility.SHARED)
        .select_for_update()
        .first()
    )
    if existing is not None:
        if seen_revision is None:
            raise EditConflict(existing)  # named by the partner meanwhile
        existing.name = cleaned
        save_checked(existing, seen_revision, ["name"])
        return existing
    return CycleName.objects.create(
        author=user, couple_id=couple, name=cleaned, visibility=Visibility.SHARED
    )
