"""Business logic of the reflection part; views stay thin and call these."""

from haven.reflection.services.history import save_history_answer, save_history_section
from haven.reflection.services.questionnaire import (
    AnswerConflict,
    NotComplete,
    complete,
    save_answers,
    start,
)
from haven.reflection.services.sharing import set_visibility
from haven.reflection.services.spots import create_spot

__all__ = [
    "AnswerConflict",
    "NotComplete",
    "complete",
    "create_spot",
    "save_answers",
    "save_history_answer",
    "save_history_section",
    "set_visibility",
    "start",
]
