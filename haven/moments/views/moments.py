"""Rocky moments: one's own view, logged privately and shared on purpose."""

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
from haven.moments import selectors, services
from haven.moments.forms import MomentForm
from haven.moments.models import Moment
from haven.moments.views.common import base_context, cycle_url, language, list_rows, row


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    lang = language()
    mine, theirs = selectors.moments_for(request.user)
    context = base_context(request)
    context.update(
        {
            "mine": list_rows(mine, lang),
            "theirs": list_rows(theirs, lang),
            "proposals": selectors.proposals_for(request.user),
            "figures": selectors.repair_figures(request.user, own=mine),
            "pause": selectors.open_pause(request.user),
        }
    )
    return render(request, "moments/index.html", context)


def _form_context(form: MomentForm, **extra) -> dict:
    return {
        "form": form,
        "my_move_groups": form.move_groups("my_moves"),
        "partner_move_groups": form.move_groups("partner_moves"),
        "term_groups": form.term_groups(),
        **extra,
    }


@login_required
@require_http_methods(["GET", "POST"])
def new(request: HttpRequest) -> HttpResponse:
    form = MomentForm(request.POST or None, language=language())
    if request.method == "POST":
        if form.is_valid():
            moment = services.log_moment(author=request.user, **form.moment_data())
            messages.success(request, _("Saved. Only you can see this moment."))
            return redirect("moments:detail", pk=moment.pk)
        return render(request, "moments/form.html", _form_context(form), status=400)
    return render(request, "moments/form.html", _form_context(form))


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    moment = policy.get_or_404(request.user, Moment, Action.VIEW, pk=pk)
    lang = language()
    is_author = moment.author_id == request.user.pk
    link = selectors.link_for(request.user, moment)
    other = selectors.other_view(request.user, moment, link)
    context = base_context(request)
    view = row(moment, lang)
    context.update(
        {
            **view,
            "view": view,
            "is_author": is_author,
            "link": link,
            "link_is_mine": link is not None and link.author_id == request.user.pk,
            "other": row(other, lang) if other else None,
            "repair": selectors.own_repair(request.user, moment) if is_author else None,
            "repairs": [r for r in selectors.shared_repairs(request.user, moment) if not is_author],
            "underneath": selectors.underneath(request.user, lang) if is_author else None,
            "cycle_url": cycle_url() if is_author else "",
            "can_link": bool(
                is_author
                and link is None
                and not context["individual_path"]
                and context["partner"] is not None
            ),
        }
    )
    return render(request, "moments/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    moment = policy.get_or_404(request.user, Moment, Action.CHANGE, pk=pk)
    lang = language()
    form = MomentForm(request.POST or None, instance=moment, language=lang)
    if request.method == "POST":
        if form.is_valid():
            try:
                form.save_checked()
            except EditConflict as conflict:
                messages.error(request, CONFLICT_MESSAGE)
                context = _form_context(form, moment=moment, conflict=row(conflict.current, lang))
                return render(request, "moments/form.html", context, status=409)
            messages.success(request, _("Saved."))
            return redirect("moments:detail", pk=moment.pk)
        return render(request, "moments/form.html", _form_context(form, moment=moment), 400)
    return render(request, "moments/form.html", _form_context(form, moment=moment))


@login_required
@require_POST
def share(request: HttpRequest, pk: int) -> HttpResponse:
    moment = policy.get_or_404(request.user, Moment, Action.SHARE, pk=pk)
    shared = request.POST.get("shared") == "1"
    services.set_visibility(item=moment, shared=shared)
    if shared:
        messages.success(request, _("Shared with your partner."))
    else:
        messages.success(request, _("Only you can see this now."))
    return redirect("moments:detail", pk=moment.pk)


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    moment = policy.get_or_404(request.user, Moment, Action.DELETE, pk=pk)
    if request.method == "POST":
        services.delete_moment(moment=moment)
        messages.success(request, _("Deleted."))
        return redirect("moments:index")
    context = {"moment": moment, **row(moment, language())}
    return render(request, "moments/delete.html", context)
