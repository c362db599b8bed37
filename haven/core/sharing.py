"""Sharing is with someone: a shared item is bound to the couple it was shared in.

"Shared" alone would be a visibility that follows the author to whoever they
link with next. Instead every shared item carries the couple it was shared
with (`ContentItem.shared_couple`), and haven.core.policy lets a partner see
it only while that is the couple they are in with the author. Three moments
move the binding:

- sharing (`set_shared`): bound to the author's current couple, or left
  unbound when the author is on their own;
- linking (`bind_pending`): what someone shared while on their own is bound to
  the couple they now form (the accept page says how many items that is);
- unlinking (`release`): everything either partner shared in that couple goes
  back to private, so the author's pages say honestly that nobody sees it,
  and a next partner sees only what is shared again, on purpose.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.apps import apps
from django.db.models import Model

from haven.core.models import ContentItem, Visibility


def current_couple_id(user_id: int) -> int | None:
    from haven.couples.models import Membership

    return (
        Membership.objects.filter(user_id=user_id, active=True)
        .values_list("couple_id", flat=True)
        .first()
    )


def bind_on_save(item: ContentItem, update_fields: Iterable[str] | None) -> list[str] | None:
    """Keep `shared_couple` consistent with the visibility being saved.

    A private item is bound to nobody. An item that becomes shared without a
    binding (created shared, or shared by a service that only set the
    visibility) is bound to its author's current couple. Returns the
    update_fields to save, with `shared_couple` added when the visibility is
    among them.
    """
    if item.visibility != Visibility.SHARED:
        item.shared_couple_id = None
    elif item.shared_couple_id is None:
        item.shared_couple_id = current_couple_id(item.author_id)
    if update_fields is None:
        return None
    fields = list(update_fields)
    if "visibility" in fields and "shared_couple" not in fields:
        fields.append("shared_couple")
    return fields


def set_shared(item: ContentItem, shared: bool) -> None:
    """Share with the author's current partner (rebinding any older share), or make private."""
    item.visibility = Visibility.SHARED if shared else Visibility.PRIVATE
    item.shared_couple_id = current_couple_id(item.author_id) if shared else None


def personal_models() -> list[type[Model]]:
    """Every content model that belongs to one person (joint items have their own couple)."""
    from haven.core.policy import COUPLE_SCOPE

    return [
        model
        for model in apps.get_models()
        if issubclass(model, ContentItem) and model._meta.label not in COUPLE_SCOPE
    ]


def pending_count(user_id: int) -> int:
    """How many items the person shared while on their own (bound when they link)."""
    return sum(
        model._default_manager.filter(
            author_id=user_id, visibility=Visibility.SHARED, shared_couple__isnull=True
        ).count()
        for model in personal_models()
    )


def bind_pending(*, couple_id: int, user_ids: Iterable[int]) -> None:
    """Bind what each new partner shared while on their own to the couple they now form."""
    ids = list(user_ids)
    for model in personal_models():
        model._default_manager.filter(
            author_id__in=ids, visibility=Visibility.SHARED, shared_couple__isnull=True
        ).update(shared_couple_id=couple_id)


def release(*, couple_id: int, user_ids: Iterable[int]) -> None:
    """The couple ended: everything shared in it goes back to private.

    Showing which modules are done is a standing choice rather than an item,
    so it is turned off too: a next partner sees progress only once it is
    shared again.
    """
    from haven.learn.models import PathSharing

    PathSharing.objects.filter(author_id__in=list(user_ids)).update(shared=False)
    for model in personal_models():
        model._default_manager.filter(shared_couple_id=couple_id).update(
            visibility=Visibility.PRIVATE, shared_couple_id=None
        )
