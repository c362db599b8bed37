"""Two views of one moment: linked only once both agree, undone by either, gone on unlink."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from haven.core.policy import Actor
from haven.couples import services as couples
from haven.moments.models import MomentLink
from tests.moments.helpers import linked, log

pytestmark = pytest.mark.django_db

A_VIEW = "3b1c-anna-saw-it-this-way"
B_VIEW = "5d2e-bram-saw-it-that-way"


def _page(client: Client, moment) -> str:
    response = client.get(reverse("moments:detail", args=[moment.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_no_link_until_both_agree(client_a, client_b, partner_a, partner_b):
    mine = log(partner_a, text=A_VIEW)
    theirs = log(partner_b, shared=True, text=B_VIEW)
    # Her own view must be shared first: the page says so and offers nothing to pick.
    page = client_a.get(reverse("moments:link", args=[mine.pk])).content.decode()
    assert "Share it first" in page and B_VIEW not in page
    client_a.post(reverse("moments:share", args=[mine.pk]), {"shared": "1"})
    page = client_a.get(reverse("moments:link", args=[mine.pk])).content.decode()
    assert f'value="{theirs.pk}"' in page
    response = client_a.post(reverse("moments:link", args=[mine.pk]), {"other": theirs.pk})
    assert response.status_code == 302
    link = MomentLink.objects.get()
    assert not link.is_active and mail.outbox == []
    # Proposed, not linked: neither page shows the other view yet.
    assert 'data-testid="other-view"' not in _page(client_a, mine)
    page_b = _page(client_b, theirs)
    assert 'data-testid="proposal"' in page_b and A_VIEW not in page_b
    assert 'data-testid="proposals"' in client_b.get(reverse("moments:index")).content.decode()
    # Anna cannot accept her own proposal.
    accept = reverse("moments:link_answer", args=[link.pk])
    assert client_a.post(accept, {"decision": "accept"}).status_code == 404
    assert client_b.post(accept, {"decision": "accept"}).status_code == 302
    assert MomentLink.objects.get().is_active
    assert B_VIEW in _page(client_a, mine) and A_VIEW in _page(client_b, theirs)


def test_a_linked_view_is_readable_only_while_it_is_shared(
    client_a, client_b, partner_a, partner_b
):
    mine, theirs, _ = linked(partner_a, partner_b)
    client_b.post(reverse("moments:share", args=[theirs.pk]), {"shared": "0"})
    page = _page(client_a, mine)
    assert 'data-testid="other-view"' not in page and "not shared at the moment" in page
    assert client_a.get(reverse("moments:detail", args=[theirs.pk])).status_code == 404


def test_either_can_undo_the_link(client_a, client_b, partner_a, partner_b):
    _, _, link = linked(partner_a, partner_b)
    answer = reverse("moments:link_answer", args=[link.pk])
    assert client_b.post(answer, {"decision": "undo"}).status_code == 302
    assert not MomentLink.objects.exists()
    _, _, link = linked(partner_a, partner_b)
    assert client_b.post(reverse("moments:link_undo", args=[link.pk])).status_code == 404
    assert client_a.post(reverse("moments:link_undo", args=[link.pk])).status_code == 302
    assert not MomentLink.objects.exists()


def test_declining_a_proposal_removes_it(client_b, partner_a, partner_b):
    _, theirs, link = linked(partner_a, partner_b, accept=False)
    client_b.post(reverse("moments:link_answer", args=[link.pk]), {"decision": "decline"})
    assert not MomentLink.objects.exists()
    assert 'data-testid="link"' not in _page(client_b, theirs)


def test_outsiders_never_reach_a_link(cast, partner_a, partner_b):
    mine, theirs, link = linked(partner_a, partner_b)
    for actor in (Actor.EX_PARTNER, Actor.STRANGER, Actor.STAFF):
        client = cast.client_for(actor)
        for name in ("moments:link_answer", "moments:link_undo"):
            assert (
                client.post(reverse(name, args=[link.pk]), {"decision": "undo"}).status_code == 404
            )
        for moment in (mine, theirs):
            assert client.get(reverse("moments:detail", args=[moment.pk])).status_code == 404
    assert MomentLink.objects.filter(accepted_at__isnull=False).exists()


def test_after_unlinking_the_couple_nobody_reaches_the_link_or_the_other_view(
    client_a, client_b, partner_a, partner_b
):
    mine, theirs, link = linked(partner_a, partner_b)
    couples.unlink(user=partner_b)
    page = _page(client_a, mine)
    assert 'data-testid="link"' not in page and 'data-testid="other-view"' not in page
    assert client_a.get(reverse("moments:detail", args=[theirs.pk])).status_code == 404
    assert client_b.get(reverse("moments:detail", args=[mine.pk])).status_code == 404
    for client in (client_a, client_b):
        for name in ("moments:link_answer", "moments:link_undo"):
            assert (
                client.post(reverse(name, args=[link.pk]), {"decision": "undo"}).status_code == 404
            )
    # Each keeps their own view.
    assert 'data-testid="link"' not in _page(client_b, theirs)


def test_a_proposal_for_a_moment_the_partner_does_not_share_is_refused(
    client_a, partner_a, partner_b
):
    mine = log(partner_a, shared=True)
    private = log(partner_b)
    response = client_a.post(reverse("moments:link", args=[mine.pk]), {"other": private.pk})
    assert response.status_code == 400
    assert not MomentLink.objects.exists()
