"""Haven's communication coach: an offline, explainable analysis of one message.

    >>> from haven.coach import analyze
    >>> analyze("You never listen to me.").codes
    ['criticism', 'generalization']

Pure Python and no Django: importing this package reads no data; each
language's rules pack is compiled on its first use.
"""

from haven.coach.engine import analyze
from haven.coach.model import (
    CODES,
    LANGUAGES,
    MAX_CHARS,
    PROTECTIVE_CODES,
    VULNERABLE_CODES,
    Analysis,
    Finding,
    TextTooLong,
)
from haven.coach.underneath import underneath

__all__ = [
    "CODES",
    "LANGUAGES",
    "MAX_CHARS",
    "PROTECTIVE_CODES",
    "VULNERABLE_CODES",
    "Analysis",
    "Finding",
    "TextTooLong",
    "analyze",
    "underneath",
]
