from django import forms
from django.utils.translation import gettext_lazy as _

from haven.coach.model import MAX_CHARS


class NulFreeCharField(forms.CharField):
    """Drops NUL characters (pasted from odd sources) instead of refusing the text."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\x00", "") if isinstance(value, str) else value


class PractiseForm(forms.Form):
    message = NulFreeCharField(
        label=_("Your message"),
        max_length=MAX_CHARS,
        strip=False,
        help_text=_(
            "Type or paste what you want to say. Nothing is saved unless you save it yourself."
        ),
        widget=forms.Textarea(attrs={"rows": 6, "autocomplete": "off", "spellcheck": "true"}),
        error_messages={
            "required": _("Type a message first, then Haven can look at it with you."),
            "max_length": _(
                "This message is too long for the coach: it reads at most %(limit_value)d "
                "characters (this one has %(show_value)d). Try one part at a time."
            ),
        },
    )
    lang = forms.ChoiceField(
        label=_("Language of the message"),
        required=False,
        choices=[("", _("Recognise it")), ("en", _("English")), ("nl", _("Dutch"))],
    )
    feelings = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)
    needs = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)
    draft = NulFreeCharField(required=False, max_length=MAX_CHARS, strip=False)

    def clean_message(self) -> str:
        text = self.cleaned_data["message"]
        if not text.strip():
            raise forms.ValidationError(
                _("Type a message first, then Haven can look at it with you."), code="required"
            )
        return text

    def set_choices(self, feelings, needs) -> None:
        self.fields["feelings"].choices = [(c.key, c.label) for c in feelings]
        self.fields["needs"].choices = [(c.key, c.label) for c in needs]
