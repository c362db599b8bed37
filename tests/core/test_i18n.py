"""Both languages work, from the compiled catalogues in the repository."""

from pathlib import Path

import polib
import pytest
from django.urls import reverse

LOCALE = Path(__file__).resolve().parents[2] / "haven" / "locale"


def test_every_dutch_message_is_translated():
    catalogue = polib.pofile(str(LOCALE / "nl" / "LC_MESSAGES" / "django.po"))
    untranslated = [e.msgid for e in catalogue.untranslated_entries()]
    fuzzy = [e.msgid for e in catalogue.fuzzy_entries()]
    assert not untranslated, untranslated[:10]
    assert not fuzzy, fuzzy[:10]


def test_compiled_catalogue_matches_the_source(tmp_path):
    source = polib.pofile(str(LOCALE / "nl" / "LC_MESSAGES" / "django.po"))
    compiled = polib.mofile(str(LOCALE / "nl" / "LC_MESSAGES" / "django.mo"))
    wanted = {
        (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
        for e in source.translated_entries()
    }
    have = {
        (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items()))) for e in compiled
    }
    assert wanted == {k: v for k, v in have.items() if k[1]}, "run: haven compilemessages"


@pytest.mark.parametrize(
    ("language", "expected", "absent"),
    [("en", "Create an account", "Inloggen"), ("nl", "Inloggen", "Create an account")],
)
def test_landing_page_smoke_test_per_language(client, language, expected, absent):
    client.cookies["haven_language"] = language
    response = client.get(reverse("home"))
    html = response.content.decode()
    assert response["Content-Language"] == language
    assert f'<html lang="{language}">' in html
    assert expected in html
    assert absent not in html


@pytest.mark.django_db
def test_language_switch_sets_cookie_and_profile(client, solo_user):
    client.force_login(solo_user)
    response = client.post(reverse("language"), {"language": "nl", "next": "/reflections/"})
    assert response.status_code == 302 and response["Location"] == "/reflections/"
    assert response.cookies["haven_language"].value == "nl"
    solo_user.profile.refresh_from_db()
    assert solo_user.profile.language == "nl"
    page = client.get(reverse("journal:list"))
    assert page["Content-Language"] == "nl"


def test_language_switch_refuses_to_redirect_elsewhere(client):
    response = client.post(reverse("language"), {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == reverse("home")


@pytest.mark.django_db
def test_profile_language_wins_over_the_browser(client, solo_user):
    solo_user.profile.language = "nl"
    solo_user.profile.save()
    client.force_login(solo_user)
    response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Language"] == "nl"
