"""Requirement 4 (safety answers never shared or exported to anyone else; the
model refuses) and 26 (danger -> help lines, safe device, no joint suggestions,
nothing reaches the partner)."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from haven.accounts import export
from haven.core import policy
from haven.core.models import Visibility
from haven.safety import helplines, screen
from haven.safety.models import Result, SafetyCheck, SafetyCheckIsPrivate
from haven.safety.selectors import individual_path

DANGER = {"afraid": "sometimes", "hurt": "no", "sex": "no"}
CLEAR = {qid: "no" for qid in screen.question_ids()}


def _take(client, answers):
    return client.post(reverse("safety:check"), answers)


def test_every_question_has_both_languages_and_four_answers():
    for language in ("en", "nl"):
        current = screen.screen(language)
        assert len(current.questions) >= 6
        assert [key for key, _label in current.answers] == ["no", "sometimes", "yes", "skip"]


@pytest.mark.parametrize("question", screen.question_ids())
def test_any_sign_of_danger_switches_to_the_individual_path(cast, client_a, question):
    _take(client_a, {**CLEAR, question: "yes"})
    assert individual_path(cast.partner_a)
    check = SafetyCheck.objects.get(author=cast.partner_a)
    assert check.result == Result.DANGER


def test_clear_answers_keep_the_couple_path(cast, client_a):
    response = _take(client_a, CLEAR)
    assert response.status_code == 302
    assert not individual_path(cast.partner_a)
    page = client_a.get(reverse("home")).content.decode()
    assert 'data-testid="individual-path"' not in page


def test_skipping_everything_draws_no_conclusion(cast, client_a):
    _take(client_a, {})
    assert SafetyCheck.objects.get(author=cast.partner_a).result == Result.UNANSWERED
    assert not individual_path(cast.partner_a)


def test_danger_result_shows_help_lines_for_the_country_and_device_advice(cast, client_a):
    profile = cast.partner_a.profile
    profile.country = "BE"
    profile.save()
    _take(client_a, DANGER)
    page = client_a.get(reverse("safety:result")).content.decode()
    belgium = helplines.for_country("BE", "en")
    for line in belgium.lines:
        assert line.number in page
    assert 'data-testid="device-advice"' in page
    assert 'data-testid="individual-path"' in page


def test_on_the_individual_path_home_suggests_nothing_joint(db, solo_user, client):
    client.force_login(solo_user)
    before = client.get(reverse("home")).content.decode()
    assert "Invite your partner" in before
    _take(client, DANGER)
    after = client.get(reverse("home")).content.decode()
    assert "Invite your partner" not in after
    assert 'data-testid="individual-path"' in after


def test_the_model_refuses_to_share_a_safety_check(cast):
    check = SafetyCheck.objects.create(author=cast.partner_a, answers=DANGER, result="danger")
    check.visibility = Visibility.SHARED
    with pytest.raises(SafetyCheckIsPrivate):
        check.save()
    with pytest.raises(SafetyCheckIsPrivate):
        SafetyCheck.objects.filter(pk=check.pk).update(visibility=Visibility.SHARED)
    with pytest.raises(SafetyCheckIsPrivate):
        SafetyCheck.objects.create(
            author=cast.partner_a, answers={}, result="clear", visibility=Visibility.SHARED
        )
    assert SafetyCheck.objects.get(pk=check.pk).visibility == Visibility.PRIVATE


def test_the_policy_grants_nobody_but_the_author_anything():
    rules = policy.CONTENT_POLICY["safety.SafetyCheck"]
    assert {actor for actor, _visibility in rules} == {policy.Actor.AUTHOR}
    assert policy.Action.SHARE not in rules[(policy.Actor.AUTHOR, Visibility.PRIVATE)]


def test_partner_learns_nothing_of_the_check(cast, client_a, client_b):
    pages = [reverse("home"), reverse("couples:overview"), reverse("safety:result")]
    before = {url: client_b.get(url).content for url in pages}
    _take(client_a, {**DANGER, "afraid": "yes"})
    client_a.get(reverse("safety:help"))
    after = {url: client_b.get(url).content for url in pages}
    for url in pages:
        # CSRF tokens and CSP nonces differ per response; compare visible text.
        assert _text(before[url]) == _text(after[url]), url
    assert mail.outbox == []
    assert not policy.visible(cast.partner_b, SafetyCheck).exists()


def test_export_includes_the_check_only_for_its_author(cast):
    SafetyCheck.objects.create(author=cast.partner_a, answers={"afraid": "yes"}, result="danger")
    mine = export.export_for(cast.partner_a)["sections"]["safety.SafetyCheck"]
    theirs = export.export_for(cast.partner_b)["sections"]["safety.SafetyCheck"]
    assert mine and mine[0]["answers"] == {"afraid": "yes"}
    assert theirs == []


def test_forgetting_deletes_the_persons_checks_only(cast, client_a):
    SafetyCheck.objects.create(author=cast.partner_a, answers={}, result="danger")
    SafetyCheck.objects.create(author=cast.partner_b, answers={}, result="clear")
    client_a.post(reverse("safety:forget"))
    assert not SafetyCheck.objects.filter(author=cast.partner_a).exists()
    assert SafetyCheck.objects.filter(author=cast.partner_b).exists()


def test_help_page_is_open_to_anyone_and_lists_every_country(client, db):
    page = client.get(reverse("safety:help") + "?country=GB").content.decode()
    for line in helplines.for_country("GB", "en").lines:
        assert line.number in page
    for code in helplines.countries():
        assert f'value="{code}"' in page


def test_the_coachs_safety_flag_links_to_the_same_help(client_a):
    response = client_a.post(
        reverse("practise:page"), {"message": "He said he will kill me if I leave."}
    )
    page = response.content.decode()
    assert 'data-testid="safety-help"' in page
    assert reverse("safety:help") in page


def _text(content: bytes) -> str:
    import re

    html = content.decode()
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    return re.sub(r'nonce="[^"]+"', "", html)
