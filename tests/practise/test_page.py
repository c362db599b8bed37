"""The practise page: look at a message, nothing stored, help when it is unsafe."""

import pytest
from django.apps import apps
from django.urls import reverse

from haven import coach
from haven.coach.model import PROTECTIVE_CODES
from haven.practise import services

HARSH_NL = "Jij luistert ook nooit naar me. Je bent zo egoïstisch, typisch weer."
HARSH_EN = "You never listen to me. You are so selfish, typical."


def _row_count() -> int:
    return sum(m._default_manager.count() for m in apps.get_models())


@pytest.mark.django_db
def test_page_without_javascript_shows_findings_and_a_clean_suggestion(client, solo_user):
    client.force_login(solo_user)
    client.get(reverse("practise:page"))  # session bookkeeping happens on the first request
    before = _row_count()
    response = client.post(reverse("practise:page"), {"message": HARSH_NL, "action": "check"})
    assert response.status_code == 200
    practice = response.context["practice"]
    assert practice.analysis.tone == "protective"
    html = response.content.decode()
    assert '<mark class="protective"' in html
    suggestion = practice.suggestion
    assert suggestion
    assert not set(coach.analyze(suggestion, lang="nl").codes) & set(PROTECTIVE_CODES)
    assert _row_count() == before, "practising must not store anything"


@pytest.mark.django_db
def test_fragment_returns_only_the_results(client, solo_user):
    client.force_login(solo_user)
    response = client.post(reverse("practise:fragment"), {"message": HARSH_EN})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert 'data-testid="findings"' in html


@pytest.mark.django_db
def test_safety_message_shows_help_lines_and_no_rewrite(client, solo_user):
    solo_user.profile.country = "GB"
    solo_user.profile.save()
    client.force_login(solo_user)
    response = client.post(
        reverse("practise:page"), {"message": "If you leave me I will hurt you, I swear."}
    )
    html = response.content.decode()
    assert response.context["practice"].analysis.safety is True
    assert 'data-testid="safety-help"' in html
    assert "0808 2000 247" in html
    assert 'data-testid="suggestion"' not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("", "Type a message first"),
        ("   \n\t ", "Type a message first"),
        ("x" * 5001, "at most 5000"),
    ],
)
def test_bad_input_gets_a_clear_message_and_keeps_the_text(client, solo_user, message, expected):
    client.force_login(solo_user)
    response = client.post(reverse("practise:page"), {"message": message})
    assert response.status_code == 400
    html = response.content.decode()
    assert expected in html
    if message.strip():
        assert message[:200] in html


@pytest.mark.django_db
@pytest.mark.parametrize("message", ["😀😀🙄", "أنت لا تستمع إلي أبدا", "nul\x00byte text"])
def test_odd_input_never_fails(client, solo_user, message):
    client.force_login(solo_user)
    response = client.post(reverse("practise:page"), {"message": message})
    assert response.status_code == 200


@pytest.mark.django_db
def test_build_my_sentence_from_chosen_feeling_and_need(client, solo_user):
    client.force_login(solo_user)
    first = client.post(reverse("practise:page"), {"message": HARSH_EN})
    practice = first.context["practice"]
    assert practice.feelings and practice.needs
    data = {
        "message": HARSH_EN,
        "action": "compose",
        "feelings": [practice.feelings[0].key],
        "needs": [practice.needs[0].key],
    }
    response = client.post(reverse("practise:page"), data)
    draft = response.context["draft"]
    assert practice.feelings[0].label in draft
    assert practice.needs[0].label in draft
    assert response.context["draft_analysis"].tone != "protective"


def test_segments_cover_the_text_exactly():
    text = "You always do this and I feel so alone."
    analysis = coach.analyze(text, lang="en")
    pieces = services.segments(text, analysis)
    assert "".join(p.text for p in pieces) == text
    assert any(p.protective for p in pieces)


@pytest.mark.django_db
def test_self_harm_message_shows_the_crisis_line_first_and_says_why(client, solo_user):
    solo_user.profile.country = "GB"
    solo_user.profile.save()
    client.force_login(solo_user)
    response = client.post(
        reverse("practise:page"), {"message": "Honestly I'd rather not wake up tomorrow."}
    )
    html = response.content.decode()
    analysis = response.context["practice"].analysis
    assert analysis.safety_kind == "self_harm"
    assert 'data-kind="self_harm"' in html
    assert "116 123" in html  # the crisis line
    assert "0808 2000 247" not in html  # not the domestic-abuse line
    assert 'data-testid="safety-why"' in html
    assert reverse("safety:check") in html
    assert 'data-testid="suggestion"' not in html


@pytest.mark.django_db
def test_dutch_control_message_shows_the_domestic_abuse_line_in_dutch(client, solo_user):
    solo_user.profile.country = "NL"
    solo_user.profile.save()
    client.force_login(solo_user)
    response = client.post(
        reverse("practise:page"),
        {"message": "Vanaf nu lever je elke avond je telefoon bij mij in.", "lang": "nl"},
    )
    html = response.content.decode()
    assert response.context["practice"].analysis.safety_kind == "coercion"
    assert "0800 2000" in html  # Veilig Thuis
    assert "0800 0113" not in html
    assert "Dit klinkt als controle" in html
    assert 'data-testid="suggestion"' not in html
