"""Requirement 19 (an expired session or failed CSRF check keeps the text,
recoverable after logging in again, and only for its author) and 20 (two
concurrent edits of one item never silently overwrite)."""

from __future__ import annotations

from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from haven.journal import services as journal
from haven.journal.models import Reflection
from tests.conftest import PASSWORD, make_user

LONG = "A long evening of writing. " * 400


def _login(client: Client, email: str):
    return client.post(reverse("account_login"), {"login": email, "password": PASSWORD})


def test_text_sent_after_the_session_expired_comes_back_after_login(db):
    make_user("writer@example.org", "Wren")
    client = Client()
    _login(client, "writer@example.org")
    Session.objects.all().delete()  # the session ends on the server
    response = client.post(reverse("journal:new"), {"title": "Tonight", "body": LONG})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "rescue" in response["Location"]
    assert not Reflection.objects.exists()

    login_page = response["Location"]
    response = client.post(login_page, {"login": "writer@example.org", "password": PASSWORD})
    assert response["Location"] == reverse("rescue")
    page = client.get(reverse("rescue")).content.decode()
    assert LONG.strip()[:200] in page
    assert f'action="{reverse("journal:new")}"' in page

    # Sending the kept form saves it, and the kept copy is gone afterwards.
    response = client.post(
        reverse("journal:new"), {"title": "Tonight", "body": LONG, "_haven_rescued": "1"}
    )
    assert response.status_code == 302
    assert Reflection.objects.get().body == LONG.strip()
    assert "There is no kept text" in client.get(reverse("rescue")).content.decode()


def test_kept_text_is_encrypted_in_the_session_table(db):
    make_user("sealed@example.org", "Sil")
    client = Client()
    _login(client, "sealed@example.org")
    Session.objects.all().delete()
    client.post(reverse("journal:new"), {"title": "", "body": "canary-kept-77aa words"})
    stored = " ".join(s.session_data for s in Session.objects.all())
    assert "canary-kept-77aa" not in stored
    assert stored  # the text is there, sealed


def test_another_account_on_the_same_device_never_sees_the_kept_text(db):
    make_user("first@example.org", "Fay")
    make_user("second@example.org", "Sid")
    shared_browser = Client()
    _login(shared_browser, "first@example.org")
    Session.objects.all().delete()
    shared_browser.post(reverse("journal:new"), {"title": "", "body": "only Fay wrote this"})
    _login(shared_browser, "second@example.org")
    page = shared_browser.get(reverse("rescue")).content.decode()
    assert "only Fay wrote this" not in page


def test_a_stale_csrf_token_keeps_the_text(db):
    user = make_user("stale@example.org", "Stan")
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    client.get(reverse("journal:new"))
    response = client.post(
        reverse("journal:new"),
        {"csrfmiddlewaretoken": "stale" * 8, "title": "", "body": "typed before the token aged"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("rescue")
    assert "typed before the token aged" in client.get(reverse("rescue")).content.decode()


def test_background_autosave_after_expiry_answers_401_and_keeps_the_text(db):
    make_user("auto@example.org", "Avi")
    client = Client()
    _login(client, "auto@example.org")
    Session.objects.all().delete()
    response = client.post(
        reverse("journal:new"),
        {"title": "", "body": "autosaved draft text"},
        headers={"Sec-Fetch-Mode": "cors"},
    )
    assert response.status_code == 401
    assert response.json()["kept"] is True


def test_two_open_edits_never_silently_overwrite(cast):
    item = journal.create_reflection(author=cast.partner_a, title="T", body="first version")
    laptop, phone = Client(), Client()
    laptop.force_login(cast.partner_a)
    phone.force_login(cast.partner_a)
    url = reverse("journal:edit", args=[item.pk])
    revision = laptop.get(url).context["form"]["revision"].value()
    assert phone.get(url).context["form"]["revision"].value() == revision

    saved = laptop.post(url, {"title": "T", "body": "laptop text", "revision": revision})
    assert saved.status_code == 302
    conflict = phone.post(url, {"title": "T", "body": "phone text", "revision": revision})
    assert conflict.status_code == 409
    page = conflict.content.decode()
    assert "phone text" in page  # what was just typed stays in the form
    assert "laptop text" in page  # and the newer saved version is shown
    assert Reflection.objects.get(pk=item.pk).body == "laptop text"

    newer = conflict.context["form"]["revision"].value()
    assert str(newer) == str(revision + 1)
    retry = phone.post(url, {"title": "T", "body": "merged text", "revision": newer})
    assert retry.status_code == 302
    assert Reflection.objects.get(pk=item.pk).body == "merged text"
