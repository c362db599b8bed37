"""underneath(): likely feelings and needs behind the protective codes, in the message language."""

from haven.coach import analyze, underneath
from haven.coach.underneath import MAX_CHOICES


def test_protective_message_offers_feelings_and_needs():
    choices = underneath(analyze("You never help, you're so lazy.", "en"))
    assert choices["feelings"] and choices["needs"]
    assert choices["feelings"][0] == {"key": "lonely", "label": "lonely"}
    assert len(choices["feelings"]) <= MAX_CHOICES


def test_labels_follow_the_message_language():
    choices = underneath(analyze("Je helpt nooit, je bent zo lui.", "nl"))
    assert choices["feelings"][0] == {"key": "lonely", "label": "eenzaam"}
    assert any(need["label"].startswith("weten dat") for need in choices["needs"])


def test_different_codes_lead_with_different_feelings():
    withdrawal = underneath(analyze("Forget it, I'm done.", "en"))
    defensive = underneath(analyze("That's not true, I did call!", "en"))
    assert withdrawal["feelings"][0]["key"] == "overwhelmed"
    assert defensive["feelings"][0]["key"] == "not_good_enough"


def test_nothing_protective_means_nothing_underneath():
    assert underneath(analyze("I miss you.", "en")) == {"feelings": [], "needs": []}


def test_underneath_is_not_part_of_to_dict():
    assert "underneath" not in analyze("You never help.", "en").to_dict()
