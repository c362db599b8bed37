"""The rocky-moments card on the home page, without touching the home view."""

from __future__ import annotations

from django import template

from haven.moments import selectors

register = template.Library()


@register.inclusion_tag("moments/_home_card.html", takes_context=True)
def moments_home_card(context: template.Context) -> dict:
    user = context["user"]
    return {
        "figures": selectors.repair_figures(user),
        # Home counts the waiting proposals already; other pages ask here.
        "proposal_count": (
            context["proposal_count"]
            if "proposal_count" in context
            else selectors.proposal_count(user)
        ),
        "pause": selectors.open_pause(user),
        "individual_path": context.get("individual_path", False),
    }


@register.simple_tag
def repair_figures_text(figures: selectors.RepairFigures) -> str:
    from haven.moments.figures import figures_text

    return figures_text(figures)
