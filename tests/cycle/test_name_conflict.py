"""The couple's cycle name is the one item both partners edit: a second save
never silently overwrites the first (audit #21, item 7)."""

from __future__ import annotations

import re

from django.urls import reverse

from haven.cycle.models import CycleName
from tests.cycle.helpers import side


def _shared_cycle(partner_a, partner_b) -> None:
    side(partner_a, shared=True, moves=["chase"])
    side(partner_b, shared=True, moves=["go_quiet"])


def _revision(page: str) -> str:
    match = re.search(r'name="revision" value="(\d*)"', page)
    return match.group(1) if match else ""


def test_two_partners_naming_at_once_get_a_409_with_both_names(
    partner_a, partner_b, client_a, client_b
):
    _shared_cycle(partner_a, partner_b)
    page_a = client_a.get(reverse("cycle:our")).content.decode()
    page_b = client_b.get(reverse("cycle:our")).content.decode()
    # Both opened the page before any name existed.
    first = client_a.post(
        reverse("cycle:name"), {"name": "The storm", "revision": _revision(page_a)}
    )
    assert first.status_code == 302
    second = client_b.post(
        reverse("cycle:name"), {"name": "Our dance", "revision": _revision(page_b)}
    )
    assert second.status_code == 409
    html = second.content.decode()
    assert 'data-testid="name-conflict"' in html
    assert "The storm" in html and 'value="Our dance"' in html  # both texts
    assert CycleName.objects.get().name == "The storm"
    # Sending it again, now knowingly, goes through.
    again = client_b.post(reverse("cycle:name"), {"name": "Our dance", "revision": _revision(html)})
    assert again.status_code == 302
    assert CycleName.objects.get().name == "Our dance"


def test_a_rename_from_an_old_page_is_refused(partner_a, partner_b, client_a, client_b):
    _shared_cycle(partner_a, partner_b)
    client_a.post(reverse("cycle:name"), {"name": "The storm", "revision": ""})
    old_page = client_b.get(reverse("cycle:our")).content.decode()
    client_a.post(
        reverse("cycle:name"),
        {
            "name": "The long storm",
            "revision": _revision(client_a.get(reverse("cycle:our")).content.decode()),
        },
    )
    stale = client_b.post(reverse("cycle:name"), {"name": "Calm", "revision": _revision(old_page)})
    assert stale.status_code == 409
    assert CycleName.objects.get().name == "The long storm"


def test_the_dutch_conflict_message(partner_a, partner_b, client_a, client_b):
    profile = partner_b.profile
    profile.language = "nl"
    profile.save()
    _shared_cycle(partner_a, partner_b)
    client_a.post(reverse("cycle:name"), {"name": "De storm", "revision": ""})
    response = client_b.post(reverse("cycle:name"), {"name": "Onze dans", "revision": ""})
    assert response.status_code == 409
    assert "Terwijl je typte" in response.content.decode()
