"""The pause: "we're flooding". A break of at least 20 minutes with a promise to return.

Haven never contacts the partner: it shows a message the person can pass on
however they like, and reminds the person (in the app only) when it is time.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from haven.core import policy
from haven.core.navigation import safe_next
from haven.core.policy import Action
from haven.moments import content, selectors, services
from haven.moments.forms import PauseForm
from haven.moments.models import MIN_PAUSE_MINUTES, Pause
from haven.moments.views.common import language


def _guide(lang: str) -> dict:
    breathe_in, breathe_out = content.rhythm()
    return {
        "breathing": content.breathing(lang),
        "breathe_in": breathe_in,
        "breathe_out": breathe_out,
        "during_text": content.pause_text("during", lang),
    }


@login_required
@require_http_methods(["GET", "POST"])
def pause(request: HttpRequest) -> HttpResponse:
    lang = language()
    form = PauseForm(request.POST or None, language=lang)
    if request.method == "POST" and form.is_valid():
        try:
            started = services.start_pause(
                author=request.user,
                minutes=form.cleaned_data["minutes"],
                at=form.cleaned_data["at"],
                message_key=form.cleaned_data["message"],
                language=lang,
            )
        except services.PauseTooShort:
            form.add_error("at", _("Choose a time at least 20 minutes from now, and within a day."))
        else:
            return redirect("moments:pause_detail", pk=started.pk)
    context = {
        **_guide(lang),
        "form": form,
        "intro_text": content.pause_text("intro", lang),
        "promise_text": content.pause_text("promise", lang),
        "seconds": MIN_PAUSE_MINUTES * 60,
        "earliest": services.time_text(services.earliest_return()),
        "running": selectors.open_pause(request.user),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "moments/pause.html", context, status=status)


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    found = policy.get_or_404(request.user, Pause, Action.VIEW, pk=pk)
    lang = language()
    context = {
        **_guide(lang),
        "pause": found,
        "return_text": services.time_text(found.return_at),
        "promise_text": content.pause_text("promise", lang),
        "back_text": content.pause_text("back", lang),
    }
    return render(request, "moments/pause_detail.html", context)


@login_required
@require_POST
def done(request: HttpRequest, pk: int) -> HttpResponse:
    found = policy.get_or_404(request.user, Pause, Action.CHANGE, pk=pk)
    services.end_pause(pause=found)
    messages.success(request, content.pause_text("back", language()))
    return redirect(safe_next(request, reverse("moments:index")))
