"""The readable export page (requirement 14): what the person wrote, grouped by
area, in their language and time zone, printable, and nothing of the partner's."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from django.urls import reverse

from haven.accounts import export, export_areas, export_readable
from haven.checkins.models import Reminder
from haven.core.models import Visibility
from haven.couples.models import Invitation
from haven.journal.models import Reflection
from haven.learn.models import PathSharing
from tests.conftest import PASSWORD
from tests.factories import CONTENT_FACTORIES

MINE = "canary-page-mine-7f1"
THEIRS = "canary-page-partner-c40"
ISO_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T")
# 7 December 2026, 19:15 UTC: 20:15 in Amsterdam, the site's zone.
WRITTEN_AT = datetime.datetime(2026, 12, 7, 19, 15, tzinfo=datetime.UTC)

HEADINGS = {
    "en": [
        "About you",
        "Your couple",
        "Check-ins",
        "Needs and the felt sense",
        "How you attach and your history",
        "The cycle",
        "Rocky moments and repair",
        "Reflections",
        "Learning",
        "Practise",
        "Safety check",
    ],
    "nl": [
        "Over jou",
        "Jullie als stel",
        "Check-ins",
        "Behoeften en lichaamsgevoel",
        "Hoe je je hecht en je geschiedenis",
        "De cirkel",
        "Moeilijke momenten en herstel",
        "Reflecties",
        "Leren",
        "Oefenen",
        "Veiligheidscheck",
    ],
}


def _fill(cast):
    for label, factory in CONTENT_FACTORIES.items():
        factory(cast.partner_a, Visibility.PRIVATE, f"{MINE}-{label}-private")
        factory(cast.partner_a, Visibility.SHARED, f"{MINE}-{label}-shared")
        factory(cast.partner_b, Visibility.SHARED, f"{THEIRS}-{label}")
    Reminder.objects.create(author=cast.partner_a, enabled=True)
    PathSharing.objects.create(author=cast.partner_a, shared=True)


def _set_language(user, language: str) -> None:
    user.profile.language = language
    user.profile.save()


def _page(client) -> str:
    response = client.post(reverse("export"), {"password": PASSWORD, "format": "page"})
    assert response.status_code == 200
    return response.content.decode()


def _text(page: str) -> str:
    """What a reader sees: the page without its tags (markup classes are no content)."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


def _headings(page: str, level: int) -> list[str]:
    return [
        re.sub(r"\s+", " ", text).strip()
        for text in re.findall(rf"<h{level}[^>]*>(.*?)</h{level}>", page, re.S)
    ]


@pytest.mark.parametrize("language", ["en", "nl"])
def test_page_has_a_heading_per_area_in_the_persons_language(cast, client_a, language):
    _set_language(cast.partner_a, language)
    page = _page(client_a)
    assert f'<html lang="{language}">' in page
    assert _headings(page, 2) == HEADINGS[language]


@pytest.mark.parametrize(
    ("language", "written", "only_me"),
    [
        ("en", "Dec. 7, 2026, 8:15 p.m.", "Only me"),
        ("nl", "7 december 2026 20:15", "Alleen ik"),
    ],
)
def test_dates_are_in_the_persons_language_and_zone(cast, client_a, language, written, only_me):
    _set_language(cast.partner_a, language)
    item = CONTENT_FACTORIES["journal.Reflection"](cast.partner_a, Visibility.PRIVATE, MINE)
    Reflection.objects.filter(pk=item.pk).update(created_at=WRITTEN_AT)
    page = _page(client_a)
    entry = page[page.index(f"A reflection {MINE}") :]
    assert written in entry[:400]
    assert only_me in entry[:400]


def test_dates_follow_the_time_zone_the_person_chose(cast, client_a):
    Reminder.objects.create(author=cast.partner_a, timezone="America/New_York")
    item = CONTENT_FACTORIES["journal.Reflection"](cast.partner_a, Visibility.PRIVATE, MINE)
    Reflection.objects.filter(pk=item.pk).update(created_at=WRITTEN_AT)
    page = _page(client_a)
    assert "Dec. 7, 2026, 2:15 p.m." in page
    assert "America/New_York" in page


def test_every_kind_of_content_i_wrote_appears(cast, client_a):
    _fill(cast)
    page = _page(client_a)
    for label in CONTENT_FACTORIES:
        assert f"{MINE}-{label}-private" in page, label
        assert f"{MINE}-{label}-shared" in page, label


def test_nothing_my_partner_wrote_appears_not_even_shared_items(cast, client_a):
    _fill(cast)
    page = _page(client_a)
    assert THEIRS not in page


def test_my_safety_check_is_on_my_page_only(cast, client_a, client_b):
    _fill(cast)
    assert f"{MINE}-safety.SafetyCheck-private" in _page(client_a)
    assert MINE not in _page(client_b)


def test_every_authored_model_has_a_place_on_the_page(cast):
    _fill(cast)
    shown = export_readable.page_for(cast.partner_a)
    filled = {label for area in shown.areas for group in area.filled for label in group.models}
    assert filled >= {model._meta.label for model in export.authored_models()}


def test_a_kind_of_content_no_area_describes_still_appears(cast, client_a, monkeypatch):
    without_journal = tuple(
        export_areas.AreaSpec(spec.key, spec.title, spec.builders, spec.note)
        if spec.key != "journal"
        else export_areas.AreaSpec(spec.key, spec.title, ())
        for spec in export_areas.AREAS
    )
    monkeypatch.setattr(export_areas, "AREAS", without_journal)
    CONTENT_FACTORIES["journal.Reflection"](cast.partner_a, Visibility.SHARED, MINE)
    page = _page(client_a)
    assert _headings(page, 2)[-1] == "Everything else"
    rest = page[page.index('id="area-other"') :]
    assert MINE in rest
    assert "Shared with my partner" in rest


def test_no_database_dump_left(cast, client_a):
    _fill(cast)
    page = _page(client_a)
    seen = _text(page)
    assert not ISO_TIMESTAMP.search(page)
    assert not re.search(r"\(\d+\)", seen), "no 'Profiles (1)' counts"
    for raw in ("revision", "token_hash", "code_hash", "visibility", "catalogue_key", "_id"):
        assert raw not in seen, raw
    for invitation in Invitation.objects.filter(inviter=cast.partner_a):
        assert invitation.token_hash not in page
        assert invitation.code_hash not in page


def test_words_are_labels_not_keys(cast, client_a):
    _fill(cast)
    seen = _text(_page(client_a))
    # Keys stored by the factories, and the words the page shows instead.
    keys = (
        "tight_chest",
        "calm_breathing",
        "criticise",
        "chores",
        "bring-up-hurt",
        "problem-under-the-problem",
        "haven-attachment",
        "caregivers",
    )
    for key in keys:
        assert not re.search(rf"\b{key}\b", seen), key
    for label in ("a tight chest", "Criticise", "Together, in the same room", "Name to show"):
        assert label in seen, label


def test_empty_areas_say_so_in_one_line(solo_user, client):
    _set_language(solo_user, "nl")
    client.force_login(solo_user)
    page = _page(client)
    moments = page[page.index('id="area-moments"') : page.index('id="area-journal"')]
    assert "Nog niets." in moments
    assert "Haven bewaart niets van wat je oefent" in page


def test_page_can_be_printed_without_javascript(cast, client_a):
    page = _page(client_a)
    assert "haven/print.css" in page
    assert re.search(r'<script src="[^"]*haven/print\.js" nonce="[^"]+" defer>', page)
    # Without the script the button stays hidden and the browser's own print works.
    assert re.search(r"<button[^>]*data-print[^>]*hidden", page)


def test_print_stylesheet_drops_navigation_and_quick_exit():
    from django.contrib.staticfiles import finders

    css = Path(finders.find("haven/print.css")).read_text(encoding="utf-8")
    printed = css[css.index("@media print") :]
    for selector in (".quick-exit", "nav", ".site-header", ".site-footer", ".no-print"):
        assert selector in printed, selector
