"""Sensitive spots: one page each, private until shared."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from haven.core import policy
from haven.core.editing import CONFLICT_MESSAGE, EditConflict
from haven.core.policy import Action
from haven.couples.selectors import current_partner
from haven.reflection import content, selectors, services
from haven.reflection.forms import ShareForm, SpotForm
from haven.reflection.models import SensitiveSpot


def _form(data=None, instance=None) -> SpotForm:
    return SpotForm(data, instance=instance, prompts=content.history().spots)


@login_required
@require_GET
def spot_list(request: HttpRequest) -> HttpResponse:
    partner = current_partner(request.user)
    context = {
        "intro": content.history().spots,
        "mine": selectors.spots_for(request.user, request.user),
        "partner": partner,
        "theirs": selectors.spots_for(request.user, partner) if partner is not None else [],
    }
    return render(request, "reflection/spot_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def spot_new(request: HttpRequest) -> HttpResponse:
    form = _form(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            fields = {k: v for k, v in form.cleaned_data.items() if k != "revision"}
            spot = services.create_spot(author=request.user, **fields)
            messages.success(request, _("Saved."))
            return redirect("reflection:spot_detail", pk=spot.pk)
        return render(request, "reflection/spot_form.html", {"form": form}, status=400)
    return render(request, "reflection/spot_form.html", {"form": form})


@login_required
@require_GET
def spot_detail(request: HttpRequest, pk: int) -> HttpResponse:
    spot = policy.get_or_404(request.user, SensitiveSpot, Action.VIEW, pk=pk)
    prompts = content.history().spots.prompts
    context = {
        "spot": spot,
        "rows": [(prompt, getattr(spot, prompt.key)) for prompt in prompts if prompt.key != "name"],
        "is_author": spot.author_id == request.user.pk,
    }
    return render(request, "reflection/spot_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def spot_edit(request: HttpRequest, pk: int) -> HttpResponse:
    spot = policy.get_or_404(request.user, SensitiveSpot, Action.CHANGE, pk=pk)
    form = _form(request.POST or None, instance=spot)
    context = {"form": form, "spot": spot}
    if request.method == "POST":
        if form.is_valid():
            try:
                form.save_checked()
            except EditConflict as conflict:
                # Keep what was typed, show the saved version, and let the next
                # save start from the revision that is stored now.
                data = request.POST.copy()
                data["revision"] = str(conflict.current.revision)
                messages.error(request, CONFLICT_MESSAGE)
                context.update(form=_form(data, instance=spot), conflict=conflict.current)
                return render(request, "reflection/spot_form.html", context, status=409)
            messages.success(request, _("Saved."))
            return redirect("reflection:spot_detail", pk=spot.pk)
        return render(request, "reflection/spot_form.html", context, status=400)
    return render(request, "reflection/spot_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def spot_delete(request: HttpRequest, pk: int) -> HttpResponse:
    spot = policy.get_or_404(request.user, SensitiveSpot, Action.DELETE, pk=pk)
    if request.method == "POST":
        spot.delete()
        messages.success(request, _("Deleted."))
        return redirect("reflection:spots")
    return render(request, "reflection/spot_delete.html", {"spot": spot})


@login_required
@require_POST
def spot_share(request: HttpRequest, pk: int) -> HttpResponse:
    spot = policy.get_or_404(request.user, SensitiveSpot, Action.SHARE, pk=pk)
    form = ShareForm(request.POST)
    shared = form.is_valid() and form.cleaned_data["shared"]
    services.set_visibility(item=spot, shared=shared)
    if shared:
        messages.success(request, _("Shared with your partner."))
    else:
        messages.success(request, _("Only you can see this now."))
    return redirect("reflection:spot_detail", pk=spot.pk)
