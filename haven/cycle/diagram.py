"""The couple's cycle as a loop, drawn on the server as SVG.

Layout, top to bottom (portrait, so it stays readable on a phone): the
reader's protective moves in a box on the loop, the two feelings underneath
inside the loop, the partner's moves in a box at the bottom of the loop.
Arrows run clockwise: my moves lead to yours (right), yours lead back to mine
(left). The SVG scales by its viewBox; it carries role="img", a <title> and a
<desc>, and `Diagram.rows` is the same content as a list for the page to show
beside it (never only in the picture). Every piece of text is escaped here.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import override

from haven.cycle import narrative, vocabulary
from haven.cycle.narrative import SideWords

WIDTH = 360
CX = WIDTH / 2
RX = 165
BOX_X, BOX_W = 30, 300
LINE = 17  # line height for 13px text
BOX_CHARS = 40  # characters per line that fit a box at 13px
INNER_CHARS = 30
LONGING_LINES = 3
GAP = 14


@dataclass(frozen=True)
class Row:
    heading: str
    items: tuple[str, ...]


@dataclass
class Diagram:
    svg: SafeString
    title: str
    description: str
    rows: list[Row] = field(default_factory=list)


def _wrap(text: str, width: int, limit: int | None = None) -> list[str]:
    lines = textwrap.wrap(text, width=width, break_long_words=True) or [""]
    if limit is not None and len(lines) > limit:
        lines = lines[:limit]
        lines[-1] = lines[-1][: max(0, width - 1)].rstrip() + "\u2026"
    return lines


def _text_block(lines: Sequence[tuple[str, str]], x: float, y: float, anchor: str) -> str:
    """(css class, text) lines from baseline y downwards."""
    spans = []
    for number, (css, line) in enumerate(lines):
        weight = ' font-weight="600"' if css == "cycle-head" else ""
        spans.append(
            f'<text class="{css}" x="{x:.1f}" y="{y + number * LINE:.1f}" '
            f'text-anchor="{anchor}" font-size="13"{weight}>{escape(line)}</text>'
        )
    return "".join(spans)


def _box_lines(heading: str, labels: Sequence[str]) -> list[tuple[str, str]]:
    lines = [("cycle-head", heading)]
    for label in labels or [_("nothing named yet")]:
        for number, part in enumerate(_wrap(label, BOX_CHARS - 2)):
            lines.append(("cycle-item", ("\u2022 " if number == 0 else "  ") + part))
    return lines


def _feeling_labels(side: SideWords, lang: str) -> tuple[str, ...]:
    return tuple(t.label for k in side.feelings if (t := vocabulary.feeling(k, lang)) is not None)


def _longing(side: SideWords) -> tuple[str, ...]:
    return (side.longing.strip(),) if side.longing.strip() else ()


def _inner_lines(heading: str, side: SideWords, lang: str, whose: str) -> list[tuple[str, str]]:
    feelings = _feeling_labels(side, lang)
    lines = [("cycle-head", heading)]
    text = narrative.join(feelings, lang) if feelings else _("nothing named yet")
    lines += [("cycle-item", part) for part in _wrap(text, INNER_CHARS)]
    if side.longing.strip():
        lines.append(
            ("cycle-head", _("I long to hear") if whose == "my" else _("You long to hear"))
        )
        quoted = f"\u201c{side.longing.strip()}\u201d"
        lines += [("cycle-quote", p) for p in _wrap(quoted, INNER_CHARS, LONGING_LINES)]
    return lines


def _box(lines: Sequence[tuple[str, str]], top: float, css: str) -> str:
    height = len(lines) * LINE + GAP
    return (
        f'<g class="{css}"><rect x="{BOX_X}" y="{top:.1f}" width="{BOX_W}" height="{height:.1f}" '
        f'rx="10" fill="#ffffff" stroke="#3d6b5e" stroke-width="2"/>'
        f"{_text_block(lines, CX, top + GAP + 4, 'middle')}</g>"
    )


def _arc(cy: float, ry: float, start: float, end: float) -> str:
    def point(degrees: float) -> tuple[float, float]:
        radians = math.radians(degrees)
        return CX + RX * math.cos(radians), cy + ry * math.sin(radians)

    (x1, y1), (x2, y2) = point(start), point(end)
    return (
        f'<path class="cycle-arrow" '
        f'd="M {x1:.1f} {y1:.1f} A {RX} {ry:.1f} 0 0 1 {x2:.1f} {y2:.1f}" '
        f'fill="none" stroke="#3d6b5e" stroke-width="3" marker-end="url(#cycle-arrowhead)"/>'
    )


def draw(mine: SideWords, theirs: SideWords, lang: str) -> Diagram:
    """The loop of both sides, from the reader's side ("I" at the top)."""
    with override(vocabulary.language_of(lang)):
        return _draw(mine, theirs, vocabulary.language_of(lang))


def _draw(mine: SideWords, theirs: SideWords, lang: str) -> Diagram:
    my_moves = [m.label for m in narrative.loop_moves(mine.moves, lang)]
    your_moves = [m.label for m in narrative.loop_moves(theirs.moves, lang)]
    top_lines = _box_lines(_("What I do"), my_moves)
    bottom_lines = _box_lines(_("What you do"), your_moves)
    my_inner = _inner_lines(_("Underneath, I feel"), mine, lang, "my")
    your_inner = _inner_lines(_("Underneath, you feel"), theirs, lang, "your")

    top_h = len(top_lines) * LINE + GAP
    bottom_h = len(bottom_lines) * LINE + GAP
    inner_h = (len(my_inner) + len(your_inner)) * LINE + 3 * GAP
    ry = (top_h / 2 + bottom_h / 2 + inner_h + 2 * GAP) / 2
    cy = GAP + top_h / 2 + ry
    height = cy + ry + bottom_h / 2 + GAP

    inner_top = cy - ry + top_h / 2 + GAP + LINE
    my_block = _text_block(my_inner, CX, inner_top, "middle")
    divider_y = inner_top + len(my_inner) * LINE
    your_block = _text_block(your_inner, CX, divider_y + GAP + LINE - 4, "middle")

    title = _("Our cycle")
    description = " ".join(narrative.build(mine, theirs, lang)[:3])
    svg = (
        f'<svg class="cycle-svg" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {WIDTH} {height:.0f}" role="img" '
        f'aria-labelledby="cycle-diagram-title cycle-diagram-desc" '
        f'preserveAspectRatio="xMidYMin meet">'
        f'<title id="cycle-diagram-title">{escape(title)}</title>'
        f'<desc id="cycle-diagram-desc">{escape(description)}</desc>'
        '<defs><marker id="cycle-arrowhead" viewBox="0 0 10 10" refX="8" refY="5" '
        'markerWidth="6" markerHeight="6" orient="auto-start-reverse">'
        '<path d="M 0 0 L 10 5 L 0 10 z" fill="#3d6b5e"/></marker></defs>'
        f'<ellipse class="cycle-loop" cx="{CX}" cy="{cy:.1f}" rx="{RX}" ry="{ry:.1f}" '
        'fill="#eef5f2" stroke="#9bb8ae" stroke-width="1.5"/>'
        f"{_arc(cy, ry, -40, 40)}{_arc(cy, ry, 140, 220)}"
        f'<line class="cycle-divider" x1="{CX - 100}" y1="{divider_y:.1f}" x2="{CX + 100}" '
        f'y2="{divider_y:.1f}" stroke="#9bb8ae" stroke-dasharray="4 4"/>'
        f'<g class="cycle-underneath cycle-mine">{my_block}</g>'
        f'<g class="cycle-underneath cycle-yours">{your_block}</g>'
        f"{_box(top_lines, GAP, 'cycle-surface cycle-mine')}"
        f"{_box(bottom_lines, height - GAP - bottom_h, 'cycle-surface cycle-yours')}"
        "</svg>"
    )
    rows = [
        Row(_("What I do"), tuple(my_moves)),
        Row(_("Underneath, I feel"), _feeling_labels(mine, lang)),
        Row(_("I long to hear"), _longing(mine)),
        Row(_("What you do"), tuple(your_moves)),
        Row(_("Underneath, you feel"), _feeling_labels(theirs, lang)),
        Row(_("You long to hear"), _longing(theirs)),
    ]
    rows = [row for row in rows if row.items]
    # Every piece of text in `svg` went through escape() above.
    return Diagram(svg=mark_safe(svg), title=title, description=description, rows=rows)
