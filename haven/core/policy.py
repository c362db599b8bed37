"""Who may see and change what: the one place that decides.

The policy is a table: (content type) -> {(actor, visibility): allowed actions}.
Anything the table does not grant is denied, and a denial answers 404 so that
nobody learns whether an item exists. Views reach content only through
`visible()`, `get_or_404()` and `Visible` (the same condition as a prepared
query, for the pages every request sees) below; tests/core/test_policy_harness.py runs every
view against every actor and fails when a view or content model has no entry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING, Any

from django.db.models import Model, Q, QuerySet
from django.http import Http404

from haven.core.models import Visibility

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


class Actor(StrEnum):
    AUTHOR = "author"
    PARTNER = "partner"  # the author's current partner
    EX_PARTNER = "ex_partner"  # was linked with the author, is no longer
    STRANGER = "stranger"  # any other account, e.g. a member of another couple
    ANONYMOUS = "anonymous"
    STAFF = "staff"  # server staff: no access to anyone's content


class Action(StrEnum):
    VIEW = "view"
    CHANGE = "change"
    DELETE = "delete"
    SHARE = "share"
    ANSWER = "answer"  # reply to someone else's item, e.g. the partner's shared need


ALL = frozenset(Action)
PRIVATE, SHARED = Visibility.PRIVATE.value, Visibility.SHARED.value

# The ordinary rule for personal content: the author does everything, the
# current partner may read what the author shared, nobody else sees anything.
PERSONAL = {
    (Actor.AUTHOR, PRIVATE): ALL,
    (Actor.AUTHOR, SHARED): ALL,
    (Actor.PARTNER, SHARED): frozenset({Action.VIEW}),
}

# Content type label -> rules. Every concrete ContentItem must be listed here.
CONTENT_POLICY: dict[str, dict[tuple[Actor, str], frozenset[Action]]] = {
    "journal.Reflection": PERSONAL,
    # The safety check is never shared with anyone: only its author has rules.
    "safety.SafetyCheck": {(Actor.AUTHOR, PRIVATE): frozenset({Action.VIEW, Action.DELETE})},
    # --- needs and felt sense (haven.needs) ---
    # A need: the partner may read a shared one and answer it; nobody answers their own.
    "needs.Need": {
        (Actor.AUTHOR, PRIVATE): ALL - {Action.ANSWER},
        (Actor.AUTHOR, SHARED): ALL - {Action.ANSWER},
        (Actor.PARTNER, SHARED): frozenset({Action.VIEW, Action.ANSWER}),
    },
    # The answer is the partner's own content; once sent, only the person whose
    # need it answers may read it (PARTNER_SCOPE below).
    "needs.Acknowledgement": PERSONAL,
    "needs.FeltSenseNote": PERSONAL,
    # --- attachment reflection, history, sensitive spots (haven.reflection) ---
    # A result is shared as scores and note, never the answers (pages needing CHANGE).
    "reflection.InstrumentResponse": PERSONAL,
    "reflection.HistoryAnswer": PERSONAL,
    "reflection.SensitiveSpot": PERSONAL,
    # --- check-ins and progress (haven.checkins) ---
    # The day and its percentage: the only part of a check-in a partner may
    # ever see, once the author shares that day.
    "checkins.CheckIn": PERSONAL,
    # Everything else of a check-in, and the monthly reflection: the author's
    # alone (the models refuse any visibility but private).
    "checkins.CheckInDetails": {(Actor.AUTHOR, PRIVATE): ALL - {Action.SHARE, Action.ANSWER}},
    "checkins.MonthlyMeasure": {(Actor.AUTHOR, PRIVATE): ALL - {Action.SHARE, Action.ANSWER}},
    # --- the learning path (haven.learn) ---
    # Progress rows carry the visibility of the author's PathSharing choice (a
    # preference, not content): shared, the partner may see which modules are
    # done (the pages show nothing more).
    "learn.ModuleProgress": PERSONAL,
    "learn.ModuleReflection": PERSONAL,
    # A script draft is a rehearsal: its author's alone (the model refuses sharing).
    "learn.ScriptDraft": {(Actor.AUTHOR, PRIVATE): ALL - {Action.SHARE, Action.ANSWER}},
    # --- the negative cycle (haven.cycle) ---
    # My side of the cycle: private until the author shares it. The couple's
    # cycle is composed from two shared sides and stored nowhere.
    "cycle.CycleSide": PERSONAL,
    # The couple's name for their cycle: either partner may set or change it
    # (it is stored shared; a private one only exists if made outside the
    # service), and only while the couple lasts (COUPLE_SCOPE).
    "cycle.CycleName": {
        (Actor.AUTHOR, PRIVATE): ALL - {Action.ANSWER},
        (Actor.AUTHOR, SHARED): ALL - {Action.ANSWER},
        (Actor.PARTNER, SHARED): frozenset({Action.VIEW, Action.CHANGE}),
    },
    # --- rocky moments, the pause and repair (haven.moments) ---
    # One's own view of a moment: the partner reads it only while it is shared,
    # also when it is linked with their own view.
    "moments.Moment": PERSONAL,
    # A proposal to link two shared views: asking is sharing, so proposing
    # creates it shared (a private one was never sent). The proposer may
    # withdraw it; the other person may accept, decline or later undo it
    # (ANSWER). Only the owner of the other view answers (PARTNER_SCOPE), and
    # only within the couple it was made in (COUPLE_SCOPE): after unlinking,
    # nobody reaches it.
    "moments.MomentLink": {
        (Actor.AUTHOR, PRIVATE): frozenset({Action.VIEW, Action.DELETE}),
        (Actor.AUTHOR, SHARED): frozenset({Action.VIEW, Action.DELETE}),
        (Actor.PARTNER, SHARED): frozenset({Action.VIEW, Action.ANSWER}),
    },
    # One's side of a repair: private until the author shares it.
    "moments.Repair": PERSONAL,
    # A pause and its return message: the author's alone, never shared (the
    # model refuses any visibility but private).
    "moments.Pause": {(Actor.AUTHOR, PRIVATE): ALL - {Action.SHARE, Action.ANSWER}},
}


# Items addressed to one person. A partner rule for these labels applies only
# when the lookup equals the viewer's id, so an answer to Anna's need never
# reaches whoever its author is linked with later. Label -> lookup path.
PARTNER_SCOPE: dict[str, str] = {
    "needs.Acknowledgement": "need__author_id",
    "moments.MomentLink": "other__author_id",
}

# Joint items that belong to a couple rather than to one person. Every rule for
# these labels, the author's included, applies only while the item's couple is
# the viewer's current couple: after unlinking neither of the two reaches it.
# Label -> lookup path of the couple's id.
COUPLE_SCOPE: dict[str, str] = {
    "cycle.CycleName": "couple_id",
    "moments.MomentLink": "couple_id",
}


def _lookup(obj: Any, path: str) -> Any:
    value = obj
    for part in path.split("__"):
        value = getattr(value, part, None)
    return value


def _in_partner_scope(label: str, user: Any, obj: Any) -> bool:
    path = PARTNER_SCOPE.get(label)
    if path is None:
        return True
    return _lookup(obj, path) == user.pk


def _in_couple_scope(label: str, user: Any, obj: Any) -> bool:
    path = COUPLE_SCOPE.get(label)
    if path is None:
        return True
    current = couple_id(user)
    return current is not None and _lookup(obj, path) == current


def _in_share_scope(user: Any, obj: Any) -> bool:
    """A partner reaches a shared item only while it is shared with their couple."""
    current = couple_id(user)
    return current is not None and obj.shared_couple_id == current


def allowed(label: str, actor: Actor, visibility: str, action: Action) -> bool:
    rules = CONTENT_POLICY.get(label)
    if rules is None:
        return False
    return action in rules.get((actor, visibility), frozenset())


# --- relations --------------------------------------------------------------


def partner_id(user: AbstractBaseUser | AnonymousUser) -> int | None:
    """The id of the user's current partner, cached on the user for one request."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, "_haven_partner_id"):
        from haven.couples.selectors import load_relations

        load_relations(user)  # the couple and the partner, in one query
    return user._haven_partner_id  # type: ignore[union-attr]


def couple_id(user: AbstractBaseUser | AnonymousUser) -> int | None:
    """The id of the user's current (active) couple, cached on the user for one request."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, "_haven_couple_id"):
        from haven.couples.selectors import load_relations

        load_relations(user)  # the couple and the partner, in one query
    return user._haven_couple_id  # type: ignore[union-attr]


def actor_for(user: AbstractBaseUser | AnonymousUser, author_id: int) -> Actor:
    if not user.is_authenticated:
        return Actor.ANONYMOUS
    if user.pk == author_id:
        return Actor.AUTHOR
    if partner_id(user) == author_id:
        return Actor.PARTNER
    from haven.couples.selectors import were_partners

    if were_partners(user.pk, author_id):
        return Actor.EX_PARTNER
    if getattr(user, "is_staff", False):
        return Actor.STAFF
    return Actor.STRANGER


def can(user: AbstractBaseUser | AnonymousUser, obj: Any, action: Action) -> bool:
    label = obj._meta.label
    actor = actor_for(user, obj.author_id)
    if actor == Actor.PARTNER and not _in_partner_scope(label, user, obj):
        return False
    if actor == Actor.PARTNER and not _in_share_scope(user, obj):
        return False
    if not _in_couple_scope(label, user, obj):
        return False
    return allowed(label, actor, obj.visibility, action)


# --- querysets --------------------------------------------------------------


@cache
def _granted(label: str, action: Action) -> dict[Actor, list[str]]:
    """The visibilities each actor may perform `action` on, for one content type."""
    granted: dict[Actor, list[str]] = {}
    for (actor, visibility), actions in CONTENT_POLICY.get(label, {}).items():
        if action not in actions:
            continue
        if actor not in (Actor.AUTHOR, Actor.PARTNER):
            # Only author and partner are ever granted anything; a rule for
            # another actor needs its own query here first.
            raise NotImplementedError(f"policy for {label} grants {actor}, not supported")
        granted.setdefault(actor, []).append(visibility)
    return granted


def _condition(label: str, action: Action, me: Any, partner: Any, couple: Any) -> Q | None:
    """The rows of `label` that may be acted on, or None for no row at all.

    `me`, `partner` and `couple` are ids, or slots of a prepared query; a
    partner or couple of None means the viewer has none.
    """
    # One condition per actor (an `IN` over its visibilities), which the
    # database and the ORM handle faster than one per (actor, visibility) rule.
    conditions = []
    for actor, visibilities in _granted(label, action).items():
        shown: dict[str, Any] = (
            {"visibility": visibilities[0]}
            if len(visibilities) == 1
            else {"visibility__in": visibilities}
        )
        if actor == Actor.AUTHOR:
            conditions.append(Q(author_id=me, **shown))
        elif partner is not None and couple is not None:
            # Shared with the couple the viewer is in now (haven.core.sharing),
            # never a share made with someone before.
            scope = {PARTNER_SCOPE[label]: me} if label in PARTNER_SCOPE else {}
            conditions.append(Q(author_id=partner, shared_couple_id=couple, **shown, **scope))
    if not conditions:
        return None
    condition = conditions[0]
    for more in conditions[1:]:
        condition |= more
    if label in COUPLE_SCOPE:
        if couple is None:
            return None
        condition &= Q(**{COUPLE_SCOPE[label]: couple})
    return condition


def _needs_partner(label: str, action: Action) -> bool:
    return Actor.PARTNER in _granted(label, action)


def visible(
    user: AbstractBaseUser | AnonymousUser, model: type[Model], action: Action = Action.VIEW
) -> QuerySet:
    """All items of `model` that `user` may perform `action` on, as one query."""
    label = model._meta.label
    if label not in CONTENT_POLICY or not user.is_authenticated:
        return model._default_manager.none()
    needs_partner = _needs_partner(label, action)
    condition = _condition(
        label,
        action,
        user.pk,
        partner_id(user) if needs_partner else None,
        couple_id(user) if needs_partner or label in COUPLE_SCOPE else None,
    )
    if condition is None:
        return model._default_manager.none()
    return model._default_manager.filter(condition)


# --- prepared queries (haven.core.prepared) ---------------------------------


@dataclass(frozen=True)
class Scope:
    """What of a viewer shapes the policy's condition, and the values it needs.

    `shape` goes into a prepared query's shape; `values` are its slots' values
    ("me", and "partner" and "couple" when the condition names them).
    """

    shape: tuple[bool, bool]
    values: dict[str, int]


def scope(
    user: AbstractBaseUser | AnonymousUser, model: type[Model], action: Action = Action.VIEW
) -> Scope | None:
    """The viewer's scope for `visible_slots()`, or None when nothing is visible."""
    label = model._meta.label
    if label not in CONTENT_POLICY or not user.is_authenticated:
        return None
    values = {"me": user.pk}
    needs_partner = _needs_partner(label, action)
    partner = partner_id(user) if needs_partner else None
    couple = couple_id(user) if needs_partner or label in COUPLE_SCOPE else None
    if partner is not None:
        values["partner"] = partner
    if couple is not None:
        values["couple"] = couple
    shape = (partner is not None, couple is not None)
    # What _condition() would answer None for, without building its Q objects
    # (this runs for every prepared query of every page).
    granted = _granted(label, action)
    if Actor.AUTHOR not in granted and partner is None:
        return None
    if label in COUPLE_SCOPE and couple is None:
        return None
    return Scope(shape=shape, values=values)


def visible_slots(
    model: type[Model], shape: tuple[bool, bool], action: Action = Action.VIEW
) -> QuerySet:
    """visible() for a prepared query: the same condition, with slots for the ids."""
    from haven.core.prepared import Slot

    has_partner, has_couple = shape
    condition = _condition(
        model._meta.label,
        action,
        Slot("me"),
        Slot("partner") if has_partner else None,
        Slot("couple") if has_couple else None,
    )
    if condition is None:
        raise ValueError("nothing is visible in this shape; check scope() first")
    return model._default_manager.filter(condition)


class Visible:
    """A prepared query (haven.core.prepared) over what a viewer may see of a model.

    `build(queryset, extra)` narrows visible() (with slots for the viewer's
    ids) further; `extra` is whatever else shapes the SQL, such as a limit.
    Every run checks the viewer's scope afresh, so a new partner or an
    unlinked couple counts on the very next request.
    """

    def __init__(
        self,
        model: type[Model],
        build: Callable[[QuerySet, Any], QuerySet],
        action: Action = Action.VIEW,
    ) -> None:
        from haven.core.prepared import Prepared

        self.model, self.action = model, action
        self.query = Prepared(lambda shape: build(visible_slots(model, shape[0], action), shape[1]))

    def objects(self, user: Any, extra: Any = None, **values: Any) -> list[Any]:
        found = scope(user, self.model, self.action)
        if found is None:
            return []
        return self.query.objects((found.shape, extra), **values, **found.values)

    def rows(self, user: Any, extra: Any = None, **values: Any) -> list[tuple[Any, ...]]:
        found = scope(user, self.model, self.action)
        if found is None:
            return []
        return self.query.rows((found.shape, extra), **values, **found.values)

    def first(self, user: Any, extra: Any = None, **values: Any) -> Any | None:
        found = self.objects(user, extra, **values)
        return found[0] if found else None

    def value(self, user: Any, extra: Any = None, **values: Any) -> Any | None:
        """The first column of the first row, or None when there is no row."""
        found = self.rows(user, extra, **values)
        return found[0][0] if found else None


def get_or_404(
    user: AbstractBaseUser | AnonymousUser, model: type[Model], action: Action, **lookup: Any
) -> Any:
    try:
        return visible(user, model, action).get(**lookup)
    except model.DoesNotExist:  # type: ignore[attr-defined]
        raise Http404 from None


# --- views ------------------------------------------------------------------


class Access(StrEnum):
    PUBLIC = "public"  # anyone, logged in or not
    LOGIN = "login"  # any logged-in person, no one else's content involved
    OBJECT = "object"  # one content item, checked against CONTENT_POLICY


@dataclass(frozen=True)
class ViewRule:
    access: Access
    methods: tuple[str, ...] = ("GET",)
    model: str | None = None  # content label, for OBJECT views
    action: Action | None = None
    notes: str = field(default="", compare=False)


def _obj(model: str, action: Action, methods: tuple[str, ...] = ("GET",)) -> ViewRule:
    return ViewRule(Access.OBJECT, methods=methods, model=model, action=action)


GET, POST, BOTH = ("GET",), ("POST",), ("GET", "POST")

# URL name -> rule. The harness test resolves every URL of Haven's own apps and
# fails for one that is missing here.
VIEW_POLICY: dict[str, ViewRule] = {
    "home": ViewRule(Access.PUBLIC),
    "language": ViewRule(Access.PUBLIC, methods=POST),
    "quick_exit": ViewRule(Access.PUBLIC, methods=POST, notes="logs out; no content"),
    "rescue": ViewRule(Access.LOGIN, methods=BOTH, notes="only the typist's own kept text"),
    "onboarding": ViewRule(Access.LOGIN, methods=BOTH),
    # Help lines are for anyone; the check and its result only for its author.
    "safety:help": ViewRule(Access.PUBLIC),
    "safety:check": ViewRule(Access.LOGIN, methods=BOTH),
    "safety:result": ViewRule(Access.LOGIN, notes="the person's own latest check"),
    "safety:forget": ViewRule(Access.LOGIN, methods=POST),
    "profile": ViewRule(Access.LOGIN, methods=BOTH),
    "export": ViewRule(Access.LOGIN, methods=BOTH, notes="own data only, password again"),
    "delete_account": ViewRule(Access.LOGIN, methods=BOTH, notes="password again"),
    "couples:overview": ViewRule(Access.LOGIN),
    "couples:invite": ViewRule(Access.LOGIN, methods=BOTH, notes="GET goes back to the overview"),
    "couples:cancel_invite": ViewRule(Access.LOGIN, methods=POST),
    "couples:join": ViewRule(Access.LOGIN, methods=BOTH, notes="token in the URL"),
    "couples:enter_code": ViewRule(Access.LOGIN, methods=BOTH),
    "couples:unlink": ViewRule(Access.LOGIN, methods=BOTH),
    "journal:list": ViewRule(Access.LOGIN),
    "journal:new": ViewRule(Access.LOGIN, methods=BOTH),
    "journal:detail": _obj("journal.Reflection", Action.VIEW),
    "journal:edit": _obj("journal.Reflection", Action.CHANGE, BOTH),
    "journal:delete": _obj("journal.Reflection", Action.DELETE, BOTH),
    "journal:share": _obj("journal.Reflection", Action.SHARE, POST),
    # Nothing typed on the practise page is stored: no object to protect.
    "practise:page": ViewRule(Access.LOGIN, methods=BOTH),
    "practise:fragment": ViewRule(Access.LOGIN, methods=POST),
    # --- needs and felt sense (haven.needs) ---
    "needs:overview": ViewRule(Access.LOGIN, notes="own needs; the partner's shared ones"),
    "needs:choose": ViewRule(Access.LOGIN, methods=BOTH, notes="creates private needs"),
    "needs:detail": _obj("needs.Need", Action.VIEW),
    "needs:sentence": _obj("needs.Need", Action.CHANGE, BOTH),
    "needs:move": _obj("needs.Need", Action.CHANGE, POST),
    "needs:share": _obj("needs.Need", Action.SHARE, POST),
    "needs:delete": _obj("needs.Need", Action.DELETE, BOTH),
    "needs:answer": _obj("needs.Need", Action.ANSWER, BOTH),
    "needs:answer_edit": _obj("needs.Acknowledgement", Action.CHANGE, BOTH),
    "needs:answer_delete": _obj("needs.Acknowledgement", Action.DELETE, BOTH),
    "needs:answer_send": _obj("needs.Acknowledgement", Action.SHARE, POST),
    "needs:feltsense": ViewRule(Access.LOGIN, notes="own notes; the partner's shared ones"),
    "needs:exercise": ViewRule(Access.LOGIN, notes="exercise text from data; no object"),
    "needs:note_new": ViewRule(Access.LOGIN, methods=BOTH, notes="creates a private note"),
    "needs:note_detail": _obj("needs.FeltSenseNote", Action.VIEW),
    "needs:note_edit": _obj("needs.FeltSenseNote", Action.CHANGE, BOTH),
    "needs:note_delete": _obj("needs.FeltSenseNote", Action.DELETE, BOTH),
    "needs:note_share": _obj("needs.FeltSenseNote", Action.SHARE, POST),
    # --- attachment reflection, history, sensitive spots (haven.reflection) ---
    "reflection:index": ViewRule(Access.LOGIN),
    "reflection:map": ViewRule(Access.LOGIN, notes="own items; the partner's shared ones"),
    "reflection:attach": ViewRule(Access.LOGIN, methods=BOTH, notes="starts a private response"),
    "reflection:answer": _obj("reflection.InstrumentResponse", Action.CHANGE, BOTH),
    "reflection:answer_autosave": _obj("reflection.InstrumentResponse", Action.CHANGE, POST),
    "reflection:result": _obj("reflection.InstrumentResponse", Action.VIEW),
    "reflection:result_note": _obj("reflection.InstrumentResponse", Action.CHANGE, BOTH),
    "reflection:result_share": _obj("reflection.InstrumentResponse", Action.SHARE, POST),
    "reflection:result_delete": _obj("reflection.InstrumentResponse", Action.DELETE, BOTH),
    "reflection:history": ViewRule(Access.LOGIN, methods=BOTH, notes="own answers only"),
    "reflection:history_autosave": ViewRule(
        Access.LOGIN, methods=POST, notes="own answers only, through policy.visible()"
    ),
    "reflection:history_share": _obj("reflection.HistoryAnswer", Action.SHARE, POST),
    "reflection:spots": ViewRule(Access.LOGIN, notes="own spots; the partner's shared ones"),
    "reflection:spot_new": ViewRule(Access.LOGIN, methods=BOTH, notes="creates a private spot"),
    "reflection:spot_detail": _obj("reflection.SensitiveSpot", Action.VIEW),
    "reflection:spot_edit": _obj("reflection.SensitiveSpot", Action.CHANGE, BOTH),
    "reflection:spot_delete": _obj("reflection.SensitiveSpot", Action.DELETE, BOTH),
    "reflection:spot_share": _obj("reflection.SensitiveSpot", Action.SHARE, POST),
    # --- check-ins and progress (haven.checkins) ---
    "checkins:today": ViewRule(Access.LOGIN, methods=BOTH, notes="own check-in of today"),
    "checkins:detail": _obj("checkins.CheckInDetails", Action.VIEW),
    "checkins:share": _obj("checkins.CheckIn", Action.SHARE, POST),
    "checkins:delete": _obj("checkins.CheckIn", Action.DELETE, BOTH),
    "checkins:progress": ViewRule(
        Access.LOGIN, notes="own check-ins; only (day, percentage) of the partner's shared days"
    ),
    "checkins:csv": ViewRule(Access.LOGIN, notes="own check-ins only"),
    "checkins:measure": ViewRule(Access.LOGIN, methods=BOTH, notes="own monthly reflection"),
    "checkins:measure_delete": _obj("checkins.MonthlyMeasure", Action.DELETE, BOTH),
    "checkins:reminders": ViewRule(Access.LOGIN, methods=BOTH, notes="own reminder setting"),
    "checkins:reminders_stop": ViewRule(
        Access.PUBLIC, methods=BOTH, notes="signed token from the e-mail; only turns reminders off"
    ),
    # --- the learning path (haven.learn) ---
    "learn:path": ViewRule(
        Access.LOGIN, notes="own progress; the partner's done modules only if they share"
    ),
    "learn:module": ViewRule(Access.LOGIN, notes="content from files; notes own progress"),
    "learn:done": ViewRule(Access.LOGIN, methods=POST, notes="own progress only"),
    "learn:sharing": ViewRule(Access.LOGIN, methods=POST, notes="own sharing choice"),
    "learn:reflection": ViewRule(
        Access.LOGIN, methods=BOTH, notes="creates a private reflection; own and shared listed"
    ),
    "learn:reflection_detail": _obj("learn.ModuleReflection", Action.VIEW),
    "learn:reflection_share": _obj("learn.ModuleReflection", Action.SHARE, POST),
    "learn:reflection_delete": _obj("learn.ModuleReflection", Action.DELETE, BOTH),
    "learn:exercises": ViewRule(Access.LOGIN, notes="exercises from data; nothing stored"),
    "learn:exercise": ViewRule(Access.LOGIN, notes="one step at a time; nothing stored"),
    "learn:scripts": ViewRule(Access.LOGIN, notes="scripts from data; own drafts"),
    "learn:script": ViewRule(
        Access.LOGIN, methods=BOTH, notes="filled from own needs and cycle; own private draft"
    ),
    "learn:script_print": ViewRule(
        Access.LOGIN, methods=BOTH, notes="the posted text or the own draft; nothing stored"
    ),
    # --- the negative cycle (haven.cycle) ---
    "cycle:index": ViewRule(Access.LOGIN, notes="own side; whether the partner shared theirs"),
    "cycle:edit": ViewRule(Access.LOGIN, methods=BOTH, notes="own side; creates it private"),
    "cycle:autosave": ViewRule(
        Access.LOGIN, methods=POST, notes="own side only; creates it private"
    ),
    "cycle:side": _obj("cycle.CycleSide", Action.VIEW),
    "cycle:share": _obj("cycle.CycleSide", Action.SHARE, POST),
    "cycle:delete": _obj("cycle.CycleSide", Action.DELETE, BOTH),
    "cycle:our": ViewRule(
        Access.LOGIN, notes="both sides through policy.visible(), only when both are shared"
    ),
    "cycle:name": ViewRule(
        Access.LOGIN, methods=POST, notes="the current couple's name; only when both shared"
    ),
    "cycle:solo": ViewRule(Access.LOGIN, methods=BOTH, notes="own reflection on past partners"),
    # --- rocky moments, the pause and repair (haven.moments) ---
    "moments:index": ViewRule(Access.LOGIN, notes="own moments; the partner's shared ones"),
    "moments:new": ViewRule(Access.LOGIN, methods=BOTH, notes="creates a private moment"),
    "moments:detail": _obj("moments.Moment", Action.VIEW),
    "moments:edit": _obj("moments.Moment", Action.CHANGE, BOTH),
    "moments:share": _obj("moments.Moment", Action.SHARE, POST),
    "moments:delete": _obj("moments.Moment", Action.DELETE, BOTH),
    "moments:link": _obj("moments.Moment", Action.SHARE, BOTH),
    "moments:link_answer": _obj("moments.MomentLink", Action.ANSWER, POST),
    "moments:link_undo": _obj("moments.MomentLink", Action.DELETE, POST),
    "moments:repair_start": _obj("moments.Moment", Action.CHANGE, BOTH),
    "moments:repair_detail": _obj("moments.Repair", Action.VIEW),
    "moments:repair_step": _obj("moments.Repair", Action.CHANGE, BOTH),
    "moments:repair_share": _obj("moments.Repair", Action.SHARE, POST),
    "moments:pause": ViewRule(Access.LOGIN, methods=BOTH, notes="creates a private pause"),
    "moments:pause_detail": _obj("moments.Pause", Action.VIEW),
    "moments:pause_done": _obj("moments.Pause", Action.CHANGE, POST),
}
