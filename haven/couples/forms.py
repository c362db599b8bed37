from django import forms
from django.utils.translation import gettext_lazy as _


class InviteForm(forms.Form):
    consent = forms.BooleanField(
        label=_(
            "I want to link my account with my partner's. I understand that my partner "
            "sees only what I choose to share, and that either of us can unlink at any time."
        ),
        error_messages={"required": _("Please tick the box to confirm you want to link.")},
    )


class AcceptForm(InviteForm):
    pass


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Invitation code"),
        max_length=20,
        help_text=_("The eight-character code your partner gave you, for example ABCD-2345."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


class UnlinkForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Yes, unlink our accounts."),
        error_messages={"required": _("Please tick the box to confirm.")},
    )
