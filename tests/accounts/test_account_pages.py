"""Every account page linked from Settings opens, in both languages."""

import re

import pytest
from django.urls import reverse


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "nl"])
def test_every_link_on_the_settings_page_opens(client, solo_user, language):
    solo_user.profile.language = language
    solo_user.profile.save()
    client.force_login(solo_user)
    page = client.get(reverse("profile"))
    assert page.status_code == 200
    links = re.findall(r'href="(/accounts/[^"]+)"', page.content.decode())
    assert len(links) >= 4
    for link in links:
        response = client.get(link)
        assert response.status_code == 200, link
        assert response["Content-Language"] == language
