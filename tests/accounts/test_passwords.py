import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError


def test_argon2_is_the_password_hasher_in_production_settings():
    from importlib import reload

    import haven.settings as production

    reload(production)
    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


@pytest.mark.django_db
def test_passwords_are_stored_as_argon2id(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    user = get_user_model().objects.create_user("h@example.org", "h@example.org", "long enough pw")
    assert user.password.startswith("argon2$argon2id$")


@pytest.mark.parametrize("password", ["short1", "password123", "qwertyuiop"])
def test_short_and_common_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


@pytest.mark.parametrize(
    "password",
    [
        "lowercase only words",
        "x" * 64 + "y",
        "Zonder cijfers of tekens maar lang genoeg",
        "8chars!!",
    ],
)
def test_long_and_plain_passwords_are_accepted_without_composition_rules(password):
    validate_password(password)


def test_validators_are_length_and_common_only():
    names = [v["NAME"].rsplit(".", 1)[1] for v in settings.AUTH_PASSWORD_VALIDATORS]
    assert "NumericPasswordValidator" not in names
    assert "MinimumLengthValidator" in names and "CommonPasswordValidator" in names
