"""The {% fixed %} blocks of the layout: rendered once per language, never personal."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def test_a_fixed_block_never_shows_the_page_context():
    template = Template("{% load layout %}[{% fixed %}{{ secret }}|{{ site_name }}{% endfixed %}]")
    with translation.override("en"):
        rendered = template.render(Context({"secret": "Anna's private words"}))
    assert "Anna's private words" not in rendered
    assert rendered == "[|Haven]"


def test_a_fixed_block_follows_the_language():
    template = Template('{% load i18n layout %}{% fixed %}{% translate "Log out" %}{% endfixed %}')
    with translation.override("en"):
        assert template.render(Context()) == "Log out"
    with translation.override("nl"):
        assert template.render(Context()) == "Uitloggen"
    with translation.override("en"):
        assert template.render(Context()) == "Log out"


def test_a_fixed_block_follows_the_settings():
    template = Template("{% load layout %}{% fixed %}{{ quick_exit_url }}{% endfixed %}")
    with override_settings(QUICK_EXIT_URL="https://one.example/"):
        assert template.render(Context()) == "https://one.example/"
    with override_settings(QUICK_EXIT_URL="https://two.example/"):
        assert template.render(Context()) == "https://two.example/"


def test_the_menu_is_in_each_persons_language(cast, client):
    from haven.accounts.models import Profile

    Profile.objects.filter(user=cast.partner_b).update(language="nl")
    client.force_login(cast.partner_a)
    english = client.get(reverse("home")).content.decode()
    client.force_login(cast.partner_b)
    dutch = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("cycle:index")}">Cycle</a>' in english
    assert "Uitloggen" in dutch and "Uitloggen" not in english
    # Each page still has its own request's token in the log-out form.
    assert dutch.count("csrfmiddlewaretoken") >= 2
