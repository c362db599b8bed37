"""The couple's narrative, told from the reader's side, in English and Dutch."""

from __future__ import annotations

from haven.cycle.narrative import SideWords, build, join, loop_sentence

ANNA = SideWords(
    moves=("criticise", "chase"),
    feelings=("lonely", "hurt"),
    longing="I'm here.",
    needs=("To feel close to you, I need to know you see me.",),
)
BRAM = SideWords(moves=("go_quiet",), feelings=("failing",), longing="You are doing enough.")


def test_the_loop_in_english():
    assert loop_sentence(ANNA, BRAM, "en") == (
        "The more I criticise and chase you, the more you go quiet; "
        "and the more you go quiet, the more I criticise and chase you."
    )


def test_the_loop_in_dutch_conjugates_for_ik_and_jij():
    assert loop_sentence(ANNA, BRAM, "nl") == (
        "Hoe meer ik kritiek geef en jou achterna zit, hoe meer jij stil wordt; "
        "en hoe meer jij stil wordt, hoe meer ik kritiek geef en jou achterna zit."
    )


def test_each_partner_reads_it_in_their_own_voice():
    assert loop_sentence(BRAM, ANNA, "en").startswith("The more I go quiet, the more you criticise")


def test_underneath_feelings_needs_and_longings_of_both():
    text = " ".join(build(ANNA, BRAM, "en"))
    assert "Underneath, I feel lonely and hurt." in text
    assert "\u201cTo feel close to you, I need to know you see me.\u201d" in text
    assert "What I long to hear: \u201cI'm here.\u201d" in text
    assert "Underneath, you feel afraid of failing." in text
    assert "What you long to hear: \u201cYou are doing enough.\u201d" in text


def test_dutch_underneath():
    text = " ".join(build(ANNA, BRAM, "nl"))
    assert "Daaronder voel ik me eenzaam en gekwetst." in text
    assert "Daaronder voel jij je bang om tekort te schieten." in text
    assert "Wat jij graag zou horen: \u201cYou are doing enough.\u201d" in text


def test_when_the_partner_named_no_moves_yet():
    text = loop_sentence(ANNA, SideWords(feelings=("hurt",)), "en")
    assert text.startswith("When it gets tense, I criticise and chase you.")
    assert "Your side of the loop has no protective moves yet." in text


def test_when_i_named_no_moves_yet():
    text = loop_sentence(SideWords(), BRAM, "nl")
    assert text.startswith("Als het spannend wordt, zie ik dat jij stil wordt.")


def test_when_nobody_named_moves():
    assert "Neither of us" in loop_sentence(SideWords(), SideWords(), "en")


def test_alone_only_my_side_is_told():
    paragraphs = build(ANNA, None, "en")
    assert paragraphs[0] == "When it gets tense, I criticise and chase you."
    assert not any("you feel" in p for p in paragraphs)


def test_a_leaning_side_is_told_by_its_family_only():
    mostly_pursue = SideWords(moves=("criticise", "blame", "go_quiet"))
    text = loop_sentence(mostly_pursue, BRAM, "en")
    assert text.startswith("The more I criticise and blame you, the more you")
    assert text.count("go quiet") == 2  # only Bram's


def test_at_most_three_moves_per_side():
    many = SideWords(moves=("criticise", "blame", "demand", "escalate", "compare"))
    assert loop_sentence(many, BRAM, "en").startswith(
        "The more I criticise, blame you and demand an answer, the more"
    )


def test_join():
    assert join(["a"], "en") == "a"
    assert join(["a", "b"], "nl") == "a en b"
    assert join(["a", "b", "c"], "en") == "a, b and c"
    assert join([], "en") == ""
