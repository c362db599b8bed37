"""The cycle's data files: complete in both languages, and every broken file refused."""

from __future__ import annotations

import copy

import pytest

from haven.cycle import vocabulary as v
from haven.cycle.vocabulary import VocabularyError


def test_every_file_loads():
    v.check_all()


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_two_families_with_at_least_eight_moves_each(lang):
    assert [f.key for f in v.families(lang)] == ["pursue", "withdraw"]
    for family in v.families(lang):
        moves = v.moves(lang, family=family.key)
        assert len(moves) >= 8
        assert all(m.label and m.text and m.me and m.you for m in moves)


def test_the_method_moves_are_there():
    keys = v.move_keys()
    for key in ["criticise", "blame", "demand", "escalate", "compare", "accuse", "chase"]:
        assert v.family_of(key) == "pursue", key
    for key in [
        "explain_defend",
        "logic_facts",
        "counter_complain",
        "placate",
        "fix",
        "go_quiet",
        "leave_room",
        "shut_down",
    ]:
        assert v.family_of(key) == "withdraw", key
    assert len(keys) == len(v.moves("en"))


def test_labels_follow_the_language():
    assert v.move("go_quiet", "en").label == "Go quiet"
    assert v.move("go_quiet", "nl").label == "Stil worden"
    assert v.move("go_quiet", "nl-be").label == "Stil worden"
    assert v.move("no_such_move", "en") is None


def test_patterns_in_both_languages_with_their_eft_nicknames():
    en = {p.key: p for p in v.patterns("en")}
    assert set(en) == {"pursue_withdraw", "attack_attack", "withdraw_withdraw"}
    assert en["pursue_withdraw"].nickname == "the protest polka"
    assert en["attack_attack"].nickname == "find the bad guy"
    assert en["withdraw_withdraw"].nickname == "freeze and flee"
    nl = {p.key: p for p in v.patterns("nl")}
    assert nl["withdraw_withdraw"].name != en["withdraw_withdraw"].name
    assert all(p.meaning and p.way_out for p in nl.values())


def test_feelings_underneath_fit_both_sides_of_the_narrative():
    """Labels are used for "I feel" and "you feel": no label may point at a person."""
    for lang, words in (("en", {"you", "me", "my", "your"}), ("nl", {"jou", "je", "mij", "me"})):
        for term in v.underneath_feelings(lang):
            assert not words & set(term.label.split()), term
    assert v.feeling("lonely", "nl").label == "eenzaam"


def test_prompts_for_every_step_and_the_solo_reflection():
    assert [s.key for s in v.steps("nl")] == list(v.STEPS)
    assert [s.key for s in v.solo_prompts("en")] == list(v.SOLO_FIELDS)
    assert v.prompt_text("name", "nl")
    assert v.longings("nl")


# --- validation: one test per rule ---------------------------------------------


@pytest.fixture
def moves_data():
    return copy.deepcopy(v.read("moves.toml"))


def test_missing_file_is_named(tmp_path):
    with pytest.raises(VocabularyError, match=r"not found"):
        v.read("moves.toml", tmp_path)


def test_broken_toml_is_refused(tmp_path):
    (tmp_path / "moves.toml").write_text("[[moves]\nkey = ", encoding="utf-8")
    with pytest.raises(VocabularyError, match=r"not valid TOML"):
        v.read("moves.toml", tmp_path)


def test_a_missing_family_is_refused(moves_data):
    del moves_data["families"]["withdraw"]
    with pytest.raises(VocabularyError, match=r"\[families\]"):
        v.validate_moves(moves_data)


def test_a_move_of_an_unknown_family_is_refused(moves_data):
    moves_data["moves"][0]["family"] = "sulk"
    with pytest.raises(VocabularyError, match=r"criticise.*family"):
        v.validate_moves(moves_data)


def test_a_duplicate_move_key_is_refused(moves_data):
    moves_data["moves"][1]["key"] = moves_data["moves"][0]["key"]
    with pytest.raises(VocabularyError, match=r"used twice"):
        v.validate_moves(moves_data)


def test_a_malformed_move_key_is_refused(moves_data):
    moves_data["moves"][0]["key"] = "Go Quiet"
    with pytest.raises(VocabularyError, match=r"malformed"):
        v.validate_moves(moves_data)


def test_a_missing_dutch_text_is_refused(moves_data):
    moves_data["moves"][2]["nl"]["you"] = "  "
    with pytest.raises(VocabularyError, match=r"complain_loudly.*nl.you"):
        v.validate_moves(moves_data)


def test_a_missing_language_table_is_refused(moves_data):
    del moves_data["moves"][2]["nl"]
    with pytest.raises(VocabularyError, match=r"'nl' table is missing"):
        v.validate_moves(moves_data)


def test_too_few_moves_in_a_family_is_refused(moves_data):
    moves_data["moves"] = [m for m in moves_data["moves"] if m["family"] == "pursue"] + [
        m for m in moves_data["moves"] if m["family"] == "withdraw"
    ][:3]
    with pytest.raises(VocabularyError, match=r"'withdraw' has 3 moves"):
        v.validate_moves(moves_data)


def test_a_missing_pattern_is_refused():
    data = copy.deepcopy(v.read("patterns.toml"))
    data["patterns"] = data["patterns"][:2]
    with pytest.raises(VocabularyError, match=r"must be exactly"):
        v.validate_patterns(data)


def test_a_missing_reason_text_is_refused():
    data = copy.deepcopy(v.read("patterns.toml"))
    del data["reasons"]["mixed"]
    with pytest.raises(VocabularyError, match=r"reasons.mixed"):
        v.validate_patterns(data)


def test_a_pattern_without_a_way_out_is_refused():
    data = copy.deepcopy(v.read("patterns.toml"))
    del data["patterns"][1]["en"]["way_out"]
    with pytest.raises(VocabularyError, match=r"attack_attack.*way_out"):
        v.validate_patterns(data)


def test_a_narrative_template_with_the_wrong_placeholder_is_refused():
    data = copy.deepcopy(v.read("narrative.toml"))
    data["nl"]["loop"] = "Hoe meer ik {me}, hoe meer jij {jij}."
    with pytest.raises(VocabularyError, match=r"nl.loop"):
        v.validate_narrative(data)


def test_a_narrative_template_that_drops_a_placeholder_is_refused():
    data = copy.deepcopy(v.read("narrative.toml"))
    data["en"]["my_longing"] = "What I long to hear."
    with pytest.raises(VocabularyError, match=r"en.my_longing"):
        v.validate_narrative(data)


def test_a_missing_narrative_template_is_refused():
    data = copy.deepcopy(v.read("narrative.toml"))
    del data["en"]["only_you"]
    with pytest.raises(VocabularyError, match=r"en.only_you"):
        v.validate_narrative(data)


def test_a_broken_placeholder_is_refused():
    data = copy.deepcopy(v.read("narrative.toml"))
    data["en"]["solo"] = "When it gets tense, I {me"
    with pytest.raises(VocabularyError, match=r"en.solo"):
        v.validate_narrative(data)


def test_a_missing_step_prompt_is_refused():
    data = copy.deepcopy(v.read("prompts.toml"))
    del data["steps"]["moves"]
    with pytest.raises(VocabularyError, match=r"steps.moves"):
        v.validate_prompts(data)


def test_an_unknown_step_is_refused():
    data = copy.deepcopy(v.read("prompts.toml"))
    data["steps"]["extra"] = data["steps"]["trigger"]
    with pytest.raises(VocabularyError, match=r"unknown entries"):
        v.validate_prompts(data)


def test_a_feeling_without_dutch_is_refused():
    data = copy.deepcopy(v.read("feelings_underneath.toml"))
    del data["feelings"][0]["nl"]
    with pytest.raises(VocabularyError, match=r"feelings 'lonely'.*'nl'"):
        v.validate_terms(data, "feelings")


def test_an_empty_list_of_longings_is_refused():
    with pytest.raises(VocabularyError, match=r"\[\[longings\]\] is missing"):
        v.validate_terms({"longings": []}, "longings")


def test_the_system_check_reports_a_broken_file(monkeypatch):
    from haven.cycle import checks

    def broken():
        raise VocabularyError("moves.toml: broken on purpose")

    monkeypatch.setattr(v, "check_all", broken)
    problems = checks.cycle_data()
    assert [p.id for p in problems] == ["cycle.E001"]
    assert "broken on purpose" in problems[0].msg
