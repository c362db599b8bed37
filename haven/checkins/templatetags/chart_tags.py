"""{% chart_svg %}: a progress chart's SVG, written by haven.checkins.chart."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from haven.checkins.chart import Chart

register = template.Library()


@register.simple_tag
def chart_svg(chart: Chart, chart_id: str, title: str, description: str) -> SafeString:
    return chart.svg(chart_id, title, description)
