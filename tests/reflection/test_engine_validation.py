"""Broken instrument files are refused with a message naming the file and the problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from haven.reflection import engine
from haven.reflection.engine import InstrumentError, load_instrument

VALID = """
key = "mini"
version = 1
name = { en = "Mini", nl = "Mini" }
about = { en = "A tiny instrument.", nl = "Een klein instrument." }
instructions = { en = "Think of {target}.", nl = "Denk aan {target}." }

[scale]
min = 1
max = 5
labels = { en = ["1", "2", "3", "4", "5"], nl = ["1", "2", "3", "4", "5"] }

[scoring]
method = "mean"
reverse = ["a2"]

[[subscales]]
key = "anxiety"
name = { en = "Anxiety", nl = "Angst" }

[[subscales]]
key = "avoidance"
name = { en = "Avoidance", nl = "Vermijding" }

[[targets]]
key = "partner"
name = { en = "my partner", nl = "mijn partner" }

[[items]]
key = "a1"
subscale = "anxiety"
en = "I worry about {target}."
nl = "Ik maak me zorgen om {target}."

[[items]]
key = "a2"
subscale = "anxiety"
en = "I feel sure of {target}."
nl = "Ik voel me zeker van {target}."

[[items]]
key = "v1"
subscale = "avoidance"
en = "I keep my distance from {target}."
nl = "Ik houd afstand van {target}."

[[bands]]
subscale = "anxiety"
min = 1
max = 3
en = "Low."
nl = "Laag."

[[bands]]
subscale = "anxiety"
min = 3
max = 5
en = "High."
nl = "Hoog."

[[bands]]
subscale = "avoidance"
min = 1
max = 5
en = "Any."
nl = "Alles."

[regions]
cutoff = 3

[regions.secure]
name = { en = "S", nl = "V" }
about = { en = "S.", nl = "V." }

[regions.anxious]
name = { en = "A", nl = "A" }
about = { en = "A.", nl = "A." }

[regions.avoidant]
name = { en = "V", nl = "V" }
about = { en = "V.", nl = "V." }

[regions.fearful_avoidant]
name = { en = "F", nl = "F" }
about = { en = "F.", nl = "F." }
"""


def write(tmp_path: Path, text: str, name: str = "broken.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def refused(tmp_path: Path, text: str) -> InstrumentError:
    path = write(tmp_path, text)
    with pytest.raises(InstrumentError) as caught:
        load_instrument(path)
    assert str(path) in str(caught.value), "the message must name the file"
    return caught.value


def test_the_valid_base_loads_and_scores(tmp_path):
    instrument = load_instrument(write(tmp_path, VALID, "mini.toml"))
    assert [item.key for item in instrument.items if item.reverse] == ["a2"]
    # a1 = 5, a2 = 5 reversed on 1..5 -> 6 - 5 = 1: anxiety (5 + 1) / 2 = 3
    result = engine.score(instrument, {"a1": 5, "a2": 5, "v1": 2})
    assert result.means == {"anxiety": 3, "avoidance": 2}
    assert result.region == "anxious"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        pytest.param(
            ('nl = "Ik maak me zorgen om {target}."\n', ""),
            "items[0] 'a1': missing text for language 'nl'",
            id="missing-language",
        ),
        pytest.param(
            ('name = { en = "Mini", nl = "Mini" }', 'name = { en = "Mini" }'),
            "name: missing text for language 'nl'",
            id="missing-language-in-name",
        ),
        pytest.param(
            ('key = "v1"\nsubscale = "avoidance"', 'key = "v1"\nsubscale = "avoidence"'),
            "items[2] 'v1': unknown subscale 'avoidence' (known: anxiety, avoidance)",
            id="unknown-subscale",
        ),
        pytest.param(
            ('reverse = ["a2"]', 'reverse = ["a2", "a9"]'),
            "scoring.reverse: reverse key for unknown item 'a9'",
            id="reverse-key-for-unknown-item",
        ),
        pytest.param(
            ('reverse = ["a2"]', 'reverse = ["a2", "a2"]'),
            "scoring.reverse: lists 'a2' more than once",
            id="reverse-key-twice",
        ),
        pytest.param(
            ('key = "v1"', 'key = "a1"'),
            "duplicate item key 'a1'",
            id="duplicate-item-id",
        ),
        pytest.param(
            (
                'key = "avoidance"\nname = { en = "Avoidance"',
                'key = "anxiety"\nname = { en = "Avoidance"',
            ),
            "duplicate subscale key 'anxiety'",
            id="duplicate-subscale",
        ),
        pytest.param(
            ('min = 3\nmax = 5\nen = "High."', 'min = 2.5\nmax = 5\nen = "High."'),
            "bands for 'anxiety': overlap: 1..3 and 2.5..5",
            id="bands-overlap",
        ),
        pytest.param(
            ('min = 3\nmax = 5\nen = "High."', 'min = 3.5\nmax = 5\nen = "High."'),
            "bands for 'anxiety': leave a gap from 3 to 3.5",
            id="bands-gap-between",
        ),
        pytest.param(
            ('min = 1\nmax = 5\nen = "Any."', 'min = 1\nmax = 4.5\nen = "Any."'),
            "bands for 'avoidance': leave a gap from 4.5 to 5",
            id="bands-gap-at-the-top",
        ),
        pytest.param(
            ('min = 1\nmax = 3\nen = "Low."', 'min = 1.5\nmax = 3\nen = "Low."'),
            "bands for 'anxiety': leave a gap from 1 to 1.5",
            id="bands-gap-at-the-bottom",
        ),
        pytest.param(
            ('min = 3\nmax = 5\nen = "High."', 'min = 3\nmax = 6\nen = "High."'),
            "bands[1]: 3..6 lies outside the scale 1..5",
            id="band-outside-scale",
        ),
        pytest.param(
            ('min = 1\nmax = 3\nen = "Low."', 'min = 3\nmax = 1\nen = "Low."'),
            "bands[0]: min (3) must be smaller than max (1)",
            id="band-upside-down",
        ),
        pytest.param(
            ('[[bands]]\nsubscale = "avoidance"', '[[bands]]\nsubscale = "closeness"'),
            "bands for 'avoidance': none: every subscale needs bands covering its scale",
            id="subscale-without-bands",
        ),
        pytest.param(
            ("[scale]\nmin = 1\nmax = 5", "[scale]\nmin = 5\nmax = 1"),
            "scale: min (5) must be smaller than max (1)",
            id="scale-bounds-reversed",
        ),
        pytest.param(
            ("[scale]\nmin = 1\nmax = 5", "[scale]\nmin = 1\nmax = 50"),
            "scale: 50 points is more than the 11 allowed",
            id="scale-too-long",
        ),
        pytest.param(
            ("[scale]\nmin = 1\nmax = 5", "[scale]\nmin = 1.5\nmax = 5"),
            "scale.min: must be a whole number, got 1.5",
            id="scale-not-whole",
        ),
        pytest.param(
            ('labels = { en = ["1", "2", "3", "4", "5"]', 'labels = { en = ["1", "2", "3", "4"]'),
            "scale.labels.en: has 4 labels for a 1..5 scale (5 points)",
            id="scale-labels-count",
        ),
        pytest.param(
            ('key = "a1"\nsubscale = "anxiety"', 'key = "a1"\nsubcale = "anxiety"'),
            "items[0] 'a1': unknown field 'subcale'",
            id="typo-in-field-name",
        ),
        pytest.param(
            ('en = "I worry about {target}."', 'en = "I worry about {partner}."'),
            "items[0] 'a1' (en): unknown placeholder {partner}",
            id="unknown-placeholder",
        ),
        pytest.param(
            ("[regions]\ncutoff = 3", "[regions]\ncutoff = 9"),
            "regions.cutoff: 9 must lie inside the scale 1..5",
            id="cutoff-outside-scale",
        ),
        pytest.param(
            (
                '[regions.fearful_avoidant]\nname = { en = "F", nl = "F" }\n'
                'about = { en = "F.", nl = "F." }',
                "",
            ),
            "regions.fearful_avoidant: missing",
            id="region-missing",
        ),
        pytest.param(
            ('key = "mini"', 'key = "Mini Test"'),
            "key: needs a 'key' of lowercase letters",
            id="bad-key",
        ),
        pytest.param(
            ("version = 1", "version = 0"),
            "version: must be at least 1, got 0",
            id="bad-version",
        ),
        pytest.param(
            ('method = "mean"', 'method = "sum"'),
            "scoring.method: unknown method 'sum'",
            id="unknown-scoring-method",
        ),
    ],
)
def test_broken_file_is_refused_with_a_clear_message(tmp_path, change, expected):
    old, new = change
    assert old in VALID, "the test's replacement must hit the base file"
    error = refused(tmp_path, VALID.replace(old, new, 1))
    assert any(expected in problem for problem in error.problems), error.problems


def test_target_placeholder_needs_targets(tmp_path):
    text = VALID.replace(
        '[[targets]]\nkey = "partner"\nname = { en = "my partner", nl = "mijn partner" }\n', ""
    )
    error = refused(tmp_path, text)
    assert any("uses {target} but the instrument lists no [[targets]]" in p for p in error.problems)


def test_plane_needs_anxiety_and_avoidance(tmp_path):
    text = VALID.replace('key = "avoidance"', 'key = "closeness"').replace(
        'subscale = "avoidance"', 'subscale = "closeness"'
    )
    error = refused(tmp_path, text)
    assert "regions: the plane needs a subscale with key 'avoidance'" in error.problems


def test_not_toml_at_all(tmp_path):
    error = refused(tmp_path, "key = \n[[items")
    assert error.problems[0].startswith("not valid TOML")


def test_missing_file(tmp_path):
    with pytest.raises(InstrumentError, match="file not found"):
        load_instrument(tmp_path / "nowhere.toml")


def test_every_problem_is_reported_at_once(tmp_path):
    text = VALID.replace('reverse = ["a2"]', 'reverse = ["a9"]').replace(
        'nl = "Ik houd afstand van {target}."\n', ""
    )
    error = refused(tmp_path, text)
    assert len(error.problems) == 2
    message = str(error)
    assert "2 problems" in message
    assert "reverse key for unknown item 'a9'" in message
    assert "items[2] 'v1': missing text for language 'nl'" in message


def test_an_instrument_without_a_plane_is_fine(tmp_path):
    """A later reflection (e.g. monthly satisfaction) may have one subscale and no regions."""
    start = VALID.index("[regions]")
    instrument = load_instrument(write(tmp_path, VALID[:start], "satisfaction.toml"))
    assert instrument.regions is None and not instrument.has_plane
    assert engine.score(instrument, {"a1": 2, "a2": 4, "v1": 5}).region is None
