"""The areas of the readable export, each turning the person's own rows into entries.

One builder per group; each reads only rows the person authored (through
`Reader.own` or a filter on the person) and names the models it shows, so the
page can add the ones no builder knows (haven.accounts.export_readable).
Keys from the vocabularies become their words in the page's language; a key
a vocabulary no longer knows is shown as it is, so nothing silently vanishes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from haven.accounts.export_readable import (
    Entry,
    Group,
    Line,
    Reader,
    answered,
    entry,
    field_text,
    label_of,
    looked_up,
    text,
    when,
    words,
    yes_no,
)

# --- about you ----------------------------------------------------------------------


def profile(reader: Reader) -> Group:
    from haven.accounts.models import Profile

    user = reader.user
    found = Profile.objects.filter(user=user).first()
    lines = [
        text(_("Email address"), user.email),
        text(_("Member since"), when(user.date_joined)),
    ]
    if found is not None:
        lines[:0] = [
            text(label_of(Profile, "display_name"), found.display_name),
            text(label_of(Profile, "language"), found.get_language_display()),
            text(label_of(Profile, "country"), found.get_country_display()),
        ]
    item = Entry(_("Your profile"), lines=[line for line in lines if line is not None])
    return Group(_("Your profile"), ("accounts.Profile",), [item])


def consents(reader: Reader) -> Group:
    from haven.accounts.models import Consent

    entries = [
        Entry(
            _("You agreed to version %(version)s of what Haven stores and why")
            % {"version": consent.version},
            when=when(consent.given_at),
        )
        for consent in Consent.objects.filter(user=reader.user).order_by("given_at", "pk")
    ]
    return Group(_("Your consent"), ("accounts.Consent",), entries)


# --- your couple --------------------------------------------------------------------


def links(reader: Reader) -> Group:
    """Each link with its dates. The name is shown for the current partner only: an
    ex-partner's name is their own profile, which they may have changed since."""
    from haven.accounts.models import display_name
    from haven.couples.models import Membership

    entries = []
    mine = Membership.objects.filter(user=reader.user).select_related("couple")
    for membership in mine.order_by("consented_at", "pk"):
        couple = membership.couple
        if couple.is_active:
            other = (
                Membership.objects.filter(couple=couple)
                .exclude(user=reader.user)
                .select_related("user__profile")
                .first()
            )
            name = display_name(other.user) if other else ""
            title = _("Linked with %(name)s") % {"name": name} if name else _("Linked")
        else:
            title = _("An earlier link")
        lines = [
            text(_("Linked since"), when(membership.consented_at)),
            text(_("Ended"), when(couple.ended_at)),
        ]
        entries.append(Entry(title, lines=[line for line in lines if line is not None]))
    return Group(_("Links with a partner"), ("couples.Membership",), entries)


def invitations(reader: Reader) -> Group:
    from django.utils import timezone

    from haven.couples.models import Invitation

    entries = []
    now = timezone.now()
    for invitation in Invitation.objects.filter(inviter=reader.user).order_by("created_at", "pk"):
        if invitation.used_at:
            status = _("Accepted on %(date)s") % {"date": when(invitation.used_at)}
        elif invitation.cancelled_at:
            status = _("Cancelled on %(date)s") % {"date": when(invitation.cancelled_at)}
        elif invitation.expires_at <= now:
            status = _("Expired on %(date)s") % {"date": when(invitation.expires_at)}
        else:
            status = _("Valid until %(date)s") % {"date": when(invitation.expires_at)}
        entries.append(
            Entry(
                _("Invitation"), when=when(invitation.created_at), lines=[Line(_("Status"), status)]
            )
        )
    return Group(_("Invitations you sent"), ("couples.Invitation",), entries)


# --- check-ins ----------------------------------------------------------------------


def _own_needs(reader: Reader) -> dict[int, str]:
    from haven.needs.models import Need

    return {need.pk: need.fragment(reader.language) for need in reader.own(Need)}


def _sensations(keys, language: str) -> list[str]:
    from haven.needs import feltsense

    return looked_up(keys, lambda key: feltsense.sensation(key, language))


def _emotions(keys, language: str) -> list[str]:
    from haven.needs import feltsense

    return looked_up(keys, lambda key: feltsense.emotion(key, language))


def checkins(reader: Reader) -> Group:
    """A check-in and its details as one entry: the details are never shared."""
    from haven.checkins.models import CheckIn, CheckInDetails, Reach, Turn

    details = {item.pk: item for item in reader.own(CheckInDetails)}
    needs = _own_needs(reader)
    entries = []
    for checkin in reader.own(CheckIn, "day"):
        extra = details.get(checkin.pk) or CheckInDetails()
        reached = Reach(extra.reached).label if extra.reached in Reach.values else extra.reached
        turned = Turn(extra.turned).label if extra.turned in Turn.values else extra.turned
        lines = [
            text(label_of(CheckIn, "percent"), f"{checkin.percent}%"),
            words(
                label_of(CheckInDetails, "sensations"),
                _sensations(extra.sensations, reader.language),
            ),
            words(label_of(CheckInDetails, "emotions"), _emotions(extra.emotions, reader.language)),
            words(
                label_of(CheckInDetails, "needs_met"),
                (needs[pk] for pk in extra.needs_met or [] if pk in needs),
            ),
            text(label_of(CheckInDetails, "reached"), reached),
            text(label_of(CheckInDetails, "turned"), turned),
            field_text(extra, "note"),
        ]
        note = _("Only the percentage is shared; the rest is yours alone.")
        entries.append(
            entry(checkin, when(checkin.day), lines, note=note if checkin.is_shared else "")
        )
    return Group(_("Daily check-ins"), ("checkins.CheckIn", "checkins.CheckInDetails"), entries)


def _answers(instrument, answers: dict, target=None, language: str = "en") -> list[tuple[str, str]]:
    """Each statement with the answer chosen, in the instrument's order."""
    if instrument is None:
        return [(key, str(value)) for key, value in (answers or {}).items()]
    found = []
    for item in instrument.items:
        if item.key not in (answers or {}):
            continue
        value = answers[item.key]
        try:
            answer = instrument.scale.label(int(value), language)
        except (TypeError, ValueError, IndexError):
            answer = str(value)
        found.append((item.render(target, language), answer))
    return found


def _scores(instrument, scores: dict | None, language: str) -> list[str]:
    from haven.reflection import engine

    if instrument is None or not scores:
        return []
    found = []
    for subscale in instrument.subscales:
        mean = (scores.get("means") or {}).get(subscale.key)
        if mean is None:
            continue
        shown = f"{subscale.name.get(language)}: {formats.number_format(mean, 1)}"
        band = engine.band_for(instrument, subscale.key, mean)
        if band is not None and band.name is not None:
            shown += f" ({band.name.get(language)})"
        found.append(shown)
    return found


def monthly(reader: Reader) -> Group:
    from haven.checkins.models import MonthlyMeasure
    from haven.reflection import engine

    entries = []
    for measure in reader.own(MonthlyMeasure, "month"):
        instrument = engine.get(measure.instrument)
        name = instrument.name.get(reader.language) if instrument else _("Monthly reflection")
        lines = [
            words(_("Result"), _scores(instrument, measure.scores, reader.language)),
            answered(
                _("Your answers"), _answers(instrument, measure.answers, None, reader.language)
            ),
            field_text(measure, "note"),
        ]
        month = formats.date_format(measure.month, "YEAR_MONTH_FORMAT")
        entries.append(entry(measure, f"{capfirst(month)}: {name}", lines))
    return Group(_("Monthly reflections"), ("checkins.MonthlyMeasure",), entries)


def reminder(reader: Reader) -> Group:
    from haven.checkins.models import Reminder

    entries = [
        Entry(
            _("Daily reminder"),
            lines=[
                Line(label_of(Reminder, "enabled"), yes_no(item.enabled)),
                Line(label_of(Reminder, "time"), when(item.time)),
                Line(label_of(Reminder, "timezone"), item.timezone),
            ],
        )
        for item in Reminder.objects.filter(author=reader.user)
    ]
    return Group(_("Reminder"), ("checkins.Reminder",), entries)


# --- needs and the felt sense ----------------------------------------------------------


def needs(reader: Reader) -> Group:
    from haven.needs.models import Need

    entries = []
    for need in sorted(reader.own(Need), key=lambda n: (n.rank, n.created_at, n.pk)):
        title = need.fragment(reader.language) or _("Attachment need")
        lines = [
            text(label_of(Need, "sentence"), need.display_sentence(reader.language)),
            field_text(need, "own_words") if need.catalogue_key else None,
        ]
        entries.append(entry(need, capfirst(title), lines, when=when(need.created_at)))
    return Group(
        _("Your needs, in your order"),
        ("needs.Need",),
        entries,
        intro=_("Each need with the sentence you made of it."),
    )


def answers(reader: Reader) -> Group:
    """Only the person's answer: the need it answers is the partner's own."""
    from haven.needs.models import Acknowledgement

    entries = [
        entry(
            item,
            _("Your answer to a need of your partner"),
            [field_text(item, "text")],
            when=when(item.created_at),
        )
        for item in reader.own(Acknowledgement, "created_at")
    ]
    return Group(_("Your answers to your partner's needs"), ("needs.Acknowledgement",), entries)


def felt_sense(reader: Reader) -> Group:
    from haven.needs import feltsense
    from haven.needs.models import FeltSenseNote

    entries = []
    for note in reader.own(FeltSenseNote, "created_at"):
        exercise = feltsense.exercise(note.exercise, reader.language) if note.exercise else None
        title = exercise.title if exercise else _("a moment from daily life")
        lines = [
            words(
                label_of(FeltSenseNote, "sensations"), _sensations(note.sensations, reader.language)
            ),
            words(label_of(FeltSenseNote, "emotions"), _emotions(note.emotions, reader.language)),
            field_text(note, "note"),
        ]
        entries.append(entry(note, capfirst(title), lines, when=when(note.created_at)))
    return Group(_("Notes on the felt sense"), ("needs.FeltSenseNote",), entries)


# --- how you attach and your history ------------------------------------------------------


def instruments(reader: Reader) -> Group:
    from haven.reflection import engine
    from haven.reflection.models import InstrumentResponse

    language = reader.language
    entries = []
    for response in reader.own(InstrumentResponse, "created_at"):
        instrument = engine.get(response.instrument)
        target = instrument.target(response.target) if instrument else None
        title = instrument.name.get(language) if instrument else response.instrument
        region = None
        if instrument and instrument.regions and response.region in instrument.regions.regions:
            region = instrument.regions[response.region].name.get(language)
        lines = [
            text(_("About"), capfirst(target.name.get(language)) if target else response.target),
            text(_("Finished"), when(response.completed_at) or _("not yet")),
            text(_("Where you are on the plane"), region),
            words(_("Result"), _scores(instrument, response.scores, language)),
            field_text(response, "note"),
            answered(_("Your answers"), _answers(instrument, response.answers, target, language)),
        ]
        entries.append(entry(response, title, lines, when=when(response.created_at)))
    return Group(_("How you attach"), ("reflection.InstrumentResponse",), entries)


def history(reader: Reader) -> Group:
    from haven.reflection import content
    from haven.reflection.models import HistoryAnswer

    story = content.history()
    sections = {section.key: section for section in (*story.sections, story.spots)}
    entries = []
    for answer in reader.own(HistoryAnswer, "created_at"):
        section = sections.get(answer.section)
        prompt = section.prompt(answer.prompt) if section else None
        title = section.title.get(reader.language) if section else answer.section
        question = prompt.text.get(reader.language) if prompt else answer.prompt
        entries.append(
            entry(answer, title, [text(question, answer.text)], when=when(answer.created_at))
        )
    return Group(_("Your history"), ("reflection.HistoryAnswer",), entries)


def spots(reader: Reader) -> Group:
    from haven.reflection.models import SensitiveSpot

    names = ("origin", "touched_today", "signs", "need_when_touched")
    entries = [
        entry(
            spot, spot.name, [field_text(spot, name) for name in names], when=when(spot.created_at)
        )
        for spot in reader.own(SensitiveSpot, "created_at")
    ]
    return Group(_("Sensitive spots"), ("reflection.SensitiveSpot",), entries)


# --- the cycle ------------------------------------------------------------------------------


def cycle_side(reader: Reader) -> Group:
    """My side, and apart from it the look back at earlier relationships: that part
    is the person's alone, even when the side is shared."""
    from haven.cycle import vocabulary
    from haven.cycle.models import CycleSide
    from haven.reflection.models import SensitiveSpot

    language = reader.language
    own_needs = _own_needs(reader)
    own_spots = {spot.pk: spot.name for spot in reader.own(SensitiveSpot)}

    def listed(name: str, found: list[str]) -> Line | None:
        return words(label_of(CycleSide, name), found)

    entries = []
    for side in reader.own(CycleSide, "created_at"):
        lines = [
            field_text(side, "trigger"),
            field_text(side, "story"),
            listed("surface_emotions", _emotions(side.surface_emotions, language)),
            listed("body_signals", _sensations(side.body_signals, language)),
            listed("moves", looked_up(side.moves, lambda k: vocabulary.move(k, language))),
            field_text(side, "moves_own_words"),
            listed(
                "underneath", looked_up(side.underneath, lambda k: vocabulary.feeling(k, language))
            ),
            field_text(side, "underneath_own_words"),
            listed("need_ids", [own_needs[pk] for pk in side.need_ids or [] if pk in own_needs]),
            field_text(side, "longing"),
            listed("spot_ids", [own_spots[pk] for pk in side.spot_ids or [] if pk in own_spots]),
        ]
        entries.append(entry(side, str(side), lines, when=when(side.updated_at)))
        past = ("past_moves", "past_partner_moves", "past_underneath", "past_lesson")
        earlier = [field_text(side, name) for name in past]
        if any(earlier):
            entries.append(
                Entry(
                    _("Looking back at earlier relationships"),
                    when=when(side.updated_at),
                    visibility=_("Only me"),
                    lines=[line for line in earlier if line is not None],
                )
            )
    return Group(_("Your side of the cycle"), ("cycle.CycleSide",), entries)


def cycle_name(reader: Reader) -> Group:
    from haven.cycle.models import CycleName

    entries = [
        entry(item, item.name, [], when=when(item.updated_at))
        for item in reader.own(CycleName, "created_at")
    ]
    return Group(
        _("The name of your cycle"),
        ("cycle.CycleName",),
        entries,
        intro=_("A name belongs to the couple; these are the ones you gave first."),
    )


# --- rocky moments and repair ---------------------------------------------------------------


def _moves(keys, language: str) -> list[str]:
    from haven.cycle import vocabulary

    return looked_up(keys, lambda key: vocabulary.move(key, language))


def moments(reader: Reader) -> Group:
    from haven.moments import content
    from haven.moments.models import Moment

    language = reader.language
    entries = []
    for moment in reader.own(Moment, "happened_at"):
        topic = content.topic(moment.topic, language) if moment.topic else None
        ending = content.ending(moment.ending, language) if moment.ending else None
        lines = [
            field_text(moment, "what_happened"),
            words(label_of(Moment, "my_moves"), _moves(moment.my_moves, language)),
            words(label_of(Moment, "partner_moves"), _moves(moment.partner_moves, language)),
            text(label_of(Moment, "ending"), ending.label if ending else moment.ending),
            text(label_of(Moment, "intensity"), _("%(value)s of 10") % {"value": moment.intensity}),
            words(label_of(Moment, "sensations"), _sensations(moment.sensations, language)),
            words(label_of(Moment, "emotions"), _emotions(moment.emotions, language)),
            text(label_of(Moment, "repaired_at"), when(moment.repaired_at)),
        ]
        title = capfirst(topic.label if topic else moment.topic or _("Rocky moment"))
        entries.append(entry(moment, title, lines, when=when(moment.happened_at)))
    return Group(_("Rocky moments"), ("moments.Moment",), entries)


def repairs(reader: Reader) -> Group:
    from haven.moments.models import Repair

    names = ("felt", "needed", "protected", "next_time", "reflect_back")
    entries = []
    for repair in reader.own(Repair, "created_at").select_related("moment"):
        lines = [
            text(label_of(Repair, "mode"), repair.get_mode_display()),
            *(field_text(repair, name) for name in names),
            text(_("Finished"), when(repair.finished_at)),
        ]
        title = _("Repair of the moment of %(date)s") % {"date": when(repair.moment.happened_at)}
        entries.append(entry(repair, title, lines, when=when(repair.created_at)))
    return Group(_("Repairs"), ("moments.Repair",), entries)


def links_between_views(reader: Reader) -> Group:
    """The person's own moment and the answer; never the partner's view itself."""
    from haven.moments.models import MomentLink

    entries = []
    for link in reader.own(MomentLink, "created_at").select_related("moment"):
        title = _("Your moment of %(date)s, linked with your partner's view") % {
            "date": when(link.moment.happened_at)
        }
        status = (
            _("Accepted on %(date)s") % {"date": when(link.accepted_at)}
            if link.accepted_at
            else _("Not accepted yet")
        )
        entries.append(entry(link, title, [text(_("Status"), status)], when=when(link.created_at)))
    return Group(_("Two views of one moment"), ("moments.MomentLink",), entries)


def pauses(reader: Reader) -> Group:
    from haven.moments.models import Pause

    entries = [
        entry(
            pause,
            _("Pause"),
            [
                text(label_of(Pause, "return_at"), when(pause.return_at)),
                field_text(pause, "message"),
            ],
            when=when(pause.started_at),
        )
        for pause in reader.own(Pause, "started_at")
    ]
    return Group(_("Pauses"), ("moments.Pause",), entries)


# --- reflections ------------------------------------------------------------------------------


def journal(reader: Reader) -> Group:
    from haven.journal.models import Reflection

    entries = [
        entry(
            item,
            item.title or _("Reflection"),
            [field_text(item, "body")],
            when=when(item.created_at),
        )
        for item in reader.own(Reflection, "created_at")
    ]
    return Group(_("Your reflections"), ("journal.Reflection",), entries)


# --- learning ---------------------------------------------------------------------------------


def _module_title(slug: str, language: str) -> str:
    from haven.learn import content

    module = content.get(slug, language)
    return module.title if module else slug


def modules(reader: Reader) -> Group:
    from haven.learn.models import ModuleProgress, PathSharing

    entries = [
        entry(
            item,
            _module_title(item.slug, reader.language),
            [
                text(label_of(ModuleProgress, "started_at"), when(item.started_at)),
                text(label_of(ModuleProgress, "done_at"), when(item.done_at)),
            ],
        )
        for item in reader.own(ModuleProgress, "started_at")
    ]
    choice = PathSharing.objects.filter(author=reader.user).first()
    if choice is not None:
        shown = Line(label_of(PathSharing, "shared"), yes_no(choice.shared))
        entries.append(Entry(_("Sharing of the learning path"), lines=[shown]))
    return Group(_("Modules"), ("learn.ModuleProgress", "learn.PathSharing"), entries)


def module_reflections(reader: Reader) -> Group:
    from haven.learn.models import ModuleReflection

    entries = [
        entry(
            item,
            _module_title(item.slug, reader.language),
            [field_text(item, "text")],
            when=when(item.created_at),
        )
        for item in reader.own(ModuleReflection, "created_at")
    ]
    return Group(_("Exercises: your reflections on modules"), ("learn.ModuleReflection",), entries)


def scripts(reader: Reader) -> Group:
    from haven.learn import scripts as library
    from haven.learn.models import ScriptDraft

    entries = []
    for draft in reader.own(ScriptDraft, "created_at"):
        script = library.get(draft.script_key, reader.language)
        title = script.title if script else draft.script_key
        entries.append(
            entry(draft, title, [field_text(draft, "text")], when=when(draft.updated_at))
        )
    return Group(_("Your versions of the scripts"), ("learn.ScriptDraft",), entries)


# --- the safety check ---------------------------------------------------------------------


def safety(reader: Reader) -> Group:
    """Only the person's own checks: `Reader.own` reads nothing else."""
    from haven.safety import screen
    from haven.safety.models import SafetyCheck

    questions = screen.screen(reader.language)
    texts = {question.id: question.text for question in questions.questions}
    labels = dict(questions.answers)
    entries = []
    for check in reader.own(SafetyCheck, "created_at"):
        given = check.answers or {}
        shown = [(texts[key], labels.get(given[key], given[key])) for key in texts if key in given]
        shown += [(key, value) for key, value in given.items() if key not in texts]
        lines = [text(_("Result"), check.get_result_display()), answered(_("Your answers"), shown)]
        entries.append(entry(check, _("Safety check"), lines, when=when(check.created_at)))
    return Group(
        _("Your safety checks"),
        ("safety.SafetyCheck",),
        entries,
        intro=_("Only you ever see these answers."),
    )


# --- the order of the page -------------------------------------------------------------------


@dataclass(frozen=True)
class AreaSpec:
    key: str
    title: Callable[[], str]
    builders: tuple[Callable[[Reader], Group], ...]
    note: Callable[[], str] | None = None


# The order a person meets Haven.
AREAS: tuple[AreaSpec, ...] = (
    AreaSpec("about", lambda: _("About you"), (profile, consents)),
    AreaSpec("couple", lambda: _("Your couple"), (links, invitations)),
    AreaSpec("checkins", lambda: _("Check-ins"), (checkins, monthly, reminder)),
    AreaSpec("needs", lambda: _("Needs and the felt sense"), (needs, answers, felt_sense)),
    AreaSpec(
        "reflection", lambda: _("How you attach and your history"), (instruments, history, spots)
    ),
    AreaSpec("cycle", lambda: _("The cycle"), (cycle_side, cycle_name)),
    AreaSpec(
        "moments",
        lambda: _("Rocky moments and repair"),
        (moments, repairs, links_between_views, pauses),
    ),
    AreaSpec("journal", lambda: _("Reflections"), (journal,)),
    AreaSpec("learn", lambda: _("Learning"), (modules, module_reflections, scripts)),
    AreaSpec(
        "practise",
        lambda: _("Practise"),
        (),
        note=lambda: _(
            "Haven keeps nothing of what you practise: the text is gone when you leave."
        ),
    ),
    AreaSpec("safety", lambda: _("Safety check"), (safety,)),
)
