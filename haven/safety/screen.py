"""The safety check's questions and result texts, from data/screen.toml."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

PATH = Path(__file__).with_name("data") / "screen.toml"
LANGUAGES = ("en", "nl")
ANSWERS = ("no", "sometimes", "yes", "skip")
# Any of these answers to any question points to danger, fear or control.
DANGER_ANSWERS = frozenset({"sometimes", "yes"})


class ScreenFileError(ValueError):
    pass


@dataclass(frozen=True)
class Question:
    id: str
    text: str


@dataclass(frozen=True)
class Screen:
    version: int
    title: str
    intro: str
    alone: str
    questions: tuple[Question, ...]
    answers: tuple[tuple[str, str], ...]


def _lang(language: str) -> str:
    return language if language in LANGUAGES else "en"


@cache
def _data() -> dict:
    with PATH.open("rb") as handle:
        data = tomllib.load(handle)
    validate(data)
    return data


def validate(data: dict) -> None:
    questions = data.get("questions") or []
    if not questions:
        raise ScreenFileError(f"{PATH.name}: no questions")
    ids = [q.get("id") for q in questions]
    if len(set(ids)) != len(ids) or not all(ids):
        raise ScreenFileError(f"{PATH.name}: question ids must be present and unique")
    for question in questions:
        for lang in LANGUAGES:
            if not question.get(lang):
                raise ScreenFileError(f"{PATH.name}: question {question['id']} has no {lang} text")
    for answer in ANSWERS:
        if set(data["answers"].get(answer, {})) != set(LANGUAGES):
            raise ScreenFileError(f"{PATH.name}: answer {answer!r} needs en and nl")
    for kind in ("danger", "clear", "unanswered"):
        if kind not in data["result"]:
            raise ScreenFileError(f"{PATH.name}: result text {kind!r} is missing")


def screen(language: str) -> Screen:
    data, lang = _data(), _lang(language)
    return Screen(
        version=int(data["version"]),
        title=data["intro"]["title"][lang],
        intro=data["intro"]["body"][lang],
        alone=data["intro"]["alone"][lang],
        questions=tuple(Question(id=q["id"], text=q[lang]) for q in data["questions"]),
        answers=tuple((key, data["answers"][key][lang]) for key in ANSWERS),
    )


def result_text(result: str, language: str) -> dict[str, str]:
    block = _data()["result"][result]
    lang = _lang(language)
    return {"title": block["title"][lang], "body": block["body"][lang]}


def device_advice(language: str) -> dict:
    block = _data()["device"]
    lang = _lang(language)
    return {"title": block["title"][lang], "points": list(block["points"][lang])}


def individual_text(language: str) -> dict[str, str]:
    block = _data()["individual"]
    lang = _lang(language)
    return {"title": block["title"][lang], "body": block["body"][lang]}


def question_ids() -> list[str]:
    return [q["id"] for q in _data()["questions"]]
