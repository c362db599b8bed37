from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from haven.core.editing import RevisionFormMixin
from haven.needs import catalogue, feltsense
from haven.needs.models import Acknowledgement, FeltSenseNote, Need


class ChooseNeedsForm(forms.Form):
    """Pick needs from the catalogue, and optionally write one in your own words."""

    needs = forms.MultipleChoiceField(
        label=_("Needs from the list"), required=False, widget=forms.CheckboxSelectMultiple
    )
    own_words = forms.CharField(label=_("A need in your own words"), required=False, max_length=300)

    def __init__(self, *args: Any, language: str, held: set[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.held = held
        self.fields["needs"].choices = [
            (need.key, need.fragment(language))
            for need in catalogue.catalogue().needs
            if need.key not in held
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not cleaned.get("needs") and not (cleaned.get("own_words") or "").strip():
            raise forms.ValidationError(
                _("Tick at least one need, or write one in your own words.")
            )
        return cleaned


class SentenceForm(RevisionFormMixin, forms.ModelForm):
    """Choose a wording and make the sentence your own before saving it."""

    frame = forms.TypedChoiceField(
        label=_("Wording"), coerce=int, widget=forms.RadioSelect, empty_value=0
    )

    class Meta:
        model = Need
        fields = ["own_words", "frame", "sentence"]
        widgets = {"sentence": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        need: Need = self.instance
        self.language = language
        if need.is_own:
            self.fields["own_words"].required = True
            self.fields["own_words"].label = _("The need in your own words")
        else:
            del self.fields["own_words"]
        self.fields["frame"].choices = [
            (index, need.built_sentence(language, index))
            for index in range(len(catalogue.frames(language)))
        ]
        self.fields["sentence"].required = True
        self.fields["sentence"].label = _("Your sentence")
        self.fields["sentence"].help_text = _("Change it until it sounds like you.")
        if not need.sentence and not self.is_bound:
            self.initial["sentence"] = need.built_sentence(language)

    def wording_choices(self) -> list[tuple[int, str]]:
        return list(self.fields["frame"].choices)


class AcknowledgementForm(RevisionFormMixin, forms.ModelForm):
    class Meta:
        model = Acknowledgement
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"text": _("A few words are enough, for example: I hear you.")}


def _choices(terms: list[feltsense.Term]) -> list[tuple[str, str]]:
    return [(term.key, term.label) for term in terms]


class FeltSenseNoteForm(RevisionFormMixin, forms.ModelForm):
    """What the body did, from the vocabulary, plus anything in your own words."""

    sensations = forms.MultipleChoiceField(
        label=_("What your body did"), required=False, widget=forms.CheckboxSelectMultiple
    )
    emotions = forms.MultipleChoiceField(
        label=_("Feelings"), required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = FeltSenseNote
        fields = ["sensations", "emotions", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.language = language
        self.fields["sensations"].choices = _choices(feltsense.sensations(language))
        self.fields["emotions"].choices = _choices(feltsense.emotions(language))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not (
            cleaned.get("sensations")
            or cleaned.get("emotions")
            or (cleaned.get("note") or "").strip()
        ):
            raise forms.ValidationError(
                _("Tick something you noticed, or write a few words about it.")
            )
        return cleaned

    def groups(self, first: str = "unmet") -> list[dict[str, Any]]:
        """Checkbox groups for the template: sensations by kind, then feelings by kind."""
        chosen_sensations = set(self._chosen("sensations"))
        chosen_emotions = set(self._chosen("emotions"))
        kinds = sorted(feltsense.SENSATION_KINDS, key=lambda kind: kind != first)
        sensation_legends = {
            "unmet": _("In your body, when a need goes unmet"),
            "met": _("In your body, when a need is met"),
        }
        emotion_legends = {
            "surface": _("Feelings on the surface"),
            "primary": _("Feelings underneath"),
            "met": _("Feelings when a need is met"),
        }
        groups = [
            {
                "field": "sensations",
                "kind": kind,
                "legend": sensation_legends[kind],
                "terms": feltsense.sensations(self.language, kind),
                "chosen": chosen_sensations,
            }
            for kind in kinds
        ]
        groups += [
            {
                "field": "emotions",
                "kind": kind,
                "legend": emotion_legends[kind],
                "terms": feltsense.emotions(self.language, kind),
                "chosen": chosen_emotions,
            }
            for kind in feltsense.EMOTION_KINDS
        ]
        return groups

    def _chosen(self, name: str) -> list[str]:
        if self.is_bound:
            return self.data.getlist(self.add_prefix(name)) if hasattr(self.data, "getlist") else []
        value = self.initial.get(name)
        if value is None and self.instance is not None:
            value = getattr(self.instance, name, None)
        return list(value or [])


class ExerciseChoiceForm(forms.Form):
    """Validates the ?exercise= query string of the exercise page."""

    exercise = forms.ChoiceField(required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["exercise"].choices = [
            (item.key, item.title) for item in feltsense.exercises("en")
        ]


class NewNoteForm(FeltSenseNoteForm):
    """A new note also says which exercise it belongs to (empty: daily life)."""

    exercise = forms.ChoiceField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["exercise"].choices = [("", "")] + [
            (item.key, item.title) for item in feltsense.exercises(self.language)
        ]
