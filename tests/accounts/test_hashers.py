"""Passwords are hashed with Haven's written-down Argon2id parameters."""

from __future__ import annotations

from django.contrib.auth.hashers import (
    Argon2PasswordHasher,
    check_password,
    identify_hasher,
    make_password,
)

from haven.accounts.hashers import HavenArgon2PasswordHasher


def test_new_passwords_use_64_mib_three_passes_four_lanes(settings):
    settings.PASSWORD_HASHERS = ["haven.accounts.hashers.HavenArgon2PasswordHasher"]
    encoded = make_password("correct horse battery")
    assert "$argon2id$" in encoded and "m=65536,t=3,p=4" in encoded
    assert check_password("correct horse battery", encoded)
    assert not check_password("wrong horse", encoded)


def test_hashes_with_other_parameters_still_verify_and_are_upgraded(settings):
    settings.PASSWORD_HASHERS = ["haven.accounts.hashers.HavenArgon2PasswordHasher"]
    old = Argon2PasswordHasher().encode("an older password", Argon2PasswordHasher().salt())
    hasher = identify_hasher(old)
    assert isinstance(hasher, HavenArgon2PasswordHasher)  # one hasher for all argon2
    assert check_password("an older password", old)
    assert hasher.must_update(old)
