"""The sign-in, account, two-factor and sessions pages use Haven's layout.

allauth's pages render through Haven's templates (haven/templates/allauth/,
account/, mfa/, usersessions/): the quick exit and Haven's menu on every page,
fields with their label above and their errors linked to the input, the
navigation back to Settings on the pages that manage the account, the sessions
as cards instead of a table, the QR code and secret of the authenticator app,
and the recovery codes as a list.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.conftest import PASSWORD, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]

PHONE_BROWSER = "Mozilla/5.0 (Android 14; Mobile; rv:128.0) Gecko/128.0 Firefox/128.0"
MANAGE_PAGES = [
    "account_email",
    "account_change_password",
    "mfa_index",
    "mfa_activate_totp",
    "usersessions_list",
]
PAGES_WITH_TOTP_ON = [
    "mfa_index",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_deactivate_totp",
]


@pytest.fixture
def anna(db):
    """Partner A with a verified address, as after signing up."""
    from allauth.account.models import EmailAddress

    user = make_user("anna@example.org", "Anna")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def log_in(user, **headers) -> Client:
    """A real login and the password once more, so the pages that ask for it
    again (second factor) show themselves instead of the password form."""
    client = Client(**headers)
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302
    return client


def page(client: Client, name: str) -> str:
    response = client.get(reverse(name))
    assert response.status_code == 200, name
    return response.content.decode()


def assert_havens_layout(html: str, where: str) -> None:
    assert html.count('id="quick-exit"') == 1, where
    assert f'action="{reverse("quick_exit")}"' in html, where
    assert "haven/quick-exit.js" in html, where
    assert '<header class="site-header">' in html and '<nav aria-label="Main">' in html, where
    assert html.count("<h1") == 1 and 'class="page-title"' in html, where


def manage_nav(html: str) -> str | None:
    found = re.search(r'<nav class="account-nav".*?</nav>', html, re.S)
    return found.group(0) if found else None


# --- getting in -----------------------------------------------------------------


@pytest.mark.parametrize("name", ["account_login", "account_signup", "account_reset_password"])
def test_anonymous_pages_use_havens_layout_without_the_account_navigation(client, name):
    html = page(client, name)
    assert_havens_layout(html, name)
    assert f'href="{reverse("account_signup")}"' in html  # Haven's menu for visitors
    assert manage_nav(html) is None


def test_login_fields_have_their_label_above_the_input(client):
    html = page(client, "account_login")
    for name in ("login", "password"):
        field = re.search(
            rf'<div class="field">\s*<label for="id_{name}">.+?</label>\s*<input', html
        )
        assert field, name
    assert 'class="account-form card"' in html


def test_signup_errors_sit_next_to_the_field_and_are_linked_to_it(client):
    data = {
        "email": "new@example.org",
        "display_name": "Noor",
        "country": "NL",
        "password1": "river stones and rain",
        "password2": "something else entirely",
    }
    html = client.post(reverse("account_signup"), data).content.decode()
    field = re.search(r'<div class="field has-error">.*?</div>', html, re.S).group(0)
    assert '<label for="id_password2">' in field
    assert '<ul class="errorlist" id="id_password2_error">' in field
    described = re.search(r'<input[^>]*name="password2"[^>]*>', field).group(0)
    assert 'aria-describedby="id_password2_error"' in described
    assert 'aria-invalid="true"' in described


def test_a_failed_login_shows_the_error_above_the_fields(client, anna):
    data = {"login": anna.email, "password": "not the password"}
    html = client.post(reverse("account_login"), data).content.decode()
    assert '<div class="form-errors" role="alert"><ul class="errorlist nonfield">' in html
    assert_havens_layout(html, "failed login")


def test_second_login_step_uses_havens_layout(anna):
    TOTP.activate(anna, generate_totp_secret())
    client = Client()
    response = client.post(reverse("account_login"), {"login": anna.email, "password": PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    html = page(client, "mfa_authenticate")
    assert_havens_layout(html, "mfa_authenticate")
    assert f'action="{reverse("mfa_authenticate")}" class="account-form card"' in html
    assert manage_nav(html) is None


# --- managing the account ----------------------------------------------------------


@pytest.mark.parametrize("name", MANAGE_PAGES)
def test_manage_pages_use_havens_layout_and_lead_back_to_settings(anna, name):
    html = page(log_in(anna), name)
    assert_havens_layout(html, name)
    nav = manage_nav(html)
    assert nav is not None, name
    assert f'href="{reverse("profile")}"' in nav
    # The nav comes before the page title, inside Haven's main.
    assert html.index("<main") < html.index('class="account-nav"') < html.index("<h1")


@pytest.mark.parametrize("name", PAGES_WITH_TOTP_ON)
def test_second_factor_pages_use_havens_layout(anna, name):
    client = log_in(anna)
    TOTP.activate(anna, generate_totp_secret())
    RecoveryCodes.activate(anna)
    html = page(client, name)
    assert_havens_layout(html, name)
    nav = manage_nav(html)
    assert nav is not None and f'href="{reverse("mfa_index")}" aria-current' in nav, name


@pytest.mark.parametrize("name", ["account_reauthenticate", "mfa_reauthenticate"])
def test_confirm_it_is_you_pages_use_havens_layout(anna, name):
    client = log_in(anna)
    TOTP.activate(anna, generate_totp_secret())
    html = page(client, name)
    assert_havens_layout(html, name)


def test_the_navigation_marks_the_page_you_are_on(anna):
    nav = manage_nav(page(log_in(anna), "account_change_password"))
    assert f'href="{reverse("account_change_password")}" aria-current="page"' in nav
    assert nav.count("aria-current") == 1


def test_email_page_keeps_its_form_inside_the_account_layout(anna):
    html = page(log_in(anna), "account_email")
    assert f"<strong>{anna.email}</strong>" in html
    assert 'name="action_add"' in html
    assert manage_nav(html) is not None


def test_turning_off_the_app_is_a_red_button(anna):
    client = log_in(anna)
    TOTP.activate(anna, generate_totp_secret())
    html = page(client, "mfa_index")
    assert f'<a class="button danger" href="{reverse("mfa_deactivate_totp")}">' in html


# --- the authenticator app and recovery codes -------------------------------------


def test_activation_shows_a_scalable_qr_code_and_the_secret_as_text(anna):
    client = log_in(anna)
    response = client.get(reverse("mfa_activate_totp"))
    html = response.content.decode()
    assert re.search(r'<figure class="totp-qr">\s*<img src="data:image/svg\+xml;base64,', html)
    secret = re.search(r'<p class="totp-secret"><code>(.*?)</code></p>', html).group(1)
    groups = re.findall(r"<span>([A-Z2-7]+)</span>", secret)
    assert "".join(groups) == response.context["form"].secret
    assert all(len(group) <= 4 for group in groups)
    # Plain text, not a disabled field (which some phones will not let you copy).
    assert 'id="authenticator_secret"' not in html
    assert 'href="otpauth://totp/' in html


def test_recovery_codes_are_a_list_not_a_text_box(anna):
    client = log_in(anna)
    TOTP.activate(anna, generate_totp_secret())
    codes = RecoveryCodes.activate(anna).get_unused_codes()
    html = page(client, "mfa_view_recovery_codes")
    listed = re.search(r'<ol class="recovery-codes">(.*?)</ol>', html, re.S).group(1)
    assert re.findall(r"<li><code>(\w+)</code></li>", listed) == codes
    assert "<textarea" not in html
    assert f'href="{reverse("mfa_download_recovery_codes")}"' in html


# --- where you are logged in --------------------------------------------------------


def _session_cards(html: str) -> list[str]:
    return re.findall(r'<li class="card session.*?</li>', html, re.S)


def test_sessions_are_cards_with_this_device_first(anna):
    from allauth.usersessions.models import UserSession

    log_in(anna, HTTP_USER_AGENT=PHONE_BROWSER)
    laptop = log_in(anna)
    other = UserSession.objects.get(user=anna, user_agent=PHONE_BROWSER)
    other.created_at = dt.datetime(2024, 3, 5, 13, 30, tzinfo=dt.UTC)
    other.last_seen_at = timezone.now() - dt.timedelta(hours=3)
    other.save()

    html = page(laptop, "usersessions_list")
    assert_havens_layout(html, "usersessions_list")
    assert "<table" not in html
    cards = _session_cards(html)
    assert len(cards) == 2
    assert "this-device" in cards[0] and "This device" in cards[0]
    assert "This device" not in cards[1]
    assert "Firefox on Android" in cards[1]
    assert "March 5, 2024, 2:30 p.m." in cards[1]  # in Haven's time zone
    assert "3\xa0hours ago" in cards[1]
    end_others = rf'<form method="post" action="{reverse("usersessions_list")}"'
    assert re.search(end_others + r'[^>]*>.*?<button type="submit"', html, re.S)


def test_sessions_page_speaks_the_persons_language(anna):
    from allauth.usersessions.models import UserSession

    anna.profile.language = "nl"
    anna.profile.save()
    log_in(anna, HTTP_USER_AGENT=PHONE_BROWSER)
    laptop = log_in(anna)
    other = UserSession.objects.get(user=anna, user_agent=PHONE_BROWSER)
    other.created_at = dt.datetime(2024, 3, 5, 13, 30, tzinfo=dt.UTC)
    other.last_seen_at = timezone.now() - dt.timedelta(hours=3)
    other.save()

    card = _session_cards(page(laptop, "usersessions_list"))[1]
    assert "5 maart 2024 14:30" in card
    assert "3\xa0uur geleden" in card
    assert "Firefox op Android" in card


def test_with_one_session_the_button_logs_out(anna):
    html = page(log_in(anna), "usersessions_list")
    assert len(_session_cards(html)) == 1
    assert f'<form method="post" action="{reverse("account_logout")}"' in html
    assert f'action="{reverse("usersessions_list")}"' not in html
