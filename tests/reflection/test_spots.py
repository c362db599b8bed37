"""Sensitive spots: private when named, stable ids, shared on request, edits never lost."""

from __future__ import annotations

from django.db import connection
from django.urls import reverse

from haven.reflection.models import SensitiveSpot
from haven.reflection.selectors import spots_for
from tests.factories import make_sensitive_spot

FIELDS = {
    "name": "Feeling judged",
    "origin": "Nothing was good enough at home.",
    "touched_today": "A remark about the dishes.",
    "signs": "Hot face, a sharp answer.",
    "need_when_touched": "Hearing that I am doing fine.",
}


def test_naming_a_spot_keeps_it_private(client_a, partner_a):
    form = client_a.get(reverse("reflection:spot_new")).content.decode()
    assert "What would you call this sensitive spot?" in form
    response = client_a.post(reverse("reflection:spot_new"), FIELDS)
    spot = SensitiveSpot.objects.get()
    assert response["Location"] == reverse("reflection:spot_detail", args=[spot.pk])
    assert spot.author == partner_a and spot.visibility == "private"
    assert spot.need_when_touched == FIELDS["need_when_touched"]
    assert spot.uid is not None


def test_a_spot_needs_a_name(client_a):
    assert client_a.post(reverse("reflection:spot_new"), {**FIELDS, "name": ""}).status_code == 400
    assert not SensitiveSpot.objects.exists()


def test_the_stable_id_survives_edits(client_a, partner_a):
    spot = make_sensitive_spot(partner_a, "private")
    uid = spot.uid
    url = reverse("reflection:spot_edit", args=[spot.pk])
    client_a.post(url, {**FIELDS, "name": "Being forgotten", "revision": spot.revision})
    spot.refresh_from_db()
    assert spot.name == "Being forgotten" and spot.uid == uid and spot.revision == 1


def test_two_edits_of_one_spot_never_overwrite_silently(client_a, partner_a):
    spot = make_sensitive_spot(partner_a, "private")
    url = reverse("reflection:spot_edit", args=[spot.pk])
    client_a.post(url, {**FIELDS, "name": "From the phone", "revision": 0})
    response = client_a.post(url, {**FIELDS, "name": "From the laptop", "revision": 0})
    assert response.status_code == 409
    html = response.content.decode()
    assert "From the phone" in html and "From the laptop" in html
    assert 'name="revision" value="1"' in html
    spot.refresh_from_db()
    assert spot.name == "From the phone"


def test_spots_for_follows_the_policy(cast):
    private = make_sensitive_spot(cast.partner_a, "private", "p")
    shared = make_sensitive_spot(cast.partner_a, "shared", "s")
    a, b = cast.partner_a, cast.partner_b
    assert set(spots_for(a, a)) == {private, shared}
    assert list(spots_for(b, a)) == [shared]
    assert list(spots_for(cast.ex_partner, a)) == []
    assert list(spots_for(cast.stranger, a)) == []
    assert list(spots_for(cast.staff, a)) == []


def test_sharing_and_unsharing_a_spot(cast, client_a, client_b):
    spot = make_sensitive_spot(cast.partner_a, "private", "canary-spot-9")
    detail = reverse("reflection:spot_detail", args=[spot.pk])
    assert client_b.get(detail).status_code == 404
    assert "canary-spot-9" not in client_b.get(reverse("reflection:spots")).content.decode()
    client_a.post(reverse("reflection:spot_share", args=[spot.pk]), {"shared": "1"})
    assert client_b.get(detail).status_code == 200
    assert "canary-spot-9" in client_b.get(reverse("reflection:spots")).content.decode()
    client_a.post(reverse("reflection:spot_share", args=[spot.pk]), {"shared": "0"})
    assert client_b.get(detail).status_code == 404


def test_partner_cannot_change_a_shared_spot(cast, client_b):
    spot = make_sensitive_spot(cast.partner_a, "shared")
    for name in ("reflection:spot_edit", "reflection:spot_delete"):
        assert client_b.get(reverse(name, args=[spot.pk])).status_code == 404
        assert client_b.post(reverse(name, args=[spot.pk]), FIELDS).status_code == 404
    # Encrypted fields cannot be looked up: compare after reading back.
    assert SensitiveSpot.objects.get(pk=spot.pk).name == spot.name


def test_deleting_a_spot(cast, client_a):
    spot = make_sensitive_spot(cast.partner_a, "private")
    response = client_a.post(reverse("reflection:spot_delete", args=[spot.pk]))
    assert response["Location"] == reverse("reflection:spots")
    assert not SensitiveSpot.objects.exists()


def test_spot_text_is_encrypted_at_rest(cast):
    make_sensitive_spot(cast.partner_a, "private", "canary-raw-spot")
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, origin FROM reflection_sensitivespot")
        row = cursor.fetchone()
    assert all("canary-raw-spot" not in column for column in row)
