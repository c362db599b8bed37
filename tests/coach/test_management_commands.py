"""The Django wrappers hand everything to haven.coach.cli."""

import io
import json

import pytest
from django.core.management import call_command


def test_coach_command_prints_json():
    out = io.StringIO()
    call_command("coach", "--json", "You never listen.", stdout=out)
    assert json.loads(out.getvalue())["tone"] == "protective"


def test_coach_command_reads_stdin_lines():
    out = io.StringIO()
    call_command(
        "coach", "--json", "-", stdin=io.StringIO("Ik mis je\nYou never help\n"), stdout=out
    )
    rows = [json.loads(row) for row in out.getvalue().splitlines()]
    assert [row["language"] for row in rows] == ["nl", "en"]


def test_coach_command_exits_1_on_bad_input():
    with pytest.raises(SystemExit) as exit_:
        call_command("coach", "--json", "   ", stdout=io.StringIO(), stderr=io.StringIO())
    assert exit_.value.code == 1


def test_coach_eval_command_prints_the_report():
    out = io.StringIO()
    call_command("coach_eval", "--split", "dev", "--lang", "en", stdout=out)
    assert "== en" in out.getvalue() and "micro P/R/F1" in out.getvalue()
