"""Command-line front ends for the coach: `haven coach` and `haven coach-eval`.

Pure argparse; the Django management commands in haven/coach/management are
thin wrappers around these functions. Also runnable without Django:

    python -m haven.coach.cli coach --json "You never listen"
    python -m haven.coach.cli coach --json - < messages.txt
    python -m haven.coach.cli eval --split dev

Exit codes: 0 when every message was analysed, 1 when a message was refused
(empty, NUL byte, over the limit, not UTF-8), 2 for a usage error.
In stdin mode every input line gets exactly one output line, in order; a
refused line gets {"error": ..., "line": n} and the run carries on.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Iterable
from typing import IO, Any

from haven.coach.engine import analyze
from haven.coach.model import LANGUAGES, MAX_CHARS, Analysis

COACH_HELP = "Analyse a message with the communication coach."
EVAL_HELP = "Score the coach against the labelled corpus (tone, per-code P/R/F1, confusions)."


def check_text(text: str) -> str | None:
    """Why a message cannot be analysed, or None when it can."""
    if "\x00" in text:
        return "the message contains a NUL byte (\\x00); send plain text"
    if any("\ud800" <= ch <= "\udfff" for ch in text):
        return "the message is not valid UTF-8 text"
    if len(text) > MAX_CHARS:
        return f"the message is {len(text)} characters long; the coach reads at most {MAX_CHARS}"
    if not text.strip():
        return "the message is empty"
    return None


def add_coach_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang", choices=LANGUAGES, help="language of the message (default: detect)"
    )
    parser.add_argument("--json", action="store_true", help="print to_dict() as JSON")
    parser.add_argument(
        "text",
        nargs="*",
        help='the message; "-" reads one message per line from standard input',
    )


def add_eval_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--split", choices=("dev", "test"), default="test")
    parser.add_argument("--lang", choices=LANGUAGES, help="one language (default: all)")
    parser.add_argument("--json", action="store_true", help="print the full report as JSON")
    parser.add_argument(
        "--mistakes",
        action="store_true",
        help="also list disagreements (dev split only, so the test split stays unseen)",
    )


def format_analysis(analysis: Analysis) -> str:
    """A readable report of one analysis."""
    lines = [f"language: {analysis.language}   tone: {analysis.tone}"]
    if analysis.safety and analysis.safety_kind:
        from haven.coach.safety import safety_note

        note = safety_note(analysis.safety_kind, analysis.language)
        lines.append(f"SAFETY ({analysis.safety_kind}): {note['title']}. {note['why']}")
        for signal in analysis.safety_signals:
            lines.append(f"  {signal.kind:<15} {signal.evidence!r} [{signal.start}:{signal.end}]")
    if not analysis.findings:
        lines.append("No codes found.")
    for finding in analysis.findings:
        lines.append(f"  {finding.code:<15} {finding.evidence!r} [{finding.start}:{finding.end}]")
        lines.append(f"  {'':<15} {finding.explanation}")
    if analysis.suggestion:
        lines += ["suggestion:", f"  {analysis.suggestion}"]
    return "\n".join(lines)


def _dump(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False)


def _analyse_stream(lines: Iterable[str], lang: str | None, as_json: bool, stdout: IO[str]) -> int:
    status = 0
    for number, raw in enumerate(lines, start=1):
        text = raw[:-1] if raw.endswith("\n") else raw
        text = text[:-1] if text.endswith("\r") else text
        problem = check_text(text)
        if problem:
            status = 1
            if as_json:
                stdout.write(_dump({"error": problem, "line": number}) + "\n")
            else:
                stdout.write(f"line {number}: error: {problem}\n\n")
            continue
        analysis = analyze(text, lang)
        if as_json:
            stdout.write(_dump(analysis.to_dict()) + "\n")
        else:
            stdout.write(f"line {number}: {format_analysis(analysis)}\n\n")
    return status


def run_coach(
    words: list[str],
    *,
    lang: str | None = None,
    as_json: bool = False,
    stdin: IO[str] | None = None,
    stdout: IO[str] | None = None,
    stderr: IO[str] | None = None,
) -> int:
    """The `haven coach` command once its options are parsed; returns the exit code."""
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    if words == ["-"]:
        return _analyse_stream(stdin if stdin is not None else sys.stdin, lang, as_json, stdout)
    if not words:
        stderr.write('coach: error: give a message, or "-" to read messages from stdin\n')
        return 2
    text = " ".join(words)
    problem = check_text(text)
    if problem:
        if as_json:
            stdout.write(_dump({"error": problem}) + "\n")
        stderr.write(f"coach: error: {problem}\n")
        return 1
    analysis = analyze(text, lang)
    stdout.write((_dump(analysis.to_dict()) if as_json else format_analysis(analysis)) + "\n")
    return 0


def run_eval(
    *,
    split: str = "test",
    lang: str | None = None,
    as_json: bool = False,
    mistakes: bool = False,
    stdout: IO[str] | None = None,
    stderr: IO[str] | None = None,
) -> int:
    """The `haven coach-eval` command once its options are parsed; returns the exit code."""
    from haven.coach import evaluate

    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    if mistakes and split != "dev":
        stderr.write("coach-eval: error: --mistakes is only for the dev split\n")
        return 2
    languages = [lang] if lang else list(LANGUAGES)
    try:
        report = evaluate.evaluate(split, languages)
    except evaluate.CorpusError as error:
        stderr.write(f"coach-eval: error: {error}\n")
        return 1
    from haven.coach import safety_eval

    try:
        report["safety"] = safety_eval.evaluate_safety(split, languages)
    except safety_eval.SafetyCorpusError as error:
        stderr.write(f"coach-eval: error: {error}\n")
        return 1
    if mistakes:
        report["mistakes"] = {
            language: evaluate.mistakes(evaluate.run_items(evaluate.load_corpus(language, split)))
            for language in languages
        }
    if as_json:
        stdout.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
        return 0
    stdout.write(evaluate.format_report(report) + "\n\n")
    stdout.write(safety_eval.format_safety_report(report["safety"]) + "\n")
    for language, wrong in report.get("mistakes", {}).items():
        stdout.write(f"\n== {language} mistakes ({len(wrong)})\n")
        for item in wrong:
            stdout.write(
                f"{item['id']}: missing {item['missing']} extra {item['extra']}: {item['text']}\n"
            )
    return 0


def _parse(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.Namespace | int:
    """Parsed options, or the exit code argparse chose (for --help or bad usage)."""
    try:
        return parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)


def coach_main(
    argv: list[str],
    stdin: IO[str] | None = None,
    stdout: IO[str] | None = None,
    stderr: IO[str] | None = None,
) -> int:
    parser = argparse.ArgumentParser(prog="haven coach", description=COACH_HELP)
    add_coach_arguments(parser)
    options = _parse(parser, argv)
    if isinstance(options, int):
        return options
    return run_coach(
        options.text,
        lang=options.lang,
        as_json=options.json,
        stdin=stdin,
        stdout=stdout,
        stderr=stderr,
    )


def eval_main(argv: list[str], stdout: IO[str] | None = None, stderr: IO[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="haven coach-eval", description=EVAL_HELP)
    add_eval_arguments(parser)
    options = _parse(parser, argv)
    if isinstance(options, int):
        return options
    return run_eval(
        split=options.split,
        lang=options.lang,
        as_json=options.json,
        mistakes=options.mistakes,
        stdout=stdout,
        stderr=stderr,
    )


def utf8_stdin() -> IO[str]:
    """Standard input decoded as UTF-8, keeping undecodable bytes so they can be refused."""
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is None:
        return sys.stdin
    return io.TextIOWrapper(buffer, encoding="utf-8", errors="surrogateescape", newline="")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in ("coach", "eval"):
        sys.stderr.write("usage: python -m haven.coach.cli {coach,eval} [options]\n")
        return 2
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
    if argv[0] == "coach":
        return coach_main(argv[1:], stdin=utf8_stdin())
    return eval_main(argv[1:])


if __name__ == "__main__":
    sys.exit(main())
