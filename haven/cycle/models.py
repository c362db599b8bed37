"""One person's side of the negative cycle, and the name a couple gives their cycle."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from haven.core.fields import EncryptedCharField, EncryptedJSONField, EncryptedTextField
from haven.core.models import ContentItem, Visibility

TEXT_MAX = 3000


class CycleSide(ContentItem):
    """What happens in one person when the cycle starts: "my side".

    One per person in practice (haven.cycle.services keeps it so). There is no
    database constraint for it: the privacy harness makes a private and a
    shared item for the same author, and selectors read the latest one.
    Everything, the ticked words included, is encrypted: which moves or
    feelings someone ticks is as personal as what they write. The linked needs
    and spots are ids of the author's own items, checked by the service; the
    partner only ever sees those the author shared on their own.
    The reflection on past partners is the author's alone and is never shown
    to the partner, even when the side is shared.
    """

    trigger = EncryptedTextField(_("what sets it off"), max_length=TEXT_MAX, blank=True)
    story = EncryptedTextField(_("the story in your head"), max_length=TEXT_MAX, blank=True)
    surface_emotions = EncryptedJSONField(_("feelings on the surface"), default=list, blank=True)
    body_signals = EncryptedJSONField(_("what your body does"), default=list, blank=True)
    moves = EncryptedJSONField(_("protective moves"), default=list, blank=True)
    moves_own_words = EncryptedTextField(
        _("your moves in your own words"), max_length=TEXT_MAX, blank=True
    )
    underneath = EncryptedJSONField(_("feelings underneath"), default=list, blank=True)
    underneath_own_words = EncryptedTextField(
        _("underneath, in your own words"), max_length=TEXT_MAX, blank=True
    )
    need_ids = EncryptedJSONField(_("linked needs"), default=list, blank=True)
    longing = EncryptedTextField(_("what you long to hear"), max_length=1000, blank=True)
    spot_ids = EncryptedJSONField(_("linked sensitive spots"), default=list, blank=True)
    past_moves = EncryptedTextField(
        _("how you protected yourself before"), max_length=TEXT_MAX, blank=True
    )
    past_partner_moves = EncryptedTextField(_("what they did"), max_length=TEXT_MAX, blank=True)
    past_underneath = EncryptedTextField(_("what was underneath"), max_length=TEXT_MAX, blank=True)
    past_lesson = EncryptedTextField(_("what you take with you"), max_length=TEXT_MAX, blank=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("side of the cycle")
        verbose_name_plural = _("sides of the cycle")

    def __str__(self) -> str:
        return str(_("My side of the cycle"))

    @property
    def is_empty(self) -> bool:
        return not any(
            [
                self.trigger,
                self.story,
                self.surface_emotions,
                self.body_signals,
                self.moves,
                self.moves_own_words,
                self.underneath,
                self.underneath_own_words,
                self.need_ids,
                self.longing,
                self.spot_ids,
            ]
        )


class CycleName(ContentItem):
    """The name a couple gives their cycle ("there it is again").

    It belongs to the couple: either partner may set or change it once both
    sides are shared, and it is only reachable while the couple exists
    (haven.core.policy.COUPLE_SCOPE). The author is whoever named it first.
    """

    couple = models.ForeignKey(
        "couples.Couple", on_delete=models.CASCADE, related_name="+", editable=False
    )
    name = EncryptedCharField(_("name of your cycle"), max_length=80)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("name of the cycle")
        verbose_name_plural = _("names of the cycle")

    def __str__(self) -> str:
        return str(_("Name of our cycle"))

    @property
    def for_both(self) -> bool:
        return self.visibility == Visibility.SHARED
