"""The safety check: answered alone, kept for the person alone.

Its answers can never be shared: the model refuses any visibility other than
private, also through queryset updates, and the policy table grants nobody but
the author anything. Export includes it only in the person's own export.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from haven.core.fields import EncryptedCharField, EncryptedJSONField
from haven.core.models import ContentItem, ContentQuerySet, Visibility


class SafetyCheckIsPrivate(ValueError):
    """Someone tried to make a safety check visible to anyone but its author."""


class SafetyCheckQuerySet(ContentQuerySet):
    def update(self, **kwargs: Any) -> int:
        if kwargs.get("visibility", Visibility.PRIVATE) != Visibility.PRIVATE:
            raise SafetyCheckIsPrivate("safety check answers can never be shared")
        return super().update(**kwargs)


class Result(models.TextChoices):
    CLEAR = "clear", _("no sign of danger in the answers")
    DANGER = "danger", _("signs of danger or control")
    # Answered "I'd rather not say" to everything: no conclusion either way.
    UNANSWERED = "unanswered", _("not answered")


class SafetyCheck(ContentItem):
    answers = EncryptedJSONField(default=dict)
    # Encrypted as well: even "danger" next to a user id says too much in a dump.
    result = EncryptedCharField(max_length=16, choices=Result.choices)

    objects = SafetyCheckQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.visibility != Visibility.PRIVATE:
            raise SafetyCheckIsPrivate("safety check answers can never be shared")
        super().save(*args, **kwargs)

    def __str__(self) -> str:
        return str(_("Safety check"))

    @property
    def indicates_danger(self) -> bool:
        return self.result == Result.DANGER
