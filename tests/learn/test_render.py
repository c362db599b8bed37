"""Markdown becomes safe HTML; haven: links become Haven's own URLs."""

from __future__ import annotations

from haven.learn import content, render


def test_haven_links_resolve_and_pending_ones_become_text():
    html = render.to_html(
        "See [today](haven:checkin) and [the cycle](haven:cycle).",
        lambda key: "/checkin/" if key == "checkin" else None,
    )
    assert '<a href="/checkin/">today</a>' in html
    assert "the cycle" in html
    assert "haven:" not in html
    assert html.count("<a ") == 1


def test_raw_html_is_shown_as_text_never_run():
    html = render.to_html("<script>alert(1)</script>\n\nA <b>word</b>.", lambda key: None)
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;b&gt;" in html


def test_links_out_of_haven_carry_no_referrer():
    html = render.to_html("[site](https://example.org)", lambda key: None)
    assert 'rel="noopener noreferrer"' in html


def test_dangerous_link_schemes_never_become_links():
    html = render.to_html("[x](javascript:alert(1))", lambda key: "/")
    assert "<a" not in html


def test_module_html_uses_the_real_urls(fixture_content):
    html = content.html("first-steps", "en")
    assert 'href="/checkin/"' in html
    assert "<h2>A heading</h2>" in html
    assert "&lt;b&gt;raw html&lt;/b&gt;" in html


def test_haven_keys_finds_every_link():
    source = "[a](haven:needs) text [b **c**](haven:help) [d](https://x.org)"
    assert render.haven_keys(source) == ["needs", "help"]
