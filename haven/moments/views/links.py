"""Linking two views of the same moment: proposed by one, active once the other agrees."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from haven.core import policy
from haven.core.policy import Action
from haven.moments import selectors, services
from haven.moments.forms import LinkForm
from haven.moments.models import Moment, MomentLink
from haven.moments.views.common import base_context, language, row


def _label(moment: Moment, lang: str) -> str:
    when = formats.date_format(timezone.localtime(moment.happened_at), "DATETIME_FORMAT")
    topic = row(moment, lang)["topic"]
    return f"{when} · {topic}" if topic else when


@login_required
@require_http_methods(["GET", "POST"])
def propose(request: HttpRequest, pk: int) -> HttpResponse:
    moment = policy.get_or_404(request.user, Moment, Action.SHARE, pk=pk)
    lang = language()
    candidates = selectors.link_candidates(request.user, moment)
    form = LinkForm(request.POST or None, candidates=[(m.pk, _label(m, lang)) for m in candidates])
    context = base_context(request)
    context.update(
        {
            **row(moment, lang),
            "form": form,
            "candidates": candidates,
            "link": selectors.link_for(request.user, moment),
        }
    )
    if request.method == "POST":
        if form.is_valid():
            other = policy.get_or_404(
                request.user, Moment, Action.VIEW, pk=form.cleaned_data["other"]
            )
            try:
                services.propose_link(author=request.user, moment=moment, other=other)
            except services.LinkRefused:
                messages.error(
                    request,
                    _("These two views cannot be linked. Both must be shared and not linked yet."),
                )
                return render(request, "moments/link.html", context, status=400)
            messages.success(
                request,
                _("Your partner can now agree to link the two views. Until then, nothing changes."),
            )
            return redirect("moments:detail", pk=moment.pk)
        return render(request, "moments/link.html", context, status=400)
    return render(request, "moments/link.html", context)


def _back(request: HttpRequest, link: MomentLink) -> HttpResponse:
    mine = link.other if link.other.author_id == request.user.pk else link.moment
    return redirect("moments:detail", pk=mine.pk)


@login_required
@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    """The partner's answer to a proposal: agree, decline, or later undo."""
    link = policy.get_or_404(request.user, MomentLink, Action.ANSWER, pk=pk)
    decision = request.POST.get("decision")
    back = _back(request, link)
    if decision == "accept":
        services.accept_link(user=request.user, link=link)
        messages.success(
            request, _("Linked. Each of you sees the other's view while it is shared.")
        )
    elif decision in ("decline", "undo"):
        services.undo_link(user=request.user, link=link)
        messages.success(request, _("The two views are not linked."))
    return back


@login_required
@require_POST
def undo(request: HttpRequest, pk: int) -> HttpResponse:
    """The proposer withdraws the proposal or undoes the link."""
    link = policy.get_or_404(request.user, MomentLink, Action.DELETE, pk=pk)
    back = _back(request, link)
    services.undo_link(user=request.user, link=link)
    messages.success(request, _("The two views are not linked."))
    return back
