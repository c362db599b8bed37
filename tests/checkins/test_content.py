"""The check-ins data file and the monthly instruments: complete, in both languages."""

from __future__ import annotations

import tomllib

import pytest

from haven.checkins import content
from haven.checkins.checks import checkins_data
from haven.reflection import engine


def test_the_data_file_loads_and_the_system_check_is_quiet():
    content.load()
    assert checkins_data() == []


@pytest.mark.parametrize("language", ["en", "nl"])
def test_every_reading_fills_in_without_leftover_braces(language):
    values = {"start": 10, "end": 20, "peak": 30, "name": "Bram", "mine": "+5", "theirs": "-3"}
    for key in content.READINGS:
        text = content.reading(key, language, **values)
        assert text and "{" not in text and "}" not in text


def test_texts_differ_per_language_and_dutch_is_informal():
    for key in content.TEXTS:
        english, dutch = content.text(key, "en"), content.text(key, "nl")
        assert english != dutch
        assert " u " not in f" {dutch} " and " uw " not in f" {dutch} ", key


def test_solo_wording_is_about_the_relationship_with_yourself():
    couple = content.questions("couple", "en")
    solo = content.questions("solo", "en")
    assert "between you" in couple.percent
    assert "yourself" in solo.percent and "partner" not in solo.reached
    assert "jezelf" in content.questions("solo", "nl").percent


def test_the_method_speaks_in_the_readings():
    # Section 8: a dip after progress is normal, different speeds, small gains count.
    assert "normal" in content.reading("dip_after_progress", "en", start=1, end=2, peak=3)
    assert "different speeds" in content.reading("different_speeds", "en", name="B")
    assert "10% to 20%" in content.reading("rising", "en", start=1, end=2)
    assert "normaal" in content.reading("dip_after_progress", "nl", start=1, end=2, peak=3)


def _broken(tmp_path, old: str, new: str):
    text = content.PATH.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "checkins.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_a_missing_translation_is_refused(tmp_path):
    path = _broken(tmp_path, 'nl = "Je dagelijkse herinnering"', "")
    with pytest.raises(content.ContentError, match=r"email.subject.*'nl'"):
        content.load(path)


def test_an_unknown_placeholder_is_refused(tmp_path):
    path = _broken(tmp_path, "went from about {start}%", "went from about {begin}%")
    with pytest.raises(content.ContentError, match="begin"):
        content.load(path)


def test_the_reminder_email_says_nothing_about_a_relationship():
    sensitive = (
        "partner", "relationship", "relatie", "couple", "stel", "feel", "gevoel",
        "check-in", "safety", "veilig", "attachment", "hechting", "love", "liefde",
    )  # fmt: skip
    data = tomllib.loads(content.PATH.read_text(encoding="utf-8"))["email"]
    for part in data.values():
        for language in ("en", "nl"):
            lowered = part[language].lower()
            assert not [word for word in sensitive if word in lowered], (language, part)


def test_the_monthly_instruments_are_found_but_not_offered_as_attachment_reflections():
    for mode in ("couple", "solo"):
        instrument = engine.get(content.measure_key(mode))
        assert instrument is not None and instrument.purpose == "satisfaction"
        assert len(instrument.items) == 8
        for item in instrument.items:
            assert item.text.get("en") and item.text.get("nl")
    attachment = [i.key for i in engine.available()]
    assert "haven-attachment" in attachment
    assert not {"haven-satisfaction", "haven-self"} & set(attachment)
    assert {i.key for i in engine.available("satisfaction")} == {
        "haven-satisfaction",
        "haven-self",
    }


def test_an_instrument_file_with_a_bad_purpose_is_refused(tmp_path):
    from haven.checkins.content import PATH

    source = PATH.parent / "instruments" / "haven-self.toml"
    broken = tmp_path / "bad.toml"
    broken.write_text(
        source.read_text(encoding="utf-8").replace('purpose = "satisfaction"', "purpose = 7"),
        encoding="utf-8",
    )
    with pytest.raises(engine.InstrumentError, match="purpose"):
        engine.load_instrument(broken)
