"""The anxiety x avoidance plane: an accessible SVG, the path over time, and the
partner's point only when the partner shared it."""

from __future__ import annotations

import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from haven.couples import services as couples
from haven.reflection import engine, plane
from tests.reflection.helpers import HAVEN, answer_set, completed, uniform
from tests.reflection.test_engine_scoring import HAVEN_ANXIETY, HAVEN_AVOIDANCE


def result_page(client, item) -> str:
    response = client.get(reverse("reflection:result", args=[item.pk]))
    assert response.status_code == 200
    return response.content.decode()


def svg_of(html: str) -> str:
    return re.search(r"<svg class=\"plane-svg\".*?</svg>", html, re.S).group(0)


def test_the_plane_is_an_accessible_image_with_a_text_alternative_and_a_table(cast, client_a):
    item = completed(cast.partner_a, answer_set(HAVEN_ANXIETY, HAVEN_AVOIDANCE))
    html = result_page(client_a, item)
    svg = svg_of(html)
    assert 'role="img"' in svg and 'aria-labelledby="plane-title plane-desc"' in svg
    assert '<title id="plane-title">' in svg
    summary = "You: anxiety 6.1 and avoidance 1.9, leaning towards anxious."
    assert f'<desc id="plane-desc">{summary}</desc>' in svg
    assert f'<p class="plane-summary">{summary}</p>' in html
    assert "<table" in html and "<caption>" in html and '<th scope="col">Anxiety</th>' in html
    # The four regions, in kind words, drawn as a spectrum with a dashed convention line.
    for short in (
        "towards secure",
        "towards anxious",
        "towards avoidant",
        "towards fearful-avoidant",
    ):
        assert short in svg
    assert "style=" not in html.split("<main", 1)[1], "CSP forbids inline styles"


def test_the_point_lies_where_the_means_say(cast):
    haven = engine.get(HAVEN)
    item = completed(cast.partner_a, answer_set(HAVEN_ANXIETY, HAVEN_AVOIDANCE))
    series = plane.series(haven, "me", "You", [item])
    point = series.latest
    # avoidance 1.9 on 1..7 -> 0.15 of the width; anxiety 6.1 -> 0.85 of the height, upwards
    assert point.x == round(plane.LEFT + 0.15 * (plane.RIGHT - plane.LEFT), 1)
    assert point.y == round(plane.BOTTOM - 0.85 * (plane.BOTTOM - plane.TOP), 1)


def test_partner_point_appears_only_when_the_partner_shared(cast, client_a):
    mine = completed(cast.partner_a, uniform(HAVEN, 3))
    theirs = completed(cast.partner_b, uniform(HAVEN, 5))
    html = result_page(client_a, mine)
    assert "plane-partner" not in svg_of(html)
    assert "Bram" not in html

    theirs.visibility = "shared"
    theirs.save()
    html = result_page(client_a, mine)
    svg = svg_of(html)
    assert svg.count("plane-series plane-me") == 1
    assert svg.count("plane-series plane-partner") == 1
    assert "Bram: anxiety 4.2 and avoidance 4.2" in html

    theirs.visibility = "private"
    theirs.save()
    assert "plane-partner" not in svg_of(result_page(client_a, mine))


def test_partner_sees_both_points_on_a_shared_result(cast, client_b):
    anna = completed(cast.partner_a, uniform(HAVEN, 3), visibility="shared")
    completed(cast.partner_b, uniform(HAVEN, 5))
    html = result_page(client_b, anna)
    svg = svg_of(html)
    assert "plane-series plane-partner" in svg  # Anna's shared result
    assert "plane-series plane-me" in svg  # Bram's own, on his own screen only
    assert "Anna: anxiety 3.8" in html


def test_an_ex_partners_shared_results_never_appear(cast, client_a):
    mine = completed(cast.partner_a, uniform(HAVEN, 3))
    completed(cast.ex_partner, uniform(HAVEN, 6), visibility="shared")
    assert "plane-partner" not in svg_of(result_page(client_a, mine))


def test_retaking_draws_the_path_in_time_order(cast, client_a):
    now = timezone.now()
    first = completed(cast.partner_a, uniform(HAVEN, 2), when=now - timedelta(days=60))
    second = completed(cast.partner_a, uniform(HAVEN, 3), when=now - timedelta(days=30))
    third = completed(cast.partner_a, uniform(HAVEN, 4), when=now)
    # Another target is another plane: it does not join this path.
    completed(cast.partner_a, uniform(HAVEN, 6), target="mother", when=now)
    html = result_page(client_a, third)
    svg = svg_of(html)
    haven = engine.get(HAVEN)
    expected = plane.series(haven, "me", "You", [first, second, third]).path
    assert f'<polyline class="plane-path" points="{expected}"' in svg
    assert svg.count("<circle") == 3
    assert "2 earlier results are connected to it by a line." in html
    assert html.count("<tr") == 1 + 3


def test_unlinking_removes_the_partner_from_the_plane(cast, client_a):
    mine = completed(cast.partner_a, uniform(HAVEN, 3))
    completed(cast.partner_b, uniform(HAVEN, 5), visibility="shared")
    assert "plane-partner" in svg_of(result_page(client_a, mine))
    couples.unlink(user=cast.partner_b)
    assert "plane-partner" not in svg_of(result_page(client_a, mine))


def test_dutch_numbers_in_text_but_dots_in_the_drawing(cast, client_a):
    cast.partner_a.profile.language = "nl"
    cast.partner_a.profile.save()
    item = completed(cast.partner_a, answer_set(HAVEN_ANXIETY, HAVEN_AVOIDANCE))
    html = result_page(client_a, item)
    svg = svg_of(html)
    assert "6,1" in html  # the text alternative and the table use the Dutch decimal comma
    assert re.search(r"translate\(\d+\.\d \d+\.\d\)", svg)
    assert not re.search(r'="\d+,\d', svg)
