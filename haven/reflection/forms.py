"""Forms of the reflection part. Labels of content come from the data files."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from haven.core.editing import RevisionFormMixin
from haven.reflection import engine
from haven.reflection.content import Section
from haven.reflection.engine import Instrument, Item, Target
from haven.reflection.models import HistoryAnswer, InstrumentResponse, SensitiveSpot

# --- How I attach -----------------------------------------------------------


class StartForm(forms.Form):
    """Which instrument, about whom."""

    instrument = forms.ChoiceField(choices=())
    target = forms.CharField(required=False, max_length=64)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["instrument"].choices = [(i.key, str(i.name)) for i in engine.available()]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        instrument = engine.get(data.get("instrument", ""))
        if instrument is None:
            return data
        target = data.get("target") or ""
        if instrument.targets and instrument.target(target) is None:
            self.add_error("target", _("Choose who you want to think of."))
        elif not instrument.targets:
            data["target"] = ""
        data["instrument_obj"] = instrument
        return data


class PageQuery(forms.Form):
    """The ?page= of the questionnaire, validated like any other input."""

    page = forms.IntegerField(required=False, min_value=1)

    def page_for(self, instrument: Instrument) -> int:
        if not self.is_valid() or not self.cleaned_data.get("page"):
            return 1
        return min(self.cleaned_data["page"], instrument.page_count)


class AnswerPageForm(RevisionFormMixin):
    """One page of items, each a row of radio buttons on the instrument's scale."""

    def __init__(
        self,
        *args: Any,
        instrument: Instrument,
        items: tuple[Item, ...],
        target: Target | None,
        response: InstrumentResponse,
        **kwargs: Any,
    ) -> None:
        # RevisionFormMixin reads the revision to start from off `instance`.
        self.instance = response
        super().__init__(*args, **kwargs)
        self.fields["revision"].required = False
        self.items = items
        choices = [(str(value), label) for value, label in instrument.scale.choices()]
        for item in items:
            self.fields[item.key] = forms.TypedChoiceField(
                label=item.render(target),
                choices=choices,
                coerce=int,
                required=False,
                empty_value=None,
                widget=forms.RadioSelect,
                initial=response.answers.get(item.key),
            )

    def answers(self) -> dict[str, int]:
        return {
            item.key: self.cleaned_data[item.key]
            for item in self.items
            if self.cleaned_data.get(item.key) is not None
        }

    def item_fields(self) -> list[forms.BoundField]:
        return [self[item.key] for item in self.items]


class ResultNoteForm(RevisionFormMixin, forms.ModelForm):
    class Meta:
        model = InstrumentResponse
        fields = ["note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 6})}


class AutosaveAnswerForm(forms.Form):
    item = forms.CharField(max_length=64)
    value = forms.IntegerField()
    revision = forms.IntegerField(required=False, min_value=0)

    def __init__(self, *args: Any, instrument: Instrument, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instrument = instrument

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if "item" in data and "value" in data:
            try:
                engine.check_answer(self.instrument, data["item"], data["value"])
            except engine.AnswerError:
                raise forms.ValidationError(_("That answer does not fit this question.")) from None
        return data


# --- History ------------------------------------------------------------------


class SectionQuery(forms.Form):
    section = forms.SlugField(required=False, max_length=64)


class HistoryAnswerForm(RevisionFormMixin, forms.ModelForm):
    """The answer to one prompt; the prefix is the prompt key."""

    class Meta:
        model = HistoryAnswer
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, prompt: Any, **kwargs: Any) -> None:
        super().__init__(*args, prefix=prompt.key, **kwargs)
        # Absent when the text was started from an empty answer.
        self.fields["revision"].required = False
        self.prompt = prompt
        field = self.fields["text"]
        field.label = str(prompt.text)
        field.help_text = str(prompt.hint or "")
        field.required = False
        field.widget.attrs.update({"data-prompt": prompt.key})
        if prompt.hint:
            field.widget.attrs["aria-describedby"] = f"hint-{prompt.key}"


def section_forms(
    section: Section,
    saved: dict[str, HistoryAnswer],
    *,
    individual: bool,
    data: Any = None,
) -> list[HistoryAnswerForm]:
    return [
        HistoryAnswerForm(data, instance=saved.get(prompt.key), prompt=prompt)
        for prompt in section.prompts_for(individual=individual)
    ]


class HistoryAutosaveForm(forms.Form):
    section = forms.SlugField(max_length=64)
    prompt = forms.SlugField(max_length=64)
    text = forms.CharField(required=False, strip=False, max_length=20000)
    revision = forms.IntegerField(required=False, min_value=0)


# --- Sensitive spots ----------------------------------------------------------


class SpotForm(RevisionFormMixin, forms.ModelForm):
    class Meta:
        model = SensitiveSpot
        fields = ["name", "origin", "touched_today", "signs", "need_when_touched"]
        widgets = {
            "origin": forms.Textarea(attrs={"rows": 3}),
            "touched_today": forms.Textarea(attrs={"rows": 3}),
            "signs": forms.Textarea(attrs={"rows": 3}),
            "need_when_touched": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, prompts: Section, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for prompt in prompts.prompts:
            field = self.fields[prompt.key]
            field.label = str(prompt.text)
            field.help_text = str(prompt.hint or "")


class ShareForm(forms.Form):
    """shared=1 shares, anything else (or nothing) makes the item private again."""

    shared = forms.TypedChoiceField(
        choices=[("0", "0"), ("1", "1")],
        coerce=lambda value: value == "1",
        required=False,
        empty_value=False,
    )
