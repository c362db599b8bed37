"""What a person writes in the reflection part: answers, history, sensitive spots.

All three are ContentItems: private when created, shared only by an explicit
step, reached only through haven.core.policy. Free text and everything that
reveals how someone attaches (answers, scores) is encrypted at rest.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from haven.core.fields import EncryptedCharField, EncryptedJSONField, EncryptedTextField
from haven.core.models import ContentItem


class InstrumentResponse(ContentItem):
    """One run through an instrument about one target, e.g. "How I attach" about my partner.

    Answers are saved as the person goes; `completed_at` is set when they ask
    for their result with every item answered. Retaking makes a new response,
    so the earlier ones draw the path on the plane. Sharing shares the result
    (the scores) and the person's note on it, never the individual answers.
    """

    instrument = models.CharField(max_length=64)
    instrument_version = models.PositiveIntegerField(default=1)
    target = models.CharField(max_length=64, blank=True)
    # {item key: answer on the instrument's scale}
    answers = EncryptedJSONField(default=dict)
    # {"means": {subscale: mean}, "region": key or null}; null until completed.
    scores = EncryptedJSONField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    # What the person notices when they look at the result, in their own words.
    note = EncryptedTextField(_("what you notice"), max_length=5000, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["author", "instrument", "target"])]

    def __str__(self) -> str:
        return str(_("Reflection result"))

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None and self.scores is not None

    @property
    def means(self) -> dict[str, float]:
        return (self.scores or {}).get("means", {})

    @property
    def region(self) -> str | None:
        return (self.scores or {}).get("region")


class HistoryAnswer(ContentItem):
    """The answer to one prompt of the attachment-history reflection (history.toml)."""

    section = models.CharField(max_length=64)
    prompt = models.CharField(max_length=64)
    text = EncryptedTextField(_("your answer"), max_length=20000, blank=True)

    class Meta:
        ordering = ["section", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "section", "prompt"], name="reflection_one_answer_per_prompt"
            )
        ]

    def __str__(self) -> str:
        return str(_("History reflection"))


class SensitiveSpot(ContentItem):
    """An old sore place that a moment today can touch.

    `uid` is a stable id for links from other features (cycle triggers) and
    exports; it never changes, whatever happens to the text.
    """

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = EncryptedCharField(_("name"), max_length=200)
    origin = EncryptedTextField(_("where it comes from"), max_length=5000, blank=True)
    touched_today = EncryptedTextField(_("what touches it today"), max_length=5000, blank=True)
    signs = EncryptedTextField(_("how you notice it"), max_length=5000, blank=True)
    need_when_touched = EncryptedTextField(
        _("what you need when it is touched"), max_length=5000, blank=True
    )

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.name
