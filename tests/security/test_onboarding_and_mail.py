"""Requirement 27 (onboarding says who runs the server and what "private"
means when the partner is the administrator), 24 (no notifications unless
asked for) and 11 (second-factor changes ask for the password again)."""

from __future__ import annotations

from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD, make_user


def test_onboarding_names_the_operator_and_explains_the_administrator(settings, db):
    settings.OPERATOR = "Praktijk De Linde"
    person = make_user("new@example.org", "Noor", consent=False)
    client = Client()
    client.force_login(person)
    response = client.get(reverse("home"))
    assert response["Location"].startswith(reverse("onboarding"))
    page = client.get(response["Location"]).content.decode()
    assert "run by Praktijk De Linde" in page
    assert 'data-testid="consent-administrator"' in page
    assert "If your partner runs this server" in page


def test_onboarding_in_dutch(settings, db):
    settings.OPERATOR = ""
    person = make_user("nieuw@example.org", "Noor", language="nl", consent=False)
    client = Client()
    client.force_login(person)
    page = client.get(reverse("onboarding")).content.decode()
    assert "Als je partner deze server beheert" in page
    assert "wie hem heeft geïnstalleerd" in page


def test_haven_sends_no_notifications_by_itself(settings, client_a, cast):
    assert settings.ACCOUNT_EMAIL_NOTIFICATIONS is False
    client_a.post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "another calm phrase",
            "password2": "another calm phrase",
        },
    )
    Client().post(reverse("account_login"), {"login": cast.partner_a.email, "password": "x"})
    client_a.post(reverse("couples:unlink"), {"confirm": "on"})
    assert mail.outbox == []


def test_turning_on_two_factor_asks_for_the_password_again(settings, client_a):
    settings.ACCOUNT_REAUTHENTICATION_TIMEOUT = 0
    response = client_a.get(reverse("mfa_activate_totp"))
    assert response.status_code == 302
    assert "reauthenticate" in response["Location"]
