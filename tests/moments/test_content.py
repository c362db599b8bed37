"""The moments data files: complete in both languages, and refused when broken."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from haven.moments import content

DATA = Path(content.__file__).with_name("data")


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    return folder


def _edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_shipped_files_load_in_both_languages():
    loaded = content.load()
    assert len(loaded.topics) >= 10 and loaded.topics[-1][0] == "other"
    for language in ("en", "nl"):
        topics = {t.key: t.label for t in content.topics(language)}
        assert {"keys_and_things", "money", "parenting", "in_laws", "sex", "chores"} <= set(topics)
        assert {e.key for e in content.endings(language)} >= {
            "walked_away",
            "silence",
            "yelling",
            "placating",
            "talked_through",
        }
        assert [s.key for s in content.steps(language)] == list(content.STEP_KEYS)
        assert all(s.reflect and s.prompt for s in content.steps(language))
        assert content.closing(language) and content.breathing(language)
        for message in content.messages(language):
            assert "21:30" in message.filled("21:30") and "{time}" not in message.filled("x")
    assert content.topic("money", "nl").label == "Geld"
    assert content.ending("talked_through", "en").connected is True
    assert content.ending("silence", "en").connected is False
    assert content.topic("nope", "en") is None


def test_an_unknown_language_falls_back_to_english():
    assert content.topic("money", "fr").label == "Money"


def test_closing_is_stable_for_a_seed():
    assert content.closing("en", 7) == content.closing("en", 7)


@pytest.mark.parametrize(
    ("name", "old", "new", "problem"),
    [
        ("topics.toml", 'nl = "Geld"', 'nl = ""', "'nl' text is missing"),
        ("topics.toml", 'key = "money"', 'key = "chores"', "used twice"),
        ("topics.toml", 'key = "other"', 'key = "otherwise"', 'must be "other"'),
        ("endings.toml", "connected = true", 'connected = "yes"', "true or false"),
        ("repair.toml", 'key = "needed"', 'key = "wanted"', "in this order"),
        ("repair.toml", 'nl.reflect = "Wat hoorde je dat je partner voelde?"', "", "reflect"),
        ("pause.toml", "om {time} op terugkomen", "straks op terugkomen", "{time} exactly once"),
        ("pause.toml", "in = 4", "in = 40", "[rhythm]"),
        ("pause.toml", "[texts.back]", "[texts.later]", "[texts.back]"),
        ("endings.toml", 'key = "silence"', 'key = "Silence"', "malformed"),
    ],
)
def test_a_broken_file_is_refused_with_a_clear_message(tmp_path, name, old, new, problem):
    folder = _copy(tmp_path)
    _edit(folder, name, old, new)
    with pytest.raises(content.ContentError, match=_escaped(problem)):
        content.load(folder)


def _escaped(text: str) -> str:
    import re

    return re.escape(text)


def test_a_missing_or_invalid_file_is_named(tmp_path):
    folder = _copy(tmp_path)
    (folder / "pause.toml").unlink()
    with pytest.raises(content.ContentError, match=r"pause\.toml: not found"):
        content.load(folder)
    folder = _copy(tmp_path / "again")
    (folder / "topics.toml").write_text("[[topics]\n", encoding="utf-8")
    with pytest.raises(content.ContentError, match="not valid TOML"):
        content.load(folder)


def test_the_system_check_reports_a_broken_file(monkeypatch):
    from haven.moments import checks

    assert checks.moments_data() == []

    def broken():
        raise content.ContentError("topics.toml: broken")

    monkeypatch.setattr(content, "load", broken)
    assert [m.id for m in checks.moments_data()] == ["moments.E001"]
