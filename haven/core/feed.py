"""What the partner shared with the viewer, newest first, for home.

Every kind of content a partner may read when shared is listed here with the
page where the viewer reads it. The feed is one query (a UNION over the
policy's own querysets, so nothing private can slip in) of ids and dates; it
never decrypts a body. `tests/core/test_feed.py` fails when a shareable
content type is missing from FEED.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.apps import apps
from django.db.models import F, IntegerField, Value
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from haven.core import policy
from haven.core.policy import Action


@dataclass(frozen=True)
class Kind:
    label: str  # the content type
    name: object  # what the viewer reads; may name the partner as %(name)s
    url_name: str  # where they read it
    by_pk: str | None = "pk"  # which id the URL takes (None: a page without one)


FEED: tuple[Kind, ...] = (
    Kind("journal.Reflection", _("A reflection"), "journal:detail"),
    Kind("needs.Need", _("A need"), "needs:detail"),
    Kind("needs.Acknowledgement", _("An answer to your need"), "needs:detail", "need_id"),
    Kind("needs.FeltSenseNote", _("A note on how a need feels in the body"), "needs:note_detail"),
    Kind("reflection.InstrumentResponse", _("An attachment reflection"), "reflection:result"),
    Kind("reflection.HistoryAnswer", _("Answers about %(name)s's history"), "reflection:map", None),
    Kind("reflection.SensitiveSpot", _("A sensitive spot"), "reflection:spot_detail"),
    Kind("checkins.CheckIn", _("How a day went (check-in)"), "checkins:progress", None),
    Kind("learn.ModuleProgress", _("Modules %(name)s finished"), "learn:path", None),
    Kind("learn.ModuleReflection", _("A reflection on a module"), "learn:reflection_detail"),
    Kind("cycle.CycleSide", _("%(name)s's side of your cycle"), "cycle:side"),
    Kind("moments.Moment", _("%(name)s's view of a rocky moment"), "moments:detail"),
    Kind("moments.Repair", _("%(name)s's side of a repair"), "moments:repair_detail"),
)
# Joint items (the couple's cycle name, a link between two moments) are not
# "shared by" one partner; waiting link proposals are listed as requests.
NOT_IN_FEED = frozenset({"cycle.CycleName", "moments.MomentLink"})
KINDS = {kind.label: kind for kind in FEED}


@dataclass(frozen=True)
class SharedItem:
    kind: Kind
    updated_at: datetime
    url: str
    partner_name: str

    @property
    def name(self) -> str:
        return str(self.kind.name) % {"name": self.partner_name}


def shared_with(viewer, partner, limit: int = 8) -> tuple[list[SharedItem], bool]:
    """The newest `limit` items `partner` shares with `viewer`, and whether there are more.

    Several rows of one kind on one page (check-in days, history answers,
    finished modules) show once, with the newest date.
    """
    if partner is None:
        return [], False
    queries = []
    for number, kind in enumerate(FEED):
        model = apps.get_model(kind.label)
        target = F(kind.by_pk) if kind.by_pk else Value(0)
        queries.append(
            policy.visible(viewer, model, Action.VIEW)
            .filter(author_id=partner.pk)
            .annotate(
                feed_kind=Value(number, output_field=IntegerField()),
                feed_target=target,
            )
            .values_list("feed_kind", "feed_target", "updated_at")
            .order_by()
        )
    union = queries[0].union(*queries[1:], all=True).order_by("-updated_at")
    rows = list(union[: limit * 4])
    items: list[SharedItem] = []
    seen: set[tuple[int, int]] = set()
    for number, target, updated_at in rows:
        kind = FEED[number]
        key = (number, target if kind.by_pk else 0)
        if key in seen:
            continue
        seen.add(key)
        url = (
            reverse(kind.url_name, kwargs={"pk": target}) if kind.by_pk else reverse(kind.url_name)
        )
        items.append(SharedItem(kind, updated_at, url, partner.profile.display_name))
    return items[:limit], len(items) > limit or len(rows) == limit * 4
