"""Starting, saving as you go, finishing: the questionnaire services."""

from __future__ import annotations

import pytest
from django.db import connection

from haven.core.models import Visibility
from haven.reflection import engine, services
from haven.reflection.models import InstrumentResponse
from tests.reflection.helpers import HAVEN, answer_set, uniform
from tests.reflection.test_engine_scoring import HAVEN_ANXIETY, HAVEN_AVOIDANCE


@pytest.fixture
def haven():
    return engine.get(HAVEN)


def test_a_new_response_is_private(partner_a, haven):
    response = services.start(author=partner_a, instrument=haven, target="partner")
    assert response.visibility == Visibility.PRIVATE
    assert response.answers == {} and not response.is_complete


def test_starting_again_resumes_the_unfinished_one(partner_a, haven):
    first = services.start(author=partner_a, instrument=haven, target="partner")
    assert services.start(author=partner_a, instrument=haven, target="partner") == first
    other = services.start(author=partner_a, instrument=haven, target="mother")
    assert other != first


def test_answers_are_merged_as_the_person_goes(partner_a, haven):
    response = services.start(author=partner_a, instrument=haven, target="partner")
    response = services.save_answers(
        response=response, instrument=haven, answers={"anx01": 5}, expected_revision=0
    )
    response = services.save_answers(
        response=response,
        instrument=haven,
        answers={"anx02": 2},
        expected_revision=response.revision,
    )
    stored = InstrumentResponse.objects.get(pk=response.pk)
    assert stored.answers == {"anx01": 5, "anx02": 2}
    assert stored.revision == 2


def test_a_newer_different_answer_is_never_overwritten_silently(partner_a, haven):
    response = services.start(author=partner_a, instrument=haven, target="partner")
    services.save_answers(
        response=response, instrument=haven, answers={"anx01": 5}, expected_revision=0
    )
    # A second tab still at revision 0 answers the same item differently.
    with pytest.raises(services.AnswerConflict) as caught:
        services.save_answers(
            response=response, instrument=haven, answers={"anx01": 2}, expected_revision=0
        )
    assert caught.value.saved == {"anx01": 5}
    assert InstrumentResponse.objects.get(pk=response.pk).answers == {"anx01": 5}


def test_a_stale_tab_may_still_add_answers_to_other_items(partner_a, haven):
    response = services.start(author=partner_a, instrument=haven, target="partner")
    services.save_answers(
        response=response, instrument=haven, answers={"anx01": 5}, expected_revision=0
    )
    services.save_answers(
        response=response, instrument=haven, answers={"anx02": 3}, expected_revision=0
    )
    assert InstrumentResponse.objects.get(pk=response.pk).answers == {"anx01": 5, "anx02": 3}


def test_finishing_needs_every_answer(partner_a, haven):
    response = services.start(author=partner_a, instrument=haven, target="partner")
    answers = uniform(HAVEN, 4)
    del answers["avo10"]
    services.save_answers(response=response, instrument=haven, answers=answers, expected_revision=0)
    with pytest.raises(services.NotComplete) as caught:
        services.complete(response=response, instrument=haven)
    assert caught.value.missing == ["avo10"]


def test_finishing_scores_and_changing_an_answer_scores_again(partner_a, haven):
    response = services.start(author=partner_a, instrument=haven, target="partner")
    answers = answer_set(HAVEN_ANXIETY, HAVEN_AVOIDANCE)
    response = services.save_answers(
        response=response, instrument=haven, answers=answers, expected_revision=0
    )
    response = services.complete(response=response, instrument=haven)
    assert response.scores == {"means": {"anxiety": 6.1, "avoidance": 1.9}, "region": "anxious"}
    # anx01 from 7 to 1: anxiety sum 61 - 6 = 55 -> 5.5
    response = services.save_answers(
        response=response,
        instrument=haven,
        answers={"anx01": 1},
        expected_revision=response.revision,
    )
    assert InstrumentResponse.objects.get(pk=response.pk).means["anxiety"] == 5.5


def test_answers_and_scores_are_encrypted_at_rest(partner_a, haven):
    response = services.start(author=partner_a, instrument=haven, target="partner")
    response = services.save_answers(
        response=response, instrument=haven, answers=uniform(HAVEN, 2), expected_revision=0
    )
    services.complete(response=response, instrument=haven)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT answers, scores FROM reflection_instrumentresponse WHERE id = %s",
            [response.pk],
        )
        answers, scores = cursor.fetchone()
    for raw in (answers, scores):
        assert "anx01" not in raw and "region" not in raw and "secure" not in raw
