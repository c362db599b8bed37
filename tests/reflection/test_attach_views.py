"""How I attach in the browser without JavaScript: start, answer page by page, resume, result."""

from __future__ import annotations

import pytest
from django.urls import reverse

from haven.core.policy import Actor
from haven.reflection import engine
from haven.reflection.models import InstrumentResponse
from tests.reflection.helpers import HAVEN, completed, uniform


def start(client, target="partner") -> InstrumentResponse:
    response = client.post(reverse("reflection:attach"), {"instrument": HAVEN, "target": target})
    assert response.status_code == 302
    return InstrumentResponse.objects.latest("pk")


def page_url(item: InstrumentResponse, page: int) -> str:
    return f"{reverse('reflection:answer', args=[item.pk])}?page={page}"


def test_overview_offers_havens_instrument_with_its_notice(client_a):
    html = client_a.get(reverse("reflection:attach")).content.decode()
    assert "How I attach: a reflection" in html
    assert "not a diagnosis" in html
    assert "TEST" not in html


def test_an_unknown_target_is_refused(client_a):
    response = client_a.post(reverse("reflection:attach"), {"instrument": HAVEN, "target": "boss"})
    assert response.status_code == 400
    assert not InstrumentResponse.objects.exists()


def test_answering_page_by_page_without_javascript(client_a, partner_a):
    item = start(client_a)
    haven = engine.get(HAVEN)
    assert item.author == partner_a and item.visibility == "private"
    page = client_a.get(page_url(item, 1))
    assert page.status_code == 200
    html = page.content.decode()
    assert "my partner" in html and "{target}" not in html
    assert "Save and continue" in html and 'type="radio"' in html
    revision = 0
    for number in range(1, haven.page_count + 1):
        answers = {i.key: "3" for i in haven.page(number)}
        last = number == haven.page_count
        buttons = {"finish": "1"} if last else {}
        response = client_a.post(
            page_url(item, number), {**answers, "revision": revision, **buttons}
        )
        assert response.status_code == 302
        revision = InstrumentResponse.objects.get(pk=item.pk).revision
        if not last:
            assert response["Location"] == page_url(item, number + 1)
    assert response["Location"] == reverse("reflection:result", args=[item.pk])
    item.refresh_from_db()
    assert item.is_complete and item.means == {"anxiety": 3.8, "avoidance": 3.8}
    result = client_a.get(response["Location"]).content.decode()
    assert "Leaning towards security" in result
    assert "not a diagnosis" in result


def test_leaving_halfway_keeps_the_answers_and_resumes(client_a):
    item = start(client_a)
    haven = engine.get(HAVEN)
    answers = {i.key: "6" for i in haven.page(1)}
    response = client_a.post(page_url(item, 1), {**answers, "revision": 0, "stop": "1"})
    assert response["Location"] == reverse("reflection:attach")
    overview = client_a.get(reverse("reflection:attach")).content.decode()
    assert "Continue where you left off" in overview
    assert f"{len(answers)} of {len(haven.items)} answered" in overview
    # Starting again resumes the same response, with the saved choices checked.
    assert start(client_a).pk == item.pk
    html = client_a.get(page_url(item, 1)).content.decode()
    assert html.count("checked") == len(answers)


def test_finishing_with_gaps_goes_to_the_first_gap(client_a):
    item = start(client_a)
    haven = engine.get(HAVEN)
    response = client_a.post(page_url(item, haven.page_count), {"revision": 0, "finish": "1"})
    assert response["Location"] == page_url(item, 1)
    item.refresh_from_db()
    assert not item.is_complete


def test_autosave_saves_one_answer_and_returns_json(client_a):
    item = start(client_a)
    url = reverse("reflection:answer_autosave", args=[item.pk])
    response = client_a.post(
        url, {"item": "anx03", "value": "2", "revision": "0"}, HTTP_X_REQUESTED_WITH="fetch"
    )
    assert response.status_code == 200
    assert response.json()["revision"] == 1
    assert "Saved at" in response.json()["message"]
    assert InstrumentResponse.objects.get(pk=item.pk).answers == {"anx03": 2}


def test_autosave_refuses_to_overwrite_a_newer_answer(client_a):
    item = start(client_a)
    url = reverse("reflection:answer_autosave", args=[item.pk])
    client_a.post(
        url, {"item": "anx03", "value": "2", "revision": "0"}, HTTP_X_REQUESTED_WITH="fetch"
    )
    stale = client_a.post(
        url, {"item": "anx03", "value": "6", "revision": "0"}, HTTP_X_REQUESTED_WITH="fetch"
    )
    assert stale.status_code == 409
    assert stale.json()["value"] == 2 and stale.json()["revision"] == 1
    assert InstrumentResponse.objects.get(pk=item.pk).answers == {"anx03": 2}


def test_page_save_conflict_is_shown_and_nothing_is_lost(client_a):
    item = start(client_a)
    url = reverse("reflection:answer_autosave", args=[item.pk])
    client_a.post(
        url, {"item": "anx01", "value": "2", "revision": "0"}, HTTP_X_REQUESTED_WITH="fetch"
    )
    response = client_a.post(page_url(item, 1), {"anx01": "7", "revision": "0"})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Saved elsewhere: Disagree" in html
    assert 'name="revision" value="1"' in html
    assert InstrumentResponse.objects.get(pk=item.pk).answers == {"anx01": 2}


@pytest.mark.parametrize("value", ["0", "8", "x", ""])
def test_autosave_refuses_answers_off_the_scale(client_a, value):
    item = start(client_a)
    response = client_a.post(
        reverse("reflection:answer_autosave", args=[item.pk]),
        {"item": "anx01", "value": value},
        HTTP_X_REQUESTED_WITH="fetch",
    )
    assert response.status_code == 400
    assert InstrumentResponse.objects.get(pk=item.pk).answers == {}


def test_partner_cannot_answer_or_autosave_even_when_shared(cast, client_b):
    item = completed(cast.partner_a, uniform(HAVEN, 4), visibility="shared")
    assert client_b.get(reverse("reflection:answer", args=[item.pk])).status_code == 404
    response = client_b.post(
        reverse("reflection:answer_autosave", args=[item.pk]),
        {"item": "anx01", "value": "1"},
        HTTP_X_REQUESTED_WITH="fetch",
    )
    assert response.status_code == 404
    assert client_b.get(reverse("reflection:result", args=[item.pk])).status_code == 200


def test_sharing_shares_the_result_not_the_answers(cast, client_a, client_b):
    item = completed(cast.partner_a, uniform(HAVEN, 4))
    result_url = reverse("reflection:result", args=[item.pk])
    assert client_b.get(result_url).status_code == 404
    client_a.post(reverse("reflection:result_share", args=[item.pk]), {"shared": "1"})
    page = client_b.get(result_url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Result shared by Anna" in html
    assert 'type="radio"' not in html and "Share the result" not in html
    client_a.post(reverse("reflection:result_share", args=[item.pk]), {"shared": "0"})
    assert client_b.get(result_url).status_code == 404


def test_an_unfinished_result_cannot_be_shared(client_a):
    item = start(client_a)
    client_a.post(reverse("reflection:result_share", args=[item.pk]), {"shared": "1"})
    item.refresh_from_db()
    assert item.visibility == "private"


def test_deleting_a_result(cast, client_a):
    item = completed(cast.partner_a, uniform(HAVEN, 4))
    url = reverse("reflection:result_delete", args=[item.pk])
    assert client_a.get(url).status_code == 200
    assert client_a.post(url)["Location"] == reverse("reflection:attach")
    assert not InstrumentResponse.objects.filter(pk=item.pk).exists()


@pytest.mark.parametrize("actor", [Actor.EX_PARTNER, Actor.STRANGER, Actor.STAFF], ids=str)
def test_nobody_else_sees_a_shared_result(cast, actor):
    item = completed(cast.partner_a, uniform(HAVEN, 4), visibility="shared")
    client = cast.client_for(actor)
    assert client.get(reverse("reflection:result", args=[item.pk])).status_code == 404


def test_dutch_pages_use_dutch_texts(client_a, partner_a):
    partner_a.profile.language = "nl"
    partner_a.profile.save()
    item = start(client_a)
    html = client_a.get(page_url(item, 1)).content.decode()
    assert "mijn partner" in html and "Helemaal mee eens" in html


def test_a_note_on_the_result_is_kept_and_shared_with_it(cast, client_a, client_b):
    item = completed(cast.partner_a, uniform(HAVEN, 4))
    url = reverse("reflection:result_note", args=[item.pk])
    assert client_a.get(url).status_code == 200
    response = client_a.post(url, {"note": "canary-note-5e1 I worry less.", "revision": "0"})
    assert response["Location"] == reverse("reflection:result", args=[item.pk])
    result_url = reverse("reflection:result", args=[item.pk])
    assert "canary-note-5e1" in client_a.get(result_url).content.decode()
    assert client_b.get(result_url).status_code == 404
    client_a.post(reverse("reflection:result_share", args=[item.pk]), {"shared": "1"})
    assert "canary-note-5e1" in client_b.get(result_url).content.decode()
    assert client_b.post(url, {"note": "Bram writes", "revision": "1"}).status_code == 404


def test_two_edits_of_a_note_never_overwrite_silently(cast, client_a):
    item = completed(cast.partner_a, uniform(HAVEN, 4))
    url = reverse("reflection:result_note", args=[item.pk])
    client_a.post(url, {"note": "From the phone", "revision": "0"})
    response = client_a.post(url, {"note": "From the laptop", "revision": "0"})
    assert response.status_code == 409
    html = response.content.decode()
    assert "From the phone" in html and "From the laptop" in html
    assert 'name="revision" value="1"' in html
    item.refresh_from_db()
    assert item.note == "From the phone"
