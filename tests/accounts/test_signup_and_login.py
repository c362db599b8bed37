import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from tests.conftest import PASSWORD, make_user

SIGNUP = {
    "email": "new@example.org",
    "display_name": "Noor",
    "country": "BE",
    "password1": "river stones and rain",
    "password2": "river stones and rain",
}


@pytest.mark.django_db
def test_signup_creates_a_profile_with_name_country_and_language(client):
    client.cookies["haven_language"] = "nl"
    response = client.post(reverse("account_signup"), SIGNUP)
    assert response.status_code == 302
    user = get_user_model().objects.get(email="new@example.org")
    assert user.profile.display_name == "Noor"
    assert user.profile.country == "BE"
    assert user.profile.language == "nl"


@pytest.mark.django_db
def test_failed_signup_keeps_what_was_typed(client):
    data = dict(SIGNUP, password2="something else entirely")
    response = client.post(reverse("account_signup"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="new@example.org"' in html
    assert 'value="Noor"' in html


@pytest.mark.django_db
def test_login_and_logout(client):
    make_user("me@example.org", "Me")
    response = client.post(
        reverse("account_login"), {"login": "me@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(reverse("home")).context["user"].is_authenticated
    client.post(reverse("account_logout"))
    assert not client.get(reverse("home")).context["user"].is_authenticated


@pytest.mark.django_db
def test_password_reset_sends_an_email_and_the_link_works(client):
    make_user("me@example.org", "Me")
    response = client.post(reverse("account_reset_password"), {"email": "me@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["me@example.org"]
    link = re.search(r"https?://testserver(/accounts/password/reset/key/\S+)", message.body)
    assert link, message.body
    page = client.get(link.group(1), follow=True)
    assert page.status_code == 200
    form_url = page.redirect_chain[-1][0] if page.redirect_chain else link.group(1)
    done = client.post(
        form_url, {"password1": "a brand new passphrase", "password2": "a brand new passphrase"}
    )
    assert done.status_code == 302
    assert client.login(username="me@example.org", password="a brand new passphrase")


@pytest.mark.django_db
def test_password_reset_answers_the_same_for_unknown_addresses(client):
    make_user("me@example.org", "Me")
    known = client.post(reverse("account_reset_password"), {"email": "me@example.org"})
    unknown = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]


@pytest.mark.django_db
def test_profile_can_be_changed(client):
    user = make_user("me@example.org", "Me")
    client.force_login(user)
    response = client.post(
        reverse("profile"), {"display_name": "Mees", "language": "nl", "country": "NL"}
    )
    assert response.status_code == 302
    user.profile.refresh_from_db()
    assert (user.profile.display_name, user.profile.language) == ("Mees", "nl")


@pytest.mark.django_db
def test_profile_without_a_name_gets_a_clear_error_and_keeps_input(client):
    user = make_user("me@example.org", "Me")
    client.force_login(user)
    response = client.post(reverse("profile"), {"display_name": "", "language": "xx"})
    assert response.status_code == 400
    assert response.context["form"].errors.keys() >= {"display_name", "language"}
