"""Invitation codes cannot be guessed (audit #21, item 5): attempts are limited
per account and per address, and nothing about an inviter shows before a
valid code."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from haven.couples import services as couples
from tests.conftest import make_user

pytestmark = pytest.mark.usefixtures("fresh_rate_limits")


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _try(client: Client, code: str, address: str = "10.0.0.1"):
    return client.post(reverse("couples:enter_code"), {"code": code}, REMOTE_ADDR=address)


def test_after_ten_wrong_codes_even_a_valid_one_waits(db):
    inviter = make_user("ivo@example.org", "Ivo")
    guesser = make_user("guess@example.org", "Gus")
    issued = couples.create_invitation(inviter=inviter)
    client = _client(guesser)
    for n in range(10):
        response = _try(client, f"AAAA-{n:04d}")
        assert response.status_code == 400
        assert "Ivo" not in response.content.decode()
    blocked = _try(client, issued.code)
    assert blocked.status_code == 429
    page = blocked.content.decode()
    assert "Ivo" not in page
    assert "Wait an hour" in page
    assert issued.code in page  # what was typed is kept in the form


def test_the_limit_is_per_account_and_per_address(db):
    inviter = make_user("ivo@example.org", "Ivo")
    issued = couples.create_invitation(inviter=inviter)
    guessers = [make_user(f"g{n}@example.org", f"G{n}") for n in range(4)]
    # Many accounts from one address: 30 tries in all.
    tries = 0
    for user in guessers:
        client = _client(user)
        for _n in range(8):
            _try(client, f"BBBB-{tries:04d}")
            tries += 1
    assert tries == 32
    assert _try(_client(guessers[0]), issued.code).status_code == 429
    # Someone else elsewhere is not held up by it.
    other = make_user("other@example.org", "Olle")
    response = _try(_client(other), issued.code, address="10.9.9.9")
    assert response.status_code == 200
    assert "Ivo invited you" in response.content.decode()


def test_a_person_who_types_their_code_right_is_not_slowed_down(db):
    inviter = make_user("ivo@example.org", "Ivo")
    partner = make_user("pia@example.org", "Pia")
    issued = couples.create_invitation(inviter=inviter)
    client = _client(partner)
    assert _try(client, "WRONG-ONE").status_code == 400
    assert _try(client, issued.code).status_code == 200
