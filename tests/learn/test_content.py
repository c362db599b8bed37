"""Loading and checking module files: good files load, broken ones say what is wrong."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from haven.learn import content
from haven.learn.loading import ContentError
from tests.learn.conftest import FIXTURES, fixture_library

GUIDED = {"breathing-pause"}


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(FIXTURES / "content", root)
    return root


def load(root: Path) -> content.Library:
    return content.load(root, guided_keys=GUIDED)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


def test_fixture_modules_load_in_path_order():
    library = fixture_library()
    assert [m.slug for m in library.path("en")] == ["first-steps", "write-it-down", "together-time"]
    assert library.path("nl")[0].title == "Eerste stappen"
    first = library.get("first-steps", "en")
    assert first.exercise.kind == "tool" and first.exercise.tool == "needs"
    assert first.links == ("checkin", "cycle")
    assert library.get("together-time", "nl").professional_help_first is True


def test_unknown_language_code_falls_back_to_english():
    library = fixture_library()
    assert library.get("first-steps", "nl-be").title == "Eerste stappen"
    assert library.get("first-steps", "de").title == "First steps"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('slug = "first-steps"', 'slug = "first-step"', "must equal the file name"),
        ("part = 1", "part = 4", "part must be one of"),
        ("minutes = 3", 'minutes = "three"', "`minutes` must be int"),
        ("minutes = 3", "minutes = true", "`minutes` must be int"),
        ("solo = true\n", "", "missing solo"),
        ("solo = true", "solo = true\nsolo_path = true", "unknown fields solo_path"),
        ('kind = "tool"', 'kind = "video"', "kind 'video' is not one of"),
        ('tool = "needs"', 'tool = "nope"', "tool 'nope' is not a key of tools.toml"),
        ("(haven:checkin)", "(haven:nowhere)", "unknown haven: keys ['nowhere']"),
        ('title = "Pick your needs"', 'title = "  "', "`title` is empty"),
        ("minutes = 3", "minutes = 3\n[broken", "not valid TOML"),
    ],
)
def test_broken_front_matter_names_file_and_problem(tree, old, new, message):
    edit(tree / "en" / "first-steps.md", old, new)
    with pytest.raises(ContentError) as raised:
        load(tree)
    assert "en/first-steps.md" in str(raised.value)
    assert message in str(raised.value)


def test_missing_opening_fence(tree):
    path = tree / "en" / "first-steps.md"
    path.write_text(path.read_text().replace("+++\n", "", 1))
    with pytest.raises(ContentError, match="must start with a line"):
        load(tree)


def test_missing_closing_fence(tree):
    path = tree / "en" / "first-steps.md"
    text = path.read_text()
    path.write_text("+++" + text[3:].replace("+++", "", 1))
    with pytest.raises(ContentError, match="no closing"):
        load(tree)


def test_empty_body(tree):
    path = tree / "en" / "write-it-down.md"
    text = path.read_text()
    path.write_text(text[: text.rindex("+++") + 3] + "\n\n")
    with pytest.raises(
        ContentError, match=re.escape("write-it-down.md: the text after the front matter")
    ):
        load(tree)


def test_unknown_guided_exercise(tree):
    edit(tree / "en" / "together-time.md", '"breathing-pause"', '"juggling"')
    with pytest.raises(
        ContentError, match=re.escape("guided 'juggling' is not a key of exercises.toml")
    ):
        load(tree)


def test_module_missing_in_one_language(tree):
    (tree / "nl" / "write-it-down.md").unlink()
    with pytest.raises(
        ContentError, match=r"nl: modules missing in this language: \['write-it-down'\]"
    ):
        load(tree)


def test_module_only_in_the_second_language(tree):
    (tree / "en" / "write-it-down.md").unlink()
    with pytest.raises(ContentError, match=r"en: modules missing .*write-it-down"):
        load(tree)


def test_languages_must_agree_on_the_path(tree):
    edit(tree / "nl" / "together-time.md", "solo = false", "solo = true")
    with pytest.raises(ContentError, match=re.escape("nl/together-time.md: `solo` differs")):
        load(tree)


def test_two_modules_in_one_place(tree):
    for language in ("en", "nl"):
        edit(tree / language / "write-it-down.md", "order = 2", "order = 1")
    with pytest.raises(
        ContentError, match="first-steps and write-it-down both have part 1, order 1"
    ):
        load(tree)


def test_missing_language_folder(tree):
    shutil.rmtree(tree / "nl")
    with pytest.raises(ContentError, match="no folder for language 'nl'"):
        load(tree)
