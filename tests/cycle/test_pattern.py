"""Pattern recognition: the three cycles, ties, and maps that are not complete."""

from __future__ import annotations

import pytest

from haven.cycle.pattern import lean, recognise

PURSUE = {"criticise", "blame", "chase"}
WITHDRAW = {"go_quiet", "explain_defend", "leave_room"}


@pytest.mark.parametrize(
    ("a", "b"),
    [(PURSUE, WITHDRAW), (WITHDRAW, PURSUE), ({"demand"}, {"shut_down"})],
)
def test_pursue_withdraw_in_either_order(a, b):
    result = recognise(a, b)
    assert result.key == "pursue_withdraw"
    assert result.reason is None and result.recognised


def test_attack_attack_when_both_protest():
    assert recognise(PURSUE, {"accuse", "escalate"}).key == "attack_attack"


def test_withdraw_withdraw_when_both_pull_back():
    assert recognise(WITHDRAW, {"placate", "keep_busy"}).key == "withdraw_withdraw"


def test_the_leaning_family_decides_not_every_move():
    # Two protest moves and one withdraw move still lean to protest.
    a = {"criticise", "blame", "go_quiet"}
    assert lean(a) == "pursue"
    assert recognise(a, WITHDRAW).key == "pursue_withdraw"


def test_a_tie_is_mixed_and_names_no_pattern():
    result = recognise({"criticise", "go_quiet"}, WITHDRAW)
    assert result.key is None
    assert result.reason == "mixed"
    assert result.lean_a == "mixed" and result.lean_b == "withdraw"


def test_an_empty_side_is_incomplete():
    result = recognise(set(), WITHDRAW)
    assert result.key is None and result.reason == "incomplete"
    assert not result.recognised


def test_two_empty_sides_are_incomplete():
    assert recognise(set(), set()).reason == "incomplete"


def test_incomplete_comes_before_mixed():
    assert recognise(set(), {"criticise", "go_quiet"}).reason == "incomplete"


def test_unknown_moves_are_ignored():
    assert lean({"juggle", "criticise"}) == "pursue"
    assert recognise({"juggle"}, PURSUE).reason == "incomplete"
