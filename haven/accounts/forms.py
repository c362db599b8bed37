from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from haven.accounts.models import Country, Profile


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
