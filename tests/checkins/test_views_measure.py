"""The monthly reflection: Haven's own short questionnaire, run through the reflection
engine (haven.reflection.engine), once a month, private, its score on the progress page."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse

from haven.checkins.models import MonthlyMeasure
from haven.core.models import Visibility
from tests.conftest import make_user
from tests.needs.helpers import put_on_individual_path

pytestmark = pytest.mark.django_db

SATISFACTION = [f"sat0{n}" for n in range(1, 9)]
SELF = [f"self0{n}" for n in range(1, 9)]
REVERSED = {"sat02", "sat05", "sat08", "self02", "self05", "self08"}
CANARY = "canary-monthly-note-51c"


def _page(client) -> str:
    response = client.get(reverse("checkins:measure"))
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def _answers(keys: list[str], agree: int = 7, **extra) -> dict:
    return {key: str(agree) for key in keys} | extra


def test_a_couple_gets_the_relationship_reflection(client_a):
    page = _page(client_a)
    assert "How are we doing? A monthly reflection" in page
    assert "Overall, I feel good about our relationship these days." in page
    assert page.count('type="radio"') == 8 * 7


def test_a_solo_person_reflects_on_the_relationship_with_themselves(client, solo_user):
    client.force_login(solo_user)
    page = _page(client)
    assert "How am I doing with myself? A monthly reflection" in page
    assert "partner" not in page.split("<main")[1].lower()


def test_on_the_individual_path_the_reflection_is_about_oneself(client_a, partner_a):
    put_on_individual_path(partner_a)
    assert "How am I doing with myself?" in _page(client_a)


def test_answers_are_scored_by_the_engine_with_reverse_keying_and_kept_private(client_a, partner_a):
    response = client_a.post(reverse("checkins:measure"), _answers(SATISFACTION, note=CANARY))
    assert response.status_code == 302 and response["Location"] == reverse("checkins:progress")
    measure = MonthlyMeasure.objects.get(author=partner_a)
    assert measure.visibility == Visibility.PRIVATE
    assert measure.instrument == "haven-satisfaction" and measure.note == CANARY
    # Agreeing with everything: five items count 7, three reversed items count 8 - 7 = 1.
    assert measure.scores["means"]["satisfaction"] == pytest.approx((5 * 7 + 3 * 1) / 8)
    page = html.unescape(client_a.get(reverse("checkins:progress")).content.decode())
    # The summary and the table round alike: 4.75 is 4.8 in both.
    assert "scored 4.8 out of 7" in page and "<td>4.8</td>" in page
    assert "Change this month's answers" in page


def test_the_best_month_scores_seven(client_a, partner_a):
    answers = {key: ("1" if key in REVERSED else "7") for key in SATISFACTION}
    client_a.post(reverse("checkins:measure"), answers)
    assert MonthlyMeasure.objects.get(author=partner_a).scores["means"]["satisfaction"] == 7


def test_a_missing_answer_is_refused_and_keeps_what_was_typed(client_a):
    answers = _answers(SATISFACTION[:-1], note=CANARY)
    response = client_a.post(reverse("checkins:measure"), answers)
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert "Please answer every statement." in page
    assert f'value="{CANARY}"' in page
    assert page.count("checked") == 7  # the seven answers given stay ticked
    assert not MonthlyMeasure.objects.exists()


@pytest.mark.parametrize("value", ["0", "8", "x", ""])
def test_answers_off_the_scale_are_refused(client_a, value):
    answers = _answers(SATISFACTION)
    answers["sat03"] = value
    assert client_a.post(reverse("checkins:measure"), answers).status_code == 400
    assert not MonthlyMeasure.objects.exists()


def test_a_second_time_this_month_changes_the_answers_not_a_second_row(client_a, partner_a):
    client_a.post(reverse("checkins:measure"), _answers(SATISFACTION, agree=4))
    measure = MonthlyMeasure.objects.get(author=partner_a)
    page = _page(client_a)
    assert "You already answered for" in page
    client_a.post(
        reverse("checkins:measure"),
        _answers(SATISFACTION, agree=2, revision=str(measure.revision)),
    )
    assert MonthlyMeasure.objects.count() == 1
    assert MonthlyMeasure.objects.get(author=partner_a).answers["sat01"] == 2


def test_a_stale_second_edit_is_a_conflict_not_an_overwrite(client_a, partner_a):
    client_a.post(reverse("checkins:measure"), _answers(SATISFACTION, agree=4))
    stale = MonthlyMeasure.objects.get(author=partner_a).revision
    client_a.post(reverse("checkins:measure"), _answers(SATISFACTION, 5, revision=str(stale)))
    response = client_a.post(
        reverse("checkins:measure"), _answers(SATISFACTION, 1, revision=str(stale), note="kept")
    )
    assert response.status_code == 409
    assert 'value="kept"' in response.content.decode()
    assert MonthlyMeasure.objects.get(author=partner_a).answers["sat01"] == 5


def test_the_partner_can_neither_see_nor_delete_a_reflection(client_a, client_b, cast):
    client_a.post(reverse("checkins:measure"), _answers(SATISFACTION, note=CANARY))
    measure = MonthlyMeasure.objects.get(author=cast.partner_a)
    url = reverse("checkins:measure_delete", args=[measure.pk])
    assert client_b.get(url).status_code == 404
    assert client_b.post(url).status_code == 404
    theirs = html.unescape(client_b.get(reverse("checkins:progress")).content.decode())
    assert CANARY not in theirs and "You did the monthly reflection" not in theirs
    assert client_a.post(url).status_code == 302
    assert not MonthlyMeasure.objects.exists()


def test_the_reflection_in_dutch(client, db):
    noor = make_user("noor-m@example.org", "Noor", language="nl")
    client.force_login(noor)
    page = _page(client)
    assert "Hoe gaat het met mij en mezelf? Een maandelijkse reflectie" in page
    assert "Helemaal mee eens" in page
