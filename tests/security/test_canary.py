"""Requirement 3: unique strings in partner A's private items and safety check
are absent from everything partner B can reach: every page, fragment, email,
export, count and "last active" signal. Requirement 5: unshare and unlink
take effect on the partner's next request. Requirements 24 and 25: emails
carry no content, and nothing tells the partner about unlinking, unsharing,
the safety check, help pages, sessions or second-factor changes."""

from __future__ import annotations

import re

from django.core import mail
from django.test import Client
from django.urls import NoReverseMatch, reverse

from haven.accounts import export
from haven.core.models import Visibility
from haven.core.policy import VIEW_POLICY, Access
from haven.journal import services as journal
from haven.safety import services as safety
from tests.conftest import PASSWORD
from tests.factories import CONTENT_FACTORIES, URL_KWARGS

CANARY = "canary-a-private-6f0c"


def _plain(content: bytes) -> str:
    html = content.decode(errors="replace")
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    # Forms pre-filled with "now" (a rocky moment's date and time) change when
    # the clock passes a minute between two renders; that is no leak.
    html = re.sub(r'value="\d{2}:\d{2}(:\d{2})?"', 'value="(time)"', html)
    html = re.sub(r'value="\d{4}-\d{2}-\d{2}"', 'value="(date)"', html)
    # Texts that name a clock time computed from "now" (the pause page's
    # "not earlier than 21:35") move with the clock too.
    html = re.sub(r"\b\d{1,2}:\d{2}\b", "(time)", html)
    return re.sub(r'nonce="[^"]+"', "", html)


def _reachable(client: Client, objects: list) -> dict[str, str]:
    """Every GET page and fragment partner B can ask for, by URL."""
    pages: dict[str, str] = {}
    for name, rule in sorted(VIEW_POLICY.items()):
        if "GET" not in rule.methods or name in {"quick_exit", "couples:join"}:
            continue
        targets = (
            [URL_KWARGS[name]() if name in URL_KWARGS else {}]
            if rule.access != Access.OBJECT
            else [{"pk": obj.pk} for obj in objects if obj._meta.label == rule.model]
        )
        for kwargs in targets:
            try:
                url = reverse(name, kwargs=kwargs)
            except NoReverseMatch:
                continue
            pages[url] = _plain(client.get(url).content)
    fragment = client.post(reverse("practise:fragment"), {"message": "You never listen."})
    pages["practise:fragment"] = _plain(fragment.content)
    return pages


def _make_private_world(cast) -> list:
    items = []
    for label, factory in CONTENT_FACTORIES.items():
        items.append(factory(cast.partner_a, Visibility.PRIVATE, f"{CANARY}-{label}"))
    safety.record_check(author=cast.partner_a, answers={"afraid": "yes"})
    return items


def test_nothing_of_a_private_item_reaches_the_partner(cast, client_b):
    # Baseline: what B sees while A has written nothing.
    placeholder = [
        f(cast.partner_b, Visibility.PRIVATE, "b-own") for f in CONTENT_FACTORIES.values()
    ]
    before = _reachable(client_b, placeholder)

    items = _make_private_world(cast)
    # A is active: logs in for real and opens pages ("last active" signal).
    a = Client()
    a.post(reverse("account_login"), {"login": cast.partner_a.email, "password": PASSWORD})
    for url in (reverse("home"), reverse("journal:list"), reverse("safety:help")):
        a.get(url)

    after = _reachable(client_b, placeholder + items)
    assert len(after) >= 10
    for url, page in after.items():
        assert CANARY not in page, url
    # Counts and activity: every page B could see before looks the same now.
    for url, page in before.items():
        assert page == after[url], f"{url} changed when A wrote privately"
    # A's private item pages answer exactly like items that do not exist.
    for item in items:
        for name, rule in VIEW_POLICY.items():
            if rule.access == Access.OBJECT and rule.model == item._meta.label:
                url = reverse(name, kwargs={"pk": item.pk})
                method = client_b.get if "GET" in rule.methods else client_b.post
                assert method(url).status_code == 404, url

    assert CANARY not in str(export.export_for(cast.partner_b))
    for message in mail.outbox:
        assert CANARY not in message.subject + message.body


def test_unsharing_takes_effect_on_the_next_request(cast, client_a, client_b):
    item = journal.create_reflection(author=cast.partner_a, body=f"{CANARY} shared for now")
    journal.set_visibility(reflection=item, shared=True)
    url = reverse("journal:detail", args=[item.pk])
    assert client_b.get(url).status_code == 200
    client_a.post(reverse("journal:share", args=[item.pk]), {"shared": "0"})
    assert client_b.get(url).status_code == 404
    assert CANARY not in client_b.get(reverse("home")).content.decode()


def test_private_actions_send_the_partner_nothing(cast, client_a, client_b):
    item = journal.create_reflection(author=cast.partner_a, body="x")
    journal.set_visibility(reflection=item, shared=True)
    watched = [reverse("home"), reverse("couples:overview"), reverse("journal:list")]
    mail.outbox.clear()
    client_a.post(reverse("journal:share", args=[item.pk]), {"shared": "0"})  # unshare
    assert mail.outbox == []
    assert "stopped sharing" not in client_b.get(reverse("home")).content.decode()

    before = {url: _plain(client_b.get(url).content) for url in watched}
    client_a.post(reverse("safety:check"), {"afraid": "yes"})  # safety check
    client_a.get(reverse("safety:help"))  # help page
    client_a.get(reverse("usersessions_list"))  # sessions
    client_a.post(reverse("usersessions_list"))  # end other sessions
    client_a.get(reverse("mfa_index"))  # second factor page
    client_a.post(reverse("onboarding"), {"agree": "yes"})

    after = {url: _plain(client_b.get(url).content) for url in watched}
    assert mail.outbox == []
    for url in watched:
        assert before[url] == after[url], url

    client_a.post(reverse("couples:unlink"), {"confirm": "on"})  # unlink
    assert mail.outbox == []
    page = client_b.get(reverse("home")).content.decode()
    assert "unlinked" not in page.lower()


def test_account_emails_carry_no_content_or_sensitive_words(cast, client_a):
    journal.create_reflection(author=cast.partner_a, body=f"{CANARY} private")
    Client().post(reverse("account_reset_password"), {"email": cast.partner_a.email})
    client_a.post(reverse("account_email"), {"action_add": "", "email": "second@example.org"})
    assert mail.outbox, "expected account emails"
    sensitive = re.compile(
        r"partner|relationship|relatie|couple|stel|safety|veilig|abuse|geweld|attachment",
        re.IGNORECASE,
    )
    for message in mail.outbox:
        text = message.subject + message.body
        assert CANARY not in text
        assert not sensitive.search(text), text
