from __future__ import annotations

from django import forms

from haven.safety import screen


class SafetyCheckForm(forms.Form):
    def __init__(self, *args, language: str = "en", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        current = screen.screen(language)
        for question in current.questions:
            self.fields[question.id] = forms.ChoiceField(
                label=question.text,
                choices=current.answers,
                widget=forms.RadioSelect,
                required=False,
                initial="skip",
            )

    def answers(self) -> dict[str, str]:
        return {name: value or "skip" for name, value in self.cleaned_data.items()}
