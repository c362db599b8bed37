"""In Dutch, the account pages and e-mails say "je", never "u" or "uw".

The login library (allauth) and Django bring their own Dutch, which is formal
and sometimes broken; Haven's catalogue and its e-mail templates replace it.
These tests walk every account page and e-mail a Dutch-speaking person can
reach, and read only what that person sees: text outside scripts and styles,
and the attributes that are shown or read aloud (title, alt, placeholder,
aria-label), never addresses, links or codes.
"""

from __future__ import annotations

import re
import time
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.usefixtures("fresh_rate_limits")

# "a.u.b." and "alstublieft" are formal too ("alsjeblieft" is not).
FORMAL = re.compile(r"\b(u|uw|uwe|uzelf|alstublieft)\b", re.IGNORECASE)
# Links, e-mail addresses and one-time keys are not language; they can contain
# a lone "u" between separators.
NOT_LANGUAGE = re.compile(r"(https?://\S+|\S+@\S+|/\S*)")
SHOWN_ATTRIBUTES = {"title", "alt", "placeholder", "aria-label"}
NEW_PASSWORD = "the tide comes in slowly"

HAVEN_PO = Path(__file__).resolve().parents[2] / "haven/locale/nl/LC_MESSAGES/django.po"
HAVEN_TEMPLATES = Path(__file__).resolve().parents[2] / "haven/templates"


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs) -> None:
        if tag in {"script", "style", "template"}:
            self._hidden += 1
        for name, value in attrs:
            if name in SHOWN_ATTRIBUTES and value:
                self.parts.append(value)

    def handle_endtag(self, tag) -> None:
        if tag in {"script", "style", "template"} and self._hidden:
            self._hidden -= 1

    def handle_data(self, data) -> None:
        if not self._hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    return " ".join(" ".join(parser.parts).split())


def formal_words(text: str) -> list[str]:
    return FORMAL.findall(NOT_LANGUAGE.sub(" ", text))


def assert_informal_page(response, where: str) -> str:
    assert response.status_code == 200, where
    assert response["Content-Language"] == "nl", where
    text = visible_text(response.content.decode())
    found = formal_words(text)
    assert not found, f"{where}: formal {found} in: {text}"
    return text


def assert_informal_mail(message) -> None:
    for part in (message.subject, message.body):
        found = formal_words(part)
        assert not found, f"formal {found} in e-mail {message.subject!r}:\n{message.body}"


@pytest.fixture
def visitor() -> Client:
    """Someone not logged in whose browser asks for Dutch."""
    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    client.cookies["haven_language"] = "nl"
    return client


@pytest.fixture
def anna(db):
    """A Dutch-speaking partner whose name contains "van" (as in the bug report)."""
    from allauth.account.models import EmailAddress

    user = make_user("anna@example.org", "Anna van Dijk", language="nl")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def log_in(client: Client, user, password: str = PASSWORD):
    """Log in through the form, as a person does; the page after it carries
    the "logged in" message."""
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": password}, follow=True
    )
    assert response.status_code == 200
    return response


@pytest.fixture
def anna_client(visitor, anna) -> Client:
    """Anna, logged in, who also just gave her password again (as Haven asks
    before changing the address or the second factor)."""
    log_in(visitor, anna)
    response = visitor.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302
    return visitor


def current_totp_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD))


def link_in(message, path_part: str) -> str:
    links = [m for m in re.findall(r"https?://testserver(/\S+)", message.body) if path_part in m]
    assert links, message.body
    return links[0]


# --- pages for someone who is not logged in ---------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "account_login",
        "account_signup",
        "account_reset_password",
        "account_reset_password_done",
        "account_reset_password_from_key_done",
        "account_email_verification_sent",
        "account_inactive",
    ],
)
def test_visitor_pages_speak_informal_dutch(db, visitor, name):
    assert_informal_page(visitor.get(reverse(name)), name)


def test_closed_signup_page_speaks_informal_dutch(settings, db, visitor):
    settings.HAVEN_OPEN_SIGNUP = False
    assert_informal_page(visitor.get(reverse("account_signup")), "signup closed")


def test_failed_login_speaks_informal_dutch(db, visitor, anna):
    response = visitor.post(
        reverse("account_login"), {"login": anna.email, "password": "not the password"}
    )
    text = assert_informal_page(response, "failed login")
    assert "passen niet bij elkaar" in text
    empty = visitor.post(reverse("account_login"), {"login": "", "password": ""})
    assert_informal_page(empty, "empty login")


SIGNUP = {
    "email": "noor@example.org",
    "display_name": "Noor van den Berg",
    "country": "NL",
    "password1": NEW_PASSWORD,
    "password2": NEW_PASSWORD,
}


@pytest.mark.parametrize(
    ("case", "changes", "field", "dutch"),
    [
        ("short password", {"password1": "kort", "password2": "kort"}, "password1", "te kort"),
        (
            "common password",
            {"password1": "password", "password2": "password"},
            "password1",
            "veel mensen",
        ),
        (
            "passwords differ",
            {"password2": "another tide entirely"},
            "password2",
            "niet hetzelfde",
        ),
        ("address in use", {"email": "anna@example.org"}, "email", "al een account"),
        ("invalid address", {"email": "not an address"}, "email", "geldig e-mailadres"),
        ("nothing filled in", {"email": "", "display_name": ""}, "email", "verplicht"),
    ],
)
def test_failed_signup_explains_in_informal_dutch(db, visitor, anna, case, changes, field, dutch):
    response = visitor.post(reverse("account_signup"), dict(SIGNUP, **changes))
    assert response.status_code == 200, case
    errors = " ".join(response.context["form"].errors.get(field, []))
    # In Dutch at all (Django's own catalogue misses some of these), and informal.
    assert dutch in errors, f"{case}: {errors}"
    assert_informal_page(response, case)


def test_password_help_on_the_signup_page_is_informal(db, visitor):
    text = assert_informal_page(visitor.get(reverse("account_signup")), "signup")
    # Django's own Dutch says "Uw wachtwoord moet minstens 8 tekens lang zijn".
    assert "wachtwoord" in text.lower()
    assert "Uw wachtwoord" not in text


def test_password_reset_link_pages_speak_informal_dutch(db, visitor, anna):
    response = visitor.post(reverse("account_reset_password"), {"email": anna.email}, follow=True)
    assert_informal_page(response, "reset requested")
    page = visitor.get(link_in(mail.outbox[-1], "/password/reset/key/"), follow=True)
    assert_informal_page(page, "reset from key")
    form_url = page.redirect_chain[-1][0]
    mismatch = visitor.post(form_url, {"password1": NEW_PASSWORD, "password2": "something else"})
    assert_informal_page(mismatch, "reset from key, passwords differ")
    done = visitor.post(
        form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}, follow=True
    )
    assert_informal_page(done, "reset done")


def test_expired_reset_link_speaks_informal_dutch(db, visitor, anna):
    url = reverse("account_reset_password_from_key", kwargs={"uidb36": "1", "key": "set-nothing"})
    assert_informal_page(visitor.get(url, follow=True), "bad reset token")


def test_email_confirmation_pages_speak_informal_dutch(db, visitor):
    visitor.post(reverse("account_signup"), SIGNUP)
    link = link_in(mail.outbox[-1], "/confirm-email/")
    assert_informal_page(visitor.get(link), "confirm e-mail")
    confirmed = visitor.post(link, follow=True)
    assert_informal_page(confirmed, "e-mail confirmed")
    expired = reverse("account_confirm_email", kwargs={"key": "no-such-key"})
    assert_informal_page(visitor.get(expired), "confirm e-mail, bad key")


# --- pages for someone who is logged in --------------------------------------


def test_login_and_logout_messages_are_informal(db, visitor, anna):
    assert_informal_page(log_in(visitor, anna), "after login")
    assert_informal_page(visitor.get(reverse("account_logout")), "logout confirmation")
    assert_informal_page(visitor.post(reverse("account_logout"), follow=True), "after logout")


@pytest.mark.parametrize(
    "name",
    [
        "account_change_password",
        "account_email",
        "account_reauthenticate",
        "mfa_index",
        "mfa_activate_totp",
        "usersessions_list",
    ],
)
def test_account_pages_speak_informal_dutch(anna_client, name):
    assert_informal_page(anna_client.get(reverse(name), follow=True), name)


def test_password_change_errors_and_message_are_informal(anna_client):
    url = reverse("account_change_password")
    cases = {
        "wrong current password": {
            "oldpassword": "not it",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
        "too short": {"oldpassword": PASSWORD, "password1": "kort", "password2": "kort"},
        "passwords differ": {
            "oldpassword": PASSWORD,
            "password1": NEW_PASSWORD,
            "password2": "something else",
        },
    }
    for case, data in cases.items():
        response = anna_client.post(url, data)
        assert response.context["form"].errors, case
        assert_informal_page(response, case)
    data = {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    assert_informal_page(anna_client.post(url, data, follow=True), "password changed")


def test_reauthentication_error_is_informal(settings, anna_client):
    settings.ACCOUNT_REAUTHENTICATION_TIMEOUT = 0
    response = anna_client.post(reverse("account_reauthenticate"), {"password": "not it"})
    assert response.context["form"].errors
    assert_informal_page(response, "reauthenticate, wrong password")


def test_email_change_speaks_informal_dutch(anna_client):
    response = anna_client.post(
        reverse("account_email"), {"action_add": "", "email": "anna.new@example.org"}, follow=True
    )
    assert_informal_page(response, "e-mail change requested")
    taken = make_user("bram@example.org", "Bram", language="nl")
    response = anna_client.post(
        reverse("account_email"), {"action_add": "", "email": taken.email}, follow=True
    )
    assert_informal_page(response, "e-mail change to a taken address")


def test_two_factor_pages_speak_informal_dutch(anna_client):
    url = reverse("mfa_activate_totp")
    wrong = anna_client.post(url, {"code": "000000"})
    assert wrong.context["form"].errors
    assert_informal_page(wrong, "TOTP activation, wrong code")
    secret = anna_client.get(url).context["form"].secret
    activated = anna_client.post(url, {"code": current_totp_code(secret)}, follow=True)
    assert_informal_page(activated, "TOTP activated")
    for name in [
        "mfa_index",
        "mfa_view_recovery_codes",
        "mfa_generate_recovery_codes",
        "mfa_deactivate_totp",
        "mfa_reauthenticate",
    ]:
        assert_informal_page(anna_client.get(reverse(name), follow=True), name)
    generated = anna_client.post(reverse("mfa_generate_recovery_codes"), follow=True)
    assert_informal_page(generated, "recovery codes generated")
    off = anna_client.post(reverse("mfa_deactivate_totp"), follow=True)
    assert_informal_page(off, "TOTP deactivated")


def test_second_step_of_login_speaks_informal_dutch(db, visitor, anna):
    TOTP.activate(anna, generate_totp_secret())
    response = visitor.post(
        reverse("account_login"), {"login": anna.email, "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("mfa_authenticate")
    assert_informal_page(response, "second step")
    wrong = visitor.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert_informal_page(wrong, "second step, wrong code")


def test_ending_other_sessions_is_informal(db, anna):
    other = Client()
    log_in(other, anna)
    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    log_in(client, anna)
    response = client.post(reverse("usersessions_list"), follow=True)
    assert_informal_page(response, "other sessions ended")


# --- e-mails ------------------------------------------------------------------


def test_signup_confirmation_mail_is_whole_and_informal(db, visitor):
    visitor.post(reverse("account_signup"), SIGNUP)
    message = mail.outbox[-1]
    assert message.to == [SIGNUP["email"]]
    assert_informal_mail(message)
    body = message.body
    assert "zijn of haar" not in body
    assert "Noor van den Berg" in body
    lines = body.splitlines()
    for line, following in zip(lines, [*lines[1:], ""], strict=True):
        assert not re.search(r"\bvan\s*$", line), f"line broken after 'van': {line!r}"
        # A sentence cut in two: a line without closing punctuation that
        # goes on in lower case on the next line.
        cut = re.search(r"[\w,]\s*$", line) and re.match(r"\s*[a-z]", following)
        assert not cut, f"sentence broken across lines: {line!r} / {following!r}"
    assert link_in(message, "/confirm-email/")
    assert not message.subject.startswith("[")


def test_password_reset_mail_is_informal_and_greets_by_name(db, visitor, anna):
    visitor.post(reverse("account_reset_password"), {"email": anna.email})
    message = mail.outbox[-1]
    assert_informal_mail(message)
    assert "Anna van Dijk" in message.body
    assert link_in(message, "/password/reset/key/")


def test_reset_for_an_unknown_address_mail_is_informal(db, visitor):
    visitor.post(reverse("account_reset_password"), {"email": "nobody@example.org"})
    message = mail.outbox[-1]
    assert message.to == ["nobody@example.org"]
    assert_informal_mail(message)
    assert link_in(message, "/accounts/signup/")


def test_signup_with_a_registered_address_mail_is_informal(settings, db, visitor, anna):
    # With verification required, sign-up answers the same for a known
    # address and tells the owner by mail instead.
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    visitor.post(reverse("account_signup"), dict(SIGNUP, email=anna.email))
    message = mail.outbox[-1]
    assert message.to == [anna.email]
    assert_informal_mail(message)
    assert link_in(message, "/password/reset/")


def test_email_change_confirmation_mail_is_informal(anna_client):
    anna_client.post(reverse("account_email"), {"action_add": "", "email": "anna.new@example.org"})
    message = mail.outbox[-1]
    assert message.to == ["anna.new@example.org"]
    assert_informal_mail(message)
    assert "zijn of haar" not in message.body
    assert link_in(message, "/confirm-email/")


def test_notification_mails_are_informal_when_turned_on(settings, anna_client, anna):
    # Haven sends none by default (the partner may read the inbox); an
    # operator who turns them on still gets Haven's Dutch.
    settings.ACCOUNT_EMAIL_NOTIFICATIONS = True
    anna_client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [anna.email]
    assert_informal_mail(message)
    assert "Anna van Dijk" in message.body


# --- the catalogue -------------------------------------------------------------

ALLAUTH_PO = (
    Path(__import__("allauth").__file__).parent / "locale" / "nl" / "LC_MESSAGES" / "django.po"
)
# Apps Haven does not install; their strings never reach a person.
NOT_INSTALLED = re.compile(r"(^|/)(socialaccount|openid|idp|headless)/")


# Stock pages Haven's settings never render: with ACCOUNT_CHANGE_EMAIL the
# e-mail page is account/email_change.html, and there is no phone login.
NEVER_RENDERED = {"account/email.html", "account/phone_change.html"}


def _replaced_by_haven(path: str) -> bool:
    """A stock template that Haven's own template of the same name replaces."""
    from django.template import TemplateDoesNotExist
    from django.template.loader import get_template

    name = path.removeprefix("templates/")
    if not path.startswith("templates/"):
        return False
    if name in NEVER_RENDERED:
        return True
    try:
        origin = get_template(name).origin.name
    except TemplateDoesNotExist:  # named by an older allauth only
        return True
    return str(origin).startswith(str(HAVEN_TEMPLATES))


def _shown_allauth_entries():
    for entry in polib.pofile(str(ALLAUTH_PO)):
        if entry.obsolete:
            continue
        files = [path for path, _line in entry.occurrences]
        if files and all(NOT_INSTALLED.search(path) or _replaced_by_haven(path) for path in files):
            continue
        yield entry


def test_haven_has_its_own_dutch_for_every_allauth_string():
    haven = {(e.msgctxt, e.msgid): e for e in polib.pofile(str(HAVEN_PO)) if not e.obsolete}
    missing = [
        e.msgid
        for e in _shown_allauth_entries()
        if not ((e.msgctxt, e.msgid) in haven and haven[(e.msgctxt, e.msgid)].translated())
    ]
    assert not missing, f"{len(missing)} allauth strings without Haven's Dutch: {missing[:10]}"


def test_no_dutch_string_in_havens_catalogue_is_formal():
    formal = [
        entry.msgid
        for entry in polib.pofile(str(HAVEN_PO)).translated_entries()
        if formal_words(" ".join([entry.msgstr, *entry.msgstr_plural.values()]))
    ]
    assert not formal, formal[:10]
