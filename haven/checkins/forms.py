"""Forms of check-ins, the monthly measure and reminders. Question wording is data."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from haven.checkins import content, reminders
from haven.checkins.models import Reach, Turn
from haven.needs import feltsense
from haven.reflection.engine import Instrument

PERCENT_CHOICES = [(value, f"{value}%") for value in range(0, 101, 10)]


def _terms(terms: list[feltsense.Term]) -> list[tuple[str, str]]:
    return [(term.key, term.label) for term in terms]


class CheckInForm(forms.Form):
    """Today's check-in: one tap for the percentage, everything else optional."""

    percent = forms.TypedChoiceField(choices=PERCENT_CHOICES, coerce=int, widget=forms.RadioSelect)
    sensations = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)
    emotions = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)
    needs_met = forms.TypedMultipleChoiceField(
        required=False, coerce=int, widget=forms.CheckboxSelectMultiple
    )
    reached = forms.ChoiceField(
        required=False, choices=[("", _("skip")), *Reach.choices], widget=forms.RadioSelect
    )
    turned = forms.ChoiceField(
        required=False, choices=[("", _("skip")), *Turn.choices], widget=forms.RadioSelect
    )
    note = forms.CharField(required=False, max_length=300)
    revision = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    def __init__(
        self, *args: Any, mode: str, language: str, needs: list[tuple[int, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.language = language
        wording = content.questions(mode, language)
        self.wording = wording
        self.fields["percent"].label = wording.percent
        self.fields["sensations"].label = wording.body
        self.fields["sensations"].choices = _terms(feltsense.sensations(language))
        self.fields["emotions"].label = wording.feelings
        self.fields["emotions"].choices = _terms(feltsense.emotions(language))
        self.fields["needs_met"].label = wording.needs
        self.fields["needs_met"].choices = needs
        self.fields["reached"].label = wording.reached
        self.fields["turned"].label = wording.turned
        self.fields["note"].label = wording.note
        self.fields["note"].widget.attrs.update({"maxlength": "300", "autocomplete": "off"})

    def chosen(self, name: str) -> set[str]:
        """What is ticked in a multiple-choice field, as strings, for the template."""
        if self.is_bound:
            return set(self.data.getlist(self.add_prefix(name)))
        return {str(value) for value in self.initial.get(name) or []}

    def need_rows(self) -> list[tuple[int, str, bool]]:
        """(need id, words, ticked) for the person's own needs."""
        ticked = self.chosen("needs_met")
        return [(pk, label, str(pk) in ticked) for pk, label in self.fields["needs_met"].choices]

    def term_groups(self) -> list[dict[str, Any]]:
        """Checkbox groups of the felt-sense vocabulary, by kind."""
        sensations = self.chosen("sensations")
        emotions = self.chosen("emotions")
        legends = {
            ("sensations", "met"): _("In your body: settled"),
            ("sensations", "unmet"): _("In your body: on alert"),
            ("emotions", "met"): _("Feelings when a need is met"),
            ("emotions", "surface"): _("Feelings on the surface"),
            ("emotions", "primary"): _("Feelings underneath"),
        }
        groups = [
            {
                "field": "sensations",
                "kind": kind,
                "legend": legends[("sensations", kind)],
                "terms": feltsense.sensations(self.language, kind),
                "chosen": sensations,
            }
            for kind in ("met", "unmet")
        ]
        groups += [
            {
                "field": "emotions",
                "kind": kind,
                "legend": legends[("emotions", kind)],
                "terms": feltsense.emotions(self.language, kind),
                "chosen": emotions,
            }
            for kind in ("met", "surface", "primary")
        ]
        return groups


class ShareForm(forms.Form):
    shared = forms.TypedChoiceField(choices=[("1", "1"), ("0", "0")], coerce=lambda v: v == "1")


class RangeForm(forms.Form):
    """The ?range= of the progress page, validated like any other input."""

    RANGES = ("30", "90", "365", "all")
    range = forms.ChoiceField(
        required=False,
        choices=[
            ("30", _("30 days")),
            ("90", _("3 months")),
            ("365", _("a year")),
            ("all", _("all time")),
        ],
    )

    def chosen(self) -> str:
        if self.is_valid() and self.cleaned_data.get("range"):
            return self.cleaned_data["range"]
        return "90"


class MeasureForm(forms.Form):
    """All statements of the monthly reflection on one page, each on the instrument's scale."""

    revision = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    note = forms.CharField(
        required=False,
        max_length=300,
        label=_("Something to remember about this month (optional)"),
        widget=forms.TextInput(attrs={"maxlength": "300", "autocomplete": "off"}),
    )

    def __init__(self, *args: Any, instrument: Instrument, language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        choices = [(str(value), label) for value, label in instrument.scale.choices(language)]
        for item in instrument.items:
            self.fields[item.key] = forms.TypedChoiceField(
                label=item.render(None, language),
                choices=choices,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose an answer for this statement.")},
            )

    def items(self) -> list[forms.BoundField]:
        return [self[item.key] for item in self.instrument.items]

    def answers(self) -> dict[str, int]:
        return {item.key: self.cleaned_data[item.key] for item in self.instrument.items}


class ReminderForm(forms.Form):
    enabled = forms.BooleanField(required=False, label=_("Send me a daily reminder by e-mail"))
    time = forms.TimeField(
        label=_("At"),
        input_formats=["%H:%M", "%H:%M:%S"],
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    timezone = forms.ChoiceField(label=_("Time zone"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["timezone"].choices = [(zone, zone) for zone in reminders.zones()]
        self.fields["timezone"].initial = settings.TIME_ZONE


class StopForm(forms.Form):
    """The token from the link in a reminder e-mail."""

    t = forms.CharField(max_length=200)
