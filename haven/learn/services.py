"""Changing progress, sharing, reflections and script drafts. Views stay thin and call these.

Everything is created private. A person's progress rows always carry the
visibility of their PathSharing choice, so the policy table alone decides
what the partner sees (done modules, only when shared).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from haven.core import policy, sharing
from haven.core.models import Visibility
from haven.core.policy import Action
from haven.learn.models import ModuleProgress, ModuleReflection, PathSharing, ScriptDraft


def shares_progress(author) -> bool:
    return PathSharing.objects.filter(author_id=author.pk, shared=True).exists()


def _visibility(author) -> str:
    return Visibility.SHARED if shares_progress(author) else Visibility.PRIVATE


@transaction.atomic
def set_progress_sharing(*, author, shared: bool) -> None:
    """Share (or stop sharing) which modules are done. The partner is not told."""
    PathSharing.objects.update_or_create(author=author, defaults={"shared": shared})
    visibility = Visibility.SHARED if shared else Visibility.PRIVATE
    couple = sharing.current_couple_id(author.pk) if shared else None
    policy.visible(author, ModuleProgress, Action.CHANGE).filter(author_id=author.pk).update(
        visibility=visibility, shared_couple_id=couple, updated_at=timezone.now()
    )


def _progress(author, slug: str) -> ModuleProgress | None:
    rows = policy.visible(author, ModuleProgress, Action.CHANGE).filter(author_id=author.pk)
    return next((row for row in rows if row.slug == slug), None)


@transaction.atomic
def open_module(*, author, slug: str) -> ModuleProgress:
    """Note that the person opened a module (once); the path continues from there."""
    row = _progress(author, slug)
    if row is None:
        row = ModuleProgress.objects.create(
            author=author, slug=slug, visibility=_visibility(author)
        )
    return row


@transaction.atomic
def set_done(*, author, slug: str, done: bool = True) -> ModuleProgress:
    row = open_module(author=author, slug=slug)
    if done and row.done_at is None:
        row.done_at = timezone.now()
    elif not done:
        row.done_at = None
    row.save(update_fields=["done_at", "updated_at"])
    return row


def add_reflection(*, author, slug: str, text: str) -> ModuleReflection:
    return ModuleReflection.objects.create(author=author, slug=slug, text=text)


def set_visibility(*, item: ModuleReflection, shared: bool) -> ModuleReflection:
    sharing.set_shared(item, shared)
    item.save(update_fields=["visibility", "updated_at"])
    return item


def script_draft(author, key: str) -> ScriptDraft | None:
    """The person's saved version of a script, if any (their own only)."""
    rows = policy.visible(author, ScriptDraft, Action.CHANGE).filter(author_id=author.pk)
    return next((row for row in rows if row.script_key == key), None)


@transaction.atomic
def save_script_draft(*, author, key: str, text: str) -> ScriptDraft:
    draft = script_draft(author, key)
    if draft is None:
        return ScriptDraft.objects.create(author=author, script_key=key, text=text)
    draft.text = text
    draft.save(update_fields=["text", "updated_at"])
    return draft


@transaction.atomic
def forget_script_draft(*, author, key: str) -> bool:
    draft = script_draft(author, key)
    if draft is None:
        return False
    draft.delete()
    return True
