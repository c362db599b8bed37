"""The quick exit works from Haven's own pages only, and never costs the owner
their device's proof (audit #21, items 2 and 4).

Before: /exit/ took a cross-site POST without a token, and its
Clear-Site-Data "cookies" wiped the trusted-device cookie, so a partner could
fail logins on the owner's address, make her browser leave quickly, fail a few
more times, and lock her out with her own correct password.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from haven.accounts import devices
from tests.conftest import make_user
from tests.security.test_sessions_and_login import _logged_in, _login

pytestmark = pytest.mark.usefixtures("fresh_rate_limits")


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_ORIGIN": "https://elsewhere.example"},
        {"HTTP_ORIGIN": "https://elsewhere.example"},
        {"HTTP_REFERER": "https://elsewhere.example/page"},
    ],
    ids=["fetch-metadata", "origin", "referer"],
)
def test_another_site_cannot_make_the_person_leave(client_a, headers):
    response = client_a.post(reverse("quick_exit"), **headers)
    assert response.status_code == 403
    assert _logged_in(client_a)


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "same-origin"},
        {"HTTP_ORIGIN": "http://testserver"},
        {"HTTP_REFERER": "http://testserver/reflections/"},
    ],
    ids=["fetch-metadata", "origin", "referer"],
)
def test_haven_pages_leave_with_one_tap_even_with_a_stale_token(cast, headers):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.partner_a)
    response = client.post(reverse("quick_exit"), {"csrfmiddlewaretoken": "stale"}, **headers)
    assert response.status_code == 303
    assert not _logged_in(client)


def test_without_any_origin_header_the_forms_token_decides(cast):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.partner_a)
    assert client.post(reverse("quick_exit")).status_code == 403
    assert _logged_in(client)
    page = client.get(reverse("home")).content.decode()
    assert 'id="quick-exit"' in page
    token = client.cookies["csrftoken"].value
    assert client.post(reverse("quick_exit"), {"csrfmiddlewaretoken": token}).status_code == 303
    assert not _logged_in(client)


def test_quick_exit_drops_every_cookie_but_the_device_proof(db):
    owner = make_user("owner@example.org", "Olga")
    phone = Client()
    assert _login(phone, owner.email).status_code == 302
    assert devices.COOKIE in phone.cookies
    response = phone.post(reverse("quick_exit"), HTTP_SEC_FETCH_SITE="same-origin")
    assert "cookies" not in response["Clear-Site-Data"]
    assert "cache" in response["Clear-Site-Data"] and "storage" in response["Clear-Site-Data"]
    assert response.cookies["sessionid"]["max-age"] == 0
    assert devices.COOKIE not in response.cookies
    assert phone.cookies[devices.COOKIE].value


def test_partner_cannot_lock_the_owner_out_through_the_quick_exit(db):
    owner = make_user("owner@example.org", "Olga")
    own_browser = Client()
    assert _login(own_browser, owner.email).status_code == 302
    partners_phone = Client()
    for _attempt in range(12):
        _login(partners_phone, owner.email, "guessing wrong")
    # A page elsewhere tries to make her leave: refused.
    assert (
        own_browser.post(reverse("quick_exit"), HTTP_ORIGIN="https://x.example").status_code == 403
    )
    # She leaves quickly herself: her device keeps its proof.
    own_browser.post(reverse("quick_exit"), HTTP_SEC_FETCH_SITE="same-origin")
    assert not _logged_in(own_browser)
    for _attempt in range(6):
        _login(partners_phone, owner.email, "guessing wrong")
    assert _login(own_browser, owner.email).status_code == 302
    assert _logged_in(own_browser)
