"""Attachment needs, the partner's answers to them, and notes on the felt sense."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from haven.core.fields import EncryptedCharField, EncryptedJSONField, EncryptedTextField
from haven.core.models import ContentItem
from haven.needs import catalogue


class Need(ContentItem):
    """One need a person holds: picked from the catalogue or written in their own words.

    Which needs someone picks says as much as what they write, so the catalogue
    key is encrypted too; a person has few needs, so they are sorted in Python.
    """

    catalogue_key = EncryptedCharField(_("need from the list"), max_length=64, blank=True)
    own_words = EncryptedCharField(_("the need in your own words"), max_length=300, blank=True)
    rank = models.PositiveIntegerField(_("place in your order"), default=0)
    frame = models.PositiveSmallIntegerField(_("wording"), default=0)
    sentence = EncryptedTextField(_("your sentence"), max_length=1000, blank=True)

    class Meta:
        ordering = ["rank", "created_at", "pk"]
        verbose_name = _("attachment need")
        verbose_name_plural = _("attachment needs")

    def __str__(self) -> str:
        return str(_("Attachment need"))

    @property
    def is_own(self) -> bool:
        return not self.catalogue_key

    @property
    def catalogue_need(self) -> catalogue.CatalogueNeed | None:
        return catalogue.need(self.catalogue_key) if self.catalogue_key else None

    def fragment(self, language: str) -> str:
        """What completes "I need ...": the catalogue's words or the person's own."""
        found = self.catalogue_need
        if found is not None:
            return found.fragment(language)
        return self.own_words

    def explanation(self, language: str) -> str:
        found = self.catalogue_need
        return found.explanation(language) if found is not None else ""

    def built_sentence(self, language: str, frame: int | None = None) -> str:
        return catalogue.sentence(
            self.fragment(language), language, self.frame if frame is None else frame
        )

    def display_sentence(self, language: str) -> str:
        """The sentence the author saved, or the one the frame builds until they do."""
        return self.sentence or self.built_sentence(language)


class Acknowledgement(ContentItem):
    """The partner's answer to a shared need, in their own words ("I hear you").

    It belongs to the partner who wrote it. Once sent (shared) it is read by
    the person whose need it answers, and by nobody else: the policy scopes the
    partner rule to the need's author (haven.core.policy.PARTNER_SCOPE).
    """

    need = models.ForeignKey(
        Need, on_delete=models.CASCADE, related_name="acknowledgements", editable=False
    )
    text = EncryptedTextField(_("your answer"), max_length=500)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("answer to a need")
        verbose_name_plural = _("answers to needs")
        constraints = [
            models.UniqueConstraint(fields=["need", "author"], name="one_answer_per_need")
        ]

    def __str__(self) -> str:
        return str(_("Answer to a need"))


class FeltSenseNote(ContentItem):
    """What the body did: sensations and feelings from the vocabulary, plus free text."""

    # Which exercise the note belongs to (a key from feltsense.toml), or empty
    # for a moment from daily life. Names an exercise, says nothing personal.
    exercise = models.CharField(_("exercise"), max_length=32, blank=True, editable=False)
    sensations = EncryptedJSONField(_("what your body did"), default=list, blank=True)
    emotions = EncryptedJSONField(_("feelings"), default=list, blank=True)
    note = EncryptedTextField(_("in your own words"), max_length=5000, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("felt-sense note")
        verbose_name_plural = _("felt-sense notes")

    def __str__(self) -> str:
        return str(_("Felt-sense note"))
