from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from haven.practise.forms import NulFreeCharField

REFLECTION_MAX = 10000
SCRIPT_MAX = 5000


class ReflectionForm(forms.Form):
    text = NulFreeCharField(
        label=_("Your reflection"),
        max_length=REFLECTION_MAX,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "true"}),
        error_messages={
            "required": _("Write something first; even one sentence is enough."),
            "max_length": _(
                "This is longer than %(limit_value)d characters (it has %(show_value)d). "
                "Shorten it a little, or save the rest in a second reflection."
            ),
        },
    )

    def clean_text(self) -> str:
        text = self.cleaned_data["text"]
        if not text.strip():
            raise forms.ValidationError(
                _("Write something first; even one sentence is enough."), code="required"
            )
        return text


class ScriptForm(forms.Form):
    ACTIONS = ("check", "save", "forget", "print")

    text = NulFreeCharField(
        label=_("Your version"),
        max_length=SCRIPT_MAX,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 7, "spellcheck": "true"}),
        error_messages={
            "required": _("The text is empty. Write what you want to say, or start again."),
            "max_length": _(
                "This is longer than %(limit_value)d characters (it has %(show_value)d). "
                "A shorter version is easier to say, too."
            ),
        },
    )
    action = forms.ChoiceField(choices=[(a, a) for a in ACTIONS], required=False)

    def clean_text(self) -> str:
        text = self.cleaned_data["text"]
        if not text.strip():
            raise forms.ValidationError(
                _("The text is empty. Write what you want to say, or start again."),
                code="required",
            )
        return text


class StepForm(forms.Form):
    step = forms.IntegerField(min_value=0, required=False)
    # The module the exercise was opened from, to go back to at the end.
    module = forms.SlugField(max_length=80, required=False)
