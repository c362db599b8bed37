"""A share is made with someone: it never follows its author to a next partner.

The audit's sequence, for every content type: A shares with B; A unlinks; A
links with X. X must reach nothing that A shared with B (every page, every
object view, every query), B no longer either, and A's own pages say the
item is private again. Only sharing again, on purpose, shows it to X.
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse

from haven.core import sharing
from haven.core.models import Visibility
from haven.core.policy import CONTENT_POLICY, VIEW_POLICY, Access, Action, Actor, allowed, can
from haven.core.policy import visible as policy_visible
from haven.couples import services as couples
from haven.journal import services as journal
from tests.conftest import link, make_user
from tests.factories import CONTENT_FACTORIES
from tests.security.test_canary import _reachable

CANARY = "canary-shared-with-b-4e1d"

# Content a partner may ever read when shared (everything else is never shared).
SHAREABLE = sorted(
    label
    for label, rules in CONTENT_POLICY.items()
    if (Actor.PARTNER, Visibility.SHARED.value) in rules
)
# Joint items belong to a couple already and end with it (COUPLE_SCOPE).
JOINT = {"cycle.CycleName", "moments.MomentLink"}


def _object_views(label: str) -> list[tuple[str, str]]:
    return [
        (name, "GET" if "GET" in rule.methods else "POST")
        for name, rule in VIEW_POLICY.items()
        if rule.access == Access.OBJECT and rule.model == label
    ]


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def next_partner(cast):
    """A's next partner X: A unlinks from B and links with X."""
    x = make_user("x@example.org", "Xander")
    couples.unlink(user=cast.partner_a)
    link(cast.partner_a, x)
    return x


@pytest.mark.parametrize("label", [label for label in SHAREABLE if label not in JOINT])
def test_what_a_shared_with_b_never_reaches_the_next_partner(cast, label):
    item = CONTENT_FACTORIES[label](cast.partner_a, Visibility.SHARED, f"{CANARY}-{label}")
    model = apps.get_model(label)
    item.refresh_from_db()
    assert item.shared_couple_id is not None
    # While A and B are a couple, B reads it (where any view shows it).
    assert can(cast.partner_b, item, Action.VIEW)

    x = make_user("x@example.org", "Xander")
    couples.unlink(user=cast.partner_a)
    link(cast.partner_a, x)

    item.refresh_from_db()
    # The author's own pages now say it honestly: nobody sees it.
    assert item.visibility == Visibility.PRIVATE
    for viewer in (x, cast.partner_b):
        assert not can(viewer, item, Action.VIEW)
        assert item.pk not in set(policy_visible(viewer, model).values_list("pk", flat=True))
        client = _client(viewer)
        for name, method in _object_views(label):
            url = reverse(name, kwargs={"pk": item.pk})
            response = client.get(url) if method == "GET" else client.post(url, {})
            assert response.status_code == 404, (viewer, url)


def test_a_share_stays_with_its_couple_even_when_left_shared(cast, next_partner):
    # Whatever leaves an item marked shared (a path that skips unlinking's
    # release), the binding alone keeps it from the next partner.
    old = cast.partner_a.couple_memberships.order_by("pk").values_list("couple_id", flat=True)
    earlier_couple = list(old)[-2]
    for label in SHAREABLE:
        if label in JOINT:
            continue
        item = CONTENT_FACTORIES[label](cast.partner_a, Visibility.SHARED, CANARY)
        apps.get_model(label)._default_manager.filter(pk=item.pk).update(
            shared_couple_id=earlier_couple
        )
        item.refresh_from_db()
        assert item.visibility == Visibility.SHARED
        assert not can(next_partner, item, Action.VIEW), label
        assert not policy_visible(next_partner, apps.get_model(label)).filter(pk=item.pk).exists()


def test_no_page_of_the_next_partner_shows_what_was_shared_before(cast, next_partner):
    # Every content type shared with B, then the couple ends and A links with X.
    couples.unlink(user=cast.partner_a)
    link(cast.partner_a, cast.partner_b)
    items = [
        CONTENT_FACTORIES[label](cast.partner_a, Visibility.SHARED, f"{CANARY}-{label}")
        for label in SHAREABLE
    ]
    couples.unlink(user=cast.partner_a)
    link(cast.partner_a, next_partner)
    pages = _reachable(_client(next_partner), items)
    assert len(pages) >= 10
    for url, page in pages.items():
        assert CANARY not in page, url


def test_sharing_again_on_purpose_shows_it_to_the_next_partner(cast):
    item = journal.create_reflection(author=cast.partner_a, body=f"{CANARY} written for B")
    journal.set_visibility(reflection=item, shared=True)
    x = make_user("x@example.org", "Xander")
    couples.unlink(user=cast.partner_a)
    link(cast.partner_a, x)
    url = reverse("journal:detail", args=[item.pk])
    assert _client(x).get(url).status_code == 404
    # A's page says it is private now, and offers to share it.
    page = _client(cast.partner_a).get(url).content.decode()
    assert "Only you can see this." in page
    _client(cast.partner_a).post(reverse("journal:share", args=[item.pk]), {"shared": "1"})
    assert _client(x).get(url).status_code == 200
    # ... and it is bound to A and X's couple, not to the earlier one.
    item.refresh_from_db()
    assert item.shared_couple_id == sharing.current_couple_id(x.pk)
    assert not can(cast.partner_b, item, Action.VIEW)


def test_what_someone_shares_on_their_own_is_for_the_partner_they_link_with(db):
    anna = make_user("anna@example.org", "Anna", "nl")
    joris = make_user("joris@example.org", "Joris", "nl")
    item = journal.create_reflection(author=anna, body=f"{CANARY} for when Joris joins")
    journal.set_visibility(reflection=item, shared=True)
    item.refresh_from_db()
    assert item.shared_couple_id is None  # nobody to see it yet
    assert sharing.pending_count(anna.pk) == 1
    link(anna, joris)
    item.refresh_from_db()
    assert item.shared_couple_id == sharing.current_couple_id(joris.pk)
    assert can(joris, item, Action.VIEW)
    assert sharing.pending_count(anna.pk) == 0


def test_progress_sharing_is_a_choice_made_again_for_a_next_partner(cast, next_partner):
    from haven.learn import services as learn
    from haven.learn.models import ModuleProgress

    couples.unlink(user=cast.partner_a)
    link(cast.partner_a, cast.partner_b)
    learn.set_progress_sharing(author=cast.partner_a, shared=True)
    row = learn.set_done(author=cast.partner_a, slug="needs")
    assert can(cast.partner_b, row, Action.VIEW)
    couples.unlink(user=cast.partner_a)
    link(cast.partner_a, next_partner)
    assert not learn.shares_progress(cast.partner_a)
    assert not policy_visible(next_partner, ModuleProgress).exists()


@pytest.mark.parametrize("label", SHAREABLE)
def test_the_table_still_grants_a_current_partner_what_is_shared(cast, label):
    item = CONTENT_FACTORIES[label](cast.partner_a, Visibility.SHARED, "current")
    expected = allowed(label, Actor.PARTNER, item.visibility, Action.VIEW)
    assert can(cast.partner_b, item, Action.VIEW) is expected


def test_the_migration_binds_old_shares_conservatively(cast):
    """Shares made before binding existed: only what was written in the current couple stays."""
    from django.apps import apps as live_apps

    from haven.core.migration_tools import bind_existing_shares
    from haven.journal.models import Reflection

    loner = make_user("loner@example.org", "Lou")
    old_in_couple = journal.create_reflection(author=cast.partner_a, body="written with B")
    before_couple = journal.create_reflection(author=cast.partner_a, body="written earlier")
    never_linked = journal.create_reflection(author=loner, body="written alone")
    couple = sharing.current_couple_id(cast.partner_a.pk)
    from haven.couples.models import Couple

    earlier = Couple.objects.get(pk=couple).created_at.replace(year=2000)
    Reflection.objects.filter(pk=before_couple.pk).update(created_at=earlier)
    Reflection.objects.update(visibility=Visibility.SHARED, shared_couple=None)

    bind_existing_shares("journal", ["reflection"])(live_apps, None)

    rows = {r.pk: r for r in Reflection.objects.all()}
    assert rows[old_in_couple.pk].shared_couple_id == couple
    assert rows[before_couple.pk].visibility == Visibility.PRIVATE
    assert rows[never_linked.pk].visibility == Visibility.SHARED
    assert rows[never_linked.pk].shared_couple_id is None
