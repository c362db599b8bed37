"""Saving an edit without overwriting a newer one.

Every content item carries a revision number. An edit form sends back the
revision it started from; if the item changed in the meantime (another tab,
another device), the save is refused with EditConflict and the person sees
both their text and the newer saved text, so nothing is lost either way.
"""

from __future__ import annotations

from collections.abc import Iterable

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from haven.core.models import ContentItem


class EditConflict(Exception):
    def __init__(self, current: ContentItem) -> None:
        super().__init__("the item was changed elsewhere")
        self.current = current


@transaction.atomic
def save_checked(item: ContentItem, expected_revision: int, fields: Iterable[str]) -> None:
    """Save `fields` of `item` if nobody saved it since `expected_revision`."""
    manager = type(item)._default_manager
    current = manager.select_for_update().get(pk=item.pk)
    if current.revision != expected_revision:
        raise EditConflict(current)
    item.revision = expected_revision + 1
    item.save(update_fields=[*fields, "revision", "updated_at"])


class RevisionFormMixin(forms.Form):
    """Adds the hidden revision an edit started from; use with a ModelForm."""

    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk is not None:
            self.fields["revision"].initial = instance.revision
        else:
            self.fields["revision"].required = False

    def save_checked(self) -> ContentItem:
        """Save the edit, or raise EditConflict; the form keeps what was typed.

        On a conflict the form's revision moves to the saved one, so sending
        the form again (after combining the texts) goes through.
        """
        item = self.save(commit=False)  # type: ignore[attr-defined]
        fields = [name for name in self.cleaned_data if name != "revision"]
        try:
            save_checked(item, self.cleaned_data.get("revision") or 0, fields)
        except EditConflict as conflict:
            self.data = self.data.copy()
            self.data["revision"] = str(conflict.current.revision)
            raise
        return item


CONFLICT_MESSAGE = _(
    "This was changed somewhere else (another tab or device) after you started editing. "
    "Your text is still in the form below, and the saved version is shown next to it. "
    "Combine them as you like and save again."
)
