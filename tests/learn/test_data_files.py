"""The data files around the modules: tools, guided exercises, scripts, slots and texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from haven.learn import guided, scripts, slots, tools
from haven.learn.loading import LANGUAGES, ContentError, text
from haven.learn.scripts import SLOTS
from tests.learn.conftest import FIXTURES

TOOL_KEYS = {
    "needs", "needs-overview", "feltsense", "reflection", "history", "spots", "map",
    "checkin", "progress", "practise", "journal", "help", "safety-check", "couple",
    "cycle", "moments", "pause", "scripts", "exercises",
}  # fmt: skip


def test_tools_file_has_every_key_of_the_format():
    assert set(tools.load()) == TOOL_KEYS


def test_every_tool_resolves_unless_pending():
    for tool in tools.load().values():
        url = tool.url()
        assert url is not None or tool.pending, tool.key
        assert tool.title("en") and tool.title("nl")


def test_a_pending_tool_that_does_not_exist_is_none(tmp_path: Path):
    path = tmp_path / "tools.toml"
    path.write_text('pending = ["x"]\n[tools.x]\nurl = "nowhere:at_all"\nen = "X"\nnl = "X"\n')
    assert tools.load(path)["x"].url() is None


def test_a_tool_that_does_not_exist_and_is_not_pending_fails(tmp_path: Path):
    from django.urls import NoReverseMatch

    path = tmp_path / "tools.toml"
    path.write_text('[tools.x]\nurl = "nowhere:at_all"\nen = "X"\nnl = "X"\n')
    with pytest.raises(NoReverseMatch):
        tools.load(path)["x"].url()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('[tools.x]\nen = "X"\nnl = "X"\n', "needs a `url`"),
        ('[tools.x]\nurl = "home"\nen = "X"\n', "the 'nl' text is missing"),
        ('pending = ["y"]\n[tools.x]\nurl = "home"\nen = "X"\nnl = "X"\n', "unknown keys ['y']"),
    ],
)
def test_broken_tools_file(tmp_path: Path, body: str, message: str):
    path = tmp_path / "tools.toml"
    path.write_text(body)
    with pytest.raises(ContentError) as raised:
        tools.load(path)
    assert message in str(raised.value)


def test_fixture_exercises_and_scripts_load():
    found = guided.load(FIXTURES / "exercises.toml")
    assert found["nl"]["breathing-pause"].steps[0] == "Adem langzaam in."
    assert found["en"]["breathing-pause"].step_seconds == 20
    assert scripts.load(FIXTURES / "scripts.toml")["en"]["bring-up-hurt"].slots == (
        "topic", "feeling", "move", "longing",
    )  # fmt: skip


def _broken(tmp_path: Path, source: Path, old: str, new: str) -> Path:
    text = source.read_text()
    assert old in text
    path = tmp_path / source.name
    path.write_text(text.replace(old, new, 1))
    return path


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("seconds = 60", "seconds = 0", "`seconds` must be a positive whole number"),
        ('steps = ["Adem', 'stappen = ["Adem', "[nl]: `steps` must be a list"),
        ('closing = "Fixture closing."', "", "[en]: `closing` is missing"),
    ],
)
def test_broken_exercises_file(tmp_path, old, new, message):
    path = _broken(tmp_path, FIXTURES / "exercises.toml", old, new)
    with pytest.raises(ContentError) as raised:
        guided.load(path)
    assert message in str(raised.value) and "breathing-pause" in str(raised.value)


def test_each_step_can_have_its_own_timer(tmp_path):
    path = _broken(
        tmp_path, FIXTURES / "exercises.toml", "seconds = 60", "seconds = 60\ntimers = [10, 20, 30]"
    )
    found = guided.load(path)
    for language in ("en", "nl"):
        exercise = found[language]["breathing-pause"]
        assert [exercise.timer_for(step) for step in (1, 2, 3)] == [10, 20, 30]
    # Without `timers`, every step gets an even share.
    even = guided.load(FIXTURES / "exercises.toml")["en"]["breathing-pause"]
    assert [even.timer_for(step) for step in (1, 2, 3)] == [20, 20, 20]


@pytest.mark.parametrize(
    ("timers", "message"),
    [
        ("[30, 30]", "3 steps but 2 `timers`"),
        ("[10, 20, 20]", "`timers` add up to 50 seconds, not the exercise's 60"),
        ("[10, 0, 50]", "`timers` must be a list of positive whole numbers"),
        ('["20", 20, 20]', "`timers` must be a list of positive whole numbers"),
    ],
)
def test_broken_timers(tmp_path, timers, message):
    path = _broken(
        tmp_path, FIXTURES / "exercises.toml", "seconds = 60", f"seconds = 60\ntimers = {timers}"
    )
    with pytest.raises(ContentError) as raised:
        guided.load(path)
    assert message in str(raised.value) and "breathing-pause" in str(raised.value)


def test_the_twenty_minute_pause_spends_longest_on_soothing():
    pause = guided.load()["en"]["breathing-pause"]
    timers = [pause.timer_for(step) for step in range(1, len(pause.steps) + 1)]
    assert sum(timers) == pause.seconds == 1200
    assert "soothes" in pause.steps[timers.index(max(timers))]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("{time}?", "{when}?", "unknown slots ['when']"),
        ("{time}?", "{time}}?", "a brace in `say` that is not a slot"),
        ('instead = "Whatever, forget it."', "", "`instead` is missing"),
        ('key = "bring-up-hurt"', 'key = "ask-for-need"', "used twice"),
    ],
)
def test_broken_scripts_file(tmp_path, old, new, message):
    path = _broken(tmp_path, FIXTURES / "scripts.toml", old, new)
    with pytest.raises(ContentError) as raised:
        scripts.load(path)
    assert message in str(raised.value)


def test_every_slot_has_a_blank_in_every_language():
    for slot in SLOTS:
        for language in LANGUAGES:
            assert slots.blank(slot, language).startswith("[")
    assert slots.suggestion("time", "en") == "after dinner"
    assert slots.suggestion("time", "nl") == "na het eten"


def test_texts_exist_in_both_languages():
    for name in ("help_first", "individual", "joint_on_own_path", "reflection_prompt", "sharing"):
        assert text(name, "en") != text(name, "nl")
