"""Personas shared by the whole suite.

partner_a and partner_b are a linked couple. ex_partner was linked with
partner_a before (and unlinked); stranger is linked with someone else.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from haven.accounts.consent import give_consent
from haven.core.policy import Actor
from haven.couples import services as couples

PASSWORD = "a calm harbour at dusk"


@pytest.fixture(autouse=True)
def _fast_test_settings(settings, tmp_path):
    static = tmp_path / "static"
    static.mkdir()
    settings.STATIC_ROOT = static
    # Argon2 is deliberately slow; tests that prove hashing use the real list
    # (tests/accounts/test_passwords.py), all others hash quickly.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def make_user(email: str, name: str, language: str = "en", *, consent: bool = True):
    user = get_user_model().objects.create_user(username=email, email=email, password=PASSWORD)
    if consent:
        give_consent(user)
    profile = user.profile
    profile.display_name = name
    profile.language = language
    profile.save()
    return user


def link(a, b):
    issued = couples.create_invitation(inviter=a)
    return couples.accept_invitation(invitation_id=issued.invitation.pk, user=b)


@dataclass
class Cast:
    partner_a: object
    partner_b: object
    ex_partner: object
    stranger: object
    stranger_partner: object
    staff: object

    def user_for(self, actor: Actor):
        return {
            Actor.AUTHOR: self.partner_a,
            Actor.PARTNER: self.partner_b,
            Actor.EX_PARTNER: self.ex_partner,
            Actor.STRANGER: self.stranger,
            Actor.STAFF: self.staff,
            Actor.ANONYMOUS: None,
        }[actor]

    def client_for(self, actor: Actor) -> Client:
        client = Client()
        user = self.user_for(actor)
        if user is not None:
            client.force_login(user)
        return client


@pytest.fixture
def cast(db) -> Cast:
    partner_a = make_user("a@example.org", "Anna")
    partner_b = make_user("b@example.org", "Bram")
    ex_partner = make_user("ex@example.org", "Eli")
    stranger = make_user("s@example.org", "Sam")
    stranger_partner = make_user("t@example.org", "Tess")
    staff = make_user("staff@example.org", "Staff")
    staff.is_staff = True
    staff.save()
    link(ex_partner, partner_a)
    couples.unlink(user=partner_a)
    link(partner_a, partner_b)
    link(stranger, stranger_partner)
    return Cast(partner_a, partner_b, ex_partner, stranger, stranger_partner, staff)


@pytest.fixture
def partner_a(cast):
    return cast.partner_a


@pytest.fixture
def partner_b(cast):
    return cast.partner_b


@pytest.fixture
def client_a(cast) -> Client:
    return cast.client_for(Actor.AUTHOR)


@pytest.fixture
def client_b(cast) -> Client:
    return cast.client_for(Actor.PARTNER)


@pytest.fixture
def solo_user(db):
    return make_user("solo@example.org", "Sol")


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.fixture
def fresh_rate_limits(db):
    """The shared cache's throttle counters empty before and after a test.

    Many tests log in from the same address within seconds; the limits
    themselves are tested in tests/security/test_sessions_and_login.py.
    """
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
