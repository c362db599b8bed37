"""The needs pages: choosing, ordering, the sentence builder, sharing, the home page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from haven.core.models import Visibility
from haven.core.policy import Actor
from haven.needs import services
from haven.needs.models import Need
from tests.conftest import make_user
from tests.needs.helpers import put_on_individual_path, shared_need

pytestmark = pytest.mark.django_db


def _html(response) -> str:
    return response.content.decode()


# --- choosing ------------------------------------------------------------------


def test_choose_page_lists_the_catalogue_in_groups(client_a):
    html = _html(client_a.get(reverse("needs:choose")))
    assert html.count("<fieldset") >= 5
    assert 'value="understood"' in html
    assert "To know you understand me" in html


def test_choosing_adds_private_needs_in_order(client_a, partner_a):
    response = client_a.post(
        reverse("needs:choose"),
        {"needs": ["respond", "understood"], "own_words": "a message when you're late"},
    )
    assert response.status_code == 302 and response["Location"] == reverse("needs:overview")
    needs = list(Need.objects.filter(author=partner_a))
    assert [n.catalogue_key for n in needs] == ["respond", "understood", ""]
    assert needs[2].own_words == "a message when you're late"
    assert {n.visibility for n in needs} == {Visibility.PRIVATE}


def test_choosing_nothing_is_explained(client_a, partner_a):
    response = client_a.post(reverse("needs:choose"), {"own_words": "   "})
    assert response.status_code == 400
    assert "Tick at least one need" in _html(response)
    assert not Need.objects.filter(author=partner_a).exists()


def test_unknown_need_is_a_form_error_not_a_crash(client_a):
    response = client_a.post(reverse("needs:choose"), {"needs": ["world_peace"]})
    assert response.status_code == 400


def test_needs_on_the_list_are_shown_but_not_offered_again(client_a, partner_a):
    services.add_needs(author=partner_a, keys=["fun"])
    html = _html(client_a.get(reverse("needs:choose")))
    assert 'name="needs" value="fun"' not in html
    assert 'id="need-fun" checked disabled' in html


def test_choose_page_in_dutch(client, cast):
    noor = make_user("noor@example.org", "Noor", language="nl")
    client.force_login(noor)
    html = _html(client.get(reverse("needs:choose")))
    assert "Het gevoel dat je me begrijpt" in html


# --- overview and ordering -----------------------------------------------------------


def test_overview_lists_needs_in_order_with_move_buttons(client_a, partner_a):
    _, second = services.add_needs(author=partner_a, keys=["understood", "fun"])
    html = _html(client_a.get(reverse("needs:overview")))
    assert html.index("To know you understand me") < html.index("Moments in which we have fun")
    assert reverse("needs:move", args=[second.pk]) in html


def test_move_button_reorders(client_a, partner_a):
    first, second = services.add_needs(author=partner_a, keys=["understood", "fun"])
    response = client_a.post(reverse("needs:move", args=[second.pk]), {"direction": "up"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#need-{second.pk}")
    assert [n.pk for n in Need.objects.filter(author=partner_a)] == [second.pk, first.pk]


def test_move_with_a_strange_direction_changes_nothing(client_a, partner_a):
    first, second = services.add_needs(author=partner_a, keys=["understood", "fun"])
    client_a.post(reverse("needs:move", args=[second.pk]), {"direction": "sideways"})
    assert [n.pk for n in Need.objects.filter(author=partner_a)] == [first.pk, second.pk]


def test_partner_cannot_move_a_shared_need(client_b, partner_a):
    need = shared_need(partner_a)
    assert (
        client_b.post(reverse("needs:move", args=[need.pk]), {"direction": "up"}).status_code == 404
    )


# --- the sentence builder ---------------------------------------------------------------


def test_sentence_builder_starts_with_the_first_wording(client_a, partner_a):
    (need,) = services.add_needs(author=partner_a, keys=["understood"])
    html = _html(client_a.get(reverse("needs:sentence", args=[need.pk])))
    assert "To feel close to you, I need to know you understand me." in html
    assert "To feel connected to you, I need to know you understand me." in html
    assert 'src="/static/haven/needs-sentence.js' in html
    assert "<script>" not in html and 'style="' not in html


def test_sentence_builder_in_dutch(client, cast):
    noor = make_user("noor@example.org", "Noor", language="nl")
    (need,) = services.add_needs(author=noor, keys=["understood"])
    client.force_login(noor)
    html = _html(client.get(reverse("needs:sentence", args=[need.pk])))
    assert (
        "Om me dicht bij je te kunnen voelen, heb ik het gevoel dat je me begrijpt nodig." in html
    )


def test_choosing_a_wording_without_javascript_saves_nothing(client_a, partner_a):
    (need,) = services.add_needs(author=partner_a, keys=["understood"])
    response = client_a.post(
        reverse("needs:sentence", args=[need.pk]),
        {"action": "wording", "frame": "2", "sentence": "my own edit", "revision": "0"},
    )
    assert response.status_code == 200
    html = _html(response)
    assert ">\nTo feel safe with you, I need to know you understand me.</textarea>" in html
    need.refresh_from_db()
    assert need.sentence == "" and need.revision == 0


def test_a_wording_never_silently_replaces_what_the_person_wrote(client_a, partner_a):
    (need,) = services.add_needs(author=partner_a, keys=["understood"])
    url = reverse("needs:sentence", args=[need.pk])
    mine = "I need you to hear me out before you answer."
    response = client_a.post(
        url, {"action": "wording", "frame": "2", "sentence": mine, "revision": "0"}
    )
    html = _html(response)
    assert 'data-testid="previous-version"' in html
    assert mine in html
    undone = client_a.post(
        url, {"action": "undo", "frame": "2", "previous": mine, "sentence": "x", "revision": "0"}
    )
    assert f">\n{mine}</textarea>" in _html(undone)
    need.refresh_from_db()
    assert need.sentence == ""


def test_saving_the_edited_sentence(client_a, partner_a):
    (need,) = services.add_needs(author=partner_a, keys=["understood"])
    response = client_a.post(
        reverse("needs:sentence", args=[need.pk]),
        {
            "action": "save",
            "frame": "1",
            "sentence": "To feel connected to you, I need you to get what I mean.",
            "revision": "0",
        },
    )
    assert response.status_code == 302
    need.refresh_from_db()
    assert need.sentence == "To feel connected to you, I need you to get what I mean."
    assert need.frame == 1 and need.revision == 1
    assert need.visibility == Visibility.PRIVATE


def test_own_need_words_can_be_edited_with_the_sentence(client_a, partner_a):
    (need,) = services.add_needs(author=partner_a, keys=[], own_words="tea")
    response = client_a.post(
        reverse("needs:sentence", args=[need.pk]),
        {"action": "wording", "frame": "0", "own_words": "a cup of tea", "revision": "0"},
    )
    assert "To feel close to you, I need a cup of tea." in _html(response)
    response = client_a.post(
        reverse("needs:sentence", args=[need.pk]),
        {"action": "save", "frame": "0", "own_words": "", "sentence": "x", "revision": "0"},
    )
    assert response.status_code == 400


def test_a_stale_edit_shows_the_conflict_and_keeps_both_texts(client_a, partner_a):
    (need,) = services.add_needs(author=partner_a, keys=["understood"])
    data = {"action": "save", "frame": "0", "revision": "0"}
    client_a.post(reverse("needs:sentence", args=[need.pk]), {**data, "sentence": "first tab"})
    response = client_a.post(
        reverse("needs:sentence", args=[need.pk]), {**data, "sentence": "second tab"}
    )
    assert response.status_code == 409
    html = _html(response)
    assert "first tab" in html and "second tab" in html
    need.refresh_from_db()
    assert need.sentence == "first tab"


def test_invalid_frame_is_refused(client_a, partner_a):
    (need,) = services.add_needs(author=partner_a, keys=["understood"])
    response = client_a.post(
        reverse("needs:sentence", args=[need.pk]),
        {"action": "save", "frame": "7", "sentence": "x", "revision": "0"},
    )
    assert response.status_code == 400


# --- sharing ----------------------------------------------------------------------


def test_sharing_is_an_explicit_step(client_a, client_b, partner_a):
    (need,) = services.add_needs(author=partner_a, keys=["understood"])
    detail = reverse("needs:detail", args=[need.pk])
    assert client_b.get(detail).status_code == 404
    client_a.post(reverse("needs:share", args=[need.pk]), {"shared": "1"})
    assert client_b.get(detail).status_code == 200
    client_a.post(reverse("needs:share", args=[need.pk]), {"shared": "0"})
    assert client_b.get(detail).status_code == 404


def test_private_needs_never_reach_the_partner(client_a, client_b, partner_a):
    canary = "canary-private-need-8812"
    services.add_needs(author=partner_a, keys=["sexual_connection"], own_words=canary)
    shared_need(partner_a, "fun")
    for url in (reverse("home"), reverse("needs:overview"), reverse("needs:feltsense")):
        html = _html(client_b.get(url))
        assert canary not in html
        assert "sexual connection" not in html
    overview = _html(client_b.get(reverse("needs:overview")))
    assert "Moments in which we have fun" in overview or "moments in which we have fun" in overview


def test_share_nudge_is_left_out_on_the_individual_path(client_a, partner_a):
    (need,) = services.add_needs(author=partner_a, keys=["understood"])
    url = reverse("needs:detail", args=[need.pk])
    assert "Sharing a need is a vulnerable step" in _html(client_a.get(url))
    put_on_individual_path(partner_a)
    html = _html(client_a.get(url))
    assert "Sharing a need is a vulnerable step" not in html
    assert "Share with my partner" in html  # the button itself stays


def test_no_share_button_without_a_partner(client, solo_user):
    (need,) = services.add_needs(author=solo_user, keys=["understood"])
    client.force_login(solo_user)
    html = _html(client.get(reverse("needs:detail", args=[need.pk])))
    assert "Share with my partner" not in html


def test_delete_asks_first(client_a, partner_a):
    (need,) = services.add_needs(author=partner_a, keys=["understood"])
    assert client_a.get(reverse("needs:delete", args=[need.pk])).status_code == 200
    assert Need.objects.filter(pk=need.pk).exists()
    client_a.post(reverse("needs:delete", args=[need.pk]))
    assert not Need.objects.filter(pk=need.pk).exists()


def test_page_titles_never_carry_content(client_a, partner_a):
    (need,) = services.add_needs(author=partner_a, keys=[], own_words="canary-title-4410")
    for name in ("needs:detail", "needs:sentence", "needs:delete"):
        html = _html(client_a.get(reverse(name, args=[need.pk])))
        title = html[html.index("<title>") : html.index("</title>")]
        assert "canary" not in title


# --- the home page -------------------------------------------------------------------


def test_home_shows_the_partners_shared_needs_with_an_answer_link(client_b, partner_a):
    need = shared_need(partner_a, sentence="To feel close to you, I need a hug at the door.")
    services.add_needs(author=partner_a, keys=["fun"])  # private, not shown
    html = _html(client_b.get(reverse("home")))
    assert 'data-testid="partner-needs"' in html
    assert "I need a hug at the door." in html
    assert reverse("needs:answer", args=[need.pk]) in html
    assert html.count('data-testid="partner-need"') == 1
    # The other sections are still there.
    assert 'data-testid="couple-status"' in html and "Your latest reflections" in html


def test_home_invites_no_answer_on_the_individual_path(client_b, partner_a, partner_b):
    need = shared_need(partner_a)
    put_on_individual_path(partner_b)
    html = _html(client_b.get(reverse("home")))
    assert reverse("needs:answer", args=[need.pk]) not in html


def test_home_has_no_needs_section_for_the_author_or_strangers(client_a, cast, partner_a):
    shared_need(partner_a)
    assert 'data-testid="partner-needs"' not in _html(client_a.get(reverse("home")))
    stranger = cast.client_for(Actor.STRANGER)
    assert 'data-testid="partner-needs"' not in _html(stranger.get(reverse("home")))


def test_nav_links_to_needs(client_a):
    assert f'href="{reverse("needs:overview")}"' in _html(client_a.get(reverse("home")))
