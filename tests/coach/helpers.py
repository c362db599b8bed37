"""Small helpers shared by the coach tests."""

from __future__ import annotations

from haven.coach import analyze


def codes(text: str, lang: str | None = None) -> set[str]:
    return set(analyze(text, lang).codes)


def check(text: str, lang: str, present: str, absent: str = "") -> None:
    """Assert that every code in `present` is found and none in `absent` is.

    Codes are given space-separated; "-" as `present` means "no codes at all".
    """
    found = codes(text, lang)
    if present == "-":
        assert found == set(), f"{text!r}: expected no codes, got {sorted(found)}"
        return
    wanted = set(present.split())
    unwanted = set(absent.split())
    assert wanted <= found, f"{text!r}: missing {sorted(wanted - found)} (got {sorted(found)})"
    assert not unwanted & found, f"{text!r}: should not have {sorted(unwanted & found)}"
