"""The base every piece of personal content builds on: an author and a visibility."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    PRIVATE = "private", _("Only me")
    SHARED = "shared", _("Shared with my partner")


class ContentItem(models.Model):
    """Abstract base for everything a person writes.

    Private by default: nothing reaches the partner until the author shares it.
    Access is decided in haven.core.policy, never by ad-hoc filters in views.
    """

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", editable=False
    )
    visibility = models.CharField(
        _("who can see this"),
        max_length=16,
        choices=Visibility.choices,
        default=Visibility.PRIVATE,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Raised by one on every checked save, so that two open edits of the same
    # item cannot silently overwrite each other (haven.core.editing).
    revision = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if self._state.adding:
            from haven.accounts.consent import require_consent

            require_consent(self.author_id)
        super().save(*args, **kwargs)

    @property
    def is_shared(self) -> bool:
        return self.visibility == Visibility.SHARED
