"""One way to make each kind of content, for the policy harness and canary tests."""

from __future__ import annotations

from collections.abc import Callable

from haven.journal.models import Reflection


def make_reflection(author, visibility: str, marker: str = "") -> Reflection:
    return Reflection.objects.create(
        author=author,
        title=f"A reflection {marker}".strip(),
        body=f"Something I noticed today. {marker}".strip(),
        visibility=visibility,
    )


# Content label -> factory(author, visibility, marker). The harness fails when a
# content model in the policy table has no factory here.
CONTENT_FACTORIES: dict[str, Callable] = {
    "journal.Reflection": make_reflection,
}
