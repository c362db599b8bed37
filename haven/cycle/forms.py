"""Plain forms of the cycle pages. Choices and prompts come from the data files."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from haven.core import policy
from haven.cycle import services, vocabulary
from haven.cycle.models import TEXT_MAX, CycleSide
from haven.needs import feltsense
from haven.needs.models import Need
from haven.reflection.models import SensitiveSpot


def _text(max_length: int = TEXT_MAX, rows: int = 3) -> forms.CharField:
    return forms.CharField(
        required=False, max_length=max_length, widget=forms.Textarea(attrs={"rows": rows})
    )


def _checks() -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)


class SideForm(forms.Form):
    """My side, all steps on one page. Only the author's own needs and spots can be linked."""

    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)
    trigger = _text()
    story = _text()
    surface_emotions = _checks()
    body_signals = _checks()
    moves = _checks()
    moves_own_words = _text(rows=2)
    underneath = _checks()
    underneath_own_words = _text(rows=2)
    need_ids = forms.TypedMultipleChoiceField(
        coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    longing = _text(max_length=1000, rows=2)
    spot_ids = forms.TypedMultipleChoiceField(
        coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(
        self, *args: Any, author, language: str, side: CycleSide | None = None, **kwargs: Any
    ) -> None:
        if side is not None and "initial" not in kwargs:
            kwargs["initial"] = {name: getattr(side, name) for name in services.SIDE_FIELDS}
            kwargs["initial"]["revision"] = side.revision
        super().__init__(*args, **kwargs)
        self.language = language
        f = self.fields
        f["surface_emotions"].choices = [
            (t.key, t.label) for t in feltsense.emotions(language, kind="surface")
        ]
        f["body_signals"].choices = [
            (t.key, t.label) for t in feltsense.sensations(language, kind="unmet")
        ]
        f["moves"].choices = [(m.key, m.label) for m in vocabulary.moves(language)]
        f["underneath"].choices = [
            (t.key, t.label) for t in vocabulary.underneath_feelings(language)
        ]
        self.needs = sorted(
            policy.visible(author, Need).filter(author_id=author.pk),
            key=lambda need: (need.rank, need.pk),
        )
        f["need_ids"].choices = [(n.pk, n.display_sentence(language)) for n in self.needs]
        self.spots = list(policy.visible(author, SensitiveSpot).filter(author_id=author.pk))
        f["spot_ids"].choices = [(s.pk, s.name) for s in self.spots]
        f["trigger"].label = vocabulary.step("trigger", language).prompt
        f["story"].label = vocabulary.step("story", language).prompt
        f["surface_emotions"].label = _("Feelings on the surface")
        f["body_signals"].label = _("What your body does")
        f["moves"].label = _("Protective moves")
        f["moves_own_words"].label = _("What you do, in your own words (optional)")
        f["underneath"].label = _("Feelings underneath")
        f["underneath_own_words"].label = _("Underneath, in your own words (optional)")
        f["need_ids"].label = _("Your needs")
        f["longing"].label = vocabulary.step("longing", language).prompt
        f["spot_ids"].label = _("Your sensitive spots")

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in services.SIDE_FIELDS}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not self.errors and not any(cleaned.get(name) for name in services.SIDE_FIELDS):
            raise forms.ValidationError(_("Write or tick at least one thing before saving."))
        return cleaned

    def moves_by_family(self) -> list[tuple[vocabulary.Family, list[vocabulary.Move]]]:
        return [
            (family, vocabulary.moves(self.language, family=family.key))
            for family in vocabulary.families(self.language)
        ]

    def chosen(self, name: str) -> set[str]:
        """The ticked values as strings, as submitted or as saved (for re-rendering)."""
        value = self[name].value() or []
        return {str(v) for v in value}


class PastForm(forms.Form):
    """The reflection on past relationships (the author's alone, never shared)."""

    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)
    past_moves = _text(rows=4)
    past_partner_moves = _text(rows=4)
    past_underneath = _text(rows=4)
    past_lesson = _text(rows=3)

    def __init__(self, *args: Any, language: str, side: CycleSide | None = None, **kwargs: Any):
        if side is not None and "initial" not in kwargs:
            kwargs["initial"] = {name: getattr(side, name) for name in services.SOLO_FIELDS}
            kwargs["initial"]["revision"] = side.revision
        super().__init__(*args, **kwargs)
        for prompt in vocabulary.solo_prompts(language):
            self.fields[prompt.key].label = prompt.prompt
            self.fields[prompt.key].help_text = prompt.help

    def values(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name in services.SOLO_FIELDS}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not self.errors and not any(cleaned.get(name) for name in services.SOLO_FIELDS):
            raise forms.ValidationError(_("Write something in at least one of the boxes."))
        return cleaned


class NameForm(forms.Form):
    name = forms.CharField(
        label=_("Name of your cycle"),
        max_length=services.NAME_MAX,
        error_messages={"required": _("Give your cycle a short name.")},
    )
    # The revision of the name shown when typing began; empty: there was none.
    revision = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    def clean_name(self) -> str:
        try:
            return services.clean_name(self.cleaned_data["name"])
        except services.CycleError:
            raise forms.ValidationError(_("Give your cycle a short name.")) from None


class ShareForm(forms.Form):
    """shared=1 shares, anything else (or nothing) makes the side private again."""

    shared = forms.TypedChoiceField(
        choices=[("0", "0"), ("1", "1")],
        coerce=lambda value: value == "1",
        required=False,
        empty_value=False,
    )
