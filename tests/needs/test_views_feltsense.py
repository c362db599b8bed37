"""The felt-sense pages: exercises with a one-minute timer and private notes."""

from __future__ import annotations

import pytest
from django.urls import reverse

from haven.core.models import Visibility
from haven.needs import services
from haven.needs.models import FeltSenseNote
from tests.conftest import make_user
from tests.needs.helpers import put_on_individual_path

pytestmark = pytest.mark.django_db


def _html(response) -> str:
    return response.content.decode()


def test_overview_links_both_exercises_in_order(client_a):
    html = _html(client_a.get(reverse("needs:feltsense")))
    assert html.index("exercise=rupture") < html.index("exercise=secure")


def test_exercise_page_works_without_javascript(client_a):
    html = _html(client_a.get(reverse("needs:exercise")))  # the first one by default
    assert "Feeling a rupture" in html
    assert "Take about a minute." in html
    assert 'src="/static/haven/needs-timer.js' in html
    assert "<script>" not in html and 'style="' not in html and "onclick" not in html
    # Nobody is left in the hard exercise: the next one is offered.
    assert "exercise=secure" in html


def test_exercise_page_in_dutch(client, db):
    noor = make_user("noor@example.org", "Noor", language="nl")
    client.force_login(noor)
    html = _html(client.get(reverse("needs:exercise") + "?exercise=secure"))
    # The exercise comes from the data file in the person's language.
    assert "Je opgevangen voelen" in html and "Denk aan diezelfde stressvolle dag" in html


def test_unknown_exercise_is_not_found(client_a):
    assert client_a.get(reverse("needs:exercise") + "?exercise=nope").status_code == 404


def test_secure_exercise_offers_the_settling_sensations_first(client_a):
    html = _html(client_a.get(reverse("needs:exercise") + "?exercise=secure"))
    assert html.index("warm_chest") < html.index("tight_chest")


def test_note_from_an_exercise_is_saved_privately(client_a, partner_a):
    response = client_a.post(
        reverse("needs:note_new"),
        {
            "exercise": "rupture",
            "sensations": ["tight_chest", "clenched_jaw"],
            "emotions": ["lonely"],
            "note": "My shoulders went up.",
        },
    )
    note = FeltSenseNote.objects.get(author=partner_a)
    assert response["Location"] == reverse("needs:note_detail", args=[note.pk])
    assert note.visibility == Visibility.PRIVATE
    assert (note.exercise, note.sensations, note.emotions) == (
        "rupture",
        ["tight_chest", "clenched_jaw"],
        ["lonely"],
    )
    html = _html(client_a.get(response["Location"]))
    assert "a tight chest" in html and "lonely" in html and "My shoulders went up." in html
    assert "exercise=secure" in html  # go on to the second exercise


def test_an_empty_note_is_explained(client_a, partner_a):
    response = client_a.post(reverse("needs:note_new"), {"exercise": "rupture"})
    assert response.status_code == 400
    assert "Tick something you noticed" in _html(response)
    assert not FeltSenseNote.objects.exists()


def test_unknown_words_are_a_form_error(client_a):
    response = client_a.post(reverse("needs:note_new"), {"sensations": ["made_up"]})
    assert response.status_code == 400


def test_partner_reads_a_shared_note_in_their_own_language(client, client_a, partner_a, partner_b):
    note = services.create_note(author=partner_a, sensations=["tight_chest"], note="canary-n-51")
    detail = reverse("needs:note_detail", args=[note.pk])
    partner_b.profile.language = "nl"
    partner_b.profile.save()
    client.force_login(partner_b)
    assert client.get(detail).status_code == 404
    assert "canary-n-51" not in _html(client.get(reverse("needs:feltsense")))
    client_a.post(reverse("needs:note_share", args=[note.pk]), {"shared": "1"})
    html = _html(client.get(detail))
    assert "een beklemd gevoel op de borst" in html and "canary-n-51" in html
    assert reverse("needs:note_edit", args=[note.pk]) not in html
    assert detail in _html(client.get(reverse("needs:feltsense")))


def test_editing_a_note_checks_the_revision(client_a, partner_a):
    note = services.create_note(author=partner_a, note="first")
    url = reverse("needs:note_edit", args=[note.pk])
    assert client_a.get(url).status_code == 200
    assert client_a.post(url, {"note": "second", "revision": "0"}).status_code == 302
    response = client_a.post(url, {"note": "third", "sensations": ["freezing"], "revision": "0"})
    assert response.status_code == 409
    html = _html(response)
    assert "second" in html and "third" in html
    note.refresh_from_db()
    assert note.note == "second" and note.sensations == []


def test_deleting_a_note(client_a, partner_a):
    note = services.create_note(author=partner_a, note="x")
    client_a.post(reverse("needs:note_delete", args=[note.pk]))
    assert not FeltSenseNote.objects.exists()


def test_individual_path_suggests_picturing_someone_else(client_a, partner_a):
    assert 'data-testid="exercise-note"' not in _html(client_a.get(reverse("needs:exercise")))
    put_on_individual_path(partner_a)
    html = _html(client_a.get(reverse("needs:exercise")))
    assert "picture someone you trust instead" in html


def test_solo_people_are_told_to_picture_someone_close(client, solo_user):
    client.force_login(solo_user)
    html = _html(client.get(reverse("needs:feltsense")))
    assert "No partner right now?" in html


@pytest.mark.parametrize("text", ["\x00", "x" * 100_000, "🙂 مرحبا \u202e"])
def test_odd_input_never_crashes(client_a, partner_a, text):
    response = client_a.post(reverse("needs:note_new"), {"note": text, "exercise": text})
    assert response.status_code in (302, 400)
    (need,) = services.add_needs(author=partner_a, keys=["fun"]) or [None]
    response = client_a.post(
        reverse("needs:sentence", args=[need.pk]),
        {"action": "save", "frame": "0", "sentence": text, "revision": "0"},
    )
    assert response.status_code in (302, 400)
    response = client_a.post(reverse("needs:choose"), {"needs": [text], "own_words": text})
    assert response.status_code in (302, 400)
