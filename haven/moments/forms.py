from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from haven.core.editing import RevisionFormMixin
from haven.moments import content, services, vocab
from haven.moments.models import Moment, Repair, RepairMode
from haven.needs import feltsense

INTENSITY = [(n, str(n)) for n in range(1, 11)]
PAUSE_MINUTES = [
    (20, _("20 minutes")),
    (30, _("half an hour")),
    (45, _("45 minutes")),
    (60, _("an hour")),
    (120, _("two hours")),
]
OLDEST = dt.timedelta(days=3 * 366)
REPAIR_STEPS = (*content.STEP_KEYS, "reflect", "close")


def _terms(terms: list[Any]) -> list[tuple[str, str]]:
    return [(term.key, term.label) for term in terms]


class MomentForm(RevisionFormMixin, forms.ModelForm):
    """One's own view of a rocky moment; everything but the date is optional."""

    # Date and time inputs take ISO values whatever the page's language: a
    # localised "07-12-2026" would be rejected by the browser and shown empty.
    happened_date = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    happened_time = forms.TimeField(
        label=_("Time (roughly)"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    topic = forms.ChoiceField(label=_("The topic of the moment"), required=False)
    my_moves = forms.MultipleChoiceField(
        label=_("How I protected myself"), required=False, widget=forms.CheckboxSelectMultiple
    )
    partner_moves = forms.MultipleChoiceField(
        label=_("What I saw my partner do"), required=False, widget=forms.CheckboxSelectMultiple
    )
    ending = forms.ChoiceField(label=_("How it ended"), required=False, widget=forms.RadioSelect)
    intensity = forms.TypedChoiceField(
        label=_("How intense was it?"),
        choices=INTENSITY,
        coerce=int,
        initial=5,
        widget=forms.RadioSelect,
        help_text=_("1 is a small bump, 10 the hardest it gets."),
    )
    sensations = forms.MultipleChoiceField(
        label=_("What my body did"), required=False, widget=forms.CheckboxSelectMultiple
    )
    emotions = forms.MultipleChoiceField(
        label=_("Feelings"), required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Moment
        fields = [
            "topic",
            "what_happened",
            "my_moves",
            "partner_moves",
            "ending",
            "intensity",
            "sensations",
            "emotions",
        ]
        widgets = {"what_happened": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "what_happened": _("In a few sentences, as you saw it. Only you can see this.")
        }

    def __init__(self, *args: Any, language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.language = language
        topics = _terms(content.topics(language))
        self.fields["topic"].choices = [("", _("Choose a topic")), *topics]
        self.fields["ending"].choices = _terms(content.endings(language))
        moves = _terms(vocab.moves(language))
        self.fields["my_moves"].choices = moves
        self.fields["partner_moves"].choices = moves
        self.fields["sensations"].choices = _terms(feltsense.sensations(language, "unmet"))
        self.fields["emotions"].choices = _terms(feltsense.emotions(language))
        when = self.instance.happened_at if self.instance.pk else timezone.now()
        local = timezone.localtime(when)
        self.initial.setdefault("happened_date", local.date())
        self.initial.setdefault("happened_time", local.time().replace(second=0, microsecond=0))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        day = cleaned.pop("happened_date", None)
        clock = cleaned.pop("happened_time", None)
        if day is not None:
            now = timezone.now()
            when = timezone.make_aware(dt.datetime.combine(day, clock or dt.time(12, 0)))
            if clock is None and day == timezone.localdate(now) and when > now:
                # Today without a time, before noon: it happened earlier today.
                when = now
            if when > now + dt.timedelta(minutes=5):
                self.add_error("happened_date", _("This moment is in the future."))
            elif when < now - OLDEST:
                self.add_error("happened_date", _("Choose a date in the last three years."))
            else:
                cleaned["happened_at"] = when
                self.instance.happened_at = when
        return cleaned

    def moment_data(self) -> dict[str, Any]:
        """The cleaned answers as keyword arguments for services.log_moment."""
        data = self.cleaned_data
        return {
            name: data[name]
            for name in ("happened_at", "what_happened", "intensity", *services_choices())
        }

    # --- for the template -----------------------------------------------------

    def chosen(self, name: str) -> set[str]:
        if self.is_bound:
            return set(self.data.getlist(self.add_prefix(name)))
        value = self.initial.get(name)
        if value is None and self.instance.pk:
            value = getattr(self.instance, name, None)
        return set(value or [])

    def move_groups(self, name: str) -> list[dict[str, Any]]:
        chosen = self.chosen(name)
        return [
            {"field": name, "legend": family.name, "terms": moves, "chosen": chosen}
            for family, moves in vocab.families(self.language)
        ]

    def term_groups(self) -> list[dict[str, Any]]:
        body = set(self.chosen("sensations"))
        feelings = set(self.chosen("emotions"))
        groups = [
            {
                "field": "sensations",
                "legend": _("In your body"),
                "terms": feltsense.sensations(self.language, "unmet"),
                "chosen": body,
            }
        ]
        legends = {"surface": _("On the surface"), "primary": _("Underneath")}
        groups += [
            {
                "field": "emotions",
                "legend": legends[kind],
                "terms": feltsense.emotions(self.language, kind),
                "chosen": feelings,
            }
            for kind in ("surface", "primary")
        ]
        return groups


def services_choices() -> tuple[str, ...]:
    return ("topic", "ending", "my_moves", "partner_moves", "sensations", "emotions")


class LinkForm(forms.Form):
    other = forms.TypedChoiceField(label=_("Your partner's view"), coerce=int)

    def __init__(self, *args: Any, candidates: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["other"].choices = candidates
        self.fields["other"].widget = forms.RadioSelect(choices=candidates)


class RepairStartForm(forms.Form):
    mode = forms.ChoiceField(
        label=_("How are you doing this?"),
        choices=RepairMode.choices,
        initial=RepairMode.TOGETHER,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, alone_only: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if alone_only:
            self.fields["mode"].choices = [(RepairMode.ALONE, RepairMode.ALONE.label)]
            self.fields["mode"].initial = RepairMode.ALONE


class StepChoiceForm(forms.Form):
    """Validates the ?step= query string of the repair page."""

    step = forms.ChoiceField(choices=[(s, s) for s in REPAIR_STEPS], required=False)


class RepairStepForm(RevisionFormMixin, forms.ModelForm):
    """One answer of the repair; the field is chosen per step."""

    class Meta:
        model = Repair
        fields: list[str] = []

    def __init__(self, *args: Any, field: str, label: str, help_text: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.field_name = field
        self.fields[field] = forms.CharField(
            label=label,
            help_text=help_text,
            required=False,
            max_length=5000,
            widget=forms.Textarea(attrs={"rows": 5}),
            initial=getattr(self.instance, field),
        )

    def save(self, commit: bool = True) -> Repair:
        setattr(self.instance, self.field_name, self.cleaned_data[self.field_name].strip())
        if commit:
            self.instance.save()
        return self.instance


class PauseForm(forms.Form):
    minutes = forms.TypedChoiceField(
        label=_("How long is your pause?"),
        choices=PAUSE_MINUTES,
        coerce=int,
        initial=20,
        widget=forms.RadioSelect,
    )
    at = forms.TimeField(
        label=_("Or come back at a time on the clock"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("At least 20 minutes from now, within a day."),
    )
    message = forms.ChoiceField(label=_("A message for your partner"), widget=forms.RadioSelect)

    def __init__(self, *args: Any, language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.language = language
        ready = services.time_text(services.earliest_return())
        self.fields["message"].choices = [
            (m.key, m.filled(ready)) for m in content.messages(language)
        ]
        self.fields["message"].initial = content.messages(language)[0].key

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        try:
            services.pause_return(minutes=cleaned.get("minutes"), at=cleaned.get("at"))
        except services.PauseTooShort:
            self.add_error("at", _("Choose a time at least 20 minutes from now, and within a day."))
        return cleaned
