"""The learning path counts a module's exercise done in its own area (#22 item 11).

A person who chose their needs, wrote their side of the cycle and logged a
rocky moment had done those modules' work, and the path still said "0 of 17".
"""

from __future__ import annotations

import re

import pytest
from django.apps import apps
from django.urls import reverse

from haven.core.models import ContentItem, Visibility
from haven.learn import content, selectors, tools
from tests.factories import CONTENT_FACTORIES


def _done(page: str) -> int:
    return int(re.search(r'<progress max="\d+" value="(\d+)"', page).group(1))


def _modules_using(tool_key: str) -> set[str]:
    return {m.slug for m in content.path("en") if m.exercise.tool == tool_key}


def test_every_done_when_names_a_persons_content():
    for key, tool in tools.tools().items():
        if not tool.done_when:
            continue
        label, _, field_name = tool.done_when.partition(":")
        model = apps.get_model(label)
        assert issubclass(model, ContentItem), key
        if field_name:
            model._meta.get_field(field_name)


def test_needs_cycle_and_moments_done_in_their_areas_count(cast, client_a):
    before = client_a.get(reverse("learn:path")).content.decode()
    assert _done(before) == 0
    for label in ("needs.Need", "cycle.CycleSide", "moments.Moment"):
        CONTENT_FACTORIES[label](cast.partner_a, Visibility.PRIVATE, "")
    counted = _modules_using("needs") | _modules_using("cycle") | _modules_using("moments")
    assert len(counted) >= 3
    after = client_a.get(reverse("learn:path")).content.decode()
    assert _done(after) == len(counted)
    found = selectors.done_elsewhere(cast.partner_a, content.path("en"))
    assert found == counted


def test_the_partners_work_does_not_count_for_me(cast, client_a):
    for label in ("needs.Need", "cycle.CycleSide", "moments.Moment"):
        CONTENT_FACTORIES[label](cast.partner_b, Visibility.SHARED, "")
    assert _done(client_a.get(reverse("learn:path")).content.decode()) == 0


def test_an_unfinished_attachment_reflection_does_not_count(cast):
    from haven.reflection.models import InstrumentResponse

    module = _modules_using("reflection")
    if not module:
        pytest.skip("no module opens the attachment reflection")
    item = CONTENT_FACTORIES["reflection.InstrumentResponse"](cast.partner_a, "private", "")
    InstrumentResponse.objects.filter(pk=item.pk).update(completed_at=None)
    assert not selectors.done_elsewhere(cast.partner_a, content.path("en")) & module


def test_the_path_continues_with_a_module_not_done_anywhere(cast):
    CONTENT_FACTORIES["needs.Need"](cast.partner_a, Visibility.PRIVATE, "")
    upcoming = selectors.continue_with(cast.partner_a, "en")
    assert upcoming is not None and upcoming.slug not in _modules_using("needs")


def test_dutch_path_says_how_many_are_done(cast):
    from django.test import Client

    profile = cast.partner_a.profile
    profile.language = "nl"
    profile.save()
    CONTENT_FACTORIES["cycle.CycleSide"](cast.partner_a, Visibility.PRIVATE, "")
    client = Client()
    client.force_login(cast.partner_a)
    page = client.get(reverse("learn:path")).content.decode()
    assert re.search(r"1 van de \d+", page)
