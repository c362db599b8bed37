"""The learning path's tests run on small fixture files (fixtures/), so they prove
the code whatever state the real content is in; test_real_content.py checks that."""

from __future__ import annotations

from pathlib import Path

import pytest

from haven.learn import content, guided, scripts

FIXTURES = Path(__file__).with_name("fixtures")


def fixture_library() -> content.Library:
    exercises = guided.load(FIXTURES / "exercises.toml")
    return content.load(FIXTURES / "content", guided_keys=exercises["en"].keys())


@pytest.fixture
def fixture_content(monkeypatch):
    library = fixture_library()
    exercises = guided.load(FIXTURES / "exercises.toml")
    found_scripts = scripts.load(FIXTURES / "scripts.toml")
    monkeypatch.setattr(content, "library", lambda: library)
    monkeypatch.setattr(guided, "_all", lambda: exercises)
    monkeypatch.setattr(scripts, "_all", lambda: found_scripts)
    content.html.cache_clear()
    yield library
    content.html.cache_clear()
