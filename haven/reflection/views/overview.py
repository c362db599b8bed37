"""The start page of the reflection part and "our map"."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from haven.couples.selectors import current_partner
from haven.reflection import content, our_map
from haven.safety.selectors import individual_path


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    individual = individual_path(request.user)
    context = {
        "couple": not individual and current_partner(request.user) is not None,
        "spots": content.history().spots,
    }
    return render(request, "reflection/index.html", context)


@login_required
@require_GET
def map_page(request: HttpRequest) -> HttpResponse:
    context = {"map": our_map.build(request.user), "texts": content.map_texts()}
    return render(request, "reflection/map.html", context)
