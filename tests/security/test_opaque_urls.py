"""URLs say nothing about what a person was reading (audit #21, item 8): a shared
device's browser history shows no topic of a module, script or exercise, no
"safety check" and no "unlink"."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from haven.learn import content, guided, scripts

TOPICS = ("check", "result", "unlink", "dealbreaker", "infidelity", "trauma", "addiction", "sex")


def _urls() -> list[str]:
    found = [reverse("safety:check"), reverse("safety:result"), reverse("safety:forget")]
    found.append(reverse("couples:unlink"))
    for module in content.path("en"):
        for name in ("learn:module", "learn:done", "learn:reflection"):
            found.append(reverse(name, args=[module.slug]))
    found += [reverse("learn:script", args=[s.key]) for s in scripts.scripts("en")]
    found += [reverse("learn:script_print", args=[s.key]) for s in scripts.scripts("en")]
    found += [reverse("learn:exercise", args=[e.key]) for e in guided.exercises("en")]
    return found


def test_no_sensitive_url_names_its_topic():
    slugs = [m.slug for m in content.path("en")] + [s.key for s in scripts.scripts("en")]
    for url in _urls():
        for word in (*TOPICS, *slugs):
            assert word not in url, (url, word)


def test_opaque_urls_lead_to_the_right_page(client_a):
    module = next(m for m in content.path("en") if m.slug == "infidelity-and-injuries")
    url = reverse("learn:module", args=[module.slug])
    assert re.fullmatch(r"/learn/module/[0-9a-f]{12}/", url)
    page = client_a.get(url).content.decode()
    assert module.title in page
    script = scripts.get("possible-dealbreaker", "en")
    assert script.title in client_a.get(reverse("learn:script", args=[script.key])).content.decode()


@pytest.mark.parametrize(
    "path", ["/learn/module/0123456789ab/", "/learn/module/infidelity-and-injuries/"]
)
def test_an_unknown_or_old_style_address_is_a_plain_404(client_a, path):
    assert client_a.get(path).status_code == 404


def test_tokens_differ_between_installs(settings):
    from haven.core.converters import token

    first = token("module", "trauma")
    settings.SECRET_KEY = "another-install-" + "x" * 40
    assert token("module", "trauma") != first
