"""Someone who follows an invitation link sees who invited them on sign-up and
login (#22 item 1); a typed code or a stale link names nobody."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from haven.couples import services as couples
from tests.conftest import make_user


@pytest.mark.parametrize("page", ["account_signup", "account_login"])
def test_the_page_says_who_invited_the_visitor(db, page):
    anna = make_user("anna@example.org", "Anna", "nl")
    issued = couples.create_invitation(inviter=anna)
    visitor = Client(HTTP_ACCEPT_LANGUAGE="nl")
    response = visitor.get(reverse("couples:join", args=[issued.token]))
    assert response.status_code == 302
    html = visitor.get(reverse(page)).content.decode()
    assert 'data-testid="invited-by"' in html
    assert "Anna heeft je uitgenodigd voor Haven" in html


@pytest.mark.parametrize("page", ["account_signup", "account_login"])
def test_no_name_without_a_valid_followed_link(db, page):
    anna = make_user("anna@example.org", "Anna")
    issued = couples.create_invitation(inviter=anna)
    visitor = Client()
    visitor.get(reverse("couples:join", args=[issued.token]))
    couples.cancel_invitation(inviter=anna)
    html = visitor.get(reverse(page)).content.decode()
    assert 'data-testid="invited-by"' not in html and "Anna" not in html
    stranger = Client()
    assert "Anna" not in stranger.get(reverse(page)).content.decode()


def test_the_inviter_sees_and_copies_the_open_invitation_again(db):
    anna = make_user("anna@example.org", "Anna")
    client = Client()
    client.force_login(anna)
    page = client.post(reverse("couples:invite"), {"consent": "on"}).content.decode()
    import re

    link = re.search(
        r'data-testid="invite-link"[^>]*|value="([^"]+)"[^>]*data-testid="invite-link"', page
    )
    code = re.search(r'data-testid="invite-code">([^<]+)<', page).group(1)
    again = client.get(reverse("couples:overview")).content.decode()
    assert code in again
    assert 'data-testid="copy-link"' in again
    assert link is not None
    token = re.search(r"/couple/join/([^/\"]+)/", again).group(1)
    assert couples.find_invitation(token=token) is not None
    # Cancelled: gone from the page, and not kept anywhere.
    client.post(reverse("couples:cancel_invite"))
    assert code not in client.get(reverse("couples:overview")).content.decode()
    from haven.couples.models import Invitation

    assert Invitation.objects.get().token_sealed == ""


def test_the_sealed_link_is_not_readable_in_the_database(db):
    from django.db import connection

    anna = make_user("anna@example.org", "Anna")
    issued = couples.create_invitation(inviter=anna)
    with connection.cursor() as cursor:
        cursor.execute("SELECT token_sealed, code_sealed FROM couples_invitation")
        token, code = cursor.fetchone()
    assert issued.token not in token
    assert issued.code.replace("-", "") not in code
