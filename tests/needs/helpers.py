from __future__ import annotations

from haven.needs import services
from haven.needs.models import Acknowledgement, Need
from haven.safety.models import Result, SafetyCheck


def shared_need(author, key: str = "understood", sentence: str = "") -> Need:
    need = services.add_needs(author=author, keys=[key])[0]
    if sentence:
        need.sentence = sentence
        need.save()
    services.set_visibility(item=need, shared=True)
    return need


def sent_answer(author, need: Need, text: str = "I hear you.") -> Acknowledgement:
    answer = services.create_acknowledgement(author=author, need=need, text=text)
    services.set_visibility(item=answer, shared=True)
    return answer


def put_on_individual_path(user) -> None:
    SafetyCheck.objects.create(author=user, answers={"afraid": "yes"}, result=Result.DANGER)
