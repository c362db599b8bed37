"""The partner answers a shared need in their own words; the author reads it once sent."""

from __future__ import annotations

import pytest
from django.urls import reverse

from haven.core.models import Visibility
from haven.needs import services
from haven.needs.models import Acknowledgement
from tests.needs.helpers import sent_answer, shared_need

pytestmark = pytest.mark.django_db


def _html(response) -> str:
    return response.content.decode()


def test_answer_page_shows_the_need_and_guidance(client_b, partner_a):
    need = shared_need(partner_a, sentence="To feel close to you, I need a hug at the door.")
    html = _html(client_b.get(reverse("needs:answer", args=[need.pk])))
    assert "I need a hug at the door." in html
    assert "agree, promise or fix anything" in html


def test_answer_is_private_until_sent(client_a, client_b, partner_a, partner_b):
    need = shared_need(partner_a)
    response = client_b.post(reverse("needs:answer", args=[need.pk]), {"text": "canary-hear-3301"})
    assert response.status_code == 302
    answer = Acknowledgement.objects.get(author=partner_b)
    assert answer.visibility == Visibility.PRIVATE and answer.need == need
    for url in (reverse("needs:overview"), reverse("needs:detail", args=[need.pk])):
        assert "canary-hear-3301" not in _html(client_a.get(url))
    client_b.post(reverse("needs:answer_send", args=[answer.pk]), {"shared": "1"})
    for url in (reverse("needs:overview"), reverse("needs:detail", args=[need.pk])):
        assert "canary-hear-3301" in _html(client_a.get(url))


def test_taking_an_answer_back(client_a, client_b, partner_a, partner_b):
    need = shared_need(partner_a)
    answer = sent_answer(partner_b, need, "canary-back-1200")
    client_b.post(reverse("needs:answer_send", args=[answer.pk]), {"shared": "0"})
    assert "canary-back-1200" not in _html(client_a.get(reverse("needs:overview")))


def test_the_author_cannot_answer_their_own_need(client_a, partner_a):
    need = shared_need(partner_a)
    assert client_a.get(reverse("needs:answer", args=[need.pk])).status_code == 404
    assert client_a.post(reverse("needs:answer", args=[need.pk]), {"text": "x"}).status_code == 404


def test_a_private_need_cannot_be_answered(client_b, partner_a):
    (need,) = services.add_needs(author=partner_a, keys=["fun"])
    assert client_b.post(reverse("needs:answer", args=[need.pk]), {"text": "x"}).status_code == 404
    assert not Acknowledgement.objects.exists()


def test_a_second_answer_goes_to_editing_the_first(client_b, partner_a, partner_b):
    need = shared_need(partner_a)
    answer = services.create_acknowledgement(author=partner_b, need=need, text="one")
    response = client_b.get(reverse("needs:answer", args=[need.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("needs:answer_edit", args=[answer.pk])


def test_empty_answer_is_explained(client_b, partner_a):
    need = shared_need(partner_a)
    assert client_b.post(reverse("needs:answer", args=[need.pk]), {"text": ""}).status_code == 400


def test_editing_an_answer_checks_the_revision(client_b, partner_a, partner_b):
    need = shared_need(partner_a)
    answer = services.create_acknowledgement(author=partner_b, need=need, text="one")
    url = reverse("needs:answer_edit", args=[answer.pk])
    assert client_b.post(url, {"text": "two", "revision": "0"}).status_code == 302
    response = client_b.post(url, {"text": "three", "revision": "0"})
    assert response.status_code == 409
    assert "two" in _html(response) and "three" in _html(response)
    answer.refresh_from_db()
    assert answer.text == "two"


def test_the_author_of_the_need_cannot_edit_or_delete_the_answer(client_a, partner_a, partner_b):
    need = shared_need(partner_a)
    answer = sent_answer(partner_b, need)
    assert client_a.get(reverse("needs:answer_edit", args=[answer.pk])).status_code == 404
    assert client_a.post(reverse("needs:answer_delete", args=[answer.pk])).status_code == 404
    assert Acknowledgement.objects.filter(pk=answer.pk).exists()


def test_deleting_an_answer(client_b, partner_a, partner_b):
    need = shared_need(partner_a)
    answer = sent_answer(partner_b, need)
    response = client_b.post(reverse("needs:answer_delete", args=[answer.pk]))
    assert response["Location"] == reverse("needs:detail", args=[need.pk])
    assert not Acknowledgement.objects.exists()


def test_after_unsharing_the_need_the_answer_page_hides_it(
    client_a, client_b, partner_a, partner_b
):
    need = shared_need(partner_a, sentence="canary-unshared-7001")
    answer = services.create_acknowledgement(author=partner_b, need=need, text="mine")
    client_a.post(reverse("needs:share", args=[need.pk]), {"shared": "0"})
    response = client_b.get(reverse("needs:answer_edit", args=[answer.pk]))
    assert response.status_code == 200
    assert "canary-unshared-7001" not in _html(response)
    # After sending, the need's page is gone for Bram: back to the needs page.
    response = client_b.post(reverse("needs:answer_send", args=[answer.pk]), {"shared": "1"})
    assert response["Location"] == reverse("needs:overview")
