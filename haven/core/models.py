"""The base every piece of personal content builds on: an author and a visibility."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    PRIVATE = "private", _("Only me")
    SHARED = "shared", _("Shared with my partner")


class ContentQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        """Bind shared items to their author's couple, as save() does (haven.core.sharing)."""
        from haven.core.sharing import bind_on_save

        objs = list(objs)
        for obj in objs:
            bind_on_save(obj, None)
        return super().bulk_create(objs, *args, **kwargs)


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
    # Whom a shared item is shared with: the couple the author was in when
    # they shared it. A partner sees a shared item only while it is bound to
    # the couple they are in with the author, so a share never follows the
    # author to a next partner (haven.core.sharing). Empty while private, and
    # while shared by someone on their own: the couple they link with next
    # binds it (and the invitation says so).
    shared_couple = models.ForeignKey(
        "couples.Couple",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Raised by one on every checked save, so that two open edits of the same
    # item cannot silently overwrite each other (haven.core.editing).
    revision = models.PositiveIntegerField(default=0, editable=False)

    objects = ContentQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if self._state.adding:
            from haven.accounts.consent import require_consent

            require_consent(self.author_id)
        from haven.core.sharing import bind_on_save

        update_fields = bind_on_save(self, kwargs.get("update_fields"))
        if update_fields is not None:
            kwargs["update_fields"] = update_fields
        super().save(*args, **kwargs)

    @property
    def is_shared(self) -> bool:
        return self.visibility == Visibility.SHARED
