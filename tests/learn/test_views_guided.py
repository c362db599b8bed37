"""Guided exercises: one step at a time without JavaScript, with a timer when it runs."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.usefixtures("fixture_content")


def _step(client, step=None, **extra):
    url = reverse("learn:exercise", kwargs={"key": "breathing-pause"})
    query = {} if step is None else {"step": step}
    return client.get(url, {**query, **extra})


def test_list(client_a):
    page = client_a.get(reverse("learn:exercises")).content.decode()
    assert "A breathing pause" in page


def test_walk_through_every_step(client_a):
    intro = _step(client_a).content.decode()
    assert "Fixture intro." in intro and "?step=1" in intro
    first = _step(client_a, 1).content.decode()
    assert "Breathe in slowly." in first and "Step 1 of 3" in first
    assert 'data-seconds="20"' in first  # 60 seconds over three steps
    assert "haven/guided.js" in first
    closing = _step(client_a, 4).content.decode()
    assert "Fixture closing." in closing
    assert f'href="{reverse("learn:exercises")}"' in closing


def test_steps_past_the_end_show_the_closing(client_a):
    assert "Fixture closing." in _step(client_a, 99).content.decode()


@pytest.mark.parametrize("step", ["-1", "two", "1.5"])
def test_bad_step_is_404(client_a, step):
    assert _step(client_a, step).status_code == 404


def test_unknown_exercise_is_404(client_a):
    url = reverse("learn:exercise", kwargs={"key": "juggling"})
    assert client_a.get(url).status_code == 404


def test_opened_from_a_module_it_leads_back(client_a):
    page = _step(client_a, 1, module="together-time").content.decode()
    assert "&amp;module=together-time" in page
    closing = _step(client_a, 4, module="together-time").content.decode()
    assert f'href="{reverse("learn:module", kwargs={"slug": "together-time"})}"' in closing


def test_in_dutch(client_a):
    page = _step(client_a, 1).content.decode()
    client_a.post(reverse("language"), {"language": "nl"})
    page = _step(client_a, 1).content.decode()
    assert "Adem langzaam in." in page


def test_a_step_shows_its_own_timer(client_a, tmp_path, monkeypatch):
    """With `timers` in the data, each step's page and timer use that step's time."""
    from haven.learn import guided
    from tests.learn.conftest import FIXTURES

    path = tmp_path / "exercises.toml"
    text = (FIXTURES / "exercises.toml").read_text()
    path.write_text(text.replace("seconds = 60", "seconds = 60\ntimers = [5, 15, 40]"))
    exercises = guided.load(path)
    monkeypatch.setattr(guided, "_all", lambda: exercises)
    second = _step(client_a, 2).content.decode()
    assert 'data-seconds="15"' in second and 'max="15"' in second
    assert "about 15 seconds" in second  # the text for a page without JavaScript
    assert 'data-seconds="40"' in _step(client_a, 3).content.decode()
