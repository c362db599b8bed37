import unicodedata

from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from haven.accounts.models import Country, Profile


def clean_display_name(value: str) -> str:
    """A name as people see it: control and format characters (which could
    rewrite a log line or hide text) are taken out, spaces collapsed."""
    kept = "".join(
        " " if unicodedata.category(ch) == "Zs" or ch in "\t\n\r" else ch
        for ch in value
        if unicodedata.category(ch) not in {"Cc", "Cf"} or ch in "\t\n\r"
    )
    cleaned = " ".join(kept.split())
    if not cleaned:
        raise forms.ValidationError(_("Write a name with at least one letter or sign."))
    return cleaned


class SignupExtraForm(forms.Form):
    """Extra fields on allauth's sign-up form (ACCOUNT_SIGNUP_FORM_CLASS)."""

    display_name = forms.CharField(
        label=_("Your name"),
        max_length=60,
        help_text=_("A first name or nickname is enough. Your partner will see it."),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    country = forms.ChoiceField(
        label=_("Country"),
        choices=Country.choices,
        initial=Country.NETHERLANDS,
        help_text=_("Used to show help lines for where you live."),
    )

    def clean_display_name(self) -> str:
        return clean_display_name(self.cleaned_data["display_name"])

    def signup(self, request, user) -> None:
        language = translation.get_language() or "en"
        Profile.objects.update_or_create(
            user=user,
            defaults={
                "display_name": self.cleaned_data["display_name"].strip(),
                "country": self.cleaned_data["country"],
                "language": language[:2] if language[:2] in {"en", "nl"} else "en",
            },
        )


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = ["display_name", "language", "country"]

    def clean_display_name(self) -> str:
        return clean_display_name(self.cleaned_data["display_name"])


class PasswordCheckForm(forms.Form):
    """Asks for the password again before something weighty (export, deletion)."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if self.user is None or not self.user.check_password(password):
            raise forms.ValidationError(_("That password is not right."))
        return password


class DeleteAccountForm(PasswordCheckForm):
    confirm = forms.BooleanField(
        label=_("I understand that everything I wrote will be deleted for good."),
        required=True,
    )
