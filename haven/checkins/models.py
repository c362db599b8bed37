"""The daily check-in, the monthly measure and the reminder preference.

A check-in is stored as two rows on purpose. `CheckIn` holds the day and the
percentage: the only part a person may ever share with their partner.
`CheckInDetails` holds everything else (body, feelings, needs, bids, a line
of text); it can never be shared, so no partner query can reach it, and
`CheckIn` has no link to it. The day and the percentage stay plain numbers so
the chart and the trend can be queried; everything chosen or typed is
encrypted at rest.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from haven.core.fields import EncryptedCharField, EncryptedJSONField
from haven.core.models import ContentItem, ContentQuerySet, Visibility


class NeverShared(ValueError):
    """Someone tried to share an item that is only ever its author's."""


class PrivateOnlyQuerySet(ContentQuerySet):
    def update(self, **kwargs: Any) -> int:
        if kwargs.get("visibility", Visibility.PRIVATE) != Visibility.PRIVATE:
            raise NeverShared("this kind of item can never be shared")
        return super().update(**kwargs)


class PrivateOnly(ContentItem):
    """Content that stays its author's alone: the model refuses any other visibility."""

    objects = PrivateOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.visibility != Visibility.PRIVATE:
            raise NeverShared(f"{self._meta.label} can never be shared")
        super().save(*args, **kwargs)


class CheckIn(ContentItem):
    """One day: how much of the time it felt good. Shareable, and nothing else is."""

    day = models.DateField(_("day"), editable=False)
    percent = models.PositiveSmallIntegerField(
        _("how much of the time it felt good (%)"), validators=[MaxValueValidator(100)]
    )

    class Meta:
        ordering = ["day"]
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        constraints = [
            # One check-in per person per day; the index also serves the chart.
            models.UniqueConstraint(fields=["author", "day"], name="checkins_one_per_day"),
            models.CheckConstraint(
                condition=models.Q(percent__lte=100), name="checkins_percent_at_most_100"
            ),
        ]

    def __str__(self) -> str:
        return str(_("Check-in"))


class Reach(models.TextChoices):
    """Did I notice a bid (my partner reaching for me; solo: a need of my own)?"""

    YES = "yes", _("yes")
    NO = "no", _("no")
    UNSURE = "unsure", _("not sure")


class Turn(models.TextChoices):
    """Did I turn towards it (towards my partner; solo: towards myself)?"""

    YES = "yes", _("yes")
    PARTLY = "partly", _("partly")
    NO = "no", _("no")


class CheckInDetails(PrivateOnly):
    """Everything of a check-in except the percentage; never shared with anyone.

    Its primary key is the check-in's, so one id names both. The link runs
    from here to the check-in only (no reverse accessor): code holding a
    partner's shared check-in has no path to these details.
    """

    checkin = models.OneToOneField(
        CheckIn, on_delete=models.CASCADE, primary_key=True, related_name="+", editable=False
    )
    sensations = EncryptedJSONField(_("how your body felt"), default=list, blank=True)
    emotions = EncryptedJSONField(_("feelings"), default=list, blank=True)
    # Ids of the author's own needs (haven.needs) that felt met; unknown ids are skipped.
    needs_met = EncryptedJSONField(_("needs that felt met"), default=list, blank=True)
    reached = EncryptedCharField(_("noticed a reach"), max_length=16, blank=True)
    turned = EncryptedCharField(_("turned towards it"), max_length=16, blank=True)
    note = EncryptedCharField(_("one line"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("check-in details")
        verbose_name_plural = _("check-in details")

    def __str__(self) -> str:
        return str(_("Check-in details"))


class MonthlyMeasure(PrivateOnly):
    """This month's short reflection on the relationship, scored by the questionnaire engine."""

    month = models.DateField(_("month"), editable=False)  # always the first of the month
    instrument = models.CharField(max_length=64, editable=False)
    instrument_version = models.PositiveIntegerField(default=1, editable=False)
    answers = EncryptedJSONField(default=dict)  # {item key: answer}
    scores = EncryptedJSONField(null=True, blank=True)  # the engine's Score.as_data()
    note = EncryptedCharField(
        _("something to remember about this month"), max_length=300, blank=True
    )

    class Meta:
        ordering = ["month"]
        verbose_name = _("monthly reflection")
        verbose_name_plural = _("monthly reflections")
        constraints = [
            models.UniqueConstraint(fields=["author", "month"], name="checkins_one_measure_a_month")
        ]

    def __str__(self) -> str:
        return str(_("Monthly reflection"))


def _default_zone() -> str:
    return settings.TIME_ZONE


class Reminder(models.Model):
    """An opt-in daily reminder e-mail at a time the person picks.

    A preference, not content. The foreign key is called `author` so the
    export finds it like everything else a person chose. `next_due_at` is
    when the worker should send next; the worker moves it forward when it
    claims the reminder, which is what keeps two workers from both sending.
    """

    author = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", editable=False
    )
    enabled = models.BooleanField(_("send me a daily reminder"), default=False)
    time = models.TimeField(_("at"), default=datetime.time(20, 0))
    timezone = models.CharField(_("time zone"), max_length=64, default=_default_zone)
    next_due_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Where the person turned the reminder on, for the link in the e-mail.
    site_url = models.CharField(max_length=200, blank=True, editable=False)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        indexes = [models.Index(fields=["enabled", "next_due_at"], name="checkins_reminder_due")]

    def __str__(self) -> str:
        return str(_("Reminder"))
