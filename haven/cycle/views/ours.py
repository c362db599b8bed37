"""Our cycle: composed only when both partners shared their side."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from haven.core.editing import EditConflict
from haven.cycle import selectors, services, vocabulary
from haven.cycle.forms import NameForm
from haven.cycle.views.common import base_context, language


def _context(request: HttpRequest, form: NameForm | None = None) -> dict:
    lang = language()
    context = base_context(request)
    cycle = selectors.couple_cycle(request.user, lang)
    side = selectors.own_side(request.user)
    initial = (
        {"name": cycle.name.name, "revision": cycle.name.revision}
        if cycle is not None and cycle.name
        else None
    )
    context.update(
        {
            "cycle": cycle,
            "side": side,
            "theirs": selectors.partner_side(request.user),
            "name_text": vocabulary.prompt_text("name", lang),
            "also_called": vocabulary.pattern_text("also_called", lang),
            "enemy": vocabulary.pattern_text("enemy", lang),
            "name_form": form or NameForm(initial=initial),
        }
    )
    return context


@login_required
@require_GET
def our_cycle(request: HttpRequest) -> HttpResponse:
    return render(request, "cycle/ours.html", _context(request))


@login_required
@require_POST
def name(request: HttpRequest) -> HttpResponse:
    form = NameForm(request.POST)
    if selectors.couple_cycle(request.user) is None:
        messages.error(request, _("You can name your cycle once you have both shared your side."))
        return redirect("cycle:our")
    if not form.is_valid():
        return render(request, "cycle/ours.html", _context(request, form), status=400)
    try:
        services.set_cycle_name(
            user=request.user,
            name=form.cleaned_data["name"],
            seen_revision=form.cleaned_data["revision"],
        )
    except EditConflict as conflict:
        # Both texts on the page: the name saved meanwhile, and the typed one
        # in the form, which now goes through when sent again.
        data = request.POST.copy()
        data["revision"] = str(conflict.current.revision)
        context = _context(request, NameForm(data))
        context["conflict"] = conflict.current
        return render(request, "cycle/ours.html", context, status=409)
    except services.CycleError:
        messages.error(request, _("You can name your cycle once you have both shared your side."))
        return redirect("cycle:our")
    messages.success(request, _("Your cycle has a name now. Both of you can see it."))
    return redirect("cycle:our")
