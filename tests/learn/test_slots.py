"""Script slots filled from the person's own saved needs (and cycle), else a visible blank."""

from __future__ import annotations

import types

from haven.learn import slots
from haven.needs import catalogue
from haven.needs import services as needs

SAY = "To feel close to you, I need {need}. Could we talk {time}? About {topic}."


def test_top_ranked_need_fills_the_slot_in_english(partner_a):
    needs.add_needs(author=partner_a, keys=["respond", "understood"])
    filled = slots.fill(SAY, partner_a, "en")
    fragment = catalogue.need("respond").fragment("en")
    assert filled.text.startswith(f"To feel close to you, I need {fragment}.")
    assert "after dinner" in filled.text  # the suggestion for {time}
    assert "[what it is about]" in filled.text  # the blank for {topic}
    assert filled.sources == {"need": "need", "time": "suggestion", "topic": "blank"}
    assert filled.from_own_data


def test_top_ranked_need_follows_the_order(partner_a):
    created = needs.add_needs(author=partner_a, keys=["respond", "understood"])
    needs.move_need(need=created[1], direction="up")
    filled = slots.fill("{need}", partner_a, "en")
    assert filled.text == catalogue.need("understood").fragment("en")


def test_dutch_fragment_for_a_dutch_person(partner_a):
    needs.add_needs(author=partner_a, keys=["understood"])
    filled = slots.fill("Ik heb {need} nodig, {time}.", partner_a, "nl")
    assert (
        filled.text == f"Ik heb {catalogue.need('understood').fragment('nl')} nodig, na het eten."
    )


def test_own_words_need(partner_a):
    needs.add_needs(author=partner_a, keys=[], own_words="a hug when I come home.")
    assert slots.fill("{need}", partner_a, "en").text == "a hug when I come home"


def test_nothing_saved_gives_visible_blanks(partner_a):
    filled = slots.fill(
        "I need {need}; I feel {feeling}; I {move}; I long for {longing}.", partner_a, "nl"
    )
    assert filled.text == (
        "I need [wat je nodig hebt]; I feel [wat je eronder voelt]; "
        "I [wat je doet om jezelf te beschermen]; I long for [wat je verlangt te horen]."
    )
    assert not filled.from_own_data


def test_partner_needs_are_never_used(partner_a, partner_b):
    created = needs.add_needs(author=partner_b, keys=["respond"])
    needs.set_visibility(item=created[0], shared=True)
    assert slots.fill("{need}", partner_a, "en").text == "[what you need]"


def test_cycle_fills_feeling_move_and_longing_when_installed(partner_a, monkeypatch):
    seen = {}

    def underneath_for(user, language="en"):
        seen["args"] = (user, language)
        return types.SimpleNamespace(
            feelings=["lonely", "afraid"], needs=["comfort"], longing="that I matter", moves=[]
        )

    monkeypatch.setattr(slots, "_underneath_reader", lambda: underneath_for)
    filled = slots.fill("{feeling} / {move} / {longing}", partner_a, "nl")
    assert filled.text == "lonely / [wat je doet om jezelf te beschermen] / that I matter"
    assert seen["args"] == (partner_a, "nl")
    assert filled.sources["feeling"] == "cycle"


def test_cycle_that_knows_nothing_yet(partner_a, monkeypatch):
    monkeypatch.setattr(slots, "_underneath_reader", lambda: lambda user: None)
    assert slots.fill("{feeling}", partner_a, "en").text == "[what you feel underneath]"


def test_someone_who_has_not_mapped_their_side_gets_nothing_from_the_cycle(partner_a):
    assert slots.from_cycle(partner_a, "en") == {}
    assert slots.fill("{move}", partner_a, "en").text.startswith("[")


def test_a_real_cycle_side_fills_the_move_as_a_verb_phrase(partner_a):
    from haven.cycle import services as cycle

    cycle.save_side(
        author=partner_a,
        values={"moves": ["criticise"], "underneath": ["lonely"], "longing": "that I matter"},
    )
    dutch = slots.fill("Als ik {move}, voel ik me eigenlijk {feeling}.", partner_a, "nl")
    assert dutch.text == "Als ik kritiek geef, voel ik me eigenlijk eenzaam."
    english = slots.fill("When I {move}, I feel {feeling}.", partner_a, "en")
    assert english.text == "When I criticise, I feel lonely."
