"""One way to make each kind of content, for the policy harness and canary tests."""

from __future__ import annotations

from collections.abc import Callable

from haven.journal.models import Reflection
from haven.safety.models import Result, SafetyCheck


def make_reflection(author, visibility: str, marker: str = "") -> Reflection:
    return Reflection.objects.create(
        author=author,
        title=f"A reflection {marker}".strip(),
        body=f"Something I noticed today. {marker}".strip(),
        visibility=visibility,
    )


def make_safety_check(author, visibility: str, marker: str = "") -> SafetyCheck:
    # Safety checks cannot be shared: the factory makes a private one whatever
    # visibility the caller asks for, and the harness checks that it stays so.
    return SafetyCheck.objects.create(
        author=author, answers={"note": marker, "afraid": "yes"}, result=Result.DANGER
    )


# Content label -> factory(author, visibility, marker). The harness fails when a
# content model in the policy table has no factory here.
CONTENT_FACTORIES: dict[str, Callable] = {
    "journal.Reflection": make_reflection,
    "safety.SafetyCheck": make_safety_check,
    # --- needs and felt sense (haven.needs) ---
    # --- attachment reflection, history, sensitive spots (haven.reflection) ---
}
