"""The hard cases from the spec, in English, with sentences written for these tests."""

import pytest

from tests.coach.helpers import check

EN = "en"


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # meta-talk keeps the accusation; plain negation removes it
        ("I'm not saying you always forget, but you forgot the vet again.", "generalization", ""),
        ("I'm not saying you're lazy, but the garage is still full of boxes.", "criticism", ""),
        ("You don't always have to explain yourself, it's fine.", "-", ""),
        ("I don't think you're selfish at all.", "-", ""),
        ("You're not stupid, you were just tired.", "", "criticism contempt"),
        ("It's not your fault the flight got cancelled.", "", "blame"),
    ],
)
def test_negation_and_meta_talk(text, present, absent):
    check(text, EN, present, absent)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        (
            'My teacher used to say "you never finish anything" and I still hear it.',
            "",
            "criticism generalization",
        ),
        ("My brother always said: you are so useless, and it stuck with me.", "", "criticism"),
        ('Our neighbour shouted "you idiot" at the delivery guy this morning.', "-", ""),
        (
            'You said "I\'ll be home by six" and I believed it. I felt silly waiting.',
            "feeling",
            "generalization",
        ),
    ],
)
def test_quoted_and_reported_speech(text, present, absent):
    check(text, EN, present, absent)


@pytest.mark.parametrize(
    "text",
    [
        "You always know how to cheer me up.",
        "You never fail to make me smile.",
        "You always remember how I take my coffee.",
        "You never complain when my mum stays over. Thank you.",
        "You're always so patient with the kids.",
        "You always support my crazy plans.",
        "You never judge me, even when I mess up.",
    ],
)
def test_positive_generalisations_are_appreciation(text):
    check(text, EN, "appreciation", "generalization criticism")


@pytest.mark.parametrize(
    ("text", "present"),
    [
        ("I always mess up the bedtime routine, I'm sorry.", "responsibility"),
        ("I never know what to say when you cry.", "-"),
        ("I always get grumpy when I'm hungry, ignore me.", "-"),
    ],
)
def test_self_directed_statements_are_not_generalisations(text, present):
    check(text, EN, present, "generalization criticism")


@pytest.mark.parametrize(
    "text",
    [
        "You never know with the trains on a Sunday.",
        "You can never be too careful with those ladders.",
        "You always have to book that dentist months ahead.",
        "These days you have to order the school uniform online.",
    ],
)
def test_generic_you_is_not_about_the_partner(text):
    check(text, EN, "-")


@pytest.mark.parametrize(
    ("text", "present"),
    [
        ("I feel that you never make time for us.", "generalization criticism"),
        ("I feel like you don't even care any more.", "mind_reading"),
        ("I feel as if you'd rather be out with your colleagues.", "mind_reading"),
    ],
)
def test_fake_i_statements_are_protective_not_feeling(text, present):
    check(text, EN, present, "feeling")


def test_real_i_statement_is_feeling():
    check("I feel lonely when the evenings go by without us talking.", EN, "feeling", "criticism")


@pytest.mark.parametrize(
    ("text", "present"),
    [
        ("I hear you, but you're blowing this way out of proportion.", "invalidation"),
        ("I understand you're stressed, but you always take it out on me.", "generalization"),
        ("I get that you're tired, but you never help in the mornings.", "criticism"),
    ],
)
def test_validation_cancelled_by_but(text, present):
    check(text, EN, present, "validation")


def test_validation_survives_a_but_in_a_later_sentence():
    check(
        "I get why you were hurt. But I'd love us to talk about it calmly.",
        EN,
        "validation",
        "criticism",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Why can't you ever put your plate in the dishwasher?",
        "Why do you always have to have the final say?",
        "Why would you tell your sister about our money problems?",
    ],
)
def test_accusatory_why_questions_are_criticism(text):
    check(text, EN, "criticism", "curiosity")


def test_open_question_is_curiosity_not_criticism():
    check("What was the hardest part of today for you?", EN, "curiosity", "criticism")


@pytest.mark.parametrize(
    "text",
    [
        "I'm getting too worked up. Give me twenty minutes and I'll come find you.",
        "Can we take a break? Let's talk again after dinner, I promise.",
        "I need to cool down. I'll be back in half an hour and we'll finish this.",
    ],
)
def test_pause_with_promise_is_repair(text):
    check(text, EN, "repair_pause", "withdrawal")


@pytest.mark.parametrize(
    "text",
    [
        "I'm out. Don't wait up.",
        "Forget it, I'm going to bed.",
        "I'm done talking. Do what you want.",
    ],
)
def test_walking_out_is_withdrawal(text):
    check(text, EN, "withdrawal", "repair_pause")


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("thanks for the help 🙄", "contempt", "appreciation"),
        ("miss you ❤️", "feeling", ""),
        ("love you 😘", "reassurance", "contempt"),
        ("Got the keys 👍 see you later", "-", ""),
    ],
)
def test_emoji(text, present, absent):
    check(text, EN, present, absent)


@pytest.mark.parametrize(
    "text",
    [
        "Can you grab bin bags on your way back?",
        "The boiler man comes on Tuesday between 8 and 12.",
        "Are we still going to your parents on Sunday?",
        "I'm taking the car to the garage tomorrow morning.",
        "I'm done with work, on my way home now.",
    ],
)
def test_logistics_stay_neutral(text):
    check(text, EN, "-")
