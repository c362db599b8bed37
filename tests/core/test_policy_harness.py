"""Every view of Haven, tried by every actor: the privacy model, proven.

Adding a view without an entry in haven.core.policy.VIEW_POLICY, or a content
model without an entry in CONTENT_POLICY and a factory, fails this module.
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from haven.core.models import ContentItem, Visibility
from haven.core.policy import (
    CONTENT_POLICY,
    VIEW_POLICY,
    Access,
    Action,
    Actor,
    Visible,
    allowed,
    can,
    visible,
)
from haven.couples import services as couples
from tests.conftest import make_user
from tests.factories import CONTENT_FACTORIES, URL_KWARGS


def _haven_url_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns, namespace: str | None) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = pattern.namespace or namespace
                if pattern.namespace and namespace:
                    ns = f"{namespace}:{pattern.namespace}"
                walk(pattern.url_patterns, ns)
            elif isinstance(pattern, URLPattern):
                module = getattr(pattern.callback, "__module__", "")
                if module.startswith("haven."):
                    assert pattern.name, f"Haven view {pattern.callback} has no URL name"
                    names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns, None)
    return names


def test_every_haven_view_has_a_policy_entry():
    names = _haven_url_names()
    missing = sorted(names - VIEW_POLICY.keys())
    assert not missing, f"views without an entry in VIEW_POLICY: {missing}"


def test_policy_lists_no_view_that_does_not_exist():
    stale = sorted(VIEW_POLICY.keys() - _haven_url_names())
    assert not stale, f"VIEW_POLICY entries without a view: {stale}"


def test_every_content_model_has_a_policy_and_a_factory():
    content_models = [m._meta.label for m in apps.get_models() if issubclass(m, ContentItem)]
    assert content_models, "expected at least one content model"
    for label in content_models:
        assert label in CONTENT_POLICY, f"{label} has no entry in CONTENT_POLICY"
        assert label in CONTENT_FACTORIES, f"{label} has no factory in tests/factories.py"


def test_harness_catches_a_view_missing_from_the_table(monkeypatch):
    reduced = dict(VIEW_POLICY)
    reduced.pop("journal:detail")
    monkeypatch.setattr("haven.core.policy.VIEW_POLICY", reduced)
    from haven.core import policy

    assert "journal:detail" in _haven_url_names() - policy.VIEW_POLICY.keys()


def test_unknown_combinations_are_denied():
    assert not allowed("journal.Reflection", Actor.STAFF, Visibility.SHARED, Action.VIEW)
    assert not allowed("no.SuchModel", Actor.AUTHOR, Visibility.PRIVATE, Action.VIEW)
    assert not allowed("journal.Reflection", Actor.PARTNER, "unheard-of", Action.VIEW)


ACTORS = list(Actor)
VISIBILITIES = [Visibility.PRIVATE.value, Visibility.SHARED.value]


def _url_kwargs(name: str, cast, obj=None) -> dict:
    if obj is not None:
        return {"pk": obj.pk}
    if name == "couples:join":
        inviter = make_user("inviter@example.org", "Ivo")
        return {"token": couples.create_invitation(inviter=inviter).token}
    if name in URL_KWARGS:
        return URL_KWARGS[name]()
    return {}


def _call(client, method: str, url: str):
    return client.get(url) if method == "GET" else client.post(url, {})


def _assert_login_redirect(response):
    assert response.status_code == 302, response.status_code
    assert response["Location"].startswith("/accounts/"), response["Location"]


@pytest.mark.parametrize(
    "name", sorted(n for n, r in VIEW_POLICY.items() if r.access == Access.OBJECT)
)
@pytest.mark.parametrize("visibility", VISIBILITIES)
@pytest.mark.parametrize("actor", ACTORS, ids=str)
def test_object_view_for_every_actor(cast, name, visibility, actor):
    rule = VIEW_POLICY[name]
    obj = CONTENT_FACTORIES[rule.model](cast.partner_a, visibility, "harness")
    url = reverse(name, kwargs=_url_kwargs(name, cast, obj))
    method = "GET" if "GET" in rule.methods else "POST"
    response = _call(cast.client_for(actor), method, url)
    if actor == Actor.ANONYMOUS:
        _assert_login_redirect(response)
    # A factory may refuse a visibility its model never allows (the safety
    # check is always private); the item's real visibility decides.
    elif allowed(rule.model, actor, obj.visibility, rule.action):
        assert response.status_code == (200 if method == "GET" else 302)
    else:
        # Denied is indistinguishable from absent.
        assert response.status_code == 404


@pytest.mark.parametrize(
    "name", sorted(n for n, r in VIEW_POLICY.items() if r.access == Access.LOGIN)
)
def test_login_view_sends_anonymous_to_login_and_serves_members(cast, name):
    rule = VIEW_POLICY[name]
    url = reverse(name, kwargs=_url_kwargs(name, cast))
    method = "GET" if "GET" in rule.methods else "POST"
    _assert_login_redirect(_call(cast.client_for(Actor.ANONYMOUS), method, url))
    response = cast.client_for(Actor.AUTHOR).get(url)
    assert response.status_code == (200 if "GET" in rule.methods else 405)


@pytest.mark.parametrize(
    "name", sorted(n for n, r in VIEW_POLICY.items() if r.access == Access.PUBLIC)
)
def test_public_view_answers_anyone(cast, name):
    rule = VIEW_POLICY[name]
    url = reverse(name)
    for actor in (Actor.ANONYMOUS, Actor.AUTHOR):
        response = _call(cast.client_for(actor), rule.methods[0], url)
        assert response.status_code in (200, 302, 303)


@pytest.mark.parametrize("name", sorted(VIEW_POLICY))
def test_wrong_method_is_refused(cast, name):
    rule = VIEW_POLICY[name]
    obj = None
    if rule.access == Access.OBJECT:
        obj = CONTENT_FACTORIES[rule.model](cast.partner_a, Visibility.PRIVATE, "")
    url = reverse(name, kwargs=_url_kwargs(name, cast, obj))
    client = cast.client_for(Actor.AUTHOR)
    assert client.put(url).status_code == 405
    if rule.methods == ("GET",):
        assert client.post(url).status_code == 405
    if rule.methods == ("POST",):
        assert client.get(url).status_code == 405


@pytest.mark.parametrize("label", sorted(CONTENT_POLICY))
@pytest.mark.parametrize("action", list(Action), ids=str)
def test_querysets_agree_with_the_table(cast, label, action):
    model = apps.get_model(label)
    items = {v: CONTENT_FACTORIES[label](cast.partner_a, v, f"agree-{v}") for v in VISIBILITIES}
    prepared = Visible(model, lambda rows, _: rows.values_list("pk"), action)
    for actor in ACTORS:
        user = cast.user_for(actor)
        if user is None:
            from django.contrib.auth.models import AnonymousUser

            user = AnonymousUser()
        reachable = set(visible(user, model, action).values_list("pk", flat=True))
        # The prepared form of the same condition (haven.core.prepared) agrees.
        assert {pk for (pk,) in prepared.rows(user)} == reachable, actor
        for visibility, obj in items.items():
            expected = allowed(label, actor, obj.visibility, action)
            assert can(user, obj, action) is expected, (actor, visibility)
            assert (obj.pk in reachable) is expected, (actor, visibility)
