"""Saving history answers: as drafts while typing, or a whole section at once."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction

from haven.core import policy
from haven.core.editing import EditConflict, save_checked
from haven.core.policy import Action
from haven.reflection.models import HistoryAnswer


@transaction.atomic
def save_history_answer(
    *, author, section: str, prompt: str, text: str, expected_revision: int | None
) -> HistoryAnswer | None:
    """Save one answer; EditConflict when it was changed since `expected_revision`.

    `expected_revision` is the revision the person's text started from, None
    when they started from an empty answer. The same text as stored is never
    a conflict. An answer is created (private) on its first non-empty save;
    None is returned while there is nothing to keep.
    """
    current = (
        policy.visible(author, HistoryAnswer, Action.CHANGE)
        .select_for_update()
        .filter(author=author, section=section, prompt=prompt)
        .first()
    )
    if current is None:
        if not text.strip():
            return None
        try:
            with transaction.atomic():
                return HistoryAnswer.objects.create(
                    author=author, section=section, prompt=prompt, text=text
                )
        except IntegrityError:
            # Created a moment ago by another tab: that is a newer version.
            current = HistoryAnswer.objects.get(author=author, section=section, prompt=prompt)
    if current.text == text:
        return current
    if expected_revision is None:
        raise EditConflict(current)
    current.text = text
    save_checked(current, expected_revision, ["text"])
    return current


@dataclass
class SectionSave:
    saved: dict[str, HistoryAnswer] = field(default_factory=dict)
    conflicts: dict[str, HistoryAnswer] = field(default_factory=dict)


def save_history_section(
    *, author, section: str, answers: dict[str, tuple[str, int | None]]
) -> SectionSave:
    """Save each prompt's (text, expected revision); conflicts are collected, not raised.

    Answers without a conflict are kept even when another one clashes, so the
    person only has to look again at the ones that changed elsewhere.
    """
    result = SectionSave()
    for prompt, (text, revision) in answers.items():
        try:
            saved = save_history_answer(
                author=author, section=section, prompt=prompt, text=text, expected_revision=revision
            )
        except EditConflict as conflict:
            result.conflicts[prompt] = conflict.current  # type: ignore[assignment]
        else:
            if saved is not None:
                result.saved[prompt] = saved
    return result
