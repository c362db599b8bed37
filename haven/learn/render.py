"""Markdown to HTML for the modules, with `haven:KEY` links turned into Haven's URLs.

CommonMark with raw HTML switched off: a module can never bring its own markup.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from markdown_it import MarkdownIt
from markdown_it.token import Token

SCHEME = "haven:"

_md = MarkdownIt("commonmark", {"html": False})


def _links(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        if token.type == "link_open":
            yield token
        if token.children:
            yield from _links(token.children)


def haven_keys(source: str) -> list[str]:
    """Every KEY of a `[text](haven:KEY)` link in the Markdown, in order."""
    keys = []
    for token in _links(_md.parse(source)):
        href = str(token.attrGet("href") or "")
        if href.startswith(SCHEME):
            keys.append(href[len(SCHEME) :])
    return keys


def _rewrite(children: list[Token], resolve: Callable[[str], str | None]) -> list[Token]:
    kept: list[Token] = []
    depth: list[bool] = []  # per open link: is it kept (False: shown as plain text)
    for token in children:
        if token.type == "link_open":
            href = str(token.attrGet("href") or "")
            if href.startswith(SCHEME):
                url = resolve(href[len(SCHEME) :])
                if url is None:
                    depth.append(False)
                    continue
                token.attrSet("href", url)
            else:
                # A link out of Haven tells the other site nothing about where it came from.
                token.attrSet("rel", "noopener noreferrer")
            depth.append(True)
        elif token.type == "link_close" and depth and not depth.pop():
            continue
        kept.append(token)
    return kept


def to_html(source: str, resolve: Callable[[str], str | None]) -> str:
    """HTML for `source`; `resolve(key)` gives a link's URL, or None to show plain text."""
    tokens = _md.parse(source)
    for token in tokens:
        if token.type == "inline" and token.children:
            token.children = _rewrite(token.children, resolve)
    return _md.renderer.render(tokens, _md.options, {})
