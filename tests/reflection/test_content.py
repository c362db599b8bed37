"""The history prompts and "our map" texts: complete in both languages, broken files refused."""

from __future__ import annotations

import pytest

from haven.reflection import content
from haven.reflection.content import SPOT_FIELDS, ContentError, load_history, load_map
from haven.reflection.engine import REGION_KEYS
from haven.reflection.models import SensitiveSpot


def test_history_has_sections_and_spot_prompts_in_both_languages():
    history = load_history()
    assert [s.key for s in history.sections][:2] == ["caregivers", "feelings_and_comfort"]
    for section in history.sections:
        for prompt in section.prompts:
            assert prompt.text.get("en") and prompt.text.get("nl")
    assert tuple(p.key for p in history.spots.prompts) == SPOT_FIELDS


def test_spot_prompts_are_the_fields_of_a_spot():
    fields = {f.name for f in SensitiveSpot._meta.get_fields()}
    assert set(SPOT_FIELDS) <= fields


def test_joint_prompts_are_left_out_on_the_individual_path():
    section = content.history().section("bringing_together")
    assert "to_share" in [p.key for p in section.prompts_for(individual=False)]
    assert "to_share" not in [p.key for p in section.prompts_for(individual=True)]


def test_map_has_a_note_for_every_pair_of_regions():
    texts = load_map()
    for first in REGION_KEYS:
        for second in REGION_KEYS:
            pair = texts.pair(first, second)
            assert pair is texts.pair(second, first)
            assert pair.text.get("nl") and pair.together.get("nl")
    assert set(texts.solo) == set(REGION_KEYS)


def test_a_history_file_missing_dutch_is_refused(tmp_path):
    text = content.HISTORY_FILE.read_text(encoding="utf-8")
    broken = text.replace(
        'nl = "Wie zorgde er voor je toen je opgroeide, en naar wie ging je als je iets '
        'nodig had?"\n',
        "",
    )
    path = tmp_path / "history.toml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(
        ContentError,
        match=r"history\.toml: sections\[0\]\.prompts\[0\]: missing text for language 'nl'",
    ):
        load_history(path)


def test_a_map_file_missing_a_pair_is_refused(tmp_path):
    text = content.MAP_FILE.read_text(encoding="utf-8")
    start = text.index('[[pairs]]\nregions = ["anxious", "avoidant"]')
    end = text.index("[[pairs]]", start + 1)
    path = tmp_path / "map.toml"
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(
        ContentError, match=r"map\.toml: pairs: no entry for the pair \['anxious', 'avoidant'\]"
    ):
        load_map(path)
