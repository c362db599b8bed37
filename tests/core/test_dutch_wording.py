"""Haven's Dutch names one partner as one person (#22 item 12): "je partner"
or "die", or the partner's name, never "hij of zij" / "zijn of haar"."""

from __future__ import annotations

import re
from pathlib import Path

import polib

HAVEN = Path(__file__).resolve().parents[2] / "haven"
CLUMSY = re.compile(
    r"\b(hij of zij|zij of hij|zijn of haar|haar of zijn|hem of haar|haar of hem)\b|je regel tekst",
    re.I,
)


def _dutch_texts():
    catalogue = polib.pofile(str(HAVEN / "locale" / "nl" / "LC_MESSAGES" / "django.po"))
    for entry in catalogue.translated_entries():
        for text in [entry.msgstr, *entry.msgstr_plural.values()]:
            yield f"django.po: {entry.msgid[:40]}", text
    for path in HAVEN.rglob("*.toml"):
        if "corpus" in path.parts or (
            path.parent.name == "safety" and path.parent.parent.name == "coach"
        ):
            continue  # messages people write, and the patterns that read them
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            yield f"{path.relative_to(HAVEN)}:{number}", line
    for path in (HAVEN / "learn" / "content" / "nl").glob("*.md"):
        yield str(path.relative_to(HAVEN)), path.read_text(encoding="utf-8")


def test_no_dutch_text_splits_the_partner_into_two():
    found = [where for where, text in _dutch_texts() if CLUMSY.search(text)]
    assert not found, found[:10]
