"""Creating, ordering and answering needs; notes of the felt sense."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection

from haven.accounts.consent import ConsentRequired
from haven.core.models import Visibility
from haven.needs import services
from haven.needs.models import Acknowledgement, FeltSenseNote, Need
from tests.conftest import make_user
from tests.needs.helpers import shared_need

pytestmark = pytest.mark.django_db


def _order(user) -> list[str]:
    return [n.catalogue_key or n.own_words for n in Need.objects.filter(author=user)]


def test_new_needs_are_private_and_appended_in_order(partner_a):
    created = services.add_needs(
        author=partner_a, keys=["understood", "fun"], own_words="a text when you're late"
    )
    assert [n.visibility for n in created] == [Visibility.PRIVATE] * 3
    assert _order(partner_a) == ["understood", "fun", "a text when you're late"]
    services.add_needs(author=partner_a, keys=["respond"])
    assert [n.rank for n in Need.objects.filter(author=partner_a)] == [1, 2, 3, 4]


def test_needs_already_held_are_not_added_twice(partner_a):
    services.add_needs(author=partner_a, keys=["understood"])
    created = services.add_needs(author=partner_a, keys=["understood", "fun", "fun"])
    assert [n.catalogue_key for n in created] == ["fun"]
    assert services.held_keys(partner_a) == {"understood", "fun"}


def test_unknown_keys_are_refused(partner_a):
    with pytest.raises(ValueError, match="not in the catalogue"):
        services.add_needs(author=partner_a, keys=["world_peace"])
    assert not Need.objects.filter(author=partner_a).exists()


def test_no_need_without_consent(db):
    newcomer = make_user("new@example.org", "Nia", consent=False)
    with pytest.raises(ConsentRequired):
        services.add_needs(author=newcomer, keys=["fun"])


def test_moving_swaps_neighbours_and_stops_at_the_ends(partner_a):
    first, second, third = services.add_needs(author=partner_a, keys=["fun", "respond", "autonomy"])
    services.move_need(need=third, direction="up")
    assert _order(partner_a) == ["fun", "autonomy", "respond"]
    services.move_need(need=first, direction="up")  # already at the top
    assert _order(partner_a) == ["fun", "autonomy", "respond"]
    services.move_need(need=first, direction="down")
    assert _order(partner_a) == ["autonomy", "fun", "respond"]
    services.move_need(need=second, direction="down")  # already at the bottom
    assert _order(partner_a) == ["autonomy", "fun", "respond"]


def test_moving_does_not_touch_the_revision(partner_a):
    first, second = services.add_needs(author=partner_a, keys=["fun", "respond"])
    services.move_need(need=second, direction="up")
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.revision, second.revision) == (0, 0)


def test_ordering_only_looks_at_the_authors_own_needs(partner_a, partner_b):
    services.add_needs(author=partner_b, keys=["fun"])
    (mine,) = services.add_needs(author=partner_a, keys=["respond"])
    assert mine.rank == 1


def test_deleting_closes_the_gap(partner_a):
    _, second, _ = services.add_needs(author=partner_a, keys=["fun", "respond", "autonomy"])
    services.delete_need(need=second)
    assert [(n.catalogue_key, n.rank) for n in Need.objects.filter(author=partner_a)] == [
        ("fun", 1),
        ("autonomy", 2),
    ]


def test_partner_answers_privately_first(partner_a, partner_b):
    need = shared_need(partner_a)
    answer = services.create_acknowledgement(author=partner_b, need=need, text="I hear you")
    assert answer.visibility == Visibility.PRIVATE
    assert answer.author == partner_b


def test_only_the_partner_may_answer_a_shared_need(cast, partner_a, partner_b):
    private = services.add_needs(author=partner_a, keys=["fun"])[0]
    with pytest.raises(PermissionDenied):
        services.create_acknowledgement(author=partner_b, need=private, text="x")
    shared = shared_need(partner_a, "respond")
    for other in (partner_a, cast.ex_partner, cast.stranger, cast.staff):
        with pytest.raises(PermissionDenied):
            services.create_acknowledgement(author=other, need=shared, text="x")
    assert not Acknowledgement.objects.exists()


def test_one_answer_per_person_and_need(partner_a, partner_b):
    need = shared_need(partner_a)
    first = services.create_acknowledgement(author=partner_b, need=need, text="one")
    with pytest.raises(services.AlreadyAnswered) as already:
        services.create_acknowledgement(author=partner_b, need=need, text="two")
    assert already.value.answer == first


def test_deleting_a_need_removes_the_answers_to_it(partner_a, partner_b):
    need = shared_need(partner_a)
    services.create_acknowledgement(author=partner_b, need=need, text="I hear you")
    services.delete_need(need=need)
    assert not Acknowledgement.objects.exists()


def test_note_keeps_only_known_words(partner_a):
    note = services.create_note(
        author=partner_a,
        exercise="rupture",
        sensations=["tight_chest", "made_up", "tight_chest"],
        emotions=["lonely", "tight_chest"],
        note="  my jaw  ",
    )
    note.refresh_from_db()
    assert note.visibility == Visibility.PRIVATE
    assert note.sensations == ["tight_chest"]
    assert note.emotions == ["lonely"]
    assert note.note == "my jaw"
    assert services.create_note(author=partner_a, exercise="nope", note="x").exercise == ""


def test_text_and_choices_are_encrypted_at_rest(partner_a, partner_b):
    need = shared_need(partner_a, "sexual_connection", sentence="canary-need-5521")
    services.create_acknowledgement(author=partner_b, need=need, text="canary-answer-5521")
    services.create_note(author=partner_a, sensations=["racing_heart"], note="canary-note-5521")
    tables = [Need._meta.db_table, Acknowledgement._meta.db_table, FeltSenseNote._meta.db_table]
    with connection.cursor() as cursor:
        dump = ""
        for table in tables:
            cursor.execute(f"SELECT * FROM {table}")  # fixed table names, no input
            dump += repr(cursor.fetchall())
    for secret in ("canary-", "sexual_connection", "racing_heart"):
        assert secret not in dump
