"""Who may see and change what: the one place that decides.

The policy is a table: (content type) -> {(actor, visibility): allowed actions}.
Anything the table does not grant is denied, and a denial answers 404 so that
nobody learns whether an item exists. Views reach content only through
`visible()` and `get_or_404()` below; tests/core/test_policy_harness.py runs every
view against every actor and fails when a view or content model has no entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
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
    # --- attachment reflection, history, sensitive spots (haven.reflection) ---
}


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
        from haven.couples.selectors import current_partner_id

        user._haven_partner_id = current_partner_id(user)  # type: ignore[union-attr]
    return user._haven_partner_id  # type: ignore[union-attr]


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
    return allowed(label, actor_for(user, obj.author_id), obj.visibility, action)


# --- querysets --------------------------------------------------------------


def visible(
    user: AbstractBaseUser | AnonymousUser, model: type[Model], action: Action = Action.VIEW
) -> QuerySet:
    """All items of `model` that `user` may perform `action` on, as one query."""
    label = model._meta.label
    rules = CONTENT_POLICY.get(label)
    if rules is None or not user.is_authenticated:
        return model._default_manager.none()
    condition = Q(pk__in=[])
    for (actor, visibility), actions in rules.items():
        if action not in actions:
            continue
        if actor == Actor.AUTHOR:
            condition |= Q(author_id=user.pk, visibility=visibility)
        elif actor == Actor.PARTNER:
            pid = partner_id(user)
            if pid is not None:
                condition |= Q(author_id=pid, visibility=visibility)
        else:
            # Only author and partner are ever granted anything; a rule for
            # another actor needs its own query here first.
            raise NotImplementedError(f"policy for {label} grants {actor}, not supported")
    return model._default_manager.filter(condition)


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
    "couples:invite": ViewRule(Access.LOGIN, methods=POST),
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
    # --- attachment reflection, history, sensitive spots (haven.reflection) ---
}
