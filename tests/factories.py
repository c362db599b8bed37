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


# --- needs and felt sense (haven.needs) ---


def make_need(author, visibility: str, marker: str = ""):
    from haven.needs.models import Need

    return Need.objects.create(
        author=author,
        catalogue_key="understood",
        sentence=f"To feel close to you, I need to know you understand me. {marker}".strip(),
        visibility=visibility,
    )


def make_acknowledgement(author, visibility: str, marker: str = ""):
    """An answer by `author` to a need of their current partner (the person it
    is addressed to; the policy lets only them read it).

    A need the partner already has is reused, so that making A's answer does
    not change what B's own pages show (the canary test compares them)."""
    from haven.couples.selectors import current_partner
    from haven.needs.models import Acknowledgement, Need

    addressee = current_partner(author) or author
    answered = Acknowledgement.objects.filter(author=author).values("need_id")
    open_needs = sorted(
        Need.objects.filter(author=addressee).exclude(pk__in=answered),
        key=lambda need: not need.is_shared,
    )
    need = open_needs[0] if open_needs else None
    if need is None:
        need = Need.objects.create(author=addressee, catalogue_key="respond", visibility="shared")
    return Acknowledgement.objects.create(
        author=author, need=need, text=f"I hear you. {marker}".strip(), visibility=visibility
    )


def make_felt_sense_note(author, visibility: str, marker: str = ""):
    from haven.needs.models import FeltSenseNote

    return FeltSenseNote.objects.create(
        author=author,
        exercise="rupture",
        sensations=["tight_chest"],
        emotions=["lonely"],
        note=f"My jaw clenched. {marker}".strip(),
        visibility=visibility,
    )


# --- attachment reflection, history, sensitive spots (haven.reflection) ---


def make_instrument_response(author, visibility: str, marker: str = ""):
    """A completed "How I attach" about the partner (answers all 4: means 4.0), with a note."""
    from django.utils import timezone

    from haven.reflection import engine
    from haven.reflection.models import InstrumentResponse

    instrument = engine.get("haven-attachment")
    answers = {item.key: 4 for item in instrument.items}
    return InstrumentResponse.objects.create(
        author=author,
        instrument=instrument.key,
        instrument_version=instrument.version,
        target="partner",
        answers=answers,
        scores=engine.score(instrument, answers).as_data(),
        completed_at=timezone.now(),
        note=f"I notice I worry less than last year. {marker}".strip(),
        visibility=visibility,
    )


def make_history_answer(author, visibility: str, marker: str = ""):
    """An answer to the first history prompt this author has not answered yet."""
    from haven.reflection import content
    from haven.reflection.models import HistoryAnswer

    used = set(HistoryAnswer.objects.filter(author=author).values_list("section", "prompt"))
    section, prompt = next(
        (s.key, p.key)
        for s in content.history().sections
        for p in s.prompts
        if (s.key, p.key) not in used
    )
    return HistoryAnswer.objects.create(
        author=author,
        section=section,
        prompt=prompt,
        text=f"My grandmother always had time for me. {marker}".strip(),
        visibility=visibility,
    )


def make_sensitive_spot(author, visibility: str, marker: str = ""):
    from haven.reflection.models import SensitiveSpot

    return SensitiveSpot.objects.create(
        author=author,
        name=f"Feeling judged {marker}".strip(),
        origin=f"Nothing was ever good enough at home. {marker}".strip(),
        touched_today="A remark about how I loaded the dishwasher.",
        signs="Hot face, a sharp answer.",
        need_when_touched="Hearing that I am doing fine.",
        visibility=visibility,
    )


# --- check-ins and progress (haven.checkins) ---


def _free_day(author):
    """Today, or the latest earlier day this author has no check-in for (one per day)."""
    import datetime

    from django.utils import timezone

    from haven.checkins.models import CheckIn

    used = set(CheckIn.objects.filter(author=author).values_list("day", flat=True))
    day = timezone.localdate()
    while day in used:
        day -= datetime.timedelta(days=1)
    return day


def make_checkin(author, visibility: str, marker: str = ""):
    """A check-in (with its private details) whose percentage has `visibility`."""
    from haven.checkins.models import CheckIn, CheckInDetails

    checkin = CheckIn.objects.create(
        author=author, day=_free_day(author), percent=60, visibility=visibility
    )
    CheckInDetails.objects.create(
        author=author,
        checkin=checkin,
        sensations=["calm_breathing"],
        emotions=["lonely"],
        reached="yes",
        turned="partly",
        note=f"We laughed at dinner. {marker}".strip(),
    )
    return checkin


def make_checkin_details(author, visibility: str, marker: str = ""):
    """The details of a new check-in; always private, whatever the caller asks."""
    from haven.checkins.models import CheckInDetails

    checkin = make_checkin(author, "private", marker)
    return CheckInDetails.objects.get(checkin=checkin)


def make_monthly_measure(author, visibility: str, marker: str = ""):
    """A monthly reflection for the latest month without one; always private."""
    import datetime

    from django.utils import timezone

    from haven.checkins.models import MonthlyMeasure
    from haven.reflection import engine

    instrument = engine.get("haven-satisfaction")
    answers = {item.key: 5 for item in instrument.items}
    used = set(MonthlyMeasure.objects.filter(author=author).values_list("month", flat=True))
    month = timezone.localdate().replace(day=1)
    while month in used:
        month = (month - datetime.timedelta(days=1)).replace(day=1)
    return MonthlyMeasure.objects.create(
        author=author,
        month=month,
        instrument=instrument.key,
        instrument_version=instrument.version,
        answers=answers,
        scores=engine.score(instrument, answers).as_data(),
        note=f"A calmer month. {marker}".strip(),
    )


# --- the learning path (haven.learn) ---


def _unused_slug(model, author) -> str:
    """A module slug this author has no row of `model` for yet (slugs are encrypted)."""
    from haven.learn import content

    used = {row.slug for row in model.objects.filter(author=author)}
    slugs = [module.slug for module in content.path("en")]
    return next((slug for slug in slugs if slug not in used), f"extra-{len(used)}")


def make_module_progress(author, visibility: str, marker: str = ""):
    """A finished module. Progress has no text: a marker stands in for the module key
    (encrypted like it), so the canary and export tests can follow it."""
    from django.utils import timezone

    from haven.learn.models import ModuleProgress

    return ModuleProgress.objects.create(
        author=author,
        slug=marker[-80:] if marker else _unused_slug(ModuleProgress, author),
        done_at=timezone.now(),
        visibility=visibility,
    )


def make_module_reflection(author, visibility: str, marker: str = ""):
    from haven.learn.models import ModuleReflection

    return ModuleReflection.objects.create(
        author=author,
        slug="problem-under-the-problem",
        text=f"The fight about the dishes was about feeling alone. {marker}".strip(),
        visibility=visibility,
    )


def make_script_draft(author, visibility: str, marker: str = ""):
    """A saved script version; always private, whatever the caller asks."""
    from haven.learn.models import ScriptDraft

    return ScriptDraft.objects.create(
        author=author,
        script_key="bring-up-hurt",
        text=f"When you left the room, I felt alone. {marker}".strip(),
    )


def _first_reflection_module() -> str:
    from haven.learn import content

    modules = content.path("en")
    return next((m.slug for m in modules if m.exercise.kind == "reflection"), modules[0].slug)


# URL name -> URL arguments, for views that take something other than a pk
# (a module, exercise or script key from the content files).
URL_KWARGS: dict[str, Callable[[], dict]] = {
    "learn:module": lambda: {"slug": "problem-under-the-problem"},
    "learn:done": lambda: {"slug": "problem-under-the-problem"},
    "learn:reflection": lambda: {"slug": _first_reflection_module()},
    "learn:exercise": lambda: {"key": "breathing-pause"},
    "learn:script": lambda: {"key": "bring-up-hurt"},
    "learn:script_print": lambda: {"key": "bring-up-hurt"},
}


# --- the negative cycle (haven.cycle) ---


def make_cycle_side(author, visibility: str, marker: str = ""):
    """A side of the cycle with words ticked and text typed (and a past-partners reflection)."""
    from haven.cycle.models import CycleSide

    return CycleSide.objects.create(
        author=author,
        trigger=f"You look at your phone while I talk. {marker}".strip(),
        story="I don't matter right now.",
        surface_emotions=["irritated"],
        body_signals=["tight_chest"],
        moves=["criticise", "chase"],
        underneath=["lonely"],
        longing=f"I'm here, I'm listening. {marker}".strip(),
        past_lesson=f"Say it sooner. {marker}".strip(),
        visibility=visibility,
    )


def make_cycle_name(author, visibility: str, marker: str = ""):
    """The name of the cycle of the author's current couple."""
    from haven.core.policy import couple_id
    from haven.cycle.models import CycleName

    return CycleName.objects.create(
        author=author,
        couple_id=couple_id(author),
        name=f"The storm {marker}".strip(),
        visibility=visibility,
    )


# --- rocky moments, the pause and repair (haven.moments) ---


def make_moment(author, visibility: str, marker: str = ""):
    import datetime

    from django.utils import timezone

    from haven.moments.models import Moment

    return Moment.objects.create(
        author=author,
        happened_at=timezone.now() - datetime.timedelta(days=1),
        topic="chores",
        what_happened=f"A remark about the dishes turned into a fight. {marker}".strip(),
        my_moves=["criticise"],
        partner_moves=[],
        ending="silence",
        intensity=6,
        sensations=["tight_chest"],
        emotions=["lonely"],
        visibility=visibility,
    )


def make_moment_link(author, visibility: str, marker: str = ""):
    """A link by `author` from their own new moment (with `visibility`) to a moment of
    their current partner. A moment the partner already has and that is not linked
    yet is reused, so that making A's link does not change what B's own pages show
    (the canary test compares them); a private link was never sent."""
    from django.db.models import Q

    from haven.core import policy
    from haven.couples.selectors import current_partner
    from haven.moments.models import Moment, MomentLink

    partner = current_partner(author)
    mine = make_moment(author, visibility, marker)
    linked = MomentLink.objects.filter(Q(moment__author=partner) | Q(other__author=partner))
    taken = {pk for pair in linked.values_list("moment_id", "other_id") for pk in pair}
    theirs = Moment.objects.filter(author=partner).exclude(pk__in=taken).first()
    if theirs is None:
        theirs = make_moment(partner, "shared", "")
    return MomentLink.objects.create(
        author=author,
        couple_id=policy.couple_id(author),
        moment=mine,
        other=theirs,
        visibility=visibility,
    )


def make_repair(author, visibility: str, marker: str = ""):
    from haven.moments.models import Repair

    moment = make_moment(author, "private", marker)
    return Repair.objects.create(
        author=author,
        moment=moment,
        mode="together",
        felt=f"Alone with it. {marker}".strip(),
        needed="To know you were on my side.",
        visibility=visibility,
    )


def make_pause(author, visibility: str, marker: str = ""):
    """A running pause; always private, whatever the caller asks."""
    import datetime

    from django.utils import timezone

    from haven.moments.models import Pause

    now = timezone.now()
    return Pause.objects.create(
        author=author,
        started_at=now,
        return_at=now + datetime.timedelta(minutes=30),
        message=f"I want to come back to this at 21:00. {marker}".strip(),
    )


# Content label -> factory(author, visibility, marker). The harness fails when a
# content model in the policy table has no factory here.
CONTENT_FACTORIES: dict[str, Callable] = {
    "journal.Reflection": make_reflection,
    "safety.SafetyCheck": make_safety_check,
    # --- needs and felt sense (haven.needs) ---
    "needs.Need": make_need,
    "needs.Acknowledgement": make_acknowledgement,
    "needs.FeltSenseNote": make_felt_sense_note,
    # --- attachment reflection, history, sensitive spots (haven.reflection) ---
    "reflection.InstrumentResponse": make_instrument_response,
    "reflection.HistoryAnswer": make_history_answer,
    "reflection.SensitiveSpot": make_sensitive_spot,
    # --- check-ins and progress (haven.checkins) ---
    "checkins.CheckIn": make_checkin,
    "checkins.CheckInDetails": make_checkin_details,
    "checkins.MonthlyMeasure": make_monthly_measure,
    # --- the learning path (haven.learn) ---
    "learn.ModuleProgress": make_module_progress,
    "learn.ModuleReflection": make_module_reflection,
    "learn.ScriptDraft": make_script_draft,
    # --- the negative cycle (haven.cycle) ---
    "cycle.CycleSide": make_cycle_side,
    "cycle.CycleName": make_cycle_name,
    # --- rocky moments, the pause and repair (haven.moments) ---
    "moments.Moment": make_moment,
    "moments.MomentLink": make_moment_link,
    "moments.Repair": make_repair,
    "moments.Pause": make_pause,
}
