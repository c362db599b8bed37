"""`haven coach` and `haven coach-eval` as plain argparse functions (haven.coach.cli)."""

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from haven.coach import MAX_CHARS, analyze
from haven.coach.cli import coach_main, eval_main

ROOT = Path(__file__).resolve().parents[2]


def run(argv, stdin_text=""):
    stdout, stderr = io.StringIO(), io.StringIO()
    code = coach_main(argv, stdin=io.StringIO(stdin_text), stdout=stdout, stderr=stderr)
    return code, stdout.getvalue(), stderr.getvalue()


def test_single_message_readable_report():
    code, out, _ = run(["You never listen to me."])
    assert code == 0
    assert "tone: protective" in out and "criticism" in out and "suggestion:" in out


def test_words_without_quotes_are_joined_into_one_message():
    _code, out, _ = run(["--json", "You", "never", "listen"])
    assert json.loads(out)["findings"][0]["evidence"] == "You never listen"


def test_single_message_json_is_to_dict():
    code, out, _ = run(["--json", "--lang", "nl", "Je luistert nooit."])
    assert code == 0
    assert json.loads(out) == analyze("Je luistert nooit.", "nl").to_dict()


def test_safety_case_is_spelled_out_in_the_readable_report():
    code, out, _ = run(["If you leave me I'll kill myself."])
    assert code == 0 and "SAFETY" in out and "suggestion:" not in out


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("   \t ", "empty"),
        ("hi\x00there", "NUL byte"),
        ("x" * (MAX_CHARS + 1), f"at most {MAX_CHARS}"),
        ("bad \udcff byte", "not valid UTF-8"),
    ],
)
def test_bad_single_message_gets_a_clear_error_and_exit_1(text, message):
    code, out, err = run(["--json", text])
    assert code == 1
    assert message in json.loads(out)["error"]
    assert message in err


@pytest.mark.parametrize("text", ["🙄🙄🙄", "❤️", "مرحبا، كيف حالك؟", "שלום, מה שלומך"])
def test_emoji_only_and_right_to_left_text_are_analysed(text):
    code, out, _ = run(["--json", text])
    assert code == 0
    assert json.loads(out)["language"] in ("en", "nl")


def test_no_message_is_a_usage_error():
    code, _, err = run([])
    assert code == 2 and "give a message" in err


def test_unknown_language_option_is_a_usage_error():
    code, _, _ = run(["--lang", "de", "hallo"])
    assert code == 2


def test_stdin_mode_writes_one_json_line_per_input_line_in_order():
    samples = [
        "You never listen to me.",
        "Ik mis je.",
        "Can you grab milk?",
        "Fine. Whatever you want.",
        "Door jou zijn we te laat 🙄",
    ]
    lines = [samples[i % len(samples)] for i in range(3000)]
    code, out, _ = run(["--json", "-"], "\n".join(lines) + "\n")
    assert code == 0
    rows = out.splitlines()
    assert len(rows) == 3000
    expected = [json.dumps(analyze(s).to_dict(), ensure_ascii=False) for s in samples]
    for index, row in enumerate(rows):
        assert row == expected[index % len(samples)]


def test_stdin_mode_keeps_order_around_bad_lines_and_exits_1():
    lines = ["You never help", "", "a\x00b", "x" * (MAX_CHARS + 1), "🙄", "Ik mis je"]
    code, out, _ = run(["--json", "-"], "\r\n".join(lines))
    rows = [json.loads(row) for row in out.splitlines()]
    assert code == 1
    assert len(rows) == len(lines)
    assert rows[0]["codes"] == ["criticism", "generalization"]
    assert rows[1] == {"error": "the message is empty", "line": 2}
    assert "NUL" in rows[2]["error"] and rows[2]["line"] == 3
    assert str(MAX_CHARS) in rows[3]["error"]
    assert rows[4]["codes"] == ["contempt"]
    assert rows[5]["language"] == "nl"


def test_stdin_mode_without_json_prints_readable_blocks():
    code, out, _ = run(["-"], "You never listen\nIk mis je\n")
    assert code == 0
    assert "line 1:" in out and "line 2:" in out


def test_module_entry_point_reads_raw_bytes_from_stdin():
    data = b"You never help\n\xff\xfe broken\nJe bent zo lief\n"
    completed = subprocess.run(
        [sys.executable, "-m", "haven.coach.cli", "coach", "--json", "-"],
        input=data,
        capture_output=True,
        cwd=ROOT,
        check=False,
    )
    rows = [json.loads(row) for row in completed.stdout.decode("utf-8").splitlines()]
    assert completed.returncode == 1
    assert rows[0]["tone"] == "protective"
    assert rows[1] == {"error": "the message is not valid UTF-8 text", "line": 2}
    assert rows[2]["codes"] == ["appreciation"]


def test_eval_prints_figures_per_language_and_overall():
    stdout, stderr = io.StringIO(), io.StringIO()
    code = eval_main(["--split", "dev"], stdout=stdout, stderr=stderr)
    text = stdout.getvalue()
    assert code == 0
    for part in ("== en", "== nl", "== overall", "tone accuracy", "micro P/R/F1", "criticism"):
        assert part in text


def test_eval_json_report_has_per_code_scores_and_confusions():
    stdout = io.StringIO()
    assert eval_main(["--split", "dev", "--lang", "nl", "--json"], stdout=stdout) == 0
    report = json.loads(stdout.getvalue())
    assert set(report["languages"]) == {"nl"}
    figures = report["overall"]
    assert 0 <= figures["tone_accuracy"] <= 1
    assert set(figures["codes"]["blame"]) >= {"precision", "recall", "f1", "support"}
    assert "confused_pairs" in figures and "protective_matrix" in figures


def test_eval_refuses_to_list_test_split_mistakes():
    stderr = io.StringIO()
    assert eval_main(["--split", "test", "--mistakes"], stdout=io.StringIO(), stderr=stderr) == 2
    assert "dev split" in stderr.getvalue()
