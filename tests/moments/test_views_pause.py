"""The pause: 20 minutes at least, a message the person passes on themselves, an
in-app reminder to come back. Nothing ever reaches the partner."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from haven.core import policy
from haven.core.policy import Actor
from haven.moments.context_processors import pause_reminder
from haven.moments.models import Pause

pytestmark = pytest.mark.django_db


def _start(client, **extra):
    data = {"minutes": "20", "at": "", "message": "come_back", **extra}
    return client.post(reverse("moments:pause"), data)


def _due(pause: Pause) -> None:
    now = timezone.now()
    Pause.objects.filter(pk=pause.pk).update(
        started_at=now - dt.timedelta(minutes=25), return_at=now - dt.timedelta(minutes=5)
    )


def test_the_pause_page_shows_the_return_time_and_a_breathing_guide(client_a):
    page = client_a.get(reverse("moments:pause")).content.decode()
    assert 'data-testid="earliest"' in page and "come back no earlier than" in page
    assert 'data-seconds="1200"' in page  # the 20-minute timer, for the script
    assert "Breathe in through your nose" in page
    assert "I want to come back to this at" in page
    assert "haven/pause.js" in page and "nonce=" in page


def test_starting_a_pause_shows_the_message_and_sends_nothing(cast, client_a, partner_a):
    response = _start(client_a, minutes="30")
    pause = Pause.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("moments:pause_detail", args=[pause.pk])
    assert pause.author == partner_a and pause.visibility == "private" and not pause.done
    assert dt.timedelta(minutes=29) < pause.return_at - pause.started_at <= dt.timedelta(minutes=30)
    page = client_a.get(response["Location"]).content.decode()
    assert 'data-testid="pause-message"' in page and escape(pause.message) in page
    assert "I want to come back to this at" in pause.message
    assert mail.outbox == []
    # The partner (or anyone else) never sees the pause, not even that there is one.
    url = reverse("moments:pause_detail", args=[pause.pk])
    for actor in (Actor.PARTNER, Actor.EX_PARTNER, Actor.STRANGER, Actor.STAFF):
        client = cast.client_for(actor)
        assert client.get(url).status_code == 404
        assert client.post(reverse("moments:pause_done", args=[pause.pk])).status_code == 404
        user = cast.user_for(actor)
        assert not policy.visible(user, Pause).exists()
        home = client.get(reverse("home")).content.decode()
        assert pause.message not in home and "taking a pause" not in home
    assert not Pause.objects.get().done


def test_too_short_a_pause_is_refused_and_the_choices_are_kept(client_a):
    soon = (timezone.localtime() + dt.timedelta(minutes=5)).strftime("%H:%M")
    response = _start(client_a, at=soon, message="care")
    assert response.status_code == 400
    page = response.content.decode()
    assert "at least 20 minutes from now" in page
    assert (
        f'name="at" value="{soon}"' in page
        and 'value="care" id="id_message_1" required checked' in page
    )
    assert not Pause.objects.exists()
    assert _start(client_a, minutes="5").status_code == 400


def test_a_clock_time_sets_the_return(client_a):
    later = timezone.localtime() + dt.timedelta(hours=2)
    _start(client_a, at=later.strftime("%H:%M"))
    pause = Pause.objects.get()
    assert timezone.localtime(pause.return_at).strftime("%H:%M") == later.strftime("%H:%M")


def test_the_reminder_shows_when_the_time_has_come_and_goes_when_back(client_a, client_b):
    _start(client_a)
    pause = Pause.objects.get()
    home = reverse("home")
    assert 'data-testid="pause-reminder"' not in client_a.get(home).content.decode()
    _due(pause)
    for name in ("home", "moments:index", "needs:overview"):
        page = client_a.get(reverse(name)).content.decode()
        assert 'data-testid="pause-reminder"' in page and "time to come back" in page, name
    assert 'data-testid="pause-reminder"' not in client_b.get(home).content.decode()
    response = client_a.post(reverse("moments:pause_done", args=[pause.pk]), {"next": "/needs/"})
    assert response.status_code == 302 and response["Location"] == "/needs/"
    assert Pause.objects.get().done
    assert 'data-testid="pause-reminder"' not in client_a.get(home).content.decode()
    assert mail.outbox == []


def test_done_refuses_to_send_anyone_elsewhere(client_a):
    _start(client_a)
    pause = Pause.objects.get()
    response = client_a.post(
        reverse("moments:pause_done", args=[pause.pk]), {"next": "https://example.com/"}
    )
    assert response["Location"] == reverse("moments:index")


def test_the_reminder_costs_no_query_for_anonymous_visitors(django_assert_num_queries):
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    with django_assert_num_queries(0):
        assert pause_reminder(request) == {}
    bare = RequestFactory().get("/")
    with django_assert_num_queries(0):
        assert pause_reminder(bare) == {}


def test_the_reminder_costs_one_query_for_a_logged_in_person(partner_a, django_assert_num_queries):
    request = RequestFactory().get("/")
    request.user = partner_a
    context = pause_reminder(request)
    with django_assert_num_queries(1):
        assert not context["due_pause"]


def test_the_landing_page_has_no_reminder_query(client, django_assert_num_queries):
    client.get(reverse("home"))
    with django_assert_num_queries(0):
        response = client.get(reverse("home"))
    assert (
        response.status_code == 200
        and 'data-testid="pause-reminder"' not in response.content.decode()
    )
