"""Requirements 8 (throttle that cannot lock the owner out; same answers for
known and unknown accounts), 9 (TOTP; reset does not bypass it), 10 (new
session id at login; server-side logout; idle and absolute lifetimes) and 11
(sessions list, password change ends the others, password asked again)."""

from __future__ import annotations

import time

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client
from django.urls import reverse

from haven.accounts.middleware import LOGIN_AT, SEEN_AT
from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.usefixtures("fresh_rate_limits")


def _login(client: Client, email: str, password: str = PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def _logged_in(client: Client) -> bool:
    return client.get(reverse("journal:list")).status_code == 200


def test_partner_cannot_lock_the_owner_out_of_their_own_device(db):
    owner = make_user("owner@example.org", "Olga")
    own_phone = Client()
    assert _login(own_phone, owner.email).status_code == 302  # trusted from now on
    own_phone.post(reverse("account_logout"))
    assert not _logged_in(own_phone)

    partners_phone = Client()
    for _attempt in range(12):
        _login(partners_phone, owner.email, "guessing wrong")
    # The partner's phone is throttled now, even with the right password...
    blocked = _login(partners_phone, owner.email)
    assert blocked.status_code == 200
    assert "Too many failed login attempts" in blocked.content.decode()
    # ...but the owner still logs in on their own device.
    assert _login(own_phone, owner.email).status_code == 302
    assert _logged_in(own_phone)


def test_guessing_is_still_throttled_on_untrusted_devices(db):
    owner = make_user("target@example.org", "Tara")
    attacker = Client()
    for _attempt in range(6):
        _login(attacker, owner.email, "wrong password")
    response = _login(attacker, owner.email)
    assert "Too many failed login attempts" in response.content.decode()


def test_login_failure_looks_the_same_for_known_and_unknown_accounts(db):
    make_user("known@example.org", "Kim")
    known = _login(Client(), "known@example.org", "wrong password").content.decode()
    unknown = _login(Client(), "nobody@example.org", "wrong password").content.decode()

    def message(page: str) -> str:
        start = page.index('class="errorlist')
        return page[start : page.index("</ul>", start)]

    assert message(known) == message(unknown)


def test_signup_with_a_taken_address_answers_like_a_new_one(settings, db):
    # The default whenever mail is configured (haven/settings.py).
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    make_user("taken@example.org", "Tim")
    data = {
        "email": "taken@example.org",
        "password1": "a long fresh passphrase",
        "password2": "a long fresh passphrase",
        "display_name": "Someone",
        "country": "NL",
        "language": "en",
    }
    taken = Client().post(reverse("account_signup"), data)
    fresh = Client().post(reverse("account_signup"), {**data, "email": "brandnew@example.org"})
    assert taken.status_code == fresh.status_code == 302
    assert taken["Location"] == fresh["Location"]
    assert "already" not in taken.content.decode().lower()


def test_login_gives_a_new_session_id_and_logout_ends_it_on_the_server(db):
    make_user("rotate@example.org", "Rita")
    client = Client()
    client.get(reverse("account_login"))
    client.session.save()
    before = client.cookies.get("sessionid")
    _login(client, "rotate@example.org")
    after = client.cookies["sessionid"].value
    assert before is None or before.value != after
    assert Session.objects.filter(session_key=after).exists()
    client.post(reverse("account_logout"))
    assert not Session.objects.filter(session_key=after).exists()
    # Replaying the old cookie gets nowhere.
    replay = Client()
    replay.cookies["sessionid"] = after
    assert not _logged_in(replay)


def test_logout_sends_clear_site_data(client_a):
    response = client_a.post(reverse("account_logout"))
    assert "cache" in response["Clear-Site-Data"]
    assert "storage" in response["Clear-Site-Data"]


def _age_session(client: Client, **seconds_ago: int) -> None:
    session = client.session
    now = int(time.time())
    if "login" in seconds_ago:
        session[LOGIN_AT] = now - seconds_ago["login"]
    if "seen" in seconds_ago:
        session[SEEN_AT] = now - seconds_ago["seen"]
    session.save()


def test_idle_session_ends(settings, db):
    settings.SESSION_IDLE = 3600
    make_user("idle@example.org", "Ida")
    client = Client()
    _login(client, "idle@example.org")
    _age_session(client, seen=3599)
    assert _logged_in(client)
    _age_session(client, seen=3601)
    assert not _logged_in(client)


def test_absolute_lifetime_ends_even_an_active_session(settings, db):
    settings.SESSION_MAX_AGE = 24 * 3600
    make_user("busy@example.org", "Bo")
    client = Client()
    _login(client, "busy@example.org")
    _age_session(client, login=24 * 3600 + 5, seen=1)
    assert not _logged_in(client)


def test_password_change_ends_the_other_sessions(db):
    make_user("change@example.org", "Cas")
    laptop, phone = Client(), Client()
    _login(laptop, "change@example.org")
    _login(phone, "change@example.org")
    response = laptop.post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "a brand new calm phrase",
            "password2": "a brand new calm phrase",
        },
    )
    assert response.status_code == 302
    assert _logged_in(laptop)
    assert not _logged_in(phone)


def test_sessions_page_lists_sessions_and_ends_the_others(db):
    make_user("many@example.org", "Mo")
    laptop, phone = Client(), Client()
    _login(laptop, "many@example.org")
    _login(phone, "many@example.org")
    page = laptop.get(reverse("usersessions_list"))
    assert page.status_code == 200
    assert len(page.context["sessions"]) == 2
    laptop.post(reverse("usersessions_list"))
    assert _logged_in(laptop)
    assert not _logged_in(phone)


def test_changing_email_asks_for_the_password_again(settings, client_a):
    settings.ACCOUNT_REAUTHENTICATION_TIMEOUT = 0
    response = client_a.post(
        reverse("account_email"), {"action_add": "", "email": "new@example.org"}
    )
    assert response.status_code == 302
    assert "reauthenticate" in response["Location"]


def test_totp_is_available(client_a):
    page = client_a.get(reverse("mfa_index"))
    assert page.status_code == 200
    assert reverse("mfa_activate_totp") in page.content.decode()


def test_password_reset_does_not_bypass_the_second_factor(db):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    user = make_user("guarded@example.org", "Gus")
    TOTP.activate(user, generate_totp_secret())
    assert Authenticator.objects.filter(user=user).exists()
    client = Client()
    client.post(reverse("account_reset_password"), {"email": user.email})
    body = mail.outbox[-1].body
    link = next(word for word in body.split() if "/accounts/password/reset/key/" in word)
    response = client.get(link, follow=True)
    new = "an entirely new passphrase"
    response = client.post(response.redirect_chain[-1][0], {"password1": new, "password2": new})
    assert response.status_code == 302
    assert not _logged_in(client)  # reset never logs in by itself
    response = _login(client, user.email, new)
    assert response.status_code == 302
    assert "/2fa/authenticate" in response["Location"]
    assert not _logged_in(client)


def test_email_page_changes_the_address_after_confirmation_and_can_cancel(client_a, partner_a):
    from allauth.account.models import EmailAddress

    # As after signing up: a verified address to log in with.
    EmailAddress.objects.create(user=partner_a, email=partner_a.email, verified=True, primary=True)
    page = client_a.get(reverse("account_email"))
    assert page.status_code == 200
    assert f"<strong>{partner_a.email}</strong>" in page.content.decode()
    response = client_a.post(
        reverse("account_email"), {"action_add": "", "email": "moving@example.org"}
    )
    # Asked for the password first; then the change goes ahead.
    assert reverse("account_reauthenticate") in response["Location"]
    response = client_a.post(response["Location"], {"password": PASSWORD}, follow=True)
    assert response.status_code == 200
    page = client_a.get(reverse("account_email")).content.decode()
    assert "moving@example.org" in page and 'name="action_remove"' in page
    # Until confirmed, the old address stays the login; cancelling drops the new one.
    client_a.post(reverse("account_email"), {"action_remove": "", "email": "moving@example.org"})
    assert not EmailAddress.objects.filter(email="moving@example.org").exists()
    page = client_a.get(reverse("account_email")).content.decode()
    assert 'name="action_remove"' not in page
    partner_a.refresh_from_db()
    assert partner_a.email != "moving@example.org"


def test_another_host_name_gives_a_guesser_no_fresh_count(db):
    owner = make_user("hosts@example.org", "Hana")
    attacker = Client()
    for attempt in range(6):
        host = ("127.0.0.1", "localhost")[attempt % 2]
        attacker.post(
            reverse("account_login"),
            {"login": owner.email, "password": "wrong"},
            HTTP_HOST=host,
        )
    response = attacker.post(
        reverse("account_login"),
        {"login": owner.email, "password": PASSWORD},
        HTTP_HOST="localhost",
    )
    assert "Too many failed login attempts" in response.content.decode()
