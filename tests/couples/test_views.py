import re

from django.urls import reverse

from haven.couples import selectors
from haven.journal.models import Reflection
from tests.conftest import make_user


def _invite(client) -> tuple[str, str]:
    response = client.post(reverse("couples:invite"), {"consent": "on"})
    assert response.status_code == 200
    html = response.content.decode()
    link = re.search(r'data-testid="invite-link"[^>]*|value="([^"]+/couple/join/[^"]+)"', html)
    token_url = re.search(r'value="(http[^"]+/couple/join/[^"]+/)"', html).group(1)
    code = re.search(r'data-testid="invite-code">([^<]+)<', html).group(1)
    assert link
    return token_url, code


def test_invite_needs_consent(client, solo_user):
    client.force_login(solo_user)
    response = client.post(reverse("couples:invite"), {})
    assert response.status_code == 400
    assert "tick the box" in response.content.decode()


def test_link_through_the_invitation_link(client, solo_user):
    client.force_login(solo_user)
    token_url, _code = _invite(client)
    path = token_url.split("testserver", 1)[1]
    partner = make_user("p@example.org", "Pim")
    client.force_login(partner)
    page = client.get(path)
    assert page.status_code == 200
    assert "Sol" in page.content.decode()
    response = client.post(path, {"consent": "on"})
    assert response.status_code == 302
    assert selectors.current_partner_id(partner) == solo_user.pk


def test_link_by_typing_the_code(client, solo_user):
    client.force_login(solo_user)
    _url, code = _invite(client)
    partner = make_user("p@example.org", "Pim")
    client.force_login(partner)
    page = client.post(reverse("couples:enter_code"), {"code": code})
    assert page.status_code == 200 and "Link our accounts" in page.content.decode()
    client.post(reverse("couples:enter_code"), {"code": code, "consent": "on"})
    assert selectors.current_partner_id(partner) == solo_user.pk


def test_wrong_code_gets_a_clear_message_and_keeps_what_was_typed(client, solo_user):
    client.force_login(solo_user)
    response = client.post(reverse("couples:enter_code"), {"code": "ZZZZ-9999"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "not valid" in html
    assert 'value="ZZZZ-9999"' in html


def test_anonymous_invitation_link_leads_to_signup_and_back(client, solo_user):
    client.force_login(solo_user)
    token_url, _code = _invite(client)
    path = token_url.split("testserver", 1)[1]
    client.logout()
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_signup"))
    assert "next=" in response["Location"]


def test_unlink_takes_effect_on_the_partners_next_request(cast, client_a, client_b):
    shared = Reflection.objects.create(
        author=cast.partner_a, body="shared before unlinking", visibility="shared"
    )
    url = reverse("journal:detail", args=[shared.pk])
    assert client_b.get(url).status_code == 200
    response = client_a.post(reverse("couples:unlink"), {"confirm": "on"})
    assert response.status_code == 302
    assert client_b.get(url).status_code == 404
    home = client_b.get(reverse("home")).content.decode()
    assert "shared before unlinking" not in home
    assert "on your own (solo)" in home


def test_unlink_needs_confirmation(cast, client_a):
    response = client_a.post(reverse("couples:unlink"), {})
    assert response.status_code == 400
    assert selectors.current_partner_id(cast.partner_a) == cast.partner_b.pk
