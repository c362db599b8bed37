"""The moments pages, for every persona: private by default, shared on purpose."""

from __future__ import annotations

import pytest
from django.urls import reverse

from haven.core.policy import Actor
from haven.moments.models import Moment
from tests.moments.helpers import log

pytestmark = pytest.mark.django_db

CANARY = "7f3e-canary-private-moment"


def _form(**extra) -> dict:
    data = {
        "happened_date": "2024-03-02",
        "happened_time": "21:15",
        "topic": "in_laws",
        "what_happened": "We argued about the visit on Sunday.",
        "my_moves": ["criticise", "blame"],
        "partner_moves": ["go_quiet"],
        "ending": "walked_away",
        "intensity": "7",
        "sensations": ["tight_chest"],
        "emotions": ["lonely", "angry"],
    }
    data.update(extra)
    return data


def test_log_a_moment_and_read_it_back(client_a, partner_a):
    page = client_a.get(reverse("moments:new"))
    assert page.status_code == 200
    content = page.content.decode()
    assert 'value="keys_and_things"' in content and 'name="my_moves"' in content
    response = client_a.post(reverse("moments:new"), _form())
    moment = Moment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("moments:detail", args=[moment.pk])
    assert moment.author == partner_a and moment.visibility == "private"
    assert moment.my_moves == ["criticise", "blame"] and moment.intensity == 7
    page = client_a.get(response["Location"]).content.decode()
    assert "In-laws and family" in page and "We argued about the visit on Sunday." in page
    assert "Criticise" in page and "One of us walked away" in page and "7 out of 10" in page
    assert 'data-testid="pause-link"' in page


def test_bad_input_keeps_what_was_typed(client_a):
    response = client_a.post(
        reverse("moments:new"), _form(happened_date="2999-01-01", what_happened=CANARY)
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "in the future" in page and CANARY in page
    assert not Moment.objects.exists()
    response = client_a.post(reverse("moments:new"), _form(intensity="11", topic="nope"))
    assert response.status_code == 400


def test_a_private_moment_is_only_the_authors(cast, partner_a):
    moment = log(partner_a, text=CANARY)
    url = reverse("moments:detail", args=[moment.pk])
    assert cast.client_for(Actor.AUTHOR).get(url).status_code == 200
    for actor in (Actor.PARTNER, Actor.EX_PARTNER, Actor.STRANGER, Actor.STAFF):
        client = cast.client_for(actor)
        assert client.get(url).status_code == 404, actor
        index = client.get(reverse("moments:index")).content.decode()
        assert CANARY not in index and url not in index
    anonymous = cast.client_for(Actor.ANONYMOUS).get(url)
    assert anonymous.status_code == 302 and "/accounts/" in anonymous["Location"]


def test_sharing_shows_the_moment_to_the_partner_only(cast, client_a, partner_a):
    moment = log(partner_a, text=CANARY)
    url = reverse("moments:detail", args=[moment.pk])
    client_a.post(reverse("moments:share", args=[moment.pk]), {"shared": "1"})
    partner = cast.client_for(Actor.PARTNER)
    page = partner.get(url).content.decode()
    assert CANARY in page and "Shared by Anna" in page
    assert "Edit" not in page and 'data-testid="underneath"' not in page
    assert url in partner.get(reverse("moments:index")).content.decode()
    for actor in (Actor.EX_PARTNER, Actor.STRANGER):
        assert cast.client_for(actor).get(url).status_code == 404
    assert (
        partner.post(reverse("moments:share", args=[moment.pk]), {"shared": "0"}).status_code == 404
    )
    assert partner.get(reverse("moments:edit", args=[moment.pk])).status_code == 404
    client_a.post(reverse("moments:share", args=[moment.pk]), {"shared": "0"})
    assert partner.get(url).status_code == 404


def test_edit_keeps_a_newer_version_from_being_overwritten(client_a, partner_a):
    moment = log(partner_a)
    url = reverse("moments:edit", args=[moment.pk])
    assert client_a.get(url).status_code == 200
    first = client_a.post(url, _form(revision="0", what_happened="First tab."))
    assert first.status_code == 302
    second = client_a.post(url, _form(revision="0", what_happened="Second tab."))
    assert second.status_code == 409
    page = second.content.decode()
    assert "Second tab." in page and "First tab." in page
    moment.refresh_from_db()
    assert moment.what_happened == "First tab."


def test_delete_asks_first(client_a, partner_a, client_b):
    moment = log(partner_a, shared=True)
    url = reverse("moments:delete", args=[moment.pk])
    assert client_b.post(url).status_code == 404
    assert client_a.get(url).status_code == 200
    assert client_a.post(url).status_code == 302
    assert not Moment.objects.exists()


def test_the_index_shows_figures_and_both_lists(client_a, client_b, partner_a, partner_b):
    log(partner_a, text="mine")
    log(partner_b, shared=True, topic="money")
    page = client_a.get(reverse("moments:index")).content.decode()
    assert 'data-testid="figures"' in page and "You logged 1 rocky moment" in page
    assert page.count('data-testid="my-moment"') == 1
    assert page.count('data-testid="partner-moment"') == 1 and "Money" in page
    assert 'data-testid="pause-link"' in page


def test_nav_and_home_card(client_a, partner_a):
    log(partner_a)
    page = client_a.get(reverse("home")).content.decode()
    assert reverse("moments:index") in page
    assert 'data-testid="moments-home"' in page and "You logged 1 rocky moment" in page


def test_the_moment_page_shows_what_is_underneath_from_the_cycle_map(client_a, partner_a):
    moment = log(partner_a)
    page = client_a.get(reverse("moments:detail", args=[moment.pk])).content.decode()
    assert 'data-testid="underneath"' in page
    assert reverse("cycle:index") in page  # nothing mapped yet: an invitation to map it


def test_the_pages_speak_dutch_with_the_dutch_words_from_the_data(client, partner_a):
    from tests.conftest import make_user

    nina = make_user("nina@example.org", "Nina", language="nl")
    client.force_login(nina)
    moment = log(nina, topic="money", ending="silence", my_moves=["criticise"])
    page = client.get(reverse("moments:detail", args=[moment.pk])).content.decode()
    assert "Geld" in page and "Het werd stil" in page and "Kritiek geven" in page
    page = client.get(reverse("moments:pause")).content.decode()
    assert "Adem in door je neus" in page and "Ik wil hier om" in page
    assert "Zet allebei je voeten op de grond" in page
    page = client.get(reverse("moments:new")).content.decode()
    assert "Schoonfamilie en familie" in page


def test_a_moment_from_this_morning_needs_no_time(client_a, monkeypatch):
    """Without a time, a day means around noon; for today before noon, that would be
    "in the future", so the moment counts as just now instead."""
    import datetime as dt

    from django.utils import timezone

    morning = timezone.make_aware(dt.datetime(2026, 3, 10, 9, 5))
    monkeypatch.setattr(timezone, "now", lambda: morning)
    response = client_a.post(
        reverse("moments:new"), _form(happened_date="2026-03-10", happened_time="")
    )
    assert response.status_code == 302
    assert Moment.objects.get().happened_at == morning
    # Tomorrow is still in the future, time or not.
    response = client_a.post(
        reverse("moments:new"), _form(happened_date="2026-03-11", happened_time="")
    )
    assert response.status_code == 400
    assert "in the future" in response.content.decode()
