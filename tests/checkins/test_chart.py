"""The SVG geometry: scales, broken lines, ticks, and numbers safe for any locale."""

from __future__ import annotations

import datetime

from haven.checkins import chart

D = datetime.date


def test_scale_maps_the_corners_of_the_frame():
    frame = chart.Frame(width=200, height=100, left=10, right=10, top=10, bottom=10)
    scale = chart.Scale(frame, D(2025, 1, 1), D(2025, 1, 11), 0, 100)
    assert scale.x(D(2025, 1, 1)) == 10 and scale.x(D(2025, 1, 11)) == 190
    assert scale.x(D(2025, 1, 6)) == 100
    assert scale.y(0) == 90 and scale.y(100) == 10 and scale.y(50) == 50


def test_numbers_use_a_dot_and_at_most_one_decimal():
    assert chart.num(12.0) == "12"
    assert chart.num(12.345) == "12.3"
    assert chart.num(-0.04) == "-0"[:2] or chart.num(-0.04) in ("-0", "0")


def test_path_breaks_at_missing_values_and_leaves_out_lone_points():
    frame = chart.Frame(width=110, height=110, left=10, right=0, top=10, bottom=0)
    scale = chart.Scale(frame, D(2025, 1, 1), D(2025, 1, 11), 0, 100)
    points = [
        (D(2025, 1, 1), 0.0),
        (D(2025, 1, 2), 100.0),
        (D(2025, 1, 3), None),
        (D(2025, 1, 4), 50.0),  # alone between two gaps: nothing to join
        (D(2025, 1, 5), None),
        (D(2025, 1, 6), 50.0),
        (D(2025, 1, 7), 50.0),
    ]
    assert chart.path(points, scale) == "M10 110 L20 10 M60 60 L70 60"
    assert chart.path([], scale) == ""


def test_date_ticks_are_mondays_for_a_month():
    ticks = chart.date_ticks(D(2025, 3, 1), D(2025, 3, 30))
    assert ticks == [D(2025, 3, 3), D(2025, 3, 10), D(2025, 3, 17), D(2025, 3, 24)]
    assert all(day.weekday() == 0 for day in ticks)


def test_date_ticks_are_month_starts_for_a_quarter_and_years_for_five_years():
    assert chart.date_ticks(D(2025, 1, 15), D(2025, 4, 14)) == [
        D(2025, 2, 1),
        D(2025, 3, 1),
        D(2025, 4, 1),
    ]
    years = chart.date_ticks(D(2020, 6, 1), D(2025, 5, 31))
    assert years == [D(2021, 1, 1), D(2022, 1, 1), D(2023, 1, 1), D(2024, 1, 1), D(2025, 1, 1)]
    assert len(chart.date_ticks(D(2024, 6, 1), D(2025, 5, 31))) <= 6


def test_build_draws_dots_trend_and_markers_inside_the_period_only():
    start, end = D(2025, 3, 1), D(2025, 3, 10)
    spec = chart.SeriesSpec(
        role="me",
        name="Anna",
        dots=[(D(2025, 2, 27), 10), (D(2025, 3, 2), 40), (D(2025, 3, 5), 60)],
        trend=[(D(2025, 3, 2), 45.0), (D(2025, 3, 5), 55.0)],
        dot_label=lambda day, value: f"{day:%d %b}: {value:g}%",
    )
    built = chart.build(
        start=start,
        end=end,
        series=[spec],
        turning=[(D(2025, 3, 5), 55.0, "peak", "Peak"), (D(2025, 4, 1), 10.0, "valley", "x")],
    )
    line = built.lines[0]
    assert [dot.label for dot in line.dots] == ["02 Mar: 40%", "05 Mar: 60%"]
    assert line.path.startswith("M") and " L" in line.path
    assert [(m.kind, m.label) for m in built.markers] == [("peak", "Peak")]
    assert [tick.label for tick in built.y_ticks] == ["0%", "25%", "50%", "75%", "100%"]
    # Every coordinate is a plain number with a dot (never "12,5").
    for value in [line.path, *(d.x for d in line.dots), *(t.y for t in built.y_ticks)]:
        assert "," not in value


def test_dots_are_written_escaped_as_the_template_would():
    mark = chart.Mark("12.5", "40", '<b>"Anna" & co</b>, 3 Mar: 40%')
    mine = chart.Line(role="me", name="Anna", path="", dots=(mark, mark))
    theirs = chart.Line(role="partner", name="Bram", path="", dots=(mark,))
    assert str(mine.dots_markup).count('<circle class="chart-dot" cx="12.5" cy="40" r="3.5">') == 2
    assert "&lt;b&gt;&quot;Anna&quot; &amp; co&lt;/b&gt;, 3 Mar: 40%" in mine.dots_markup
    assert "<b>" not in mine.dots_markup
    assert str(theirs.dots_markup).startswith('<rect class="chart-dot" x="12.5" y="40"')
    assert chart.Line(role="me", name="", path="").dots_markup == ""


def test_the_whole_chart_is_written_as_accessible_escaped_svg():
    start, end = D(2025, 3, 1), D(2025, 3, 10)
    spec = chart.SeriesSpec(
        role="me",
        name="Anna",
        dots=[(D(2025, 3, 2), 40), (D(2025, 3, 5), 60)],
        trend=[(D(2025, 3, 2), 45.0), (D(2025, 3, 5), 55.0)],
        dot_label=lambda day, value: f"{day:%d %b}: {value:g}%",
    )
    built = chart.build(
        start=start, end=end, series=[spec], turning=[(D(2025, 3, 5), 55.0, "valley", "Dip")]
    )
    svg = str(built.svg("line", "<script>Anna's line</script>", 'Up "a bit" & more'))
    assert svg.startswith('<svg class="chart-svg" viewBox="0 0 640 240" role="img"')
    assert 'aria-labelledby="line-title line-desc"' in svg
    assert '<title id="line-title">&lt;script&gt;Anna&#x27;s line&lt;/script&gt;</title>' in svg
    assert '<desc id="line-desc">Up &quot;a bit&quot; &amp; more</desc>' in svg
    assert "<script>" not in svg
    assert svg.count('<line class="chart-grid"') == len(built.y_ticks)
    assert svg.count('class="chart-grid chart-grid-x"') == len(built.x_ticks)
    assert 'data-testid="series-me"' in svg and 'data-testid="trend-me"' in svg
    assert svg.count('<circle class="chart-dot"') == 2
    assert 'data-testid="turn-valley"' in svg and "M0 6 L6 16 L-6 16 Z" in svg
    assert svg.endswith("</svg>")
