"""Recording a safety check. Nothing here ever involves the partner."""

from __future__ import annotations

from django.db import transaction

from haven.safety import screen
from haven.safety.models import Result, SafetyCheck


def assess(answers: dict[str, str]) -> str:
    given = [answers.get(qid, "skip") for qid in screen.question_ids()]
    if any(answer in screen.DANGER_ANSWERS for answer in given):
        return Result.DANGER
    if all(answer == "skip" for answer in given):
        return Result.UNANSWERED
    return Result.CLEAR


@transaction.atomic
def record_check(*, author, answers: dict[str, str]) -> SafetyCheck:
    known = {qid: answers.get(qid, "skip") for qid in screen.question_ids()}
    check = SafetyCheck.objects.create(author=author, answers=known, result=assess(known))
    # The cached answer of individual_path() for this request is now stale.
    if hasattr(author, "_haven_latest_safety_check"):
        del author._haven_latest_safety_check
    return check
