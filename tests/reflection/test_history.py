"""My history: drafts kept on the server (autosave and plain Save), conflicts shown, sharing."""

from __future__ import annotations

from django.db import connection
from django.urls import reverse

from haven.reflection.models import HistoryAnswer
from haven.safety.models import Result, SafetyCheck

HISTORY = reverse("reflection:history")
AUTOSAVE = reverse("reflection:history_autosave")


def autosave(client, prompt, text, revision="", section="caregivers"):
    return client.post(
        AUTOSAVE,
        {"section": section, "prompt": prompt, "text": text, "revision": revision},
        HTTP_X_REQUESTED_WITH="fetch",
    )


def test_first_section_shows_its_prompts_and_the_care_note(client_a):
    html = client_a.get(HISTORY).content.decode()
    assert "The people who raised you" in html
    assert "Who took care of you when you were growing up" in html
    assert "you do not have to carry this alone" in html
    assert 'data-autosave-url="/reflect/history/autosave/"' in html
    assert "localStorage" not in html and "sessionStorage" not in html


def test_unknown_section_falls_back_to_the_first(client_a):
    response = client_a.get(HISTORY + "?section=<script>")
    assert response.status_code == 200
    assert "The people who raised you" in response.content.decode()


def test_plain_save_without_javascript_keeps_the_draft_private(client_a, partner_a):
    response = client_a.post(
        HISTORY + "?section=feelings_and_comfort",
        {"room_for_feelings-text": "Anger was not welcome."},
    )
    assert response.status_code == 302
    answer = HistoryAnswer.objects.get(author=partner_a, prompt="room_for_feelings")
    assert answer.section == "feelings_and_comfort"
    assert answer.visibility == "private" and answer.text == "Anger was not welcome."
    page = client_a.get(response["Location"]).content.decode()
    assert "Anger was not welcome." in page


def test_save_and_go_to_the_next_part(client_a):
    response = client_a.post(
        HISTORY + "?section=caregivers", {"who-text": "Gran.", "continue": "1"}
    )
    assert response["Location"] == HISTORY + "?section=feelings_and_comfort"


def test_autosave_creates_then_updates_a_draft(client_a, partner_a):
    first = autosave(client_a, "who", "My grandmother")
    assert first.status_code == 200 and first.json()["revision"] == 0
    second = autosave(client_a, "who", "My grandmother, mostly", revision="0")
    assert second.status_code == 200 and second.json()["revision"] == 1
    assert (
        HistoryAnswer.objects.get(author=partner_a, prompt="who").text == "My grandmother, mostly"
    )
    # What was typed is there on the next visit: nothing lives in the browser.
    assert "My grandmother, mostly" in client_a.get(HISTORY).content.decode()


def test_autosave_never_overwrites_a_newer_revision(client_a, partner_a):
    autosave(client_a, "who", "Version from the laptop")
    autosave(client_a, "who", "Laptop, edited", revision="0")
    stale = autosave(client_a, "who", "Version from the phone", revision="0")
    assert stale.status_code == 409
    assert stale.json()["text"] == "Laptop, edited" and stale.json()["revision"] == 1
    assert HistoryAnswer.objects.get(author=partner_a, prompt="who").text == "Laptop, edited"
    # A tab that started from an empty answer meets the saved one as a conflict too.
    assert autosave(client_a, "who", "Typed in a third tab").status_code == 409


def test_same_text_is_never_a_conflict(client_a):
    autosave(client_a, "who", "Same")
    assert autosave(client_a, "who", "Same").status_code == 200


def test_autosave_refuses_unknown_prompts(client_a):
    assert autosave(client_a, "nope", "x").status_code == 400
    assert autosave(client_a, "who", "x", section="nope").status_code == 400
    assert not HistoryAnswer.objects.exists()


def test_plain_save_conflict_shows_both_versions_and_keeps_the_typed_text(client_a):
    autosave(client_a, "who", "Saved on the phone")
    response = client_a.post(
        HISTORY + "?section=caregivers",
        {"who-text": "Typed on the laptop", "who-revision": "", "missed-text": "Time."},
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Saved on the phone" in html and "Typed on the laptop" in html
    assert 'name="who-revision" value="0"' in html
    # The answer without a conflict was kept.
    assert HistoryAnswer.objects.get(prompt="missed").text == "Time."
    # Saving again after seeing both versions goes through.
    again = client_a.post(
        HISTORY + "?section=caregivers",
        {"who-text": "Typed on the laptop", "who-revision": "0"},
    )
    assert again.status_code == 302
    assert HistoryAnswer.objects.get(prompt="who").text == "Typed on the laptop"


def test_history_text_is_encrypted_at_rest(client_a):
    autosave(client_a, "who", "canary-grandmother-4711")
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM reflection_historyanswer")
        (raw,) = cursor.fetchone()
    assert "canary-grandmother-4711" not in raw


def test_sharing_one_answer_with_the_partner(client_a, client_b, partner_a):
    autosave(client_a, "who", "canary-shared-answer")
    autosave(
        client_a,
        "missed",
        "canary-private-answer",
    )
    shared = HistoryAnswer.objects.get(prompt="who")
    response = client_a.post(reverse("reflection:history_share", args=[shared.pk]), {"shared": "1"})
    assert response["Location"] == HISTORY + "?section=caregivers#sharing"
    page = client_b.get(reverse("reflection:map")).content.decode()
    assert "canary-shared-answer" in page
    assert "canary-private-answer" not in page
    # The partner never gets the history page of Anna, only their own.
    assert "canary-shared-answer" not in client_b.get(HISTORY).content.decode()


def test_partner_cannot_share_or_save_into_anyone_elses_answer(cast, client_a, client_b):
    autosave(client_a, "who", "Anna's words")
    answer = HistoryAnswer.objects.get(prompt="who")
    answer.visibility = "shared"
    answer.save()
    url = reverse("reflection:history_share", args=[answer.pk])
    assert client_b.post(url, {"shared": "0"}).status_code == 404
    # Bram's autosave writes Bram's own draft, never Anna's.
    autosave(client_b, "who", "Bram's words")
    answer.refresh_from_db()
    assert answer.text == "Anna's words"
    assert HistoryAnswer.objects.filter(author=cast.partner_b, prompt="who").exists()


def test_joint_prompts_are_hidden_on_the_individual_path(client_a, partner_a):
    url = HISTORY + "?section=bringing_together"
    assert "with your partner?" in client_a.get(url).content.decode()
    SafetyCheck.objects.create(author=partner_a, answers={}, result=Result.DANGER)
    assert "with your partner?" not in client_a.get(url).content.decode()


def test_history_page_links_the_caregiver_reflection(client_a):
    html = client_a.get(HISTORY).content.decode()
    assert reverse("reflection:attach") in html
