"""The learning path's modules: Markdown files with TOML front matter, in every language.

Files live in content/<language>/<slug>.md (format: docs in the brief, and the
checks below). Everything is validated when first loaded, with an error that
names the file and the problem; then it is kept for the life of the process.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from haven.learn import guided, render, tools
from haven.learn.loading import LANGUAGES, ContentError, language_of

ROOT = Path(__file__).with_name("content")
FENCE = "+++"
PARTS = (1, 2, 3)
KINDS = ("tool", "reflection", "guided")
FIELDS = {
    "slug": str,
    "part": int,
    "order": int,
    "title": str,
    "summary": str,
    "minutes": int,
    "professional_help_first": bool,
    "solo": bool,
    "exercise": dict,
}
EXERCISE_FIELDS = {"kind": str, "tool": str, "guided": str, "title": str, "prompt": str}
# What must be the same in every language: the path is one path.
SHARED = ("part", "order", "minutes", "professional_help_first", "solo")


@dataclass(frozen=True)
class Exercise:
    kind: str
    tool: str
    guided: str
    title: str
    prompt: str


@dataclass(frozen=True)
class Module:
    slug: str
    language: str
    part: int
    order: int
    title: str
    summary: str
    minutes: int
    professional_help_first: bool
    solo: bool
    exercise: Exercise
    body: str  # Markdown
    links: tuple[str, ...]  # keys of the haven: links in the body

    @property
    def position(self) -> tuple[int, int]:
        return (self.part, self.order)


@dataclass(frozen=True)
class Library:
    modules: dict[str, dict[str, Module]]  # language -> slug -> module, in path order

    def path(self, language: str) -> list[Module]:
        return list(self.modules[language_of(language)].values())

    def get(self, slug: str, language: str) -> Module | None:
        return self.modules[language_of(language)].get(slug)


# --- one file -------------------------------------------------------------------


def split(text: str, where: str) -> tuple[dict[str, Any], str]:
    """(front matter, Markdown body) of a module file."""
    lines = text.replace("\r\n", "\n").split("\n")
    if not lines or lines[0].strip() != FENCE:
        raise ContentError(f"{where}: must start with a line '{FENCE}' (the front matter)")
    try:
        end = next(i for i, line in enumerate(lines[1:], start=1) if line.strip() == FENCE)
    except StopIteration:
        raise ContentError(f"{where}: the front matter has no closing '{FENCE}' line") from None
    try:
        front = tomllib.loads("\n".join(lines[1:end]))
    except tomllib.TOMLDecodeError as problem:
        raise ContentError(f"{where}: the front matter is not valid TOML: {problem}") from None
    return front, "\n".join(lines[end + 1 :]).strip() + "\n"


def _typed(table: dict[str, Any], fields: dict[str, type], where: str) -> None:
    missing = [name for name in fields if name not in table]
    if missing:
        raise ContentError(f"{where}: missing {', '.join(missing)}")
    unknown = sorted(set(table) - set(fields))
    if unknown:
        raise ContentError(f"{where}: unknown fields {', '.join(unknown)}")
    for name, kind in fields.items():
        value = table[name]
        # bool is an int in Python; a count must not be "true".
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise ContentError(f"{where}: `{name}` must be {kind.__name__}, not {value!r}")
        if kind is str and name not in ("tool", "guided") and not value.strip():
            raise ContentError(f"{where}: `{name}` is empty")


def _exercise(raw: dict[str, Any], where: str, tool_keys, guided_keys) -> Exercise:
    where = f"{where} [exercise]"
    _typed(raw, EXERCISE_FIELDS, where)
    kind = raw["kind"]
    if kind not in KINDS:
        raise ContentError(f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}")
    if kind == "tool" and raw["tool"] not in tool_keys:
        raise ContentError(f"{where}: tool {raw['tool']!r} is not a key of tools.toml")
    if kind == "guided" and raw["guided"] not in guided_keys:
        raise ContentError(f"{where}: guided {raw['guided']!r} is not a key of exercises.toml")
    return Exercise(**{name: raw[name].strip() for name in EXERCISE_FIELDS})


def parse(path: Path, language: str, tool_keys: Iterable[str], guided_keys: Iterable[str]):
    """One module from its file, or ContentError naming the file and the problem."""
    where = f"{language}/{path.name}"
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ContentError(f"{where}: not UTF-8 text") from None
    front, body = split(text, where)
    _typed(front, FIELDS, where)
    if front["slug"] != path.stem:
        raise ContentError(f"{where}: slug {front['slug']!r} must equal the file name")
    if front["part"] not in PARTS:
        raise ContentError(f"{where}: part must be one of {PARTS}, not {front['part']}")
    for name in ("order", "minutes"):
        if front[name] < 1:
            raise ContentError(f"{where}: `{name}` must be 1 or more")
    if not body.strip():
        raise ContentError(f"{where}: the text after the front matter is empty")
    links = tuple(render.haven_keys(body))
    unknown = sorted(set(links) - set(tool_keys))
    if unknown:
        raise ContentError(f"{where}: links to unknown haven: keys {unknown}")
    exercise = _exercise(front["exercise"], where, set(tool_keys), set(guided_keys))
    fields = {name: front[name] for name in FIELDS if name != "exercise"}
    for name in ("title", "summary"):
        fields[name] = fields[name].strip()
    return Module(language=language, exercise=exercise, body=body, links=links, **fields)


# --- the whole path ---------------------------------------------------------------


def _check_languages(found: dict[str, dict[str, Module]]) -> None:
    first, *others = LANGUAGES
    for language in others:
        missing = sorted(found[first].keys() - found[language].keys())
        if missing:
            raise ContentError(f"{language}: modules missing in this language: {missing}")
        extra = sorted(found[language].keys() - found[first].keys())
        if extra:
            raise ContentError(f"{first}: modules missing in this language: {extra}")
        for slug, module in found[language].items():
            original = found[first][slug]
            for name in SHARED:
                if getattr(module, name) != getattr(original, name):
                    raise ContentError(
                        f"{language}/{slug}.md: `{name}` differs from {first}/{slug}.md"
                    )
            for name in ("kind", "tool", "guided"):
                if getattr(module.exercise, name) != getattr(original.exercise, name):
                    raise ContentError(
                        f"{language}/{slug}.md: exercise `{name}` differs from {first}/{slug}.md"
                    )


def load(
    root: Path = ROOT,
    *,
    tool_keys: Iterable[str] | None = None,
    guided_keys: Iterable[str] | None = None,
) -> Library:
    """Every module in every language, checked, in path order (part, then order)."""
    tool_keys = set(tools.tools() if tool_keys is None else tool_keys)
    guided_keys = set(guided.keys() if guided_keys is None else guided_keys)
    found: dict[str, dict[str, Module]] = {}
    for language in LANGUAGES:
        folder = root / language
        if not folder.is_dir():
            raise ContentError(f"{folder}: no folder for language {language!r}")
        modules = [
            parse(path, language, tool_keys, guided_keys) for path in sorted(folder.glob("*.md"))
        ]
        if not modules:
            raise ContentError(f"{language}: no modules")
        seen: dict[tuple[int, int], str] = {}
        for module in modules:
            other = seen.setdefault(module.position, module.slug)
            if other != module.slug:
                raise ContentError(
                    f"{language}: {other} and {module.slug} both have part {module.part}, "
                    f"order {module.order}"
                )
        found[language] = {m.slug: m for m in sorted(modules, key=lambda m: m.position)}
    _check_languages(found)
    return Library(found)


@cache
def library() -> Library:
    return load()


def path(language: str) -> list[Module]:
    return library().path(language)


def get(slug: str, language: str) -> Module | None:
    return library().get(slug, language)


def _resolve(key: str) -> str | None:
    tool = tools.get(key)
    return tool.url() if tool is not None else None


@lru_cache(maxsize=128)
def html(slug: str, language: str) -> str:
    """The module's text as HTML (links into Haven resolved; pending ones as plain text)."""
    module = get(slug, language)
    if module is None:
        raise KeyError(slug)
    return render.to_html(module.body, _resolve)
