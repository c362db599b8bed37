"""The cycle pages, per persona: partner A, partner B, ex-partner, stranger, anonymous."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from haven.core.policy import Actor
from haven.couples import services as couples
from haven.cycle import services
from haven.cycle.models import CycleName, CycleSide
from haven.needs.models import Need
from tests.cycle.helpers import side

SECRET = "canary-cycle-unshared-41e"


def _page(client: Client, name: str, **kwargs) -> str:
    response = client.get(reverse(name, kwargs=kwargs or None))
    assert response.status_code == 200, (name, response.status_code)
    return response.content.decode()


def _fill(client: Client, **extra) -> object:
    data = {
        "trigger": f"You turn to your phone. {SECRET}",
        "story": "I am not interesting.",
        "surface_emotions": ["irritated"],
        "body_signals": ["tight_chest"],
        "moves": ["criticise", "chase"],
        "underneath": ["lonely"],
        "longing": "I'm here with you.",
        **extra,
    }
    return client.post(reverse("cycle:edit"), data)


# --- my side ------------------------------------------------------------------


def test_anonymous_goes_to_login(db):
    for name in ("cycle:index", "cycle:edit", "cycle:our", "cycle:solo"):
        response = Client().get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/")


def test_filling_my_side_saves_it_private(client_a, partner_a):
    response = _fill(client_a)
    made = CycleSide.objects.get(author=partner_a)
    assert response.status_code == 302
    assert response["Location"] == reverse("cycle:side", kwargs={"pk": made.pk})
    assert made.visibility == "private"
    assert made.moves == ["criticise", "chase"] and made.body_signals == ["tight_chest"]
    page = _page(client_a, "cycle:side", pk=made.pk)
    assert SECRET in page and "Chase" in page and "lonely" in page
    assert "Share my side with my partner" in page


def test_the_form_groups_moves_by_family_and_shows_saved_ticks(client_a, partner_a):
    _fill(client_a)
    page = _page(client_a, "cycle:edit")
    assert "Protest and pursue" in page and "Defend and withdraw" in page
    ticked = re.compile(r'<input type="checkbox" name="moves" value="(\w+)"[^>]*\bchecked>')
    assert set(ticked.findall(page)) == {"criticise", "chase"}
    assert SECRET in page  # the saved text is in the form


def test_bad_input_keeps_what_was_typed(client_a, partner_a):
    response = _fill(client_a, story="x" * 3001, moves=["chase", "juggle"])
    page = response.content.decode()
    assert response.status_code == 400
    assert SECRET in page  # the trigger text is kept
    assert "at most 3000 characters" in page
    assert "juggle is not one of the available choices" in page
    assert not CycleSide.objects.filter(author=partner_a).exists()


def test_an_empty_form_is_refused_with_a_message(client_a, partner_a):
    response = client_a.post(reverse("cycle:edit"), {"trigger": "   "})
    assert response.status_code == 400
    assert "Write or tick at least one thing" in response.content.decode()


def test_someone_elses_need_cannot_be_linked(client_a, partner_a, partner_b):
    theirs = Need.objects.create(author=partner_b, catalogue_key="understood", visibility="shared")
    response = _fill(client_a, need_ids=[str(theirs.pk)])
    assert response.status_code == 400
    assert not CycleSide.objects.filter(author=partner_a).exists()


def test_an_own_need_can_be_linked(client_a, partner_a):
    need = Need.objects.create(author=partner_a, catalogue_key="understood", sentence="Hear me.")
    assert "Hear me." in _page(client_a, "cycle:edit")
    _fill(client_a, need_ids=[str(need.pk)])
    made = CycleSide.objects.get(author=partner_a)
    assert made.need_ids == [need.pk]
    assert "Hear me." in _page(client_a, "cycle:side", pk=made.pk)


def test_an_edit_from_another_tab_is_not_overwritten(client_a, partner_a):
    _fill(client_a)
    made = CycleSide.objects.get(author=partner_a)
    services.save_side(author=partner_a, values={"story": "saved elsewhere"})
    response = _fill(client_a, revision=str(made.revision), story="typed here")
    page = response.content.decode()
    assert response.status_code == 409
    assert "typed here" in page and "saved elsewhere" in page
    assert CycleSide.objects.get(pk=made.pk).story == "saved elsewhere"


def test_my_side_is_kept_as_a_private_draft_while_i_write(client_a, partner_a):
    url = reverse("cycle:autosave")
    response = client_a.post(
        url, {"trigger": f"Half a sentence {SECRET}"}, HTTP_X_REQUESTED_WITH="fetch"
    )
    assert response.status_code == 200
    made = CycleSide.objects.get(author=partner_a)
    assert made.visibility == "private" and SECRET in made.trigger
    revision = response.json()["revision"]
    more = client_a.post(url, {"trigger": "A whole sentence now.", "revision": str(revision)})
    assert more.status_code == 200
    assert CycleSide.objects.get(pk=made.pk).trigger == "A whole sentence now."


def test_a_draft_from_a_stale_tab_is_refused_not_written_over(client_a, partner_a):
    url = reverse("cycle:autosave")
    first = client_a.post(url, {"trigger": "first tab"}).json()
    services.save_side(author=partner_a, values={"trigger": "second tab"})
    stale = client_a.post(url, {"trigger": "first tab again", "revision": str(first["revision"])})
    assert stale.status_code == 409 and stale.json()["conflict"] is True
    assert CycleSide.objects.get(author=partner_a).trigger == "second tab"


def test_the_draft_endpoint_needs_a_login_and_a_post(client_a, db):
    url = reverse("cycle:autosave")
    assert Client().post(url, {"trigger": "x"}).status_code == 302
    assert client_a.get(url).status_code == 405


@pytest.mark.parametrize("actor", [Actor.PARTNER, Actor.EX_PARTNER, Actor.STRANGER, Actor.STAFF])
def test_an_unshared_side_is_404_for_everyone_else(cast, actor):
    made = side(cast.partner_a, trigger=SECRET)
    client = cast.client_for(actor)
    for name in ("cycle:side", "cycle:delete"):
        assert client.get(reverse(name, kwargs={"pk": made.pk})).status_code == 404
    assert (
        client.post(reverse("cycle:share", kwargs={"pk": made.pk}), {"shared": "1"}).status_code
        == 404
    )
    assert not CycleSide.objects.get(pk=made.pk).is_shared


@pytest.mark.parametrize("actor", [Actor.EX_PARTNER, Actor.STRANGER, Actor.STAFF])
def test_a_shared_side_is_still_404_for_everyone_but_the_partner(cast, actor):
    made = side(cast.partner_a, shared=True, trigger=SECRET)
    client = cast.client_for(actor)
    assert client.get(reverse("cycle:side", kwargs={"pk": made.pk})).status_code == 404
    assert SECRET not in _page(client, "cycle:index")


def test_the_partner_reads_a_shared_side_but_not_the_past_partners_reflection(cast, client_b):
    made = side(cast.partner_a, shared=True, trigger=SECRET, past_lesson="PAST-LESSON-a")
    page = _page(client_b, "cycle:side", pk=made.pk)
    assert SECRET in page
    assert "PAST-LESSON-a" not in page
    assert "Stop sharing" not in page and "Delete my side" not in page
    assert (
        client_b.post(reverse("cycle:share", kwargs={"pk": made.pk}), {"shared": "0"}).status_code
        == 404
    )
    assert client_b.get(reverse("cycle:delete", kwargs={"pk": made.pk})).status_code == 404


def test_share_and_unshare_through_the_page(cast, client_a, client_b):
    made = side(cast.partner_a, trigger=SECRET)
    url = reverse("cycle:side", kwargs={"pk": made.pk})
    client_a.post(reverse("cycle:share", kwargs={"pk": made.pk}), {"shared": "1"})
    assert client_b.get(url).status_code == 200
    client_a.post(reverse("cycle:share", kwargs={"pk": made.pk}), {"shared": "0"})
    assert client_b.get(url).status_code == 404
    assert SECRET not in _page(client_b, "cycle:index")


def test_delete_my_side(cast, client_a):
    made = side(cast.partner_a)
    assert client_a.post(reverse("cycle:delete", kwargs={"pk": made.pk})).status_code == 302
    assert not CycleSide.objects.filter(pk=made.pk).exists()


# --- overview and our cycle --------------------------------------------------------


def test_before_both_shared_nothing_is_composed(cast, client_a, client_b):
    side(cast.partner_a, moves=["criticise"], trigger=SECRET)  # private
    side(cast.partner_b, shared=True, moves=["go_quiet"])
    for client in (client_a, client_b):
        page = _page(client, "cycle:our")
        assert 'data-testid="not-yet"' in page
        assert "cycle-diagram" not in page and "<svg" not in page
        assert 'data-testid="narrative"' not in page
    page_b = _page(client_b, "cycle:our") + _page(client_b, "cycle:index")
    assert SECRET not in page_b and "Criticise" not in page_b
    assert "Waiting for Anna to share their side." in _page(client_b, "cycle:our")
    assert "sharing your side" in _page(client_a, "cycle:index")


def test_after_both_shared_both_see_the_cycle(cast, client_a, client_b):
    side(cast.partner_a, shared=True, moves=["criticise", "blame"], underneath=["lonely"])
    side(cast.partner_b, shared=True, moves=["go_quiet", "leave_room"], underneath=["failing"])
    page_a = _page(client_a, "cycle:our")
    assert "The more I criticise and blame you, the more you go quiet and walk away" in page_a
    assert 'role="img"' in page_a and "<title" in page_a
    assert 'data-pattern="pursue_withdraw"' in page_a and "Pursue and withdraw" in page_a
    assert "the protest polka" in page_a
    page_b = _page(client_b, "cycle:our")
    assert "The more I go quiet and walk away, the more you criticise and blame you" not in page_b
    assert "The more I go quiet and walk away, the more you criticise and blame me" in page_b
    assert "See our cycle" in _page(client_a, "cycle:index")


def test_the_reason_is_shown_when_no_pattern_can_be_named(cast, client_a):
    side(cast.partner_a, shared=True, moves=["criticise", "go_quiet"])
    side(cast.partner_b, shared=True, moves=["go_quiet"])
    page = _page(client_a, "cycle:our")
    assert 'data-pattern="none"' in page and "evenly spread" in page


def test_the_cycle_in_dutch(cast, client_a):
    side(cast.partner_a, shared=True, moves=["criticise"])
    side(cast.partner_b, shared=True, moves=["criticise"])
    profile = cast.partner_a.profile
    profile.language = "nl"
    profile.save()
    page = client_a.get(reverse("cycle:our"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Hoe meer ik kritiek geef, hoe meer jij kritiek geeft" in page
    assert "Aanvallen en aanvallen" in page and "zoek de schuldige" in page


def test_after_unlinking_the_cycle_and_the_sides_are_gone_for_both(cast, client_a, client_b):
    mine = side(cast.partner_a, shared=True, moves=["criticise"], trigger=SECRET)
    side(cast.partner_b, shared=True, moves=["go_quiet"])
    couples.unlink(user=cast.partner_a)
    assert 'data-testid="not-yet"' in _page(client_a, "cycle:our")
    assert 'data-testid="not-yet"' in _page(client_b, "cycle:our")
    assert client_b.get(reverse("cycle:side", kwargs={"pk": mine.pk})).status_code == 404


# --- naming ----------------------------------------------------------------------


def test_no_name_before_both_shared(cast, client_a):
    side(cast.partner_a, shared=True, moves=["criticise"])
    side(cast.partner_b, moves=["go_quiet"])
    response = client_a.post(reverse("cycle:name"), {"name": "The storm"})
    assert response.status_code == 302
    assert not CycleName.objects.exists()
    assert "Give your cycle a name" not in _page(client_a, "cycle:our")


def test_a_partner_names_the_cycle_and_both_see_it(cast, client_a, client_b):
    side(cast.partner_a, shared=True, moves=["criticise"])
    side(cast.partner_b, shared=True, moves=["go_quiet"])
    response = client_a.post(reverse("cycle:name"), {"name": "The storm"})
    assert response.status_code == 302
    assert "The storm" in _page(client_b, "cycle:our")
    seen = re.search(r'name="revision" value="(\d+)"', _page(client_b, "cycle:our")).group(1)
    client_b.post(reverse("cycle:name"), {"name": "The chase", "revision": seen})
    page = _page(client_a, "cycle:our")
    assert "The chase" in page and "The storm" not in page
    assert CycleName.objects.count() == 1


def test_an_empty_name_is_refused_with_a_message(cast, client_a):
    side(cast.partner_a, shared=True, moves=["criticise"])
    side(cast.partner_b, shared=True, moves=["go_quiet"])
    response = client_a.post(reverse("cycle:name"), {"name": "   "})
    assert response.status_code == 400
    assert "Give your cycle a short name" in response.content.decode()
    assert not CycleName.objects.exists()


def test_the_name_is_gone_for_both_after_unlinking(cast, client_a, client_b):
    side(cast.partner_a, shared=True, moves=["criticise"])
    side(cast.partner_b, shared=True, moves=["go_quiet"])
    client_a.post(reverse("cycle:name"), {"name": "The storm"})
    client_b.post(reverse("couples:unlink"), {"confirm": "on"})
    for client in (client_a, client_b):
        assert "The storm" not in _page(client, "cycle:our")
        assert "The storm" not in _page(client, "cycle:index")


def test_the_ex_partner_never_sees_the_name(cast):
    # The ex-partner's old couple with A: a name made then stays out of reach.
    ex = cast.client_for(Actor.EX_PARTNER)
    side(cast.partner_a, shared=True, moves=["criticise"])
    side(cast.partner_b, shared=True, moves=["go_quiet"])
    services.set_cycle_name(user=cast.partner_a, name="Anna and Bram")
    assert "Anna and Bram" not in _page(ex, "cycle:our") + _page(ex, "cycle:index")


# --- on one's own ---------------------------------------------------------------------


def test_a_solo_user_gets_their_own_side_and_the_reflection(solo_user):
    client = Client()
    client.force_login(solo_user)
    page = _page(client, "cycle:index")
    assert 'data-testid="solo-card"' in page and 'data-testid="partner-side"' not in page
    side(solo_user, moves=["go_quiet"])
    assert "When it gets tense, I go quiet." in _page(client, "cycle:index")
    response = client.post(
        reverse("cycle:solo"),
        {"past_moves": "I left the room.", "past_lesson": "Stay a little longer."},
    )
    assert response.status_code == 302
    made = CycleSide.objects.get(author=solo_user)
    assert made.past_lesson == "Stay a little longer." and made.moves == ["go_quiet"]
    page = _page(client, "cycle:solo")
    assert "Stay a little longer." in page and "When it gets tense, I go quiet." in page


def test_the_past_reflection_keeps_text_on_errors(solo_user):
    client = Client()
    client.force_login(solo_user)
    response = client.post(reverse("cycle:solo"), {"past_moves": "kept " + "x" * 3000})
    assert response.status_code == 400
    assert "kept xxx" in response.content.decode()


def test_home_links_to_the_cycle(client_a):
    assert reverse("cycle:index") in _page(client_a, "home")


def test_every_cycle_page_offers_the_pause(cast, client_a):
    made = side(cast.partner_a)
    pages = ["cycle:index", "cycle:edit", "cycle:our", "cycle:solo"]
    for name in pages:
        assert 'data-testid="pause-link"' in _page(client_a, name), name
    for name in ("cycle:side", "cycle:delete"):
        assert 'data-testid="pause-link"' in _page(client_a, name, pk=made.pk), name
